"""The store writer: one thread, writes in submission order, errors raised where awaited."""

from __future__ import annotations

import asyncio
import threading

import pytest

from colonnade.crawl.writer import StoreWriter, read
from colonnade.errors import StorageError


def test_writes_run_in_order_on_one_thread_off_the_loop() -> None:
    ran: list[tuple[int, int]] = []

    def write(n: int) -> int:
        ran.append((n, threading.get_ident()))
        return n * 10

    async def run() -> list[int]:
        async with StoreWriter() as writer:
            return await asyncio.gather(*(writer.write(write, n) for n in range(20)))

    assert asyncio.run(run()) == [n * 10 for n in range(20)]
    assert [n for n, _ in ran] == list(range(20))
    threads = {t for _, t in ran}
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_a_failed_write_is_raised_where_it_is_awaited() -> None:
    def broken() -> None:
        raise StorageError("database error: disk I/O error")

    async def run() -> None:
        async with StoreWriter() as writer:
            with pytest.raises(StorageError, match="disk I/O error"):
                await writer.write(broken)
            assert await writer.write(lambda: "still writing") == "still writing"

    asyncio.run(run())


def test_close_waits_for_every_queued_write() -> None:
    release = threading.Event()
    done: list[int] = []

    def slow(n: int) -> None:
        release.wait(10)  # a guard only: the test lets the writes go as close begins
        done.append(n)

    async def run() -> None:
        writer = StoreWriter()
        tasks = [asyncio.ensure_future(writer.write(slow, n)) for n in range(5)]
        await asyncio.sleep(0)  # the tasks submit their writes
        assert done == []
        asyncio.get_running_loop().call_soon(release.set)
        await writer.close()
        assert done == list(range(5))
        assert all(t.done() for t in tasks)

    asyncio.run(run())


def test_reads_run_in_a_thread() -> None:
    async def run() -> int:
        return await read(threading.get_ident)

    assert asyncio.run(run()) != threading.get_ident()
