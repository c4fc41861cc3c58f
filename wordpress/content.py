"""WordPress post content to Newsroom HTML: shortcodes, blocks, paragraphs.

The order follows WordPress: shortcodes are expanded, block comments dropped,
classic (non-block) content gets its paragraphs from blank lines (wpautop),
and the result passes through the editor's sanitizer.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Callable

from django.utils.html import escape, strip_tags

from articles.sanitize import clean_html

from .wxr import Attachment

# Block-level tags around which wpautop neither wraps paragraphs nor adds <br>.
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
    r"|audio|video|source|iframe|object|embed|script|noscript)"
)
_BLOCK_OPEN = re.compile(rf"(<{_BLOCK}[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK}>)", re.IGNORECASE)
_BLOCK_TAG = rf"</?{_BLOCK}[^>]*>"
# Kept as they are: preformatted text, and figures (whose insides are not paragraphs).
_PRE = re.compile(r"<pre[\s>].*?</pre>|<figure[\s>].*?</figure>", re.IGNORECASE | re.DOTALL)
_TAG_WITH_NEWLINES = re.compile(r"<[^<>]*\n[^<>]*>")

# <!-- wp:paragraph {"x":1} -->, <!-- /wp:paragraph -->, <!-- wp:spacer /-->,
# and the classic editor's <!--more--> and <!--nextpage-->.
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->|<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.S)

# Shortcodes WordPress itself registers, removed or converted even without attributes.
_CORE_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
# The opening tag only; its closing tag is looked for separately, and only for
# names that are closed somewhere, so many unclosed shortcodes stay linear.
_SHORTCODE_OPEN = re.compile(r"\[(\[?)([a-zA-Z][\w-]*)((?:\s[^\]]*?)?)(/?)\](\]?)")
_CLOSING_NAME = re.compile(r"\[/([a-zA-Z][\w-]*)\]")
_URL_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"']+)(\s*)$", re.MULTILINE)
_ALIGN_CLASSES = {
    "alignleft": "image-style-align-left",
    "alignright": "image-style-align-right",
    "aligncenter": "image-style-align-center",
}
_LEADING_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)


def parse_attributes(text: str) -> dict[str, str]:
    """Shortcode attributes: ``id="a" width=600 'x'`` → ``{"id": "a", "width": "600"}``."""
    attributes: dict[str, str] = {}
    try:
        parts = shlex.split(html.unescape(text.strip()))
    except ValueError:
        parts = text.split()
    for position, part in enumerate(parts):
        key, sep, value = part.partition("=")
        if sep:
            attributes[key.strip().lower()] = value.strip()
        else:
            attributes[str(position)] = part
    return attributes


def _figure(image_html: str, caption: str, align: str = "") -> str:
    classes = " ".join(filter(None, ["image", _ALIGN_CLASSES.get(align, "")]))
    caption_html = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f'\n\n<figure class="{classes}">{image_html.strip()}{caption_html}</figure>\n\n'


def convert_caption(attributes: dict[str, str], inner: str) -> str:
    """``[caption]<img> Text[/caption]`` → ``<figure><img><figcaption>Text``."""
    match = _LEADING_IMAGE.match(inner)
    image_html, caption = (match.group(1), match.group(2)) if match else ("", inner)
    caption = attributes.get("caption") or caption
    if not image_html:
        # A caption without an image is just text; keep it as a paragraph.
        return f"\n\n{caption.strip()}\n\n" if caption.strip() else ""
    return _figure(image_html, caption, attributes.get("align", ""))


def convert_gallery(attributes: dict[str, str], attachments: list[Attachment]) -> str:
    """A gallery becomes a list of figures; without images it disappears."""
    if not attachments:
        return ""
    items = []
    for attachment in attachments:
        alt = attachment.alt or attachment.title
        image = f'<img src="{escape(attachment.url)}" alt="{escape(alt)}">'
        caption = (
            f"<figcaption>{escape(attachment.caption)}</figcaption>" if (attachment.caption) else ""
        )
        items.append(f'<li><figure class="image">{image}{caption}</figure></li>')
    return "\n\n<ul>" + "".join(items) + "</ul>\n\n"


def _link(url: str) -> str:
    url = url.strip()
    if not re.match(r"^https?://", url):
        return ""
    return f'<a href="{escape(url)}">{escape(url)}</a>'


GalleryLookup = Callable[[dict[str, str]], list[Attachment]]


def expand_shortcodes(text: str, gallery: GalleryLookup | None = None) -> str:
    """Replace known shortcodes with HTML and remove the others without debris.

    Bracketed words without attributes or a closing tag (``[sic]``, ``[1]``)
    are ordinary text, not shortcodes, and stay.
    """
    closed_names = set(_CLOSING_NAME.findall(text))
    output: list[str] = []
    position = 0
    while match := _SHORTCODE_OPEN.search(text, position):
        escaped_open, name, raw_attributes, self_closing, escaped_close = match.groups()
        output.append(text[position : match.start()])
        if escaped_open and escaped_close:
            # [[caption]] is WordPress's way of writing a literal [caption].
            output.append(match.group(0)[1:-1])
            position = match.end()
            continue
        if escaped_open:
            output.append("[")
            position = match.start() + 1
            continue
        end, inner = match.end() - len(escaped_close), None
        if not self_closing and name in closed_names:
            closing = text.find(f"[/{name}]", end)
            if closing != -1:
                inner, end = text[end:closing], closing + len(name) + 3
        output.append(_render_shortcode(match.group(0)[: end - match.start()], name,
                                        raw_attributes, inner, gallery))  # fmt: skip
        position = end
    output.append(text[position:])
    return _CLOSING_NAME.sub("", "".join(output))


def _render_shortcode(
    original: str, name: str, raw_attributes: str, inner: str | None, gallery
) -> str:
    lower = name.lower()
    attributes = parse_attributes(raw_attributes or "")
    is_shortcode = (
        lower in _CORE_SHORTCODES
        or bool(raw_attributes and raw_attributes.strip())
        or inner is not None
        or "_" in name
        or "-" in name
    )
    if not is_shortcode:
        return original
    inner = inner or ""
    if lower in {"caption", "wp_caption"}:
        return convert_caption(attributes, expand_shortcodes(inner, gallery))
    if lower == "gallery":
        return convert_gallery(attributes, gallery(attributes) if gallery else [])
    if lower == "embed":
        return f"\n\n{_link(inner)}\n\n"
    if lower in {"audio", "video"}:
        keys = ("src", "mp3", "mp4", "m4a", "ogg", "webm")
        source = next((attributes[k] for k in keys if k in attributes), "")
        return f"\n\n{_link(source)}\n\n" if source else ""
    # Unknown enclosing shortcode: keep what it wraps, drop the brackets.
    return expand_shortcodes(inner, gallery)


def remove_block_comments(text: str) -> str:
    return _BLOCK_COMMENT.sub("", text)


def autop(text: str) -> str:
    """WordPress's wpautop: blank lines make paragraphs, single newlines <br>.

    Newlines next to block-level tags and inside <pre> are left alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    preserved: list[str] = []

    def keep(match: re.Match) -> str:
        preserved.append(match.group(0))
        return f"<!--pre{len(preserved) - 1}-->"

    text = _PRE.sub(keep, text)
    # Newlines inside a tag (attributes over several lines) are not line breaks.
    text = _TAG_WITH_NEWLINES.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = text.replace("<!--pre", "\n\n<!--pre").replace("-->", "-->\n\n")
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    chunks = [chunk.strip("\n") for chunk in text.split("\n\n")]
    html_out = "".join(f"<p>{chunk}</p>\n" for chunk in chunks if chunk.strip())
    html_out = re.sub(r"<p>\s*</p>", "", html_out)
    html_out = re.sub(r"<p>(<!--pre\d+-->)</p>", r"\1", html_out)
    html_out = re.sub(rf"<p>\s*({_BLOCK_TAG})\s*</p>", r"\1", html_out, flags=re.I)
    html_out = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", html_out, flags=re.I)
    html_out = html_out.replace("</blockquote></p>", "</p></blockquote>")
    html_out = re.sub(rf"<p>\s*({_BLOCK_TAG})", r"\1", html_out, flags=re.I)
    html_out = re.sub(rf"({_BLOCK_TAG})\s*</p>", r"\1", html_out, flags=re.I)
    # Remaining single newlines are line breaks, except next to block tags.
    html_out = re.sub(r"(?<!<br>)\s*\n(?!$)", "<br>\n", html_out.rstrip("\n")) + "\n"
    html_out = re.sub(rf"({_BLOCK_TAG})\s*<br>", r"\1", html_out, flags=re.I)
    html_out = re.sub(
        r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol|figure|figcaption)[^>]*>)",
        r"\1",
        html_out,
        flags=re.I,
    )
    html_out = re.sub(r"<br>(\s*<!--pre\d+-->)", r"\1", html_out)
    html_out = re.sub(r"(<!--pre\d+-->)\s*<br>", r"\1", html_out)
    return re.sub(r"<!--pre(\d+)-->", lambda m: preserved[int(m.group(1))], html_out)


