"""Named read paths for articles: what the public sees and in which shape.

Views and template tags call one of these names instead of building
filter chains themselves, so each page's queries live in one place.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Cast, Power
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from . import visibility
from .models import Article, ArticleViews, Byline, Category, RelatedArticle
from .permissions import can_edit_any_article
from .querysets import bylines_in_order
from .visibility import public_sql


def detail_lookups() -> list:
    """What the article page shows besides the article: authors, sources, tags."""
    return [bylines_in_order(Article), "sources", "tags"]


def fetch_details(article) -> None:
    """Fetch an article's authors, sources and tags, unless they are there already."""
    prefetch_related_objects([article], *detail_lookups())


def latest_by_category(limit: int = 4) -> list[tuple]:
    """The newest ``limit`` articles of every category, as (category, articles) pairs.

    One query lists the categories; one more takes each category's newest
    articles straight from the (category, status, published_at) index, so
    the cost depends on the number of categories, not of articles; one more
    fetches the bylines.
    """
    category_ids = list(Category.objects.values_list("pk", flat=True))
    if not category_ids:
        return []
    table = connection.ops.quote_name(Article._meta.db_table)
    newest = (
        f"SELECT id FROM (SELECT id FROM {table} WHERE category_id = %s "  # noqa: S608
        f"AND {public_sql(table, '%s')} "
        f"ORDER BY published_at DESC, id DESC LIMIT %s) AS newest_{{n}}"
    )
    sql = " UNION ALL ".join(newest.format(n=n) for n in range(len(category_ids)))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [value for pk in category_ids for value in (pk, now, limit)]
    newest_ids = models.expressions.RawSQL(sql, params)  # noqa: S611 - only our own names
    articles = Article.objects.filter(pk__in=newest_ids).for_listing()
    sections: dict = {}
    for article in articles:
        sections.setdefault(article.category, []).append(article)
    return sorted(sections.items(), key=lambda item: (item[0].position, item[0].name))


def tag_suggestions(text: str, limit: int = 10) -> list[str]:
    """Names of tags containing ``text``: those starting with it first, then the most used."""
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


class EpochHours(models.Func):
    """A timestamp as hours since 1970, in SQLite and PostgreSQL alike."""

    output_field = models.FloatField()

    def as_sql(self, compiler, connection, **extra):
        return self.as_postgresql(compiler, connection, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(date_part('epoch', %(expressions)s) / 3600.0)"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="(CAST(strftime('%%%%s', %(expressions)s) AS REAL) / 3600.0)",
            **extra,
        )


