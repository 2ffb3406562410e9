"""A page may take only so long and so much memory to extract; going over costs that page only.

Real worker processes run small test extractors (module-level, so a worker can import them)
that sleep or allocate. The deadline is kept on a clock the test moves, so no assertion here
depends on how fast this machine is.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from colonnade.config import Settings
from colonnade.crawl.limits import MiB
from colonnade.crawl.workers import (
    Extracted,
    ExtractPool,
    ExtractTimeout,
    OverMemoryBudget,
    WorkerDied,
    extract_page,
)
from colonnade.errors import ExtractError

PAGE = (
    b"<html><head><title>Fine</title></head><body><article><h1>Fine</h1>"
    + b"<p>A perfectly ordinary paragraph about the water board and its many critics.</p>" * 6
    + b"</article></body></html>"
)
BOUND = 60.0  # real seconds before a test gives up on something that should happen at once


def sleepy(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    if "slow" in url:
        time.sleep(600)  # what a pathological page does, minus the CPU
    if "nap" in url:
        time.sleep(0.2)
    return extract_page(body, encoding, url, zone)


def hog(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    if "hog" in url:
        # At most 512 MiB, untouched: should the cap not hold, the test fails, the machine lives.
        held = [bytearray(MiB) for _ in range(512)]
        raise AssertionError(f"allocated {len(held)} MiB under a smaller budget")
    return extract_page(body, encoding, url, zone)


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def run_then_shut(pool: ExtractPool, run: Callable[[], Coroutine[Any, Any, None]]) -> None:
    try:
        asyncio.run(run())
    finally:
        pool.shutdown()


async def started(pool: ExtractPool, count: int) -> list[int]:
    deadline = time.monotonic() + BOUND
    while len(pool.pids()) < count:
        assert time.monotonic() < deadline, "the workers did not start"
        await asyncio.sleep(0.01)
    return pool.pids()


def test_a_page_over_the_deadline_fails_and_its_worker_is_stopped() -> None:
    clock = ManualClock()
    pool = ExtractPool(Settings().with_(extract_workers=1), fn=sleepy, timeout=30, clock=clock)

    async def run() -> None:
        await pool.extract(PAGE, "utf-8", "http://127.0.0.1/warm")
        [worker] = pool.pids()
        slow = asyncio.ensure_future(pool.extract(PAGE, "utf-8", "http://127.0.0.1/slow"))
        deadline = time.monotonic() + BOUND
        while not slow.done():  # the page's 30 s pass on our clock, in steps
            assert time.monotonic() < deadline, "the page outlived its deadline"
            clock.now += 1
            await asyncio.sleep(0.01)
        with pytest.raises(ExtractTimeout, match=r"extraction took longer than 30 s on .*/slow"):
            slow.result()
        assert not alive(worker)  # killed, not left to finish its 600 s
        article, _, _ = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/after")
        assert article.title == "Fine"
        assert pool.pids() != [worker]

    run_then_shut(pool, run)


def test_a_timed_out_page_is_a_failure_not_a_retry() -> None:
    # The crawl tries a WorkerDied page again later (crawl/articles.py); a page that will
    # always overrun must not come back forever.
    assert issubclass(ExtractTimeout, ExtractError) and not issubclass(ExtractTimeout, WorkerDied)
    assert not issubclass(OverMemoryBudget, WorkerDied)


def test_other_workers_go_on_while_one_page_overruns() -> None:
    pool = ExtractPool(Settings().with_(extract_workers=2), fn=sleepy, timeout=0.5)

    async def run() -> None:
        slow = pool.extract(PAGE, "utf-8", "http://127.0.0.1/slow")
        fine = [pool.extract(PAGE, "utf-8", f"http://127.0.0.1/{n}") for n in range(6)]
        results = await asyncio.gather(slow, *fine, return_exceptions=True)
        assert isinstance(results[0], ExtractTimeout), results[0]
        assert "longer than 0.5 s" in str(results[0])
        assert all(isinstance(r, Extracted) for r in results[1:]), results[1:]

    run_then_shut(pool, run)


def test_the_deadline_does_not_run_while_a_page_waits_for_a_worker() -> None:
    # Eight pages of 0.2 s through one worker take 1.6 s; each is within its 1 s, as it is
    # sent only once the worker is free.
    pool = ExtractPool(Settings().with_(extract_workers=1), fn=sleepy, timeout=1.0)

    async def run() -> None:
        pages = [pool.extract(PAGE, "utf-8", f"http://127.0.0.1/nap-{n}") for n in range(8)]
        assert len(await asyncio.gather(*pages)) == 8

    run_then_shut(pool, run)


def test_a_page_over_the_memory_budget_fails_and_the_worker_is_replaced() -> None:
    pool = ExtractPool(Settings().with_(extract_workers=1), fn=hog, memory_mb=64)

    async def run() -> None:
        await pool.extract(PAGE, "utf-8", "http://127.0.0.1/warm")
        [worker] = await started(pool, 1)
        with pytest.raises(OverMemoryBudget, match=r"over the memory budget of 64 MB on .*/hog"):
            await pool.extract(PAGE, "utf-8", "http://127.0.0.1/hog")
        assert not alive(worker)  # its heap may be fragmented: a fresh one takes over
        article, _, _ = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/after")
        assert article.title == "Fine"

    run_then_shut(pool, run)


def test_the_memory_budget_holds_for_the_real_extractor() -> None:
    many = "".join(f"<p>Paragraph {i} of a column that never ends.</p>" for i in range(9000))
    body = f"<html><body><article><h1>Long</h1>{many}</article></body></html>".encode()
    pool = ExtractPool(Settings().with_(extract_workers=1), memory_mb=16)

    async def run() -> None:
        with pytest.raises(OverMemoryBudget):
            await pool.extract(body, "utf-8", "http://127.0.0.1/long")
        article, _, _ = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/after")
        assert article.title == "Fine"

    run_then_shut(pool, run)


def test_the_budget_is_counted_from_a_worker_whose_models_are_loaded() -> None:
    # No declared language and a long text: the extractor loads its language model (some
    # 100 MiB) for this page. That is the worker's own size, not this page's use of memory.
    text = "".join(
        f"<p>The water board raised its charges again this spring, the {n}th rise in a row, "
        "and the families on the estate are asking where the money goes.</p>"
        for n in range(12)
    )
    body = f"<html><body><article><h1>Charges</h1>{text}</article></body></html>".encode()
    pool = ExtractPool(Settings().with_(extract_workers=1), memory_mb=48)

    async def run() -> None:
        article, _, _ = await pool.extract(body, "utf-8", "http://127.0.0.1/charges")
        assert article.language == "en"

    run_then_shut(pool, run)
