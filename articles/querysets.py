"""The article QuerySet: what "published" means for a query, and the shapes pages need.

``models.py`` builds the manager from it, so it imports no model of its own
app; the read paths that need models live in ``queries.py``.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from taggit.models import TaggedItem

from . import search
from .visibility import public


def bylines_in_order(article_model) -> Prefetch:
    """The prefetch of an article's bylines with their authors, in byline order."""
    byline_model = article_model._meta.get_field("bylines").related_model
    return Prefetch(
        "bylines",
        queryset=byline_model.objects.select_related("author").order_by("position", "pk"),
    )


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see (``visibility.public``)."""
        return self.filter(public())

    def with_bylines(self) -> "ArticleQuerySet":
        """Prefetch the authors in byline order (one extra query per queryset)."""
        return self.prefetch_related(bylines_in_order(self.model))

    def for_listing(self) -> "ArticleQuerySet":
        """The shape a teaser needs: category and authors, not the body."""
        return (
            self.select_related("category")
            .with_bylines()
            .defer("body")
            .order_by("-published_at", "-pk")
        )

    def for_page(self) -> "ArticleQuerySet":
        """The article page's own row; the rest comes from ``fetch_details()`` when needed.

        Most of what the page shows (bylines, sources, tags) is usually kept
        in the cache as finished HTML, so it is fetched only when that HTML is made.
        """
        return self.select_related("category", "category__parent")

    def for_search_results(self) -> "ArticleQuerySet":
        """Like ``for_listing()``, but keeps the search ranking and the body for snippets."""
        return self.select_related("category").with_bylines()

    def for_feed(self) -> "ArticleQuerySet":
        """Newest first, with what a feed item shows: category, authors, tags and body."""
        return (
            self.select_related("category")
            .with_bylines()
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")
        )

    def in_category(self, category) -> "ArticleQuerySet":
        """Articles of a category and of its subcategories."""
        return self.filter(models.Q(category=category) | models.Q(category__parent=category))

    def by_author(self, author) -> "ArticleQuerySet":
        return self.filter(bylines__author=author)

    def tagged(self, tag) -> "ArticleQuerySet":
        """Articles with ``tag``, as a semi-join on the tag's own rows.

        Joining through ``tags`` makes the database compare every article
        with every row of the tag (taggit's integer ``object_id`` against a
        bigint id); ``id IN (…)`` lets it walk the newest articles and stop
        after a page, whatever the tag's size.
        """
        tagged_ids = TaggedItem.objects.filter(
            tag=tag, content_type=ContentType.objects.get_for_model(self.model)
        ).values("object_id")
        return self.filter(pk__in=tagged_ids)

    def search(self, query) -> "ArticleQuerySet":
        """Published articles matching ``query`` (text or a cleaned ``search.Query``), ranked."""
        if isinstance(query, str):
            query = search.clean_query(query)
        return search.search(self.published(), query)

    def published_in_month(self, year: int, month: int) -> "ArticleQuerySet":
        """Published articles of a calendar month in the site's time zone."""
        start = timezone.make_aware(datetime(year, month, 1))
        end = timezone.make_aware(
            datetime(year + 1, 1, 1) if month == 12 else datetime(year, month + 1, 1)
        )
        return self.published().filter(published_at__gte=start, published_at__lt=end)

    def lead_story(self):
        """The latest featured article, or None."""
        return self.published().filter(is_featured=True).for_listing().first()
