"""Extraction workers: an extractor bug or a dying worker costs one page, not the crawl."""

from __future__ import annotations

import asyncio
import os
import re

import pytest

from colonnade.config import Settings
from colonnade.crawl.workers import Extracted, ExtractPool, WorkerDied, extract_page
from colonnade.enrich.syndication import text_keys
from colonnade.errors import ExtractError

PAGE = (
    b"<html><head><title>Fine</title></head><body><article><h1>Fine</h1>"
    + b"<p>A perfectly ordinary paragraph about the city budget and its many critics.</p>" * 6
    + b"</article></body></html>"
)


def buggy(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    if "bug" in url:
        raise ValueError("an extractor bug")
    return extract_page(body, encoding, url, zone)


def lethal(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    if "kill" in url:
        os._exit(1)  # what a segfault or the out-of-memory killer does to a worker
    return extract_page(body, encoding, url, zone)


def test_an_extractor_bug_becomes_an_extract_error() -> None:
    pool = ExtractPool(Settings().with_(extract_workers=1), fn=buggy)

    async def run() -> None:
        with pytest.raises(ExtractError, match="ValueError: an extractor bug"):
            await pool.extract(PAGE, "utf-8", "http://127.0.0.1/bug")
        article, ms, keys = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/ok")
        assert article.title == "Fine" and ms > 0
        assert keys == text_keys(article.text)  # made in the worker, for the writer

    try:
        asyncio.run(run())
    finally:
        pool.shutdown()


def test_a_dead_worker_is_replaced_and_the_next_page_extracts() -> None:
    pool = ExtractPool(Settings().with_(extract_workers=1), fn=lethal)

    async def run() -> None:
        article, _, _ = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/ok")
        [first] = pool.pids()
        with pytest.raises(WorkerDied, match=re.escape("died while http://127.0.0.1/kill")):
            await pool.extract(PAGE, "utf-8", "http://127.0.0.1/kill")
        assert pool.pids() == []  # its slot starts a new worker when next needed
        article, _, _ = await pool.extract(PAGE, "utf-8", "http://127.0.0.1/ok")
        assert article.title == "Fine"
        assert pool.pids() != [first]

    try:
        asyncio.run(run())
    finally:
        pool.shutdown()


def test_shutdown_ends_every_worker() -> None:
    pool = ExtractPool(Settings().with_(extract_workers=2))

    async def run() -> None:
        pages = [pool.extract(PAGE, "utf-8", f"http://127.0.0.1/{n}") for n in range(4)]
        assert all(a.title == "Fine" for a, _, _ in await asyncio.gather(*pages))

    asyncio.run(run())
    workers = pool.pids()
    assert workers
    pool.shutdown()
    assert pool.pids() == []
    for pid in workers:  # reaped, not merely told to go
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
