"""The rich-text allow-list: the one place that decides which HTML may be stored.

Everything an editor (or an importer) writes passes through ``clean_html``
before it is saved, so templates may render the stored body as it is.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "picture",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "code", "pre",
    "span",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "figure": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "span": {"lang"},
    "p": {"lang"},
    "blockquote": {"cite"},
}

# CKEditor marks figures with these classes; anything else is dropped.
ALLOWED_FIGURE_CLASSES = {"image", "table", "image-style-side", "image-style-align-left",
                          "image-style-align-right", "image-style-align-center"}  # fmt: skip

URL_SCHEMES = {"http", "https", "mailto"}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "figure" and attribute == "class":
        kept = [name for name in value.split() if name in ALLOWED_FIGURE_CLASSES]
        return " ".join(kept) or None
    if tag == "img" and attribute in {"width", "height"}:
        return value if value.isdigit() else None
    return value


def clean_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list, with safe links only."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    ).strip()
