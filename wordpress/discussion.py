"""WordPress comments as Newsroom threads: status, plain text, place in the thread.

The importer hands over one post's comments at a time (``CommentImport``). A
comment is placed the way the comments app places one written on the site
(``comments.services``): same depth limit, same fingerprint against duplicates.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from comments.models import Comment
from comments.services import fingerprint, max_depth, new_comment, refresh_counts

from . import content, wxr
from .models import WordPressObject

if TYPE_CHECKING:
    from .importer import WordPressImporter

Kind = WordPressObject.Kind
Status = Comment.Status
PINGS = {"pingback", "trackback"}
# wp:comment_approved → Newsroom status. "post-trashed" marks the comments of a
# post sent to the trash; they were public before, but the post is gone.
STATUSES = {
    "1": Status.APPROVED,
    "approve": Status.APPROVED,
    "approved": Status.APPROVED,
    "0": Status.PENDING,
    "hold": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.REMOVED,
    "post-trashed": Status.REMOVED,
}
# Elements whose content is never text a reader wrote.
HIDDEN = {"script", "style", "template", "iframe", "object", "embed", "noscript", "head", "title"}
BLOCKS = {
    "p", "div", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
    "table", "tr", "dt", "dd", "figure", "figcaption", "section", "article", "aside", "hr",
    "address",
}  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WEB_URL = URLValidator(schemes=["http", "https"])


class _TextWriter(HTMLParser):
    """Collects what a reader sees: text, line breaks, and the addresses of links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag not in HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif self.hidden:
            return
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if is_web_url(href) and href not in label:
                self.parts.append(f" ({href})" if label else href)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def is_web_url(value: str) -> bool:
    try:
        WEB_URL(value)
    except ValidationError:
        return False
    return True


def comment_text(raw: str) -> str:
    """WordPress comment HTML → the plain text Newsroom stores.

    Line breaks and paragraphs stay (WordPress shows the typed newlines), a link
    keeps its address after its words, tags and scripts go, entities are decoded.
    """
    writer = _TextWriter()
    writer.feed(raw.replace("\r\n", "\n").replace("\r", "\n"))
    writer.close()
    text = CONTROL.sub("", "".join(writer.parts).replace("\t", " ").replace("\xa0", " "))
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def author_name(raw: str) -> str:
    """One line of plain text that fits the field; "Anonym" when nothing is left."""
    name = " ".join(comment_text(raw).split())
    limit = Comment._meta.get_field("name").max_length
    return content.shorten(name, limit) if name else _("Anonymous")


def clean_email(raw: str) -> str:
    """The address if it is one (WordPress accepts anything), else empty."""
    email = raw.strip()
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email if len(email) <= Comment._meta.get_field("email").max_length else ""


def clean_url(raw: str) -> str:
    url = raw.strip()
    max_length = Comment._meta.get_field("url").max_length
    return url if len(url) <= max_length and is_web_url(url) else ""


