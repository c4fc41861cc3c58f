"""Streaming reader for WordPress exports (WXR 1.0 to 1.2).

The file is read with ``iterparse`` and every top-level element is cleared as
soon as it has been turned into a plain record, so memory stays flat however
large the export is. ``read_index`` is the first pass (authors, terms,
attachments, counts); ``iter_posts`` is the second (one ``Post`` at a time).
"""

from __future__ import annotations

import codecs
import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

# WordPress has written http:// and https:// variants of its namespaces.
_NAMESPACE_PREFIXES = [
    (re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$"), "excerpt"),
    (re.compile(r"^https?://wordpress\.org/export/1\.\d+/$"), "wp"),
    (re.compile(r"^http://purl\.org/rss/1\.0/modules/content/$"), "content"),
    (re.compile(r"^http://purl\.org/dc/elements/1\.1/$"), "dc"),
]
_SNIFF_BYTES = 64 * 1024
_BYTE_ORDER_MARKS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: str = ""


@dataclass
class Term:
    """A category or tag as declared in the channel."""

    wp_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Attachment:
    wp_id: int
    title: str
    url: str
    parent: int = 0
    menu_order: int = 0
    caption: str = ""
    alt: str = ""
    attached_file: str = ""


@dataclass
class Comment:
    wp_id: int
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date_gmt: datetime | None
    date: datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "" or "comment", "pingback", "trackback"
    parent: int
    user_id: int


@dataclass
class Post:
    wp_id: int
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: datetime | None
    date: datetime | None
    pub_date: str
    slug: str
    status: str
    comment_status: str
    password: str
    is_sticky: bool
    parent: int
    # (domain, nicename, name) as listed on the item, in document order.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def terms_in(self, domain: str) -> list[tuple[str, str]]:
        return [(slug, name) for d, slug, name in self.terms if d == domain]


@dataclass
class ExportIndex:
    """What the first pass learns: everything but the posts themselves."""

    wxr_version: str = ""
    site_url: str = ""
    title: str = ""
    authors: list[Author] = field(default_factory=list)
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    other_terms: Counter = field(default_factory=Counter)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    items_by_type: Counter = field(default_factory=Counter)

    def gallery_of(self, post_id: int) -> list[Attachment]:
        """The attachments uploaded to a post, in gallery order."""
        found = [a for a in self.attachments.values() if a.parent == post_id]
        return sorted(found, key=lambda a: (a.menu_order, a.wp_id))


def _prefix(uri: str) -> str:
    for pattern, prefix in _NAMESPACE_PREFIXES:
        if pattern.match(uri):
            return prefix
    return uri


@functools.lru_cache(maxsize=512)
def _name(tag: str) -> str:
    """``{http://wordpress.org/export/1.2/}post_id`` → ``wp:post_id``."""
    if tag.startswith("{"):
        uri, _sep, local = tag[1:].partition("}")
        return f"{_prefix(uri)}:{local}"
    return tag


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element: ET.Element) -> dict[str, ET.Element]:
    """First child per (normalised) name; repeated children are read separately."""
    found: dict[str, ET.Element] = {}
    for child in element:
        found.setdefault(_name(child.tag), child)
    return found


def _int(value: str) -> int:
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        return 0


def parse_wp_date(value: str) -> datetime | None:
    """``2012-01-03 17:11:37`` as a naive datetime; None for WordPress's zero date."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value else None


def _sniff(path: Path) -> None:
    """Give a clear reason for files that are obviously not an export.

    Only a courtesy: what is dangerous in XML (a document type declaring
    entities) is refused by the parser, wherever it stands and in any encoding.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise WXRError(_("The file cannot be read: %(error)s") % {"error": error}) from None
    if not head.strip():
        raise WXRError(_("The file is empty."))
    if head.startswith(b"\x1f\x8b") or head.startswith(b"PK\x03\x04"):
        raise WXRError(
            _("The file is compressed (gzip or zip). Please unpack it and import the .xml file.")
        )
    encoding = "latin-1"  # enough to recognise markup in any 8-bit encoding
    for bom, name in _BYTE_ORDER_MARKS:
        if head.startswith(bom):
            head, encoding = head[len(bom) :], name
    if b"\x00" in head and not encoding.startswith("utf-16"):
        raise WXRError(_("This is a binary file, not a WordPress export (an .xml file)."))
    text_start = head.decode(encoding, errors="replace").lstrip(" \t\r\n").lower()
    if text_start.startswith(("<!doctype html", "<html")):
        raise WXRError(
            _("This is an HTML page, not a WordPress export. In WordPress, use Tools → Export.")
        )
    if not text_start.startswith("<"):
        raise WXRError(_("This is not an XML file, so it cannot be a WordPress export."))