def link_bare_urls(text: str) -> str:
    """A URL alone on its line was an auto-embed in WordPress: make it a link."""
    return _URL_LINE.sub(lambda m: f"{m.group(1)}{_link(m.group(2))}{m.group(3)}", text)


_MEDIA_ATTRIBUTE = re.compile(r"(<(?:img|a)\b[^>]*?\s(?:src|href)=)([\"'])(.*?)\2", re.I | re.S)

ImageLookup = Callable[[str], str | None]


def rewrite_media(text: str, image_url: ImageLookup) -> str:
    """Point images (and links to them) at their imported copies where there are some."""

    def replace(match: re.Match) -> str:
        new_url = image_url(html.unescape(match.group(3)))
        if not new_url:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{escape(new_url)}{match.group(2)}"

    return _MEDIA_ATTRIBUTE.sub(replace, text)


def has_blocks(text: str) -> bool:
    return "<!-- wp:" in text


def convert(
    text: str, gallery: GalleryLookup | None = None, image_url: ImageLookup | None = None
) -> str:
    """The full conversion of a post's content to clean, stored HTML."""
    if not text or not text.strip():
        return ""
    block_content = has_blocks(text)
    text = remove_block_comments(text)
    text = expand_shortcodes(text, gallery)
    text = link_bare_urls(text)
    if image_url:
        text = rewrite_media(text, image_url)
    if not block_content:
        # Block content is already HTML; only classic content needs paragraphs.
        text = autop(text)
    text = demote_headings(text)
    return _collapse_blank_lines(clean_html(text))


def _collapse_blank_lines(html_text: str) -> str:
    """Blank lines left where blocks were removed go; those inside <pre> stay."""
    parts = re.split(r"(<pre[\s>].*?</pre>)", html_text, flags=re.S | re.I)
    return "".join(
        part if part.lower().startswith("<pre") else re.sub(r"\n\s*\n+", "\n", part)
        for part in parts
    )


def demote_headings(text: str) -> str:
    """The editor offers h2 to h4: h1 (the page title's level) and h5/h6 fold into them."""
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.I)
    return re.sub(r"<(/?)h[56]\b", r"<\1h4", text, flags=re.I)


def plain_text(html_text: str) -> str:
    """Text of an HTML fragment with entities decoded and whitespace collapsed."""
    text = strip_tags(re.sub(r"<(?:br|/p|/li|/h\d|/figcaption)[^>]*>", " ", html_text or ""))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary so it fits ``limit`` characters with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"
