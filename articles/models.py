"""Articles, the categories that file them and the people who write them."""

import math
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from model_utils import FieldTracker
from taggit.managers import TaggableManager

from . import images, sanitize, visibility
from .querysets import ArticleQuerySet

# Paths the site uses itself; a category may not take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "author",
        "authors",
        "category",
        "comments",
        "csrf-token",
        "editor",
        "feeds",
        "healthz",
        "media",
        "newsletter",
        "preview",
        "privacy",
        "robots.txt",
        "search",
        "sitemap.xml",
        "sitemap-news.xml",
        "static",
        "tag",
        "tags",
        "views",
    }
)


def validate_category_slug(value: str) -> None:
    if value in RESERVED_SLUGS or value.isdigit():
        raise ValidationError(
            _("“%(slug)s” is used by the site itself; please choose another slug."),
            params={"slug": value},
            code="reserved",
        )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, validators=[validate_category_slug]
    )
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Optional. Categories nest one level deep."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the navigation.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Categories nest one level deep: choose a top-level parent.")}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This category has subcategories, so it must stay top-level.")}
                )


class AuthorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="author_profile",
    )
    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("short bio"), blank=True, max_length=1500)
    website = models.URLField(_("website"), blank=True)
    avatar = models.ImageField(
        _("avatar"),
        upload_to="avatars/",
        blank=True,
        validators=[images.validate_image],
        width_field="avatar_width",
        height_field="avatar_height",
    )
    avatar_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    mastodon = models.URLField(_("Mastodon profile"), blank=True)
    bluesky = models.URLField(_("Bluesky profile"), blank=True)
    linkedin = models.URLField(_("LinkedIn profile"), blank=True)

    class Meta:
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Mastodon", self.mastodon),
            ("Bluesky", self.bluesky),
            ("LinkedIn", self.linkedin),
        ]
        return [(label, url) for label, url in links if url]