def _events(stream: BinaryIO) -> Iterator[tuple[str, object]]:
    """The one way an export is parsed: ``iterparse`` events of a binary stream.

    defusedxml refuses a document type declaration (DTD) as soon as the parser
    meets it, whatever the encoding and however far into the file: WordPress
    exports never have one, and a DTD is where entities that expand to
    gigabytes ("billion laughs") or read local files (external entities) are
    declared. A repair of the stream (a pre-pass) would wrap ``stream`` here.
    """
    return SafeET.iterparse(
        stream,
        events=("start", "end", "start-ns"),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )


class _Reader:
    """Iterates over the channel's direct children, clearing each when done."""

    def __init__(self, path: Path):
        self.path = path
        self.namespaces: set[str] = set()
        self.channel: ET.Element | None = None

    def children(self) -> Iterator[tuple[str, ET.Element]]:
        _sniff(self.path)
        try:
            with self.path.open("rb") as stream:
                yield from self._channel_children(_events(stream))
        except DefusedXmlException:
            raise WXRError(
                _("The file declares a document type; WordPress exports do not, so it is refused.")
            ) from None
        except ET.ParseError as error:
            line, column = error.position
            if "no element found" in str(error) or "unclosed token" in str(error):
                raise WXRError(
                    _(
                        "The file ends unexpectedly at line %(line)s: it is incomplete "
                        "(truncated). Please export it again."
                    )
                    % {"line": line}
                ) from None
            raise WXRError(
                _(
                    "The file is not valid XML at line %(line)s, column %(column)s (%(reason)s). "
                    "If it was edited or saved in another encoding, export it again from "
                    "WordPress."
                )
                % {"line": line, "column": column, "reason": str(error).split(":")[0]}
            ) from None
        except (UnicodeError, LookupError, ValueError) as error:
            raise WXRError(
                _("The file's text encoding cannot be read (%(error)s).") % {"error": error}
            ) from None
        if self.channel is None:
            raise WXRError(_("This XML file is not a WordPress export: it has no channel."))

    def _channel_children(self, events) -> Iterator[tuple[str, ET.Element]]:
        depth = 0
        for event, payload in events:
            if event == "start-ns":
                self.namespaces.add(_prefix(payload[1]))
                continue
            element = payload
            if event == "start":
                depth += 1
                if depth == 1 and _name(element.tag) != "rss":
                    raise WXRError(
                        _(
                            "This XML file is not a WordPress export: it starts with "
                            "<%(tag)s>, an export starts with <rss>."
                        )
                        % {"tag": _name(element.tag)[:40]}
                    )
                if depth == 2 and _name(element.tag) == "channel":
                    self.channel = element
                continue
            depth -= 1
            if depth == 2 and self.channel is not None:
                if "wp" not in self.namespaces:
                    raise WXRError(
                        _(
                            "This is an RSS feed, not a WordPress export: the WordPress "
                            "export namespace is missing."
                        )
                    )
                yield _name(element.tag), element
                # The records were taken; drop the elements so memory stays flat.
                self.channel.clear()


def _fields(element: ET.Element, **names: str) -> dict[str, str]:
    """Texts of the named children: ``_fields(e, login="wp:author_login")``."""
    children = _children(element)
    return {field_name: _text(children.get(tag)) for field_name, tag in names.items()}


# Record fields and the WXR elements they are read from.
_AUTHOR_FIELDS = {
    "login": "wp:author_login",
    "email": "wp:author_email",
    "display_name": "wp:author_display_name",
    "first_name": "wp:author_first_name",
    "last_name": "wp:author_last_name",
    "wp_id": "wp:author_id",
}
_CATEGORY_FIELDS = {
    "wp_id": "wp:term_id",
    "slug": "wp:category_nicename",
    "name": "wp:cat_name",
    "parent_slug": "wp:category_parent",
    "description": "wp:category_description",
}
_TAG_FIELDS = {
    "wp_id": "wp:term_id",
    "slug": "wp:tag_slug",
    "name": "wp:tag_name",
    "description": "wp:tag_description",
}


def _read_meta(element: ET.Element) -> dict[str, str]:
    meta = {}
    for child in element:
        if _name(child.tag) == "wp:postmeta":
            c = _children(child)
            meta[_text(c.get("wp:meta_key"))] = (
                (c.get("wp:meta_value").text or "").strip()
                if (c.get("wp:meta_value") is not None)
                else ""
            )
    return meta


