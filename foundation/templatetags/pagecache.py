"""Template tags of the page cache: shared parts of pages, and what a page shows.

{% load pagecache %} gives {% shared_fragment %}, {% page_shows %},
{% csrf_field_for_cached_page %} and {% page_url %}.
"""

import hashlib

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

from foundation import pagecache
from foundation.addresses import page_link

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The address of page ``number`` of this listing, other parameters kept."""
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
        token = get_token(request)
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}" data-csrf-refresh>', token
    )


@register.simple_tag(takes_context=True)
def page_shows(context, *tags: str) -> str:
    """Tell the page cache that this page shows ``tags`` (e.g. "comments")."""
    pagecache.depends_on(context.get("request"), *tags)
    return ""


class SharedFragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, tags, by):
        self.nodelist, self.name, self.tags, self.by = nodelist, name, tags, by

    def render(self, context) -> str:
        tags = [str(tag.resolve(context)) for tag in self.tags]
        key = [self.name.resolve(context), *tags]
        if self.by:
            values = "\n".join(str(value.resolve(context)) for value in self.by)
            key.append(hashlib.md5(values.encode(), usedforsecurity=False).hexdigest())
        return pagecache.fragment(
            context.get("request"),
            ":".join(key),
            lambda: self.nodelist.render(context),
            tags=[*tags, pagecache.SITE],
        )


@register.tag
def shared_fragment(parser, token):
    """A part of a page kept in the cache, for every reader alike.

    {% shared_fragment "name" [tag…] [by value…] %}…{% endshared_fragment %}:
    the part is made once and reused until one of the page-cache tags given
    (``article:12``…), one that a tag inside declared with ``depends_on``, or
    ``site`` changes; see ``foundation.pagecache.fragment``.
    Values after ``by`` are what else the part shows (one copy is kept for
    each). Only for what every reader sees alike: nothing from ``request.GET``,
    the session or a form's errors inside, unless it is one of the ``by`` values.
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1] == "by":
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    by = []
    if "by" in bits:
        at = bits.index("by")
        bits, by = bits[:at], [parser.compile_filter(bit) for bit in bits[at + 1 :]]
    name, *tags = (parser.compile_filter(bit) for bit in bits[1:])
    return SharedFragmentNode(nodelist, name, tags, by)
