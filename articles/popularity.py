"""Counting article views: who counts, and how views become few writes.

Views are kept per article and hour. Views wait in the process for up to
VIEWS_FLUSH_SECONDS and are then written together: one upsert (INSERT ...
ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both understand) per
article and hour, so a busy article costs one row per hour and at most one
write per flush, never a row per reader. A reader counts once per article
in REPEAT_SECONDS; whether they were seen is asked of the shared counters
(``foundation.counters``) in the same transaction, so every process and
server agrees.
"""

import atexit
import logging
import re
import threading
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.http import HttpRequest
from django.utils import timezone

from foundation import counters

from .models import ArticleViews

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


def counts_as_reading(request: HttpRequest) -> bool:
    """Whether a view beacon is a person reading the article.

    Not counted: robots, anyone with a session (editors and moderators are
    logged in; readers have none) and beacons sent from another site's page.
    A browser that does not send ``Sec-Fetch-Site`` is given the benefit of the doubt.
    """
    return (
        not is_bot(request.headers.get("User-Agent", ""))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
    )


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


# An article and an hour: the row its views are counted in.
Bucket = tuple[int, datetime]


def reading_key(article_id: int, reader: str) -> str:
    """The counter that says whether ``reader`` (a client key) read the article lately."""
    return f"view:{article_id}:{reader}"


def record_view(article_id: int, when: datetime | None = None, reader: str | None = None) -> None:
    """Count one view of the article in the hour of ``when`` (default now).

    With a ``reader`` (a client key) the view counts only if that reader has
    not read the article within REPEAT_SECONDS. With VIEWS_FLUSH_SECONDS > 0
    the view waits in this process and is written with the others; with 0 it
    is written at once.
    """
    bucket = (article_id, hour_of(when or timezone.now()))
    if settings.VIEWS_FLUSH_SECONDS > 0:
        pending_views.add(bucket, reader)
    elif reader is None:
        save_views(Counter([bucket]), {})
    else:
        save_views(Counter(), {reading_key(article_id, reader): bucket})


def save_views(views: Counter[Bucket], readings: dict[str, Bucket]) -> int:
    """Write views in one transaction; returns the number of views written.

    ``views`` count as they are. Each of ``readings`` (``reading_key`` -> bucket)
    counts only if its reader's counter comes back 1, a first reading in
    REPEAT_SECONDS. The counters are asked in the same transaction as the views
    are written: when the write fails, no reader is marked as seen, and the
    views can be tried again. Ended counters are pruned in passing.
    """
    if not views and not readings:
        return 0
    counts = Counter(views)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A lost second of view counts after a database crash is acceptable;
            # waiting for the disk flush on every write is not.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if readings:
            seen = counters.hit_many(readings.keys(), REPEAT_SECONDS)
            counts.update(bucket for key, bucket in readings.items() if seen[key] == 1)
        write_views(counts)
        counters.prune()
    return counts.total()


# Buckets per INSERT statement: 3 parameters each, well below SQLite's limit.
WRITE_BATCH = 500


def write_views(counts: dict[Bucket, int]) -> None:
    """Add ``counts`` (views per article and hour) to the buckets, in one transaction.

    One multi-row upsert per WRITE_BATCH buckets: each bucket's row is
    written once, however many views it gained.
    """
    if not counts:
        return
    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    rows = [
        (article_id, connection.ops.adapt_datetimefield_value(hour), views)
        for (article_id, hour), views in sorted(counts.items())
    ]
    # Inside save_views() this is part of its transaction, without a savepoint of its own.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
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
    """Views counted in this process and not written yet.

    Views without a reader wait per article and hour; a reader's view waits
    under its ``reading_key``, once: what that reader sends again before the
    flush is the same reading. The first view after a write starts a timer;
    when it fires (after VIEWS_FLUSH_SECONDS) everything collected is written
    in one transaction (``save_views``), on the timer's own thread and
    database connection. What is still waiting when the process ends normally
    (a gunicorn worker restarting, a deploy) is written on the way out.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._views: Counter[Bucket] = Counter()
        self._readings: dict[str, Bucket] = {}
        self._timer: threading.Timer | None = None

    def add(self, bucket: Bucket, reader: str | None = None) -> None:
        with self._lock:
            if reader is None:
                self._views[bucket] += 1
            else:
                self._readings.setdefault(reading_key(bucket[0], reader), bucket)
            if self._timer is None:
                self._timer = threading.Timer(settings.VIEWS_FLUSH_SECONDS, self._flush_later)
                self._timer.daemon = True
                self._timer.start()

    def __len__(self) -> int:
        """Views waiting; a reader's may still turn out to be a repeat."""
        return self._views.total() + len(self._readings)

    def flush(self) -> int:
        """Write what is waiting now; returns the number of views written."""
        with self._lock:
            views, self._views = self._views, Counter()
            readings, self._readings = self._readings, {}
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        try:
            return save_views(views, readings)
        except DatabaseError:
            # The database is away: keep the views for the next attempt.
            logger.exception(
                "Could not write %d view counts; keeping them", views.total() + len(readings)
            )
            with self._lock:
                self._views.update(views)
                # A reader's earlier reading stands before one that came meanwhile.
                self._readings = {**self._readings, **readings}
            return 0

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
    cutoff = hour_of(timezone.now()) - timedelta(hours=keep_hours)
    deleted, _ = ArticleViews.objects.filter(hour__lt=cutoff).delete()
    return deleted
