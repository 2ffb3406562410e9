"""The crawl's store calls off the event loop: one writer thread for writes, threads for reads.

Store methods are synchronous and can wait a long time (SQLite's 15 s busy timeout when another
process holds the write lock, a PostgreSQL row lock). Run on the event loop, one such wait
would stall every fetch of the crawl. So:

- every write goes through `StoreWriter.write`: one thread takes the writes in the order they
  were submitted and runs each as its own transaction. One writer means the crawl's writes never
  contend with each other for SQLite's single write lock; only other processes can make it
  wait. The awaiting coroutine gets the method's result, or its exception raised where it
  awaits: a failed write is never lost in the thread.
- reads go through `read` (`asyncio.to_thread`): WAL readers on SQLite and MVCC readers on
  PostgreSQL do not wait for writers, so they need not queue behind writes.

Crash safety is the store's: a queue entry is marked done in the transaction that saves its
article, so a crawl killed with writes still queued here re-fetches those pages on the next
run, and stores each once. `close` drains the queue: every submitted write has run (or
failed) when it returns.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def read(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """A store read in a thread, so the event loop goes on fetching meanwhile."""
    return await asyncio.to_thread(fn, *args, **kwargs)


class StoreWriter:
    """One thread that runs store writes one at a time, in the order they were submitted."""

    def __init__(self) -> None:
        # A one-thread executor is exactly a writer thread with a queue in front of it.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="colonnade-writer")

    async def write(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Queue `fn(*args, **kwargs)` for the writer thread; its result, or its error raised."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, functools.partial(fn, *args, **kwargs))

    async def close(self) -> None:
        """Wait until every queued write has run, then stop the thread."""
        await asyncio.to_thread(self._thread.shutdown, wait=True)

    async def __aenter__(self) -> StoreWriter:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()
