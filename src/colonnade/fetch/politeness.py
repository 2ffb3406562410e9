"""Per-host politeness: how many requests may be in flight, and how often they may start.

A host is an origin (scheme, host, port). Each request takes a slot: first one of the host's
`per_host_concurrency` places, then it waits until `delay` seconds have passed since the host's
previous request started, and only then one of the `concurrency` global places. Taking the
global place last means a request sleeping out a host's delay never keeps other hosts waiting.

Time comes from `clock` and waits go through `sleep` (the monotonic clock and asyncio.sleep
unless a test passes a fake pair), so delays can be checked without waiting for them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

_PRUNE_ABOVE = 5_000

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


def origin_of(url: str) -> str:
    """scheme://host:port with the default port spelt out, so one host has one key."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    host = parsed.raw_host.decode("ascii").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parsed.scheme}://{host}:{port}"


@dataclass(slots=True)
class _Host:
    places: asyncio.Semaphore
    next_start: float = 0.0
    users: int = 0  # requests holding or waiting for a place; 0 means the entry can go
    started: int = 0


class Politeness:
    def __init__(
        self,
        *,
        concurrency: int,
        per_host_concurrency: int,
        per_host_delay: float,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.per_host_concurrency = max(1, per_host_concurrency)
        self.per_host_delay = max(0.0, per_host_delay)
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._hosts: dict[str, _Host] = {}
        self._clock = clock
        self._sleep = sleep

    @asynccontextmanager
    async def slot(self, origin: str, delay: float | None = None) -> AsyncIterator[None]:
        """Hold a place to send one request to origin, `delay` seconds after the last start."""
        host = self._host(origin)
        host.users += 1
        try:
            async with host.places:
                await self._wait_turn(host, self.per_host_delay if delay is None else delay)
                try:
                    yield
                finally:
                    self._global.release()
        finally:
            host.users -= 1

    async def turn(self, origin: str) -> None:
        """Wait until a request to origin could start: its delay and any deferral are over.
        Claims nothing; `slot` still decides. A caller waits here before taking a resource
        that other hosts need, so a host sleeping out its delay holds none of it."""
        while (host := self._hosts.get(origin)) is not None:
            wait = host.next_start - self._clock()
            if wait <= 0:
                return
            await self._sleep(wait)

    def defer(self, origin: str, seconds: float) -> None:
        """Start no request to origin for `seconds` (a 429 or 503 with Retry-After)."""
        host = self._host(origin)
        host.next_start = max(host.next_start, self._clock() + seconds)

    def started(self, origin: str) -> int:
        """Requests started to origin so far (for logs and tests)."""
        host = self._hosts.get(origin)
        return host.started if host else 0

    async def _wait_turn(self, host: _Host, delay: float) -> None:
        while True:
            wait = host.next_start - self._clock()
            if wait > 0:
                await self._sleep(wait)
                continue
            await self._global.acquire()
            # Another request to this host may have started while we waited for the global place.
            if host.next_start <= self._clock():
                host.next_start = self._clock() + delay
                host.started += 1
                return
            self._global.release()

    def _host(self, origin: str) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            if len(self._hosts) > _PRUNE_ABOVE:
                self._prune()
            host = self._hosts[origin] = _Host(asyncio.Semaphore(self.per_host_concurrency))
        return host

    def _prune(self) -> None:
        now = self._clock()
        for origin, host in list(self._hosts.items()):
            if host.users == 0 and host.next_start < now:
                del self._hosts[origin]
