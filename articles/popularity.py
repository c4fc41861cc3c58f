"""Counting article views: who counts, and how a view becomes one write.

Views are kept per article and hour. A counted view is a single upsert
(INSERT ... ON CONFLICT DO UPDATE), which SQLite and PostgreSQL both
understand, so a busy article costs one row per hour, not one per reader.
"""

import re
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

# Crawlers, link previewers and command-line clients; real browsers say "Mozilla".
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor"
    r"|curl|wget|python-|httpx|aiohttp|go-http|java/|okhttp|libwww|scrapy",
    re.IGNORECASE,
)

# A client counts once per article in this many seconds.
REPEAT_SECONDS = 10 * 60


def is_bot(user_agent: str) -> bool:
    """True for clients that are not people reading: no user agent, or a known robot."""
    user_agent = user_agent.strip()
    return (
        not user_agent
        or "mozilla" not in user_agent.lower()
        or bool(BOT_PATTERN.search(user_agent))
    )


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def record_view(article_id: int, when: datetime | None = None) -> None:
    """Add one view to the article's bucket for the hour: exactly one write."""
    from .models import ArticleViews

    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    hour = connection.ops.adapt_datetimefield_value(hour_of(when or timezone.now()))
    if connection.vendor == "postgresql":
        # A view count may be lost in a crash; waiting for the disk flush on each
        # one would cap the beacon at the disk's pace. set_config(..., true) relaxes
        # only this statement's own transaction, without another round trip.
        rows = (
            "SELECT %s, %s, 1 FROM "
            "(SELECT set_config('synchronous_commit', 'off', true)) AS relaxed"
        )
    else:
        rows = "VALUES (%s, %s, 1)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, hour, views) {rows} "  # noqa: S608
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + 1",
            [article_id, hour],
        )


def prune_views(keep_hours: int) -> int:
    """Delete buckets older than ``keep_hours``; returns how many went."""
    from .models import ArticleViews

    cutoff = hour_of(timezone.now()) - timedelta(hours=keep_hours)
    deleted, _ = ArticleViews.objects.filter(hour__lt=cutoff).delete()
    return deleted
