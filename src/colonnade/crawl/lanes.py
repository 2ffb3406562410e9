"""One queue per host: a slow or stalling publisher delays only its own pages.

Queued pages are grouped by origin (fetch/politeness.py). Each origin is worked by up to
`per_host` lanes, coroutines that take its pages one after another: a lane fetches and extracts
a page, leaves its storing to a task of its own and goes on to the next. A lane first waits for
its host's turn (the host's delay, a Retry-After), and only then takes one of the `budget`
places that bound the pages held in memory between fetch and store. So a host that drips a byte
every few seconds holds at most its own `per_host` places, and a host sleeping out its delay
holds none; every other host goes on at full speed. The limit on requests in flight across all
hosts is the fetcher's own.

Pages can be added while others are being worked (a feed's new entries join as soon as the
feed has been read); a page already worked in this pass is not taken again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable

import httpx

from colonnade.fetch.politeness import origin_of
from colonnade.store import QueueEntry

log = logging.getLogger(__name__)

# Works one page; sets the event once the page no longer needs its host (fetched and extracted).
Work = Callable[[QueueEntry, asyncio.Event], Awaitable[None]]
Turn = Callable[[str], Awaitable[None]]


def _origin(url: str) -> str:
    try:
        return origin_of(url)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return "invalid:"  # the fetch itself records why; they need no host of their own


class HostLanes:
    def __init__(
        self,
        tasks: asyncio.TaskGroup,
        work: Work,
        *,
        turn: Turn,
        per_host: int,
        budget: int,
    ) -> None:
        self._tasks = tasks
        self._work = work
        self._turn = turn
        self._per_host = max(1, per_host)
        self._budget = asyncio.Semaphore(max(1, budget))
        self._waiting: dict[str, deque[QueueEntry]] = {}
        self._lanes: dict[str, int] = {}
        self._taken: set[int] = set()

    def add(self, entries: Iterable[QueueEntry]) -> int:
        """Queue pages on their hosts' lanes, starting lanes as needed; returns how many new."""
        added = 0
        for entry in entries:
            if entry.id in self._taken:
                continue
            self._taken.add(entry.id)
            origin = _origin(entry.url)
            self._waiting.setdefault(origin, deque()).append(entry)
            added += 1
            if self._lanes.get(origin, 0) < self._per_host:
                self._lanes[origin] = self._lanes.get(origin, 0) + 1
                self._tasks.create_task(self._lane(origin))
        return added

    async def _page(self, entry: QueueEntry, extracted: asyncio.Event) -> None:
        try:
            await self._work(entry, extracted)
        finally:
            extracted.set()
            self._budget.release()

    async def _lane(self, origin: str) -> None:
        waiting = self._waiting[origin]
        try:
            while waiting:
                entry = waiting.popleft()
                await self._turn(origin)
                await self._budget.acquire()
                extracted = asyncio.Event()
                self._tasks.create_task(self._page(entry, extracted))
                await extracted.wait()  # the page's store runs on while the lane goes on
        finally:
            self._lanes[origin] -= 1
            if not self._lanes[origin] and not waiting:
                del self._lanes[origin]
                del self._waiting[origin]
