"""Named read paths for articles: what the public sees and in which shape.

Views and template tags call one of these names instead of building
filter chains themselves, so each page's queries live in one place.
"""

from datetime import timedelta

from django.conf import settings
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

    def in_category(self, category) -> "ArticleQuerySet":
        """Articles of a category and of its subcategories."""
        return self.filter(models.Q(category=category) | models.Q(category__parent=category))

    def by_author(self, author) -> "ArticleQuerySet":
        return self.filter(bylines__author=author)

    def tagged(self, tag) -> "ArticleQuerySet":
        return self.filter(tags=tag)

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


def popular_now(limit: int = 5, *, window_hours: int | None = None, now=None) -> list:
    """Published articles most read in the last ``window_hours``, in one query.

    Each hour's views weigh less the older the hour is: the weight halves
    every POPULAR_HALF_LIFE_HOURS, so a burst this morning beats a steady
    trickle two days ago. The weights are computed here and handed to the
    database as a CASE over the hour buckets, which both SQLite and
    PostgreSQL understand.
    """
    from .models import Article

    window_hours = window_hours or settings.POPULAR_WINDOW_HOURS
    now = now or timezone.now()
    current_hour = now.replace(minute=0, second=0, microsecond=0)
    half_life = settings.POPULAR_HALF_LIFE_HOURS
    since = current_hour - timedelta(hours=window_hours - 1)
    weights = [
        models.When(
            view_counts__hour__gte=current_hour - timedelta(hours=age),
            then=models.F("view_counts__views") * (0.5 ** (age / half_life)),
        )
        for age in range(window_hours)
    ]
    return list(
        Article.objects.published()
        .filter(view_counts__hour__gte=since, view_counts__hour__lte=now)
        .annotate(
            popularity=models.Sum(
                models.Case(*weights, default=0.0, output_field=models.FloatField())
            )
        )
        .select_related("category")
        .only(*TEASER_FIELDS)
        .order_by("-popularity", "-published_at", "-pk")[:limit]
    )


# The columns a small teaser (title, thumbnail, category) needs.
TEASER_FIELDS = (
    "id",
    "title",
    "slug",
    "teaser",
    "status",
    "published_at",
    "featured_image",
    "featured_image_width",
    "featured_image_height",
    "featured_image_alt",
    "image_renditions",
    "category__id",
    "category__name",
    "category__slug",
)

# How the related score is made up, besides the shared tags.
SAME_CATEGORY_BONUS = 1.0
RECENCY_BONUSES = ((timedelta(days=7), 0.5), (timedelta(days=30), 0.25), (timedelta(days=365), 0.1))
# How many of the category's latest articles compete when tags say little.
CATEGORY_CANDIDATES = 20

RELATED_SQL = """
WITH source_tags AS (
    SELECT tag_id FROM {tagged} WHERE content_type_id = %(ct)s AND object_id = %(id)s
),
tag_weights AS (
    SELECT t.tag_id, LN(1.0 + %(total)s / COUNT(*)) AS weight
    FROM {tagged} t
    JOIN source_tags s ON s.tag_id = t.tag_id
    JOIN {article} a ON a.id = t.object_id
    WHERE t.content_type_id = %(ct)s AND a.status = 'published' AND a.published_at <= %(now)s
    GROUP BY t.tag_id
),
tag_scores AS (
    SELECT t.object_id AS article_id, SUM(w.weight) AS score
    FROM {tagged} t JOIN tag_weights w ON w.tag_id = t.tag_id
    WHERE t.content_type_id = %(ct)s AND t.object_id <> %(id)s
    GROUP BY t.object_id
),
pins AS (
    SELECT related_id AS article_id, position FROM {pins} WHERE article_id = %(id)s
),
candidates AS (
    SELECT article_id FROM tag_scores
    UNION SELECT article_id FROM pins
    UNION SELECT id FROM (
        SELECT id FROM {article}
        WHERE category_id = %(category)s AND id <> %(id)s
          AND status = 'published' AND published_at <= %(now)s
        ORDER BY published_at DESC LIMIT %(category_candidates)s
    ) latest
)
SELECT a.id, a.title, a.slug, a.teaser, a.status, a.published_at, a.category_id,
       a.featured_image, a.featured_image_width, a.featured_image_height,
       a.featured_image_alt, a.image_renditions,
       c.name AS category_name, c.slug AS category_slug,
       p.position AS pin_position,
       COALESCE(ts.score, 0)
         + CASE WHEN a.category_id = %(category)s THEN %(category_bonus)s ELSE 0 END
         + CASE WHEN a.published_at >= %(recent_0)s THEN %(bonus_0)s
                WHEN a.published_at >= %(recent_1)s THEN %(bonus_1)s
                WHEN a.published_at >= %(recent_2)s THEN %(bonus_2)s
                ELSE 0 END AS related_score
FROM candidates x
JOIN {article} a ON a.id = x.article_id
JOIN {category} c ON c.id = a.category_id
LEFT JOIN tag_scores ts ON ts.article_id = a.id
LEFT JOIN pins p ON p.article_id = a.id
WHERE a.status = 'published' AND a.published_at <= %(now)s AND a.id <> %(id)s
ORDER BY CASE WHEN p.position IS NULL THEN 1 ELSE 0 END, p.position,
         related_score DESC, a.published_at DESC, a.id DESC
LIMIT %(limit)s
"""


def related_to(article, limit: int = 4, *, published_total: int | None = None) -> list:
    """Other published articles a reader of ``article`` may want next, in one query.

    Pinned articles come first, in the editor's order. The others are ranked
    by the tags they share with ``article``, each tag weighted by its rarity
    (an inverse document frequency, ln(1 + N / articles with the tag)), plus
    a bonus for the same category and a small one for being recent. With no
    shared tags the latest articles of the same category fill the list.

    ``published_total`` is N; callers may pass a cached count to spare the
    database a COUNT on every call.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from taggit.models import TaggedItem

    from .models import Article, Category, RelatedArticle

    now = timezone.now()
    if published_total is None:
        published_total = Article.objects.published().count()
    quote = connection.ops.quote_name
    sql = RELATED_SQL.format(
        tagged=quote(TaggedItem._meta.db_table),
        article=quote(Article._meta.db_table),
        category=quote(Category._meta.db_table),
        pins=quote(RelatedArticle._meta.db_table),
    )
    params = {
        "ct": ContentType.objects.get_for_model(Article).pk,
        "id": article.pk,
        "total": float(max(published_total, 1)),
        "now": connection.ops.adapt_datetimefield_value(now),
        "category": article.category_id,
        "category_candidates": CATEGORY_CANDIDATES,
        "category_bonus": SAME_CATEGORY_BONUS,
        "limit": limit,
    }
    for index, (age, bonus) in enumerate(RECENCY_BONUSES):
        params[f"recent_{index}"] = connection.ops.adapt_datetimefield_value(now - age)
        params[f"bonus_{index}"] = bonus
    related = list(Article.objects.raw(sql, params))
    for item in related:
        # The category came with the same row; no query per article for its URL.
        category = Category(id=item.category_id, name=item.category_name, slug=item.category_slug)
        Article.category.field.set_cached_value(item, category)
    return related