def _read_comment(element: ET.Element) -> Comment:
    c = _children(element)
    return Comment(
        wp_id=_int(_text(c.get("wp:comment_id"))),
        author=_text(c.get("wp:comment_author")),
        author_email=_text(c.get("wp:comment_author_email")),
        author_url=_text(c.get("wp:comment_author_url")),
        author_ip=_text(c.get("wp:comment_author_IP")),
        date_gmt=_utc(parse_wp_date(_text(c.get("wp:comment_date_gmt")))),
        date=parse_wp_date(_text(c.get("wp:comment_date"))),
        content=(c["wp:comment_content"].text or "") if "wp:comment_content" in c else "",
        approved=_text(c.get("wp:comment_approved")),
        type=_text(c.get("wp:comment_type")),
        parent=_int(_text(c.get("wp:comment_parent"))),
        user_id=_int(_text(c.get("wp:comment_user_id"))),
    )


def _read_post(element: ET.Element) -> Post:
    c = _children(element)
    post = Post(
        wp_id=_int(_text(c.get("wp:post_id"))),
        post_type=_text(c.get("wp:post_type")),
        title=(c["title"].text or "") if "title" in c else "",
        link=_text(c.get("link")),
        guid=_text(c.get("guid")),
        creator=_text(c.get("dc:creator")),
        content=(c["content:encoded"].text or "") if "content:encoded" in c else "",
        excerpt=(c["excerpt:encoded"].text or "") if "excerpt:encoded" in c else "",
        date_gmt=_utc(parse_wp_date(_text(c.get("wp:post_date_gmt")))),
        date=parse_wp_date(_text(c.get("wp:post_date"))),
        pub_date=_text(c.get("pubDate")),
        slug=_text(c.get("wp:post_name")),
        status=_text(c.get("wp:status")),
        comment_status=_text(c.get("wp:comment_status")),
        password=_text(c.get("wp:post_password")),
        is_sticky=_text(c.get("wp:is_sticky")) == "1",
        parent=_int(_text(c.get("wp:post_parent"))),
    )
    for child in element:
        name = _name(child.tag)
        if name == "category":
            post.terms.append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:comment":
            post.comments.append(_read_comment(child))
    post.meta = _read_meta(element)
    return post


def _read_attachment(element: ET.Element) -> Attachment:
    c = _children(element)
    meta = _read_meta(element)
    return Attachment(
        wp_id=_int(_text(c.get("wp:post_id"))),
        title=_text(c.get("title")),
        url=_text(c.get("wp:attachment_url")) or _text(c.get("guid")),
        parent=_int(_text(c.get("wp:post_parent"))),
        menu_order=_int(_text(c.get("wp:menu_order"))),
        caption=(c["excerpt:encoded"].text or "").strip() if "excerpt:encoded" in c else "",
        alt=meta.get("_wp_attachment_image_alt", ""),
        attached_file=meta.get("_wp_attached_file", ""),
    )


def read_index(path: str | Path) -> ExportIndex:
    """First pass: check the file is an export and collect all but the posts.

    The whole file is read, so a truncated or malformed export is refused
    here, before the importer writes anything.
    """
    reader = _Reader(Path(path))
    index = ExportIndex()
    for name, element in reader.children():
        if name == "wp:wxr_version":
            index.wxr_version = _text(element)
        elif name == "wp:base_blog_url" or name == "link" and not index.site_url:
            index.site_url = _text(element)
        elif name == "title":
            index.title = _text(element)
        elif name == "wp:author":
            author = Author(**_fields(element, **_AUTHOR_FIELDS))
            if author.login:
                index.authors.append(author)
        elif name == "wp:category":
            index.categories.append(Term(**_fields(element, **_CATEGORY_FIELDS)))
        elif name == "wp:tag":
            index.tags.append(Term(**_fields(element, **_TAG_FIELDS)))
        elif name == "wp:term":
            taxonomy = _text(_children(element).get("wp:term_taxonomy"))
            index.other_terms[taxonomy or "?"] += 1
        elif name == "item":
            c = _children(element)
            post_type = _text(c.get("wp:post_type")) or "?"
            index.items_by_type[post_type] += 1
            if post_type == "attachment":
                attachment = _read_attachment(element)
                index.attachments[attachment.wp_id] = attachment
    if not index.wxr_version:
        raise WXRError(
            _("This is an RSS feed, not a WordPress export: it has no WXR version (wxr_version).")
        )
    return index


def iter_posts(
    path: str | Path, post_types: frozenset[str] = frozenset({"post"})
) -> Iterator[Post]:
    """Second pass: yield the items of ``post_types`` one at a time."""
    for name, element in _Reader(Path(path)).children():
        if name != "item":
            continue
        post_type = _text(_children(element).get("wp:post_type"))
        if post_type in post_types:
            yield _read_post(element)
