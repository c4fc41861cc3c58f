"""Change stamps that every app process and server agrees on.

A change to something pages show takes the next number of the change
clock and stamps each of its cache tags (``article:42``, ``home``…) with
that number, in the database, once the change is committed. A cached page
remembers the newest number its process knew when it began making it; it
is stale as soon as one of its tags carries a higher number.

The stamps live in the database, so every process reads the same truth,
and nothing can evict them. Reading them on every request would cost a
query, so each process keeps the stamps it has read and reads only the
newer ones when the *change signal* moves: a small file that every process
of the machine maps into memory, or, with several app servers, a key in
the shared cache (Redis). Checking the signal costs a memory read (file)
or one round trip (Redis). A process also looks at the database every
CHANGES_RECHECK_SECONDS in any case, so even a signal lost to a crash
between commit and signal costs at most that long.

Why the numbers come from one clock row and not from the wall clock: two
servers' clocks differ by some milliseconds, and a page begun just before
a change on a server whose clock runs ahead would be taken for fresh. The
clock row is locked by each stamping transaction until it commits, so
numbers become visible in the order they were given out: whoever has read
number n has seen every change up to n.
"""

import hashlib
import logging
import mmap
import os
import struct
import tempfile
import threading
import time
from collections.abc import Iterable
from contextvars import ContextVar
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from .models import ChangeClock, Stamp

logger = logging.getLogger(__name__)

# How many of the newest stamps a process reads when it starts. Entries
# made before the oldest of them count as stale, so this only has to
# cover the changes made during one page's lifetime in the shared cache.
START_STAMPS = 5000

_SIGNAL_FORMAT = struct.Struct("<q")

# Set while a request is being answered once the signal was checked for it.
_checked_in_request: ContextVar[bool] = ContextVar("stamps_checked", default=False)


class FileSignal:
    """The newest change number, in a file every process of this machine maps."""

    def __init__(self, path: Path):
        self.path = path
        self._map: mmap.mmap | None = None

    def _open(self) -> mmap.mmap:
        if self._map is None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if os.fstat(fd).st_size < _SIGNAL_FORMAT.size:
                    os.ftruncate(fd, _SIGNAL_FORMAT.size)
                self._map = mmap.mmap(fd, _SIGNAL_FORMAT.size)
            finally:
                os.close(fd)
        return self._map

    def read(self) -> int:
        return _SIGNAL_FORMAT.unpack_from(self._open(), 0)[0]

    def write(self, version: int) -> None:
        # Any change of the value makes readers look at the database, which is
        # the truth; so a write racing another needs no lock.
        _SIGNAL_FORMAT.pack_into(self._open(), 0, version)


class CacheSignal:
    """The newest change number, in the cache all servers share (Redis)."""

    key = "changes-signal"

    def read(self) -> int:
        return cache.get(self.key, 0)

    def write(self, version: int) -> None:
        cache.set(self.key, version, timeout=None)


def signal_for_this_site() -> FileSignal | CacheSignal:
    """The cache when it is shared between servers, else a file named after the database."""
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return CacheSignal()
    database = connection.settings_dict
    name = "\n".join(
        str(database.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME")
    ).encode()
    digest = hashlib.sha256(name).hexdigest()[:20]
    return FileSignal(Path(tempfile.gettempdir()) / f"newsroom-changes-{digest}")


class StampBook:
    """This process's copy of the stamps: every stamp numbered above ``floor``."""

    def __init__(self):
        self._lock = threading.RLock()
        self._signal = None
        self.forget()

    def forget(self) -> None:
        """Start again from the database at the next use (a new process, a test)."""
        with self._lock:
            self.floor: int | None = None
            self.latest = 0
            self.known: dict[str, int] = {}
            self._seen_signal: int | None = None
            self._read_at = 0.0

    @property
    def signal(self) -> FileSignal | CacheSignal:
        if self._signal is None:
            self._signal = signal_for_this_site()
        return self._signal

    # --- Reading ------------------------------------------------------------------

    def begin_request(self) -> object:
        """Check the signal once for the request now being answered."""
        self.check()
        return _checked_in_request.set(True)

    def end_request(self, token) -> None:
        _checked_in_request.reset(token)

    def check(self) -> None:
        """Read newer stamps when the signal moved, or when the last read is too old."""
        if _checked_in_request.get():
            return
        signal = self.signal.read()
        recheck = settings.CHANGES_RECHECK_SECONDS
        with self._lock:
            if self.floor is None:
                self._read_start(signal)
            elif signal != self._seen_signal or (
                recheck and time.monotonic() - self._read_at > recheck
            ):
                self._read_newer(signal)

    def _read_start(self, signal: int) -> None:
        rows = list(Stamp.objects.order_by("-version").values_list("tag", "version")[:START_STAMPS])
        self.known = dict(rows)
        self.latest = rows[0][1] if rows else 0
        # Stamps of the oldest number read may be cut off by the limit: the floor
        # is that number, not one below it.
        self.floor = rows[-1][1] if len(rows) == START_STAMPS else 0
        self._seen_signal, self._read_at = signal, time.monotonic()

    def _read_newer(self, signal: int) -> None:
        rows = Stamp.objects.filter(version__gt=self.latest).values_list("tag", "version")
        for tag, version in rows:
            self.known[tag] = version
            self.latest = max(self.latest, version)
        self._seen_signal, self._read_at = signal, time.monotonic()
        if len(self.known) > 4 * START_STAMPS:
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        """Keep memory bounded: drop the older half and raise the floor above it."""
        versions = sorted(self.known.values())
        self.floor = versions[len(versions) // 2]
        self.known = {tag: v for tag, v in self.known.items() if v > self.floor}

    def now(self) -> int:
        """The number to give an entry made from now on: every change up to it is visible."""
        self.check()
        return self.latest

    def is_fresh(self, made_at: int, tags: Iterable[str]) -> bool:
        """Whether an entry made at ``made_at`` still shows the current ``tags``."""
        self.check()
        if self.floor is None or made_at < self.floor:
            # Made before what this process knows about: assume the worst.
            return False
        known = self.known
        return all(known.get(tag, 0) <= made_at for tag in tags)


book = StampBook()


# --- Writing --------------------------------------------------------------------


def stamp(tags: Iterable[str]) -> None:
    """Stamp ``tags`` with a new change number once the current transaction commits.

    Stamping after commit matters: a page begun before the commit would
    otherwise read the old row after the stamp and be kept as fresh.
    Outside a transaction this happens at once.
    """
    tags = tuple(sorted(set(tags)))
    if tags:
        transaction.on_commit(partial(_write_stamps, tags), robust=True)


def _write_stamps(tags: tuple[str, ...]) -> int:
    clock = connection.ops.quote_name(ChangeClock._meta.db_table)
    table = connection.ops.quote_name(Stamp._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        # Locks the clock row until this transaction commits (see the module's docstring).
        cursor.execute(
            f"INSERT INTO {clock} (id, version) VALUES (1, 1) "  # noqa: S608
            f"ON CONFLICT (id) DO UPDATE SET version = {clock}.version + 1 RETURNING version"
        )
        (version,) = cursor.fetchone()
        values = ", ".join(["(%s, %s)"] * len(tags))
        cursor.execute(
            f"INSERT INTO {table} (tag, version) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (tag) DO UPDATE SET version = excluded.version",
            [value for tag in tags for value in (tag, version)],
        )
    try:
        book.signal.write(version)
    except OSError:
        logger.exception("Could not move the change signal; processes notice within seconds")
    return version
