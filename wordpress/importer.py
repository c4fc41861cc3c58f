"""Writes a WordPress export into Newsroom: authors, categories, tags, posts, comments.

The import is a pipeline of named steps (``import_authors``, ``import_categories``,
``import_tags``, ``import_posts``; per post ``import_comments`` and
``register_redirects``), each reporting what it did into an ``ImportReport``.
Decisions that shape the data are documented in docs/wordpress-import.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import publishing
from articles.images import ALLOWED_EXTENSIONS, validate_image
from articles.models import (
    Article,
    AuthorProfile,
    Byline,
    Category,
    OldPath,
    normalize_path,
    validate_category_slug,
)
from comments.models import Comment
from comments.signals import public_comments_changed

from . import content, discussion, wxr
from .models import WordPressObject

# Bump when the conversion changes, so a re-run updates the converted articles.
CONVERSION_VERSION = 1
MAX_NOTES = 500
UNCATEGORIZED_SLUGS = {"uncategorized", "allgemein"}
FALLBACK_AUTHOR_LOGIN = "redaktion"
TEASER_FROM_BODY = 300
# How long before its record an account the import made can have joined (see _made_by_import).
ACCOUNT_MADE_WITH_RECORD = timedelta(minutes=1)

Kind = WordPressObject.Kind


class Known(NamedTuple):
    """What the importer remembers of an object imported before."""

    pk: int
    object_id: int
    checksum: str


@dataclass
class ImportReport:
    """What an import did, per kind: counts by outcome, skip reasons and notes."""

    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=dict)
    skipped: dict[str, Counter] = field(default_factory=dict)
    notes: list[dict] = field(default_factory=list)
    notes_left_off: int = 0
    missing_images: list[dict] = field(default_factory=list)

    OUTCOMES = ("imported", "updated", "unchanged", "skipped", "failed")

    def count(self, kind: str, outcome: str, number: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += number

    def skip(self, kind: str, reason: str, number: int = 1) -> None:
        if number:
            self.count(kind, "skipped", number)
            self.skipped.setdefault(kind, Counter())[reason] += number

    def note(self, kind: str, wp_id, title: str, message: str) -> None:
        if len(self.notes) >= MAX_NOTES:
            self.notes_left_off += 1
            return
        self.notes.append(
            {"kind": kind, "wp_id": str(wp_id), "title": title[:120], "message": message}
        )

    def get(self, kind: str, outcome: str) -> int:
        return self.counts.get(kind, Counter())[outcome]

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": {kind: dict(counter) for kind, counter in self.counts.items()},
            "skipped": {kind: dict(counter) for kind, counter in self.skipped.items()},
            "notes": self.notes,
            "notes_left_off": self.notes_left_off,
            "missing_images": self.missing_images,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        return cls(
            dry_run=data.get("dry_run", False),
            counts={k: Counter(v) for k, v in data.get("counts", {}).items()},
            skipped={k: Counter(v) for k, v in data.get("skipped", {}).items()},
            notes=data.get("notes", []),
            notes_left_off=data.get("notes_left_off", 0),
            missing_images=data.get("missing_images", []),
        )

    def note_lines(self) -> list[str]:
        """One line per note, e.g. ``Beitrag 163 „Titel“: hatte keinen Titel``."""
        labels = dict(WordPressObject.Kind.choices)
        return [
            _("%(kind)s %(wp_id)s “%(title)s”: %(message)s")
            % {**note, "kind": labels.get(note["kind"], note["kind"]).capitalize()}
            for note in self.notes
        ]

    def summary_lines(self) -> list[str]:
        """The summary shown at the end of the command and in the admin."""
        names = {
            "author": _("Authors"),
            "category": _("Categories"),
            "tag": _("Tags"),
            "post": _("Posts"),
            "comment": _("Comments"),
            "image": _("Featured images"),
            "body_image": _("Images in the text"),
            "redirect": _("Old addresses"),
        }
        lines = []
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
        for kind, label in names.items():
            counter = self.counts.get(kind)
            if not counter:
                continue
            lines.append(
                _(
                    "%(label)s: %(imported)d imported, %(updated)d updated, "
                    "%(unchanged)d unchanged, %(skipped)d skipped, %(failed)d failed"
                )
                % {"label": label, **{o: counter[o] for o in self.OUTCOMES}}
            )
            if kind == "comment" and self.counts.get("comment_status"):
                lines.append(self._comment_status_line())
            for reason, number in sorted(self.skipped.get(kind, {}).items()):
                lines.append(f"    {number} × {reason}")
        return lines

    def _comment_status_line(self) -> str:
        """``    new: 23 × Approved, 1 × Pending``: what the moderators find waiting."""
        labels = dict(Comment.Status.choices)
        statuses = self.counts["comment_status"]
        listed = ", ".join(
            f"{statuses[status]} × {labels[status]}" for status in labels if statuses[status]
        )
        return "    " + _("new comments: %(statuses)s") % {"statuses": listed}


def _checksum(*parts) -> str:
    payload = json.dumps([CONVERSION_VERSION, *parts], default=str, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def upload_path(attachment: wxr.Attachment) -> str:
    """The file's path relative to wp-content/uploads (e.g. ``2024/05/photo.jpg``)."""
    if attachment.attached_file:
        return attachment.attached_file.lstrip("/")
    path = unquote(urlsplit(attachment.url).path)
    marker = "/wp-content/uploads/"
    if marker in path:
        return path.split(marker, 1)[1]
    # WordPress.com serves uploads straight from /YYYY/MM/name.
    return path.lstrip("/")


