"""Site-wide template helpers."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from articles import structured_data
from articles.links import absolute_static, absolute_url

register = template.Library()


@register.simple_tag
def date_line(value=None) -> str:
    """A long, localized date such as "Mittwoch, 4. Dezember 2024"."""
    value = timezone.localtime(value) if value else timezone.localtime()
    # Translators: the date line in the page header and above articles
    # (Django date format: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date).
    return format_date(value, pgettext("date line", "l, F j, Y"))


# Characters that could end a <script> element or open a comment in it.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> SafeString:
    """``data`` as a JSON-LD <script>, safe even when a title contains ``</script>``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's absolute address on SITE_URL, keeping only the page number."""
    request = context["request"]
    url = absolute_url(request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


@register.inclusion_tag("partials/social_meta.html", takes_context=True)
def social_meta(context, title="", description="", article=None, kind="website") -> dict:
    """Meta description, canonical link, Open Graph and Twitter Card tags."""
    image = structured_data.image_for_sharing(article) if article is not None else None
    if image is None:
        image = {
            "url": absolute_static(structured_data.LOGO_PATH),
            "width": structured_data.LOGO_WIDTH,
            "height": structured_data.LOGO_HEIGHT,
            "type": "image/png",
            "alt": settings.SITE_NAME,
            "is_logo": True,
        }
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "SITE_NAME": settings.SITE_NAME,
        "title": title or settings.SITE_NAME,
        "description": description
        or _("The latest news from %(site)s.") % {"site": settings.SITE_NAME},
        "canonical": canonical_url(context),
        "kind": kind,
        "article": article,
        "image": image,
        "locale": {"de": "de_DE", "en": "en_US"}.get(language, language),
    }