class Article(models.Model):
    Status = visibility.Status

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "The last part of the address. If it changes later, the old address leads here."
        ),
    )
    teaser = models.TextField(
        _("teaser"), max_length=600, help_text=_("One or two sentences shown in listings.")
    )
    body = CKEditor5Field(_("body"), config_name="article", blank=True)
    featured_image = models.ImageField(
        _("featured image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[images.validate_image],
        width_field="featured_image_width",
        height_field="featured_image_height",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describes the image for people who cannot see it. Required with an image."),
    )
    featured_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    featured_image_credit = models.CharField(_("credit"), max_length=150, blank=True)
    # Widths and URLs of the resized copies, written when the image changes.
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(_("tags"), blank=True)
    authors = models.ManyToManyField(
        AuthorProfile, verbose_name=_("authors"), through="Byline", related_name="articles"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article: it appears by itself then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_featured = models.BooleanField(_("featured on the home page"), default=False, db_index=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    # Approved comments, kept up to date by the comments app so that listings
    # can show counts without a query per teaser.
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    meta_description = models.CharField(
        _("meta description"),
        max_length=160,
        blank=True,
        help_text=_("For search engines and link previews. The teaser is used when empty."),
    )
    # When readers could first see the article; kept when it is unpublished,
    # so its address then answers "410 Gone" instead of "404 Not Found".
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    # Weighted full-text vector (title A, teaser B, body C). On PostgreSQL a
    # trigger keeps it current and a GIN index serves it (migration 0003);
    # on SQLite it stays empty and articles/search.py falls back to LIKE.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    # What the article was when loaded, for what a save changes: its old address
    # (OldPath) and the pages it leaves (articles.signals).
    tracker = FieldTracker(fields=["status", "published_at", "slug", "category"])

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_cat_pub_idx"
            ),
            models.Index(
                fields=["is_featured", "status", "-published_at"], name="article_featured_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(featured_image="") | ~Q(featured_image_alt=""),
                name="article_image_needs_alt",
                violation_error_message=_("An image needs an alternative text."),
            ),
            models.CheckConstraint(
                condition=~Q(status=visibility.Status.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            ("edit_any_article", _("Can edit articles of any author")),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # The stored body is always clean, whichever way it arrives
        # (admin, import, shell): templates may then trust it.
        self.body = sanitize.clean_html(self.body)
        old_path = self._old_path_if_moved()
        super().save(*args, **kwargs)
        if old_path:
            OldPath.remember(old_path, self)
        if images.renditions_are_stale(self):
            # Resizing is slow and memory-hungry: the worker does it, never the request.
            from .tasks import queue_renditions

            queue_renditions(self)

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:detail", kwargs={"category": self.category.slug, "slug": self.slug}
        )

    def clean(self) -> None:
        if self.featured_image and not self.featured_image_alt.strip():
            raise ValidationError(
                {"featured_image_alt": _("Please describe the image for people who cannot see it.")}
            )

    def _old_path_if_moved(self) -> str | None:
        """The address the article had when loaded, if its slug or category changed."""
        if (
            self.pk is None
            or not self.tracker.has_changed("slug")
            and not self.tracker.has_changed("category")
        ):
            return None
        old_slug, old_category_id = self.tracker.previous("slug"), self.tracker.previous("category")
        old_category_slug = (
            Category.objects.filter(pk=old_category_id).values_list("slug", flat=True).first()
        )
        if not (old_slug and old_category_slug):
            return None
        return reverse("articles:detail", kwargs={"category": old_category_slug, "slug": old_slug})

    @property
    def is_live(self) -> bool:
        return visibility.is_public(self.status, self.published_at)

    @property
    def is_gone(self) -> bool:
        """Readers could see it once, but it has been taken down since."""
        return (
            not self.is_live
            and self.first_published_at is not None
            and self.first_published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return visibility.is_scheduled(self.status, self.published_at)

    @property
    def was_updated(self) -> bool:
        """True when the article changed noticeably after it went out."""
        if not self.published_at:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 15 * 60

    @property
    def reading_time(self) -> int:
        """Minutes a reader needs, at 200 words a minute; at least one."""
        words = len(re.findall(r"\w+", strip_tags(self.body)))
        return max(1, math.ceil(words / 200))

    @property
    def description(self) -> str:
        return self.meta_description or self.teaser

    @property
    def ordered_authors(self) -> list[AuthorProfile]:
        """Authors in byline order; uses the prefetch of ``with_bylines()`` when present."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def ordered_sources(self) -> list["Source"]:
        return list(self.sources.all())


class Byline(models.Model):
    """One author of an article, at a position in the byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        AuthorProfile, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")
        ]

    def __str__(self) -> str:
        return str(self.author)


class Source(models.Model):
    """A source the article draws on, shown as "Sources: A / B"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("address"), blank=True, max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class OldPath(models.Model):
    """An address an article answered to once: it now redirects to the article.

    The site's one table of redirects. Articles record their old address here
    when their slug or category changes; importers add the permalinks of the
    old site (``/2019/05/hello-world/``, ``/?p=123``). Paths are stored as the
    site sees them: from the first slash, percent-decoded, with the query string.
    """

    path = models.CharField(_("old address"), max_length=500, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="old_paths"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path

    def save(self, *args, **kwargs) -> None:
        self.path = normalize_path(self.path)
        super().save(*args, **kwargs)

    @classmethod
    def remember(cls, path: str, article: Article, *, take_over: bool = False) -> bool:
        """Point ``path`` at ``article``; True when it now leads there.

        A path another article holds stays with it unless ``take_over`` says so:
        an article that moves off an address it should never have had must not
        take that article's readers along.
        """
        path = normalize_path(path)
        if take_over:
            cls.objects.update_or_create(path=path, defaults={"article": article})
            return True
        held, _created = cls.objects.get_or_create(path=path, defaults={"article": article})
        return held.article_id == article.pk


def normalize_path(value: str) -> str:
    """``https://old.example/a%C3%A4/?p=1`` → ``/aä/?p=1``: the form OldPath stores."""
    parts = urlsplit(value.strip())
    path = unquote(parts.path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    return f"{path}?{parts.query}" if parts.query else path


class RelatedArticle(models.Model):
    """An article an editor pinned under another one; pinned ones come first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pinned_related")
    related = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="pinned_under",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("pinned related article")
        verbose_name_plural = _("pinned related articles")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_unique_pin"),
            models.CheckConstraint(
                condition=~Q(article=models.F("related")), name="related_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return str(self.related)


class ArticleViews(models.Model):
    """Views of an article within one hour: one row per article and hour, never per view."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_counts")
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("article views per hour")
        verbose_name_plural = _("article views per hour")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="article_views_unique_hour")
        ]
        indexes = [models.Index(fields=["hour"], name="article_views_hour_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"


class StatusChange(models.Model):
    """One publishing decision: who published, scheduled or unpublished an article, and when.

    Written by ``articles.publishing``; the trail the admin shows under the article.
    """

    class Action(models.TextChoices):
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        UNPUBLISHED = "unpublished", _("unpublished")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("publishing history entry")
        verbose_name_plural = _("publishing history")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.changed_at:%Y-%m-%d %H:%M}"