def clean_ip(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def thread_levels(comments: list[wxr.Comment]) -> list[list[wxr.Comment]]:
    """The comments in waves: each one's parent (if in the post) is in an earlier wave.

    The file's order does not matter, and a parent loop (broken exports have
    them) is cut where it closes.
    """
    by_id = {comment.wp_id: comment for comment in comments}
    level: dict[int, int] = {}

    def level_of(comment: wxr.Comment) -> int:
        chain, seen, current = [], set(), comment
        # Walk up iteratively: threads can be thousands deep in a broken export.
        while current.wp_id not in level:
            if current.wp_id in seen or current.parent not in by_id:
                break
            chain.append(current)
            seen.add(current.wp_id)
            current = by_id[current.parent]
        base = level.get(current.wp_id)
        if base is None:
            base = level[current.wp_id] = 0
            if chain and chain[-1] is current:
                chain.pop()
        for depth, item in enumerate(reversed(chain), start=1):
            level[item.wp_id] = base + depth
        return level[comment.wp_id]

    waves: dict[int, list[wxr.Comment]] = {}
    for comment in comments:
        waves.setdefault(level_of(comment), []).append(comment)
    return [waves[n] for n in sorted(waves)]


class CommentImport:
    """Imports the comments of one post into its article, inside the post's transaction."""

    def __init__(
        self, importer: WordPressImporter, post: wxr.Post, article_id: int, new_article: bool
    ):
        self.importer = importer
        self.new_article = new_article
        self.report = importer.report
        self.post = post
        self.article_id = article_id
        self.by_pk: dict[int, Comment] = {}
        self.placed: dict[int, Comment] = {}  # WordPress ID → the comment it is now
        self.fingerprints: dict[str, Comment] = {}
        self.written = False

    def run(self, checksum: Callable[[wxr.Comment], str]) -> bool:
        """Import, update or skip each comment; True when something was written."""
        real: dict[int, wxr.Comment] = {}
        for comment in self.post.comments:
            if comment.type in PINGS:
                self.report.skip(Kind.COMMENT, _("pingback or trackback"))
            elif comment.wp_id in real:
                self.report.skip(Kind.COMMENT, _("comment ID appears twice"))
            else:
                real[comment.wp_id] = comment
        sums = {wp_id: checksum(comment) for wp_id, comment in real.items()}
        recorded = self.importer.known_comments(real) if real else {}
        if self.new_article and recorded:
            # The article was deleted in Newsroom and is imported again: its
            # comments went with it, so their records are stale.
            WordPressObject.objects.filter(pk__in=[k.pk for k in recorded.values()]).delete()
            recorded = {}
        known = {wp_id: recorded.get(wp_id) for wp_id in real}
        if all(known[wp_id] and known[wp_id].checksum == sums[wp_id] for wp_id in sums):
            # The common case on a re-run: one read, nothing written.
            self.report.count(Kind.COMMENT, "unchanged", len(real))
            return False
        for existing in Comment.objects.filter(article_id=self.article_id):
            self.by_pk[existing.pk] = existing
            self.fingerprints[existing.fingerprint] = existing
        for wave in thread_levels(list(real.values())):
            new = []
            for comment in wave:
                mapping = known[comment.wp_id]
                if mapping is None:
                    new += self._prepare(comment)
                else:
                    self._update(comment, mapping, sums[comment.wp_id])
            self._create(new, sums)
        if self.written:
            refresh_counts([self.article_id])
        return self.written

    # --- one comment ----------------------------------------------------------

    def _fields(self, comment: wxr.Comment) -> dict:
        user = self.importer.staff_user_for(comment.user_id)
        now = timezone.now()
        return {
            "name": author_name(comment.author),
            "email": clean_email(comment.author_email),
            "url": clean_url(comment.author_url),
            "text": comment_text(comment.content),
            "status": STATUSES.get(comment.approved.strip().lower(), Status.PENDING),
            "created_at": comment.date_gmt
            or (timezone.make_aware(comment.date) if comment.date else now),
            "ip_address": clean_ip(comment.author_ip),
            "user": user,
            "is_from_staff": user is not None,
            # Nobody is mailed about comments written long ago on the old site.
            "moderators_notified_at": now,
            "parent_notified_at": now,
        }

    def _note(self, comment: wxr.Comment, message: str) -> None:
        self.report.note(Kind.COMMENT, comment.wp_id, comment.author or "", message)

    def _parent(self, comment: wxr.Comment) -> Comment | None:
        """Where the reply hangs: its parent, or the deepest level allowed (as on the site)."""
        if not comment.parent:
            return None
        parent = self.placed.get(comment.parent)
        if parent is None:
            message = _("answers comment %(id)s, which is not imported: shown on its own")
            self._note(comment, message % {"id": comment.parent})
            return None
        deepest = max_depth() - 1
        if parent.depth < deepest:
            return parent
        if deepest == 0:
            return None
        return self.by_pk[parent.ancestor_ids[deepest - 1]]

    def _prepare(self, comment: wxr.Comment) -> list[tuple[wxr.Comment, Comment]]:
        fields = self._fields(comment)
        if comment.approved.strip().lower() not in STATUSES:
            self._note(comment, _("unknown status “%(status)s”: held for moderation")
                       % {"status": comment.approved})  # fmt: skip
        if not fields["text"]:
            self.report.skip(Kind.COMMENT, _("empty comment"))
            return []
        # An unsaved article with just its id: the comment needs nothing else.
        created = new_comment(Article(pk=self.article_id), self._parent(comment), **fields)
        duplicate = self.fingerprints.get(created.fingerprint)
        if duplicate is not None:
            self.report.skip(Kind.COMMENT, _("same author and text as another comment"))
            # Its replies hang under the comment it repeats.
            self.placed[comment.wp_id] = duplicate
            return []
        self.fingerprints[created.fingerprint] = created
        return [(comment, created)]

    def _create(self, new: list[tuple[wxr.Comment, Comment]], sums: dict[int, str]) -> None:
        if not new:
            return
        # One insert per wave; both databases return the new ids.
        Comment.objects.bulk_create([created for _comment, created in new])
        self.importer.remember_comments(
            [(comment.wp_id, created, sums[comment.wp_id]) for comment, created in new]
        )
        for comment, created in new:
            self.placed[comment.wp_id] = self.by_pk[created.pk] = created
        self.report.count(Kind.COMMENT, "imported", len(new))
        for _comment, created in new:
            self.report.count("comment_status", str(created.status))
        self.written = True

    def _update(self, comment: wxr.Comment, mapping, checksum: str) -> None:
        existing = self.by_pk.get(mapping.object_id)
        if existing is None:
            # Deleted by a moderator since the last import: it stays deleted.
            self.report.skip(Kind.COMMENT, _("deleted in Newsroom"))
            return
        self.placed[comment.wp_id] = existing
        if mapping.checksum == checksum:
            self.report.count(Kind.COMMENT, "unchanged")
            return
        fields = self._fields(comment)
        if not fields["text"]:
            self.report.skip(Kind.COMMENT, _("empty comment"))
            return
        # The comment keeps its place in the thread; the rest follows WordPress.
        parent = self.by_pk.get(existing.parent_id) if existing.parent_id else None
        new_fingerprint = fingerprint(fields["email"], fields["text"], parent)
        other = self.fingerprints.get(new_fingerprint)
        if other is not None and other.pk != existing.pk:
            self.report.skip(Kind.COMMENT, _("same author and text as another comment"))
            return
        for name in ("moderators_notified_at", "parent_notified_at"):
            fields.pop(name)
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.fingerprint = new_fingerprint
        self.fingerprints[new_fingerprint] = existing
        existing.save()
        WordPressObject.objects.filter(pk=mapping.pk).update(
            checksum=checksum, updated_at=timezone.now()
        )
        self.report.count(Kind.COMMENT, "updated")
        self.written = True
