"""The queue entries a crawl works on are leased to it, for as long as it runs.

A crawl is named by its machine, process id and a random part. It renews its leases while it
runs and gives back what it did not finish when it stops. A crawl killed outright cannot give
them back: a crawl on another machine waits for those leases to expire, and one on the same
machine, which can see that the process is gone, takes them over at once, so a crawl started
again after `kill -9` resumes without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator

from colonnade.crawl.writer import StoreWriter, read
from colonnade.store import Storage
from colonnade.store.queue import LEASE_SECONDS

log = logging.getLogger(__name__)

_HOST = socket.gethostname()


def crawl_name() -> str:
    return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _gone(owner: str) -> bool:
    """True for a crawl of this machine whose process no longer runs."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _HOST or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's live process
        return False
    return False


async def take_over_dead(storage: Storage, writer: StoreWriter) -> int:
    """Release the leases of crawls of this machine that died; returns how many entries."""
    freed = 0
    for owner in await read(storage.queue.lease_holders):
        if _gone(owner):
            freed += await writer.write(storage.queue.release, owner)
    if freed:
        log.info("took over %d queue entries of crawls that are no longer running", freed)
    return freed


@contextlib.asynccontextmanager
async def held(storage: Storage, writer: StoreWriter, owner: str) -> AsyncIterator[None]:
    """Renew `owner`'s leases while the block runs; give back what is left when it ends."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(LEASE_SECONDS / 3)
            await writer.write(storage.queue.renew, owner)

    renewing = asyncio.create_task(renew())
    try:
        yield
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        await writer.write(storage.queue.release, owner)
