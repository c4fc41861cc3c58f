"""Site-wide template helpers."""

import hashlib
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
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


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The address of page ``number`` of this listing, other parameters kept."""
    from foundation.addresses import page_link

    return page_link(context["request"], int(number))


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
    image = structured_data.share_image(article) if article is not None else None
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


@register.simple_tag(takes_context=True)
def page_shows(context, *tags: str) -> str:
    """Tell the page cache that this page shows ``tags`` (e.g. "comments")."""
    from newsroom.cache import depends_on

    depends_on(context.get("request"), *tags)
    return ""


class SharedFragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, tags, by):
        self.nodelist, self.name, self.tags, self.by = nodelist, name, tags, by

    def render(self, context) -> str:
        from newsroom.cache import SITE, fragment

        tags = [str(tag.resolve(context)) for tag in self.tags]
        key = [self.name.resolve(context), *tags]
        if self.by:
            values = "\n".join(str(value.resolve(context)) for value in self.by)
            key.append(hashlib.md5(values.encode(), usedforsecurity=False).hexdigest())
        return fragment(
            context.get("request"),
            ":".join(key),
            lambda: self.nodelist.render(context),
            tags=[*tags, SITE],
        )


@register.tag
def shared_fragment(parser, token):
    """A part of a page kept in the cache, for every reader alike.

    {% shared_fragment "name" tag… [by value…] %}…{% endshared_fragment %}:
    the part is made once and reused until one of the page-cache tags
    (``article:12``…) or ``site`` changes; see ``newsroom.cache.fragment``.
    Values after ``by`` are what else the part shows (one copy is kept for
    each). Only for what every reader sees alike: nothing from ``request.GET``,
    the session or a form's errors inside, unless it is one of the ``by`` values.
    """
    bits = token.split_contents()
    if len(bits) < 3 or bits[2] == "by":
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name and at least one tag.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    by = []
    if "by" in bits:
        at = bits.index("by")
        bits, by = bits[:at], [parser.compile_filter(bit) for bit in bits[at + 1 :]]
    name, *tags = (parser.compile_filter(bit) for bit in bits[1:])
    return SharedFragmentNode(nodelist, name, tags, by)