def map_status(post: wxr.Post, published_at) -> tuple[str, object, str]:
    """WordPress status → (Newsroom status, publication time, note for the report)."""
    Status = Article.Status
    if post.password:
        return Status.DRAFT, published_at, _("password-protected in WordPress: imported as draft")
    if post.status == "publish":
        return Status.PUBLISHED, published_at or timezone.now(), ""
    if post.status == "future":
        if published_at is None:
            return Status.DRAFT, None, _("scheduled without a date: imported as draft")
        return Status.PUBLISHED, published_at, ""
    if post.status == "draft":
        return Status.DRAFT, None, ""
    if post.status == "pending":
        return Status.REVIEW, None, ""
    if post.status == "private":
        return Status.DRAFT, published_at, _("private in WordPress: imported as draft")
    return (
        Status.DRAFT,
        None,
        _("unknown status “%(status)s”: imported as draft") % {"status": post.status},
    )


def publication_time(post: wxr.Post):
    """The GMT date; WordPress leaves it 0000-00-00 for drafts, then local time is used."""
    if post.date_gmt:
        return post.date_gmt
    if post.date:
        return timezone.make_aware(post.date)
    return None


def clean_title(raw: str) -> tuple[str, str]:
    """A plain-text title that fits the field, and a note when it had to change."""
    title = content.plain_text(raw)
    if not title:
        return _("(no title)"), _("had no title")
    max_length = Article._meta.get_field("title").max_length
    if len(title) > max_length:
        return content.shorten(title, max_length), _("title of %(length)d characters shortened") % {
            "length": len(title)
        }
    return title, ""


def make_teaser(post: wxr.Post, body: str, title: str) -> str:
    limit = Article._meta.get_field("teaser").max_length
    excerpt = content.plain_text(content.convert(post.excerpt))
    if excerpt:
        return content.shorten(excerpt, limit)
    # Prose makes a teaser; code, tables and image captions do not.
    prose = re.sub(r"<(pre|figure|table)[\s>].*?</\1>", " ", body, flags=re.S | re.I)
    from_body = content.plain_text(prose)
    return content.shorten(from_body, TEASER_FROM_BODY) if from_body else title


