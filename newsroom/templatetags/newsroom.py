"""Site-wide template helpers."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def date_line(value=None) -> str:
    """A long, localized date such as "Mittwoch, 4. Dezember 2024"."""
    value = timezone.localtime(value) if value else timezone.localtime()
    # Translators: the date line in the page header and above articles
    # (Django date format: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date).
    return format_date(value, pgettext("date line", "l, F j, Y"))


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current address with ``?page=`` set to ``number``, other parameters kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def csrf_field_for_cached_page(context) -> str:
    """A CSRF field that keeps the page cacheable: filled by static/js/forms.js.

    When the page is rendered in answer to a failed submission (the view
    was wrapped in ``csrf_retry``), the field carries a real token at once.
    """
    request = context.get("request")
    token = ""
    if request is not None and getattr(request, "csrf_failed", False):
        from django.middleware.csrf import get_token

        token = get_token(request)
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}" data-csrf-refresh>', token
    )
