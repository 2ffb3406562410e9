"""A small in-process cache with a time to live, for lists every visitor sees alike.

The front page, most read and the filter lists change only when a crawl stores articles, yet
would otherwise be computed on every request. A few seconds of staleness is invisible to a
reader and takes those queries off the hot path. Bounded in entries, so memory stays flat.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class TTLCache:
    def __init__(self, seconds: float, *, max_entries: int = 512) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value, or `compute()` stored for `seconds`. Two threads missing at once
        may both compute; that is cheaper than making every reader wait on a lock."""
        if self.seconds <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] > now:
                self._entries.move_to_end(key)
                return found[1]
        value = compute()
        with self._lock:
            self._entries[key] = (now + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
