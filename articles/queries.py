"""Named read paths for articles: what the public sees and in which shape.

Views and template tags call one of these names instead of building
filter chains themselves, so each page's queries live in one place.
"""

from datetime import datetime

from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import RowNumber
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see: published, and their time has come."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def with_bylines(self) -> "ArticleQuerySet":
        """Prefetch the authors in byline order (one extra query per queryset)."""
        byline_model = self.model._meta.get_field("bylines").related_model
        return self.prefetch_related(
            Prefetch(
                "bylines",
                queryset=byline_model.objects.select_related("author").order_by("position", "pk"),
            )
        )

    def for_listing(self) -> "ArticleQuerySet":
        """The shape a teaser needs: category and authors, not the body."""
        return (
            self.select_related("category")
            .with_bylines()
            .defer("body")
            .order_by("-published_at", "-pk")
        )

    def for_detail(self) -> "ArticleQuerySet":
        """Everything the article page shows, in a fixed number of queries."""
        return (
            self.select_related("category", "category__parent")
            .with_bylines()
            .prefetch_related("sources", "tags")
        )

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
        return self.filter(tags=tag)

    def search(self, query) -> "ArticleQuerySet":
        """Published articles matching ``query`` (text or a cleaned ``search.Query``), ranked."""
        from . import search

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


def latest_by_category(limit: int = 4) -> list[tuple]:
    """The newest ``limit`` articles of every category, as (category, articles) pairs.

    One query ranks articles within their category (a window function), one
    more fetches the bylines, however many categories there are.
    """
    from .models import Article

    ranked = (
        Article.objects.published()
        .annotate(
            rank_in_category=models.Window(
                RowNumber(),
                partition_by=[models.F("category_id")],
                order_by=[models.F("published_at").desc(), models.F("pk").desc()],
            )
        )
        .filter(rank_in_category__lte=limit)
        .for_listing()
    )
    sections: dict = {}
    for article in ranked:
        sections.setdefault(article.category, []).append(article)
    return sorted(sections.items(), key=lambda item: (item[0].position, item[0].name))


def tag_suggestions(text: str, limit: int = 10) -> list[str]:
    """Names of tags containing ``text``: those starting with it first, then the most used."""
    from taggit.models import Tag

    return list(
        Tag.objects.filter(name__icontains=text)
        .annotate(
            starts=models.Case(
                models.When(name__istartswith=text, then=0),
                default=1,
                output_field=models.IntegerField(),
            ),
            uses=models.Count("taggit_taggeditem_items"),
        )
        .order_by("starts", "-uses", "name")
        .values_list("name", flat=True)[:limit]
    )
