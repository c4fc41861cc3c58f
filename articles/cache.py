"""What an article change refreshes: the articles app's cache tags, and ``article_changed``.

Each kind of tag is built by one helper here, so the page that shows a
category and the change that stamps it cannot spell the tag differently.
The mechanics (stamps, entries, the middleware) are ``foundation.pagecache``.
"""

import time

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from taggit.models import TaggedItem

from foundation import pagecache, stamps

from .models import Article, Byline
from .visibility import scheduled

# The home page's lists.
HOME = "home"
# The "Popular now" ranking.
POPULAR = "popular"
# The time of the next scheduled publication.
SCHEDULE = "schedule"

NEXT_PUBLICATION = "next-publication"


def article_tag(article_id: int) -> str:
    """An article's page, and every list or widget that shows it."""
    return f"article:{article_id}"


def category_tag(category_id: int) -> str:
    """A category's page (and, for a parent, its subcategories' articles)."""
    return f"category:{category_id}"


def topic_tag(tag_id: int) -> str:
    """A tag's page (django-taggit's Tag), and related lists that weigh the tag."""
    return f"tag:{tag_id}"


def author_tag(author_id: int) -> str:
    """An author's page."""
    return f"author:{author_id}"


def category_tags(category_id: int, parent_id: int | None) -> list[str]:
    """A category's tag and its parent's: both pages list the category's articles."""
    return [category_tag(pk) for pk in (category_id, parent_id) if pk]


def article_changed(article_id: int, *also: str) -> None:
    """Refresh every page that shows the article: its page, home, lists, related, popular.

    ``also`` adds tags the article no longer carries (its former category,
    say), so the pages it left are refreshed too. Stamped once committed.
    """
    tags = {article_tag(article_id), pagecache.ANY_CONTENT, HOME, SCHEDULE, *also}
    row = Article.objects.filter(pk=article_id).values("category_id", "category__parent_id").first()
    if row:
        tags.update(category_tags(row["category_id"], row["category__parent_id"]))
        tag_ids = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=article_id
        ).values_list("tag_id", flat=True)
        tags.update(topic_tag(pk) for pk in tag_ids)
        author_ids = Byline.objects.filter(article_id=article_id).values_list(
            "author_id", flat=True
        )
        tags.update(author_tag(pk) for pk in author_ids)
    pagecache.pages_changed(*sorted(tags))


def seconds_to_next_publication() -> float | None:
    """Seconds until the next scheduled article goes out, or None when none is scheduled.

    Registered with ``pagecache.limit_lifetime``: no entry outlives it. Kept
    in the cache until SCHEDULE is stamped (any article change) or the time comes.
    """
    entry = cache.get(NEXT_PUBLICATION)
    now = time.time()
    if (
        entry is None
        or (entry[1] and entry[1] <= now)
        or not pagecache.is_fresh(entry[0], (SCHEDULE,))
    ):
        made_at = stamps.book.now()
        upcoming = (
            Article.objects.filter(scheduled())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        entry = (made_at, upcoming.timestamp() if upcoming else 0.0)
        keep = min(3600, entry[1] - now) if entry[1] else 3600
        cache.set(NEXT_PUBLICATION, entry, timeout=max(1, int(keep)))
    return entry[1] - now if entry[1] else None
