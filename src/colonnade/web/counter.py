"""Counting article views, one per visitor, article and day, without slowing pages or knowing
who the readers are.

A visitor is known by a visitor id: a keyed hash (BLAKE2b) of the client's address, user agent
and the article id, keyed with a random salt of the UTC day and cut to 64 bits (the scheme of
Plausible Analytics). The salt lives in the database, so every server process, and a restarted
one, makes the same id; at the end of the day the salt and the day's ids are deleted, and an
id can no longer be tied to an address. A request never waits for the database: it hashes
with the salt held in memory and, unless this process has seen the id today, queues it in a
dict (microseconds, under a lock). A background thread writes the queue every few seconds in
one transaction, where the database counts an id only once whatever process sent it.

The thread also fetches the salt of each new day and deletes the old ones. The few views that
arrive before it has (at start-up, in the seconds after midnight) wait in memory with their
address and user agent until the next flush hashes them: those are never written. A crash
loses at most one interval of views, which "most read" can afford.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import NamedTuple

from colonnade.errors import StorageError
from colonnade.store import Storage

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0
# Views kept when the database refuses a flush, so that an outage cannot grow memory forever.
MAX_PENDING_KEYS = 50_000
# Today's ids remembered by this process (about 8 MB); past it the memory starts again and the
# database alone recognises repeats, at the cost of queueing them.
MAX_SEEN = 100_000


class Visitor(NamedTuple):
    """What a reading is known by until it is hashed: the client's address and user agent."""

    address: str
    user_agent: str


def visitor_id(salt: bytes, visitor: Visitor, article_id: int) -> int:
    """The day's id of `visitor` reading article `article_id`: 64 bits, signed (a BIGINT)."""
    data = "\0".join((visitor.address, visitor.user_agent, str(article_id))).encode()
    digest = hashlib.blake2b(data, key=salt, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ViewCounter:
    def __init__(
        self,
        storage: Storage,
        *,
        interval: float = FLUSH_SECONDS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.storage = storage
        self.interval = interval
        self._clock = clock
        self._salt: tuple[date, bytes] | None = None  # today's, once the thread has it
        self._forgotten: date | None = None  # the day before which nothing is kept any more
        self._seen: set[int] = set()  # ids of the salt's day queued or written by this process
        self._pending: dict[tuple[date, int], int] = {}  # (day, visitor id) -> article id
        self._unsalted: set[tuple[date, int, Visitor]] = set()  # waiting for their day's salt
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, article_id: int, visitor: Visitor) -> None:
        """Count `visitor` reading the article, once a UTC day."""
        day = self._clock().astimezone(UTC).date()
        known = self._salt
        if known is None or known[0] != day:
            with self._lock:
                if len(self._unsalted) < MAX_PENDING_KEYS:
                    self._unsalted.add((day, article_id, visitor))
            return
        vid = visitor_id(known[1], visitor, article_id)
        with self._lock:
            self._queue(day, vid, article_id)

    @property
    def pending(self) -> int:
        """Views waiting for the next flush."""
        with self._lock:
            return len(self._pending) + len(self._unsalted)

    def flush(self) -> int:
        """Write the views gathered so far; returns the rows of counts written. On a new day,
        fetches its salt and deletes the salts and visitor ids of earlier ones."""
        with self._flush_lock:
            today = self._clock().astimezone(UTC).date()
            self._renew_salt(today)
            with self._lock:
                batch, self._pending = self._pending, {}
            try:
                if not batch:
                    if self._forgotten != today:
                        self.storage.views.forget_before(today)
                        self._forgotten = today
                    return 0
                # Yesterday's late ids are written before they are deleted, in one transaction,
                # so that they are still recognised among the ones already recorded.
                written = self.storage.views.record_visits(batch, today=today)
                self._forgotten = today
                return written
            except StorageError as exc:
                log.warning("view counts not saved, will retry: %s", exc)
                with self._lock:
                    if len(self._pending) + len(batch) <= MAX_PENDING_KEYS:
                        self._pending.update(batch)
                return 0

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="view-counter", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the background thread and write what is left."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self.flush()

    def _run(self) -> None:
        # At once, so that the first views are hashed on arrival; then every interval.
        while True:
            try:
                self.flush()
            except Exception:  # a bug here must not end counting for the life of the process
                log.exception("flushing view counts failed")
            if self._stop.wait(self.interval):
                return

    def _renew_salt(self, today: date) -> None:
        """Hold the salt of `today` and hash the views that waited for one."""
        if self._salt is None or self._salt[0] != today:
            try:
                salt = self.storage.views.salt(today)
            except StorageError as exc:
                log.warning("no salt for today's views, will retry: %s", exc)
                return
            with self._lock:
                self._salt = (today, salt)
                self._seen = set()
        salt = self._salt[1]
        with self._lock:
            waiting, self._unsalted = self._unsalted, set()
            for day, article_id, visitor in waiting:
                # A view of an earlier day (the salt was late) is hashed with today's salt and
                # still counted on its own day: the database recognises a repeat among them.
                self._queue(day, visitor_id(salt, visitor, article_id), article_id)

    def _queue(self, day: date, vid: int, article_id: int) -> None:
        """Queue a view unless this process has seen its id today (the lock held)."""
        if self._salt is not None and day == self._salt[0]:
            if vid in self._seen:
                return
            if len(self._seen) >= MAX_SEEN:
                self._seen.clear()
            self._seen.add(vid)
        self._pending.setdefault((day, vid), article_id)
