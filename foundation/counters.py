"""Counts every process and server shares: attempts in a rate-limit window, readers seen.

A count lives in one row of the database until its window ends. Counting is
one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, the same SQL on
SQLite and PostgreSQL), so processes counting the same key at the same moment
never lose a count, and nothing can evict a count before its time.
"""

import time
from collections import Counter as Tally
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import Counter

# Keys per INSERT statement: 3 parameters each, well below SQLite's limit.
HIT_BATCH = 500

# Longest a process lets expired rows wait before it deletes them (see prune_when_due).
PRUNE_SECONDS = 60

KEY_LENGTH = Counter._meta.get_field("key").max_length

_last_pruned: float | None = None


def hit(key: str, window_seconds: int, now: datetime | None = None) -> int:
    """Count one for ``key``; returns its count in the current window, this one included.

    A window starts with the first count and lasts ``window_seconds``; the
    first count after it ended starts a new window at 1.
    """
    return hit_many([key], window_seconds, now=now)[key]


def hit_many(
    keys: Iterable[str], window_seconds: int, now: datetime | None = None
) -> dict[str, int]:
    """Count one for each of ``keys`` (a key named twice counts twice); returns key -> count.

    One multi-row upsert per HIT_BATCH distinct keys, all in one transaction.
    """
    tally = Tally(iter(keys))  # iter(): a dict given as keys counts each key once
    if not tally:
        return {}
    too_long = [key for key in tally if len(key) > KEY_LENGTH]
    if too_long:
        raise ValueError(f"Counter keys are at most {KEY_LENGTH} characters: {too_long[0]!r}")
    now = now or timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    expires_at = adapt(now + timedelta(seconds=window_seconds))
    # Sorted, so that two processes counting overlapping keys lock their rows
    # in the same order and cannot deadlock each other on PostgreSQL.
    rows = [(key, hits, expires_at) for key, hits in sorted(tally.items())]
    batches = [rows[start : start + HIT_BATCH] for start in range(0, len(rows), HIT_BATCH)]
    quote = connection.ops.quote_name
    table = quote(Counter._meta.db_table)
    key, count, expires = quote("key"), quote("count"), quote("expires_at")
    # A row whose window has ended starts again with this statement's count and
    # window; both CASEs read the row as it was before the update.
    sql_ending = (
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{count} = CASE WHEN {table}.{expires} > %s "
        f"THEN {table}.{count} + excluded.{count} ELSE excluded.{count} END, "
        f"{expires} = CASE WHEN {table}.{expires} > %s "
        f"THEN {table}.{expires} ELSE excluded.{expires} END "
        f"RETURNING {key}, {count}"
    )
    counts = {}
    # One statement is atomic by itself; several share a transaction.
    atomic = transaction.atomic(savepoint=False) if len(batches) > 1 else nullcontext()
    with atomic, connection.cursor() as cursor:
        for batch in batches:
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({key}, {count}, {expires}) VALUES {values} {sql_ending}",  # noqa: S608
                [value for row in batch for value in row] + [adapt(now), adapt(now)],
            )
            counts.update(cursor.fetchall())
    return counts


def prune(now: datetime | None = None) -> int:
    """Delete the counts whose window has ended; returns how many went."""
    global _last_pruned
    _last_pruned = time.monotonic()
    deleted, _ = Counter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def prune_when_due(now: datetime | None = None) -> int:
    """``prune()`` if this process has not pruned for PRUNE_SECONDS; otherwise nothing.

    For paths that count on every request. A clock rather than a random draw:
    the cost stays at most one DELETE per process a minute however busy the
    site is, and an expired row waits at most that long while requests come.
    Expired rows do no harm meanwhile: the next count of their key restarts them.
    """
    if _last_pruned is not None and time.monotonic() - _last_pruned < PRUNE_SECONDS:
        return 0
    return prune(now)
