"""Counting article views: who counts, and how views become few writes.

Views are kept per article and hour. Counted views wait in the process for
up to VIEWS_FLUSH_SECONDS and are then written together: one upsert
(INSERT ... ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both
understand) per article and hour, so a busy article costs one row per hour
and at most one write per flush, never a row per reader.
"""

import atexit
import logging
import re
import threading
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

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
    """Count one view of the article in the hour of ``when`` (default now).

    With VIEWS_FLUSH_SECONDS > 0 the view waits in this process and is
    written with the others of its article and hour; with 0 it is written
    at once.
    """
    bucket = (article_id, hour_of(when or timezone.now()))
    if settings.VIEWS_FLUSH_SECONDS > 0:
        pending_views.add(bucket)
    else:
        write_views({bucket: 1})


# Buckets per INSERT statement: 3 parameters each, well below SQLite's limit.
WRITE_BATCH = 500


def write_views(counts: dict[tuple[int, datetime], int]) -> None:
    """Add ``counts`` (views per article and hour) to the buckets, in one transaction.

    One multi-row upsert per WRITE_BATCH buckets: each bucket's row is
    written once, however many views it gained.
    """
    from .models import ArticleViews

    if not counts:
        return
    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    rows = [
        (article_id, connection.ops.adapt_datetimefield_value(hour), views)
        for (article_id, hour), views in sorted(counts.items())
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A lost second of view counts after a database crash is acceptable;
            # waiting for the disk flush on every write is not.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        for start in range(0, len(rows), WRITE_BATCH):
            batch = rows[start : start + WRITE_BATCH]
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (article_id, hour, views) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (article_id, hour) "
                f"DO UPDATE SET views = {table}.views + excluded.views",
                [value for row in batch for value in row],
            )


class PendingViews:
    """Views counted in this process and not written yet, per article and hour.

    The first view after a write starts a timer; when it fires (after
    VIEWS_FLUSH_SECONDS) everything collected is written in one transaction,
    on the timer's own thread and database connection. What is still waiting
    when the process ends normally (a gunicorn worker restarting, a deploy)
    is written on the way out.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, datetime]] = Counter()
        self._timer: threading.Timer | None = None

    def add(self, bucket: tuple[int, datetime]) -> None:
        with self._lock:
            self._counts[bucket] += 1
            if self._timer is None:
                self._timer = threading.Timer(settings.VIEWS_FLUSH_SECONDS, self._flush_later)
                self._timer.daemon = True
                self._timer.start()

    def __len__(self) -> int:
        return sum(self._counts.values())

    def flush(self) -> int:
        """Write what is waiting now; returns the number of views written."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        try:
            write_views(counts)
        except DatabaseError:
            # The database is away: keep the counts for the next attempt.
            logger.exception("Could not write %d view counts; keeping them", sum(counts.values()))
            with self._lock:
                self._counts.update(counts)
            return 0
        return sum(counts.values())

    def _flush_later(self) -> None:
        with self._lock:
            self._timer = None
        try:
            self.flush()
        finally:
            # The timer's thread opened its own connection: do not leave it open.
            connections.close_all()


pending_views = PendingViews()
atexit.register(pending_views.flush)


def prune_views(keep_hours: int) -> int:
    """Delete buckets older than ``keep_hours``; returns how many went."""
    from .models import ArticleViews

    cutoff = hour_of(timezone.now()) - timedelta(hours=keep_hours)
    deleted, _ = ArticleViews.objects.filter(hour__lt=cutoff).delete()
    return deleted