def popular_now(limit: int = 5, *, window_hours: int | None = None, now=None) -> list:
    """Published articles most read in the last ``window_hours``, in one query.

    Each hour's views weigh less the older the hour is: the weight halves
    every POPULAR_HALF_LIFE_HOURS, so a burst this morning beats a steady
    trickle two days ago.
    """
    window_hours = window_hours or settings.POPULAR_WINDOW_HOURS
    now = now or timezone.now()
    current_hour = now.replace(minute=0, second=0, microsecond=0)
    since = current_hour - timedelta(hours=window_hours - 1)
    age_in_half_lives = (
        models.Value(current_hour.timestamp() / 3600.0) - EpochHours("hour")
    ) / models.Value(float(settings.POPULAR_HALF_LIFE_HOURS))
    scores = (
        ArticleViews.objects.filter(hour__gte=since, hour__lte=now)
        .values("article_id")
        .annotate(
            score=models.Sum(
                # Floating point throughout: PostgreSQL's numeric power() is slow.
                Cast("views", models.FloatField())
                * Power(models.Value(0.5, output_field=models.FloatField()), age_in_half_lives),
                output_field=models.FloatField(),
            )
        )
    )
    # The scores are summed over the window's buckets alone, never over the
    # archive; the best few candidates are then checked for being published
    # (a spare margin covers popular articles that were unpublished since).
    candidates = scores.order_by("-score").values("article_id")[: limit * 4]
    return list(
        Article.objects.published()
        .filter(pk__in=models.Subquery(candidates))
        .annotate(
            popularity=models.Subquery(
                scores.filter(article_id=models.OuterRef("pk")).values("score")[:1]
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
# A tag on more articles than this says little about what is related (and
# scanning all its articles would make the query grow with the archive).
COMMON_TAG_ARTICLES = 1000

# How many articles sharing tags are ranked in full; the rest score lower anyway.
TAG_CANDIDATES = 100

# {tag_counts} is one capped count per tag of the article (see related_to).
RELATED_SQL = """
WITH tag_weights AS (
    SELECT tag_id, articles,
           LN(1.0 + (SELECT COALESCE(MAX(id), 1) * 1.0 FROM {article}) / articles) AS weight
    FROM ({tag_counts}) AS counted
    WHERE articles BETWEEN 1 AND %(common)s
),
tag_scores AS (
    SELECT t.object_id AS article_id, SUM(w.weight) AS score
    FROM {tagged} t JOIN tag_weights w ON w.tag_id = t.tag_id
    WHERE t.content_type_id = %(ct)s AND t.object_id <> %(id)s
    GROUP BY t.object_id
    ORDER BY score DESC, t.object_id DESC
    LIMIT %(tag_candidates)s
),
pins AS (
    SELECT related_id AS article_id, position FROM {pins} WHERE article_id = %(id)s
),
candidates AS (
    SELECT article_id FROM tag_scores
    UNION SELECT article_id FROM pins
    UNION SELECT id FROM (
        SELECT id FROM {article}
        WHERE category_id = %(category)s AND id <> %(id)s AND {public_latest}
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
WHERE {public_a} AND a.id <> %(id)s
ORDER BY CASE WHEN p.position IS NULL THEN 1 ELSE 0 END, p.position,
         related_score DESC, a.published_at DESC, a.id DESC
LIMIT %(limit)s
"""

# Counts one tag's articles, but stops at the cap: the count never grows with the archive.
TAG_COUNT_SQL = (
    "SELECT %(tag_{n})s AS tag_id, COUNT(*) AS articles FROM ("
    "SELECT 1 AS one FROM {tagged} WHERE content_type_id = %(ct)s AND tag_id = %(tag_{n})s "
    "LIMIT %(common_probe)s) AS tag_{n}"
)


def related_to(article, limit: int = 4, *, tag_ids=None) -> list:
    """Other published articles a reader of ``article`` may want next, in one query.

    Pinned articles come first, in the editor's order. The others are ranked
    by the tags they share with ``article``, each tag weighted by its rarity
    (an inverse document frequency, ln(1 + N / articles with the tag)), plus
    a bonus for the same category and a small one for being recent. With no
    shared tags the latest articles of the same category fill the list.
    Tags on more than COMMON_TAG_ARTICLES articles are too common to count.

    N is the size of the archive, read as its highest article id: an index
    lookup instead of a count that grows with the archive, and close enough
    for weighing tags against each other. The article's tags come from its
    prefetched ``tags`` (or ``tag_ids``): the database then sees each tag as
    a value and plans with its statistics.
    """
    now = timezone.now()
    if tag_ids is None:
        tag_ids = [tag.pk for tag in article.tags.all()]
    quote = connection.ops.quote_name
    tagged = quote(TaggedItem._meta.db_table)
    # No tags: one count of an impossible tag keeps the SQL the same shape.
    tag_ids = list(tag_ids) or [0]
    tag_counts = " UNION ALL ".join(
        TAG_COUNT_SQL.format(n=n, tagged=tagged) for n in range(len(tag_ids))
    )
    sql = RELATED_SQL.format(
        tag_counts=tag_counts,
        tagged=tagged,
        public_latest=public_sql(quote(Article._meta.db_table)),
        public_a=public_sql("a"),
        article=quote(Article._meta.db_table),
        category=quote(Category._meta.db_table),
        pins=quote(RelatedArticle._meta.db_table),
    )
    params = {
        "ct": ContentType.objects.get_for_model(Article).pk,
        "id": article.pk,
        "now": connection.ops.adapt_datetimefield_value(now),
        "category": article.category_id,
        "category_candidates": CATEGORY_CANDIDATES,
        "common": COMMON_TAG_ARTICLES,
        "common_probe": COMMON_TAG_ARTICLES + 1,
        "tag_candidates": TAG_CANDIDATES,
        **{f"tag_{n}": tag_id for n, tag_id in enumerate(tag_ids)},
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


def articles_visible_to(user) -> models.QuerySet:
    """The articles ``user`` may see in the back office, titles included.

    Editors see every article; an Author sees the public ones and their own,
    never another author's draft or embargoed article. Choice lists and
    messages of the article form keep to it.
    """
    if user is not None and can_edit_any_article(user):
        return Article.objects.all()
    public = visibility.public()
    if user is None or not user.is_authenticated:
        return Article.objects.filter(public)
    return Article.objects.filter(
        public | Q(pk__in=Byline.objects.filter(author__user=user).values("article"))
    )
