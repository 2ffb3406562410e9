"""A fake monotonic clock and sleep for the fetch tests: delays checked without waiting them out.

`FakeClock()` is time that moves only when the test calls `advance`: a sleeper wakes when its
deadline has come, so the test decides, step by step, what may start. `FakeClock(jump=True)`
moves itself: each sleep jumps the clock forward by its length at once, which suits a test that
runs one request at a time and only wants to see how long each wait was (`slept`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class FakeClock:
    def __init__(self, *, jump: bool = False) -> None:
        self.now = 0.0
        self.jump = jump
        self.slept: list[float] = []
        self._sleepers: list[tuple[float, asyncio.Future[None]]] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self.jump or seconds <= 0:
            self.now += max(0.0, seconds)
            await asyncio.sleep(0)
            return
        waker: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (self.now + seconds, waker)
        self._sleepers.append(entry)
        try:
            await waker
        finally:
            if entry in self._sleepers:
                self._sleepers.remove(entry)

    def advance(self, seconds: float) -> None:
        """Move time on and wake every sleeper whose deadline has come."""
        self.now += seconds
        for entry in [e for e in self._sleepers if e[0] <= self.now]:
            self._sleepers.remove(entry)
            if not entry[1].done():
                entry[1].set_result(None)

    @property
    def sleeping(self) -> int:
        return len(self._sleepers)


async def eventually(condition: Callable[[], bool], what: str, tries: int = 5_000) -> None:
    """Let the event loop (and the server threads) run until condition holds.

    Polls a bounded number of times so a broken fetcher fails the test instead of hanging it;
    the bound is a safety net, not a measurement.
    """
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError(f"never happened: {what}")
