"""Counting article views without slowing pages or knowing anything about readers.

A view adds 1 to an in-memory counter under a lock (a dict update: microseconds); a
background thread writes the sums every few seconds in one transaction of upserts. A page
never waits for the database's write lock (which a crawl may be holding), and a popular
article costs one row update per flush rather than one write per view. What is lost if the
process dies is at most one interval of counts, which "most read" can afford. Only
(article id, UTC day, count) is kept: no cookie, no address, no user agent.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import UTC, date, datetime

from colonnade.errors import StorageError
from colonnade.store import Storage

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0
# Counts kept when the database refuses a flush, so that an outage cannot grow memory forever.
MAX_PENDING_KEYS = 50_000


class ViewCounter:
    def __init__(self, storage: Storage, *, interval: float = FLUSH_SECONDS) -> None:
        self.storage = storage
        self.interval = interval
        self._pending: Counter[tuple[int, date]] = Counter()
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, article_id: int, day: date | None = None) -> None:
        key = (article_id, day or datetime.now(UTC).date())
        with self._lock:
            self._pending[key] += 1

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(self._pending.values())

    def flush(self) -> int:
        """Write the counts gathered so far; returns the rows written."""
        with self._flush_lock:
            with self._lock:
                batch, self._pending = self._pending, Counter()
            if not batch:
                return 0
            try:
                return self.storage.views.record(batch)
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
        while not self._stop.wait(self.interval):
            try:
                self.flush()
            except Exception:  # a bug here must not end counting for the life of the process
                log.exception("flushing view counts failed")