class WordPressImporter:
    """Imports one export file. ``run()`` returns the report; nothing else is public."""

    def __init__(
        self,
        path: str | Path,
        *,
        media_dir: str | Path | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.path = Path(path)
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.progress = progress
        self.report = ImportReport(dry_run=dry_run)
        self.authors: dict[str, AuthorProfile] = {}
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, Tag] = {}
        self._fallback_author: AuthorProfile | None = None
        self._body_images: dict[str, str | None] = {}
        self._fallback_category: Category | None = None
        self._commented_articles: set[int] = set()

    # --- the pipeline ---------------------------------------------------------

    def run(self) -> ImportReport:
        """Read and check the whole file first, then write; raises ``wxr.WXRError``."""
        self.index = wxr.read_index(self.path)
        self.site = (self.index.site_url or "").rstrip("/").lower()[:200]
        if self.dry_run:
            with transaction.atomic():
                self._write()
                transaction.set_rollback(True)
        else:
            self._write()
        return self.report

    def _write(self) -> None:
        self._load_mappings()
        with transaction.atomic():
            self.import_authors()
            self.import_categories()
            self.import_tags()
        self.report_skipped_items()
        # Each post commits on its own: an aborted import leaves no half post.
        self.import_posts()
        self.announce_comments()

    def _load_mappings(self) -> None:
        self._article_type = ContentType.objects.get_for_model(Article)
        self._comment_type = ContentType.objects.get_for_model(Comment)
        # Lets an unchanged post be recognised without a query of its own.
        self._article_ids = set(Article.objects.values_list("pk", flat=True))
        # Three values per known object rather than model instances: the table
        # holds one row per imported post, and a large site has many.
        self.mappings: dict[tuple[str, str], Known] = {
            (kind, wp_id): Known(pk, object_id, checksum)
            for kind, wp_id, pk, object_id, checksum in WordPressObject.objects.filter(
                site=self.site
            )
            # Comments are looked up post by post: a big site has millions.
            .exclude(kind=Kind.COMMENT)
            .values_list("kind", "wp_id", "pk", "object_id", "checksum")
        }
        self._load_old_paths()
        # WordPress user ID → login, for comments written by the site's authors.
        self._logins_by_wp_id = {a.wp_id: a.login for a in self.index.authors if a.wp_id}

    def _load_old_paths(self) -> None:
        # Old address → article: a re-run finds its redirects without a query per post.
        self._old_paths: dict[str, int] = dict(OldPath.objects.values_list("path", "article_id"))

    def _target(self, kind: str, wp_id: str, model):
        mapping = self.mappings.get((kind, str(wp_id)))
        if mapping is None:
            return None, None
        target = model.objects.filter(pk=mapping.object_id).first()
        return mapping, target

    def _remember(
        self, known: Known | None, kind: str, wp_id, target, checksum: str, url: str = ""
    ) -> Known:
        values = {
            "content_type": ContentType.objects.get_for_model(target),
            "object_id": target.pk,
            "checksum": checksum,
            "url": url[:500],
        }
        if known is None:
            pk = WordPressObject.objects.create(
                site=self.site, kind=kind, wp_id=str(wp_id)[:200], **values
            ).pk
        else:
            pk = known.pk
            WordPressObject.objects.filter(pk=pk).update(updated_at=timezone.now(), **values)
        self.mappings[(kind, str(wp_id))] = Known(pk, target.pk, checksum)
        return self.mappings[(kind, str(wp_id))]

    def known_comments(self, wp_ids) -> dict[int, Known]:
        """What earlier runs recorded for these comments (one query)."""
        rows = WordPressObject.objects.filter(
            site=self.site, kind=Kind.COMMENT, wp_id__in=[str(wp_id) for wp_id in wp_ids]
        ).values_list("wp_id", "pk", "object_id", "checksum")
        return {
            int(wp_id): Known(pk, object_id, checksum) for wp_id, pk, object_id, checksum in rows
        }

    def remember_comments(self, new: list[tuple[int, Comment, str]]) -> None:
        """Record newly imported comments by their WordPress ID, in one insert."""
        WordPressObject.objects.bulk_create(
            WordPressObject(
                site=self.site,
                kind=Kind.COMMENT,
                wp_id=str(wp_id),
                content_type=self._comment_type,
                object_id=comment.pk,
                checksum=checksum,
            )
            for wp_id, comment, checksum in new
        )

    # --- authors --------------------------------------------------------------

    def import_authors(self) -> None:
        for author in self.index.authors:
            self.authors[author.login] = self._import_author(author)

    def _import_author(self, author: wxr.Author) -> AuthorProfile:
        """The profile that signs ``author``'s posts.

        The import writes only to accounts it made itself, and to their profiles.
        An account that already has the login is linked as it is: an export must
        not change anyone's address, name or byline (an editor could otherwise
        give the superuser their own e-mail address and reset its password).
        """
        User = get_user_model()
        checksum = _checksum(author.login, author.email, author.display_name,
                             author.first_name, author.last_name)  # fmt: skip
        mapping, user = self._target(Kind.AUTHOR, author.login, User)
        display_name = (author.display_name or author.login)[:120]
        if user is not None and not self._made_by_import(mapping, user):
            user = None
        if user is None:
            existing = User.objects.filter(username=author.login[:150]).first()
            if existing is not None:
                return self._link_author(existing, author.login, display_name)
        elif mapping.checksum == checksum and hasattr(user, "author_profile"):
            self.report.count(Kind.AUTHOR, "unchanged")
            return user.author_profile
        outcome = "updated" if user is not None else "imported"
        if user is None:
            # No password: imported accounts cannot log in until one is set.
            user = User(username=author.login[:150], is_staff=True)
            user.set_unusable_password()
        user.email = author.email[:254]
        user.first_name = author.first_name[:150]
        user.last_name = author.last_name[:150]
        user.save()
        if outcome == "imported":
            user.groups.add(*Group.objects.filter(name="Author"))
        profile = getattr(user, "author_profile", None) if outcome == "updated" else None
        if profile is None:
            profile = AuthorProfile(user=user, slug=self._unique_author_slug(display_name, user))
        profile.display_name = display_name
        profile.save()
        self._remember(mapping, Kind.AUTHOR, author.login, user, checksum)
        self.report.count(Kind.AUTHOR, outcome)
        return profile

    def _made_by_import(self, mapping: Known, user) -> bool:
        """Whether the recorded account is one this import made, not one it found.

        Imports now record only the accounts they make. Earlier ones also recorded
        accounts they merely matched; an account made by the import joined in the
        moment of its record, a matched one long before.
        """
        recorded = (
            WordPressObject.objects.filter(pk=mapping.pk)
            .values_list("imported_at", flat=True)
            .first()
        )
        joined = getattr(user, "date_joined", None)
        return (
            recorded is not None
            and joined is not None
            and joined >= recorded - ACCOUNT_MADE_WITH_RECORD
        )

    def _link_author(self, user, login: str, display_name: str) -> AuthorProfile:
        """An existing account signs the posts as it is; nothing of it is written.

        Without an author profile, it gets one for the byline (with the export's
        display name); like any profile the import did not make for an account of
        its own, later runs leave it alone.
        """
        profile = getattr(user, "author_profile", None)
        if profile is None:
            profile = AuthorProfile.objects.create(
                user=user,
                display_name=display_name,
                slug=self._unique_author_slug(display_name, user),
            )
        self.report.note(Kind.AUTHOR, login, display_name,
                         _("matched an existing user with the same login"))  # fmt: skip
        self.report.count(Kind.AUTHOR, "unchanged")
        return profile

    def _unique_author_slug(self, name: str, user) -> str:
        base = slugify(name)[:100] or slugify(user.username)[:100] or "autorin"
        slug, n = base, 1
        while AuthorProfile.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def fallback_author(self) -> AuthorProfile:
        """'Redaktion': the byline of posts whose author is not in the export."""
        if self._fallback_author is None:
            User = get_user_model()
            user, created = User.objects.get_or_create(
                username=FALLBACK_AUTHOR_LOGIN, defaults={"is_staff": True}
            )
            if created:
                user.set_unusable_password()
                user.save()
            profile = getattr(user, "author_profile", None)
            if profile is None:
                name = _("Editorial team")
                profile = AuthorProfile.objects.create(
                    user=user, display_name=name, slug=self._unique_author_slug(name, user)
                )
            self._fallback_author = profile
        return self._fallback_author

    # --- categories -----------------------------------------------------------

    def import_categories(self) -> None:
        by_slug = {term.slug: term for term in self.index.categories}

        def chain(term: wxr.Term) -> list[wxr.Term]:
            """The term and its ancestors, root last; stops at loops and unknown parents."""
            found = [term]
            while found[-1].parent_slug in by_slug and len(found) < 50:
                parent = by_slug[found[-1].parent_slug]
                if parent in found:
                    break
                found.append(parent)
            return found

        chains = sorted((chain(term) for term in self.index.categories), key=len)
        names_under_root: dict[str, set[str]] = {}
        for terms in chains:
            term, root = terms[0], terms[-1]
            if term.slug in UNCATEGORIZED_SLUGS:
                self.categories[term.slug] = self.fallback_category()
                self.report.count(Kind.CATEGORY, "unchanged")
                continue
            name = term.name or term.slug
            parent = None
            if len(terms) > 1:
                # Newsroom nests one level: deeper categories hang under their root,
                # keeping their own name unless a sibling has it already.
                parent = self.categories.get(root.slug)
                taken = names_under_root.setdefault(root.slug, set())
                if name.lower() in taken:
                    name = f"{terms[1].name} – {name}"
                taken.add(name.lower())
            self.categories[term.slug] = self._import_category(term, name, parent, len(terms))

    def _import_category(self, term: wxr.Term, name: str, parent, depth: int) -> Category:
        if parent is not None and parent.parent_id:
            parent = parent.parent
        checksum = _checksum(term.slug, name, term.description, parent.pk if parent else None)
        mapping, category = self._target(Kind.CATEGORY, term.slug, Category)
        if category is not None and mapping.checksum == checksum:
            self.report.count(Kind.CATEGORY, "unchanged")
            return category
        outcome = "updated" if category is not None else "imported"
        slug = self._slug_for_category(term)
        if category is None:
            category = Category.objects.filter(slug=slug).first()
            if category is not None:
                self._remember(mapping, Kind.CATEGORY, term.slug, category, checksum)
                self.report.count(Kind.CATEGORY, "unchanged")
                return category
            category = Category(slug=self._unique_category_slug(slug))
        category.name = name[:80]
        category.description = term.description
        category.parent = parent
        category.save()
        if depth > 2:
            self.report.note(Kind.CATEGORY, term.slug, name,
                             _("nested %(depth)d levels deep: moved under “%(root)s”")
                             % {"depth": depth, "root": parent})  # fmt: skip
        self._remember(mapping, Kind.CATEGORY, term.slug, category, checksum)
        self.report.count(Kind.CATEGORY, outcome)
        return category

    def _slug_for_category(self, term: wxr.Term) -> str:
        return (
            slugify(unquote(term.slug))[:70]
            or slugify(term.name)[:70]
            or f"category-{term.wp_id or 'x'}"
        )

    def _unique_category_slug(self, base: str) -> str:
        slug, n = base, 1
        while True:
            try:
                validate_category_slug(slug)
            except ValidationError:
                pass
            else:
                if not Category.objects.filter(slug=slug).exists():
                    return slug
            n += 1
            slug = f"{base}-{n}"

    def fallback_category(self) -> Category:
        """'Allgemein': WordPress's Uncategorized, and home of posts without a category."""
        if self._fallback_category is None:
            name = _("General")
            slug = slugify(name) or "general"
            category = Category.objects.filter(slug=slug).first()
            if category is None:
                category = Category.objects.create(name=name, slug=slug)
            self._fallback_category = category
        return self._fallback_category

    def category_for(self, slug: str, name: str) -> Category:
        """A post's category; one missing from the channel's list is created top-level."""
        if slug not in self.categories:
            term = wxr.Term(wp_id="", slug=slug, name=name or slug)
            self.categories[slug] = self._import_category(term, term.name, None, 1)
        return self.categories[slug]

    # --- tags -----------------------------------------------------------------

    def import_tags(self) -> None:
        for term in self.index.tags:
            self.tags[term.name.lower()] = self._import_tag(term.slug, term.name)

    def _import_tag(self, wp_slug: str, name: str) -> Tag:
        name = (name or wp_slug).strip()[:100]
        mapping, tag = self._target(Kind.TAG, wp_slug, Tag)
        checksum = _checksum(name)
        if tag is not None and mapping.checksum == checksum:
            self.report.count(Kind.TAG, "unchanged")
            return tag
        outcome = "updated" if tag is not None else "imported"
        if tag is None:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is not None:
                outcome = "unchanged"
        if tag is None:
            slug = slugify(unquote(wp_slug))[:90] or slugify(name)[:90]
            tag = Tag(name=name, slug=slug if not Tag.objects.filter(slug=slug).exists() else "")
        if outcome != "unchanged":
            tag.name = name
            tag.save()
        self._remember(mapping, Kind.TAG, wp_slug, tag, checksum)
        self.report.count(Kind.TAG, outcome)
        return tag

    def tag_for(self, slug: str, name: str) -> Tag:
        key = (name or slug).strip()[:100].lower()
        if key not in self.tags:
            self.tags[key] = self._import_tag(slug or slugify(name), name)
        return self.tags[key]

    # --- posts ----------------------------------------------------------------

    def report_skipped_items(self) -> None:
        for post_type, number in sorted(self.index.items_by_type.items()):
            if post_type != "post":
                self.report.skip(Kind.POST, _("not a post: %(type)s") % {"type": post_type}, number)

    def import_posts(self) -> None:
        total = self.index.items_by_type["post"]
        for done, post in enumerate(wxr.iter_posts(self.path), start=1):
            if post.status in {"auto-draft", "trash", "inherit"}:
                reason = {
                    "auto-draft": _("automatic draft"),
                    "trash": _("in the trash"),
                    "inherit": _("revision"),
                }[post.status]
                self.report.skip(Kind.POST, reason)
            else:
                known = (len(self.mappings), len(self.categories), len(self.tags))
                try:
                    with transaction.atomic():
                        self.import_post(post)
                except (
                    DatabaseError,
                    ValidationError,
                    SuspiciousOperation,
                    ValueError,
                    OSError,
                ) as error:
                    self._forget_since(*known)
                    self._load_old_paths()
                    self.report.count(Kind.POST, "failed")
                    self.report.note(Kind.POST, post.wp_id, post.title,
                                     _("not imported: %(error)s") % {"error": error})  # fmt: skip
            if self.progress:
                self.progress(done, total)

    def _forget_since(self, mappings: int, categories: int, tags: int) -> None:
        """Drop what the rolled-back post added to the caches (dicts keep order)."""
        for cache, keep in ((self.mappings, mappings), (self.categories, categories),
                            (self.tags, tags)):  # fmt: skip
            for key in list(cache)[keep:]:
                del cache[key]
        self._fallback_author = self._fallback_category = None

    def post_checksum(self, post: wxr.Post) -> str:
        return _checksum(
            post.title, post.slug, post.content, post.excerpt, post.status, post.password,
            post.date_gmt, post.date, post.is_sticky, post.terms, post.creator,
            post.comment_status, post.meta.get("_thumbnail_id", ""),
        )  # fmt: skip

    def import_post(self, post: wxr.Post) -> None:
        checksum = self.post_checksum(post)
        known = self.mappings.get((Kind.POST, str(post.wp_id)))
        if known and known.checksum == checksum and known.object_id in self._article_ids:
            # Comments and old addresses are checked on their own: a post imported
            # before they were supported gets them now without being converted again.
            self.import_comments(post, known.object_id)
            self.register_redirects(post, known.object_id)
            self.report.count(Kind.POST, "unchanged")
            return
        mapping, article = self._target(Kind.POST, post.wp_id, Article)
        outcome = "updated" if article is not None else "imported"
        article = article or Article()
        title, title_note = clean_title(post.title)
        body = content.convert(
            post.content, lambda attrs: self.gallery(post, attrs), image_url=self.body_image
        )
        status, published_at, status_note = map_status(post, publication_time(post))
        category, extra_categories = self._choose_category(post)
        article.title = title
        article.slug = self._unique_article_slug(post, title, article)
        article.teaser = make_teaser(post, body, title)
        article.body = body
        article.category = category
        article.is_featured = post.is_sticky
        article.comments_open = post.comment_status == "open"
        self.attach_featured_image(article, post, title)
        # Status and time go through the publishing service, as an editor's would.
        publishing.change_status(article, status, published_at)
        self._set_byline(article, post)
        tags = [self.tag_for(slug, name) for slug, name in post.terms_in("post_tag")]
        tags += [self.tag_for(slug, name) for slug, name in extra_categories]
        self._set_tags(article, tags, is_new=outcome == "imported")
        self._remember(mapping, Kind.POST, post.wp_id, article, checksum, post.link)
        self.import_comments(post, article.pk, new_article=outcome == "imported")
        self.register_redirects(post, article.pk, article)
        for note in (title_note, status_note):
            if note:
                self.report.note(Kind.POST, post.wp_id, title, note)
        if extra_categories:
            self.report.note(Kind.POST, post.wp_id, title,
                             _("had %(count)d categories: kept “%(kept)s”, the others became tags")
                             % {"count": len(extra_categories) + 1, "kept": category})  # fmt: skip
        self.report.count(Kind.POST, outcome)

    def _set_tags(self, article: Article, tags: list[Tag], is_new: bool) -> None:
        """Like ``article.tags.set()`` in two queries instead of one per tag (taggit's way)."""
        through = Article.tags.through
        unique = {tag.pk: tag for tag in tags}
        if not is_new:
            through.objects.filter(content_type=self._article_type, object_id=article.pk).delete()
        through.objects.bulk_create(
            through(content_type=self._article_type, object_id=article.pk, tag=tag)
            for tag in unique.values()
        )

    def _choose_category(self, post: wxr.Post) -> tuple[Category, list[tuple[str, str]]]:
        terms = post.terms_in("category")
        real = [(slug, name) for slug, name in terms if slug not in UNCATEGORIZED_SLUGS]
        if not real:
            return self.fallback_category(), []
        slug, name = real[0]
        return self.category_for(slug, name), real[1:]

    def _unique_article_slug(self, post: wxr.Post, title: str, article: Article) -> str:
        max_length = Article._meta.get_field("slug").max_length
        base = (
            slugify(unquote(post.slug))[: max_length - 8]
            or slugify(title)[: max_length - 8]
            or f"post-{post.wp_id}"
        ).strip("-")
        others = Article.objects.exclude(pk=article.pk) if article.pk else Article.objects.all()
        slug, n = base, 1
        while others.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        if slug != slugify(unquote(post.slug)):
            message = (
                _("had no slug: “%(slug)s” given")
                if not post.slug
                else _("slug “%(old)s” taken or invalid: “%(slug)s” given")
            )
            self.report.note(Kind.POST, post.wp_id, title,
                             message % {"slug": slug, "old": post.slug[:80]})  # fmt: skip
        return slug

    def _set_byline(self, article: Article, post: wxr.Post) -> None:
        author = self.authors.get(post.creator)
        if author is None:
            profile = AuthorProfile.objects.filter(user__username=post.creator).first()
            author = profile or self.fallback_author()
            if profile is None:
                self.report.note(Kind.POST, post.wp_id, article.title,
                                 _("author “%(login)s” is not in the export: byline “%(name)s”")
                                 % {"login": post.creator, "name": author})  # fmt: skip
        if not article.bylines.filter(author=author).exists():
            Byline.objects.create(article=article, author=author, position=0)

    def gallery(self, post: wxr.Post, attributes: dict[str, str]) -> list[wxr.Attachment]:
        """The images of a [gallery]: its ids, or else the post's own attachments."""
        ids = attributes.get("ids") or attributes.get("include") or ""
        if ids:
            wanted = [int(i) for i in ids.replace(" ", "").split(",") if i.isdigit()]
            return [self.index.attachments[i] for i in wanted if i in self.index.attachments]
        excluded = {i.strip() for i in attributes.get("exclude", "").split(",")}
        return [a for a in self.index.gallery_of(post.wp_id) if str(a.wp_id) not in excluded]

    def attach_featured_image(self, article: Article, post: wxr.Post, title: str) -> None:
        """``_thumbnail_id`` → attachment → the file under --media-dir, stored as upload."""
        thumbnail_id = post.meta.get("_thumbnail_id", "").strip()
        if not thumbnail_id or article.featured_image:
            # An image chosen since the last import stays.
            return
        attachment = self.index.attachments.get(int(thumbnail_id) if thumbnail_id.isdigit() else 0)
        if attachment is None:
            return self._missing_image(post, title, thumbnail_id, _("attachment not in the export"))
        relative = upload_path(attachment)
        source = (self.media_dir / relative).resolve() if self.media_dir else None
        if source is None or not source.is_relative_to(self.media_dir) or not source.is_file():
            reason = _("no --media-dir given") if not self.media_dir else _("file not found")
            return self._missing_image(post, title, relative, reason)
        if self.dry_run:
            self.report.count("image", "imported")
            return
        with source.open("rb") as handle:
            upload = File(handle, name=PurePosixPath(relative).name)
            try:
                validate_image(upload)
            except ValidationError as error:
                return self._missing_image(post, title, relative, " ".join(error.messages))
            article.featured_image.save(upload.name, upload, save=False)
        alt = attachment.alt or content.plain_text(attachment.title) or title
        article.featured_image_alt = alt[:250]
        article.featured_image_caption = content.plain_text(attachment.caption)[:300]
        self.report.count("image", "imported")

    def body_image(self, url: str) -> str | None:
        """The stored copy of an uploaded image the body shows, or None to keep the URL.

        Only files of the WordPress site itself are looked up under --media-dir;
        a re-run finds the copy stored by the previous one.
        """
        if not self.media_dir:
            return None
        if url not in self._body_images:
            self._body_images[url] = self._store_body_image(url)
        return self._body_images[url]

    def _store_body_image(self, url: str) -> str | None:
        parts = urlsplit(url)
        path = unquote(parts.path)
        site_host = urlsplit(self.site).hostname or ""
        if "/wp-content/uploads/" in path:
            relative = path.split("/wp-content/uploads/", 1)[1]
        elif parts.hostname and (
            parts.hostname.endswith(".files.wordpress.com") or parts.hostname == site_host
        ):
            relative = path.lstrip("/")
        else:
            return None
        if PurePosixPath(relative).suffix.lower().lstrip(".") not in ALLOWED_EXTENSIONS:
            return None
        source = (self.media_dir / relative).resolve()
        if not source.is_relative_to(self.media_dir) or not source.is_file():
            self.report.skip("body_image", _("file not found"))
            return None
        # The resolved path, so no "a/../b" reaches the storage.
        name = f"wordpress/{source.relative_to(self.media_dir).as_posix()}"
        if self.dry_run:
            self.report.count("body_image", "imported")
            return None
        if not default_storage.exists(name):
            with source.open("rb") as handle:
                upload = File(handle, name=source.name)
                try:
                    validate_image(upload)
                except ValidationError:
                    self.report.skip("body_image", _("not an image we accept"))
                    return None
                name = default_storage.save(name, upload)
            self.report.count("body_image", "imported")
        else:
            self.report.count("body_image", "unchanged")
        return default_storage.url(name)

    def _missing_image(self, post: wxr.Post, title: str, path: str, reason: str) -> None:
        self.report.count("image", "skipped")
        self.report.skipped.setdefault("image", Counter())[reason] += 1
        self.report.missing_images.append(
            {"wp_id": post.wp_id, "title": title[:120], "path": path, "reason": reason}
        )

    # --- comments -------------------------------------------------------------

    def comment_checksum(self, comment: wxr.Comment) -> str:
        return _checksum(
            comment.author, comment.author_email, comment.author_url, comment.author_ip,
            comment.date_gmt, comment.date, comment.content, comment.approved,
            comment.parent, comment.user_id,
        )  # fmt: skip

    def import_comments(self, post: wxr.Post, article_id: int, new_article: bool = False) -> None:
        """The post's comments and their threads (see discussion.py); counts refreshed."""
        comments = discussion.CommentImport(self, post, article_id, new_article)
        if comments.run(self.comment_checksum):
            self._commented_articles.add(article_id)

    def staff_user_for(self, wp_user_id: int):
        """The imported account of a comment written by one of the site's authors."""
        login = self._logins_by_wp_id.get(str(wp_user_id)) if wp_user_id else None
        profile = self.authors.get(login) if login else None
        return profile.user if profile is not None else None

    def announce_comments(self) -> None:
        """Once at the end: the "Recent comments" widget and cached pages are refreshed."""
        if self._commented_articles and not self.dry_run:
            public_comments_changed.send(sender=Comment, article_ids=self._commented_articles)

    # --- old addresses ----------------------------------------------------------

    def old_paths(self, post: wxr.Post) -> list[str]:
        """The post's permalink and its ``?p=ID`` link, as OldPath stores them."""
        base = urlsplit(self.index.site_url or "").path.rstrip("/")
        paths = [normalize_path(post.link)] if post.link.strip() else []
        paths.append(normalize_path(f"{base}/?p={post.wp_id}"))
        return list(dict.fromkeys(paths))

    def register_redirects(
        self, post: wxr.Post, article_id: int, article: Article | None = None
    ) -> None:
        """Old links answer with a 301 to the article (articles/redirects.py)."""
        new = []
        for path in self.old_paths(post):
            owner = self._old_paths.get(path)
            if owner == article_id:
                self.report.count("redirect", "unchanged")
                continue
            if path == "/" or len(path) > OldPath._meta.get_field("path").max_length:
                self.report.skip("redirect", _("not usable as an old address"))
                continue
            if article is None:
                article = Article.objects.select_related("category").get(pk=article_id)
            if path == article.get_absolute_url():
                self.report.skip("redirect", _("same as the new address"))
                continue
            if owner is None:
                new.append(OldPath(path=path, article_id=article_id))
            else:
                OldPath.remember(path, article, take_over=True)  # the export's post had it
                self.report.count("redirect", "updated")
            self._old_paths[path] = article_id
        # Paths are normalized already (old_paths), so save()'s normalizing is not missed.
        OldPath.objects.bulk_create(new)
        self.report.count("redirect", "imported", len(new))
