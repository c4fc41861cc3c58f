"""Commenters write plain text: escape it, keep its line breaks, link its addresses."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

URL_PATTERN = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence rather than an address.
TRAILING = ".,;:!?)]}"


def _link(url: str) -> tuple[str, str]:
    """The address as a link, and what trailed it."""
    trail = ""
    while url and url[-1] in TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trail = url[-1] + trail
        url = url[:-1]
    href = url if "://" in url else f"https://{url}"
    return format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', href, url), trail


def linkify(line: str) -> str:
    parts, last = [], 0
    for match in URL_PATTERN.finditer(line):
        parts.append(escape(line[last : match.start()]))
        link, trail = _link(match.group(0))
        parts.append(link + escape(trail))
        last = match.end()
    parts.append(escape(line[last:]))
    return "".join(parts)


def render_text(text: str) -> SafeString:
    """Paragraphs at blank lines, <br> at single line breaks, links for addresses."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece was escaped above.
