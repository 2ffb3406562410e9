"""Extraction off the event loop, in worker processes, surviving what a page can do to them.

A page that makes the extractor raise something unexpected is a bug to log, not a reason to
stop the crawl; a page that kills its worker process (a crash in a C library, the kernel's
out-of-memory killer) breaks the whole pool, which is then replaced.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import NamedTuple

from colonnade.config import Settings
from colonnade.enrich.syndication import text_keys
from colonnade.errors import ColonnadeError, ExtractError
from colonnade.extract import extract
from colonnade.models import Article

log = logging.getLogger(__name__)


class Extracted(NamedTuple):
    """What a worker gives back: the article, how long extraction took, and the keys that
    find copies of its text (enrich/syndication.py), made here to spare the writer."""

    article: Article
    ms: float
    copy_keys: list[tuple[int, int]]


ExtractFn = Callable[[bytes, str | None, str, str | None], Extracted]


class WorkerDied(ExtractError):
    """The worker process died while this page was in it; worth trying again later."""


def extract_page(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    """Runs in a worker: decode with the fetcher's verdict, extract, and time the extraction.
    `zone` is the publication's time zone, for times the page writes without an offset."""
    started = time.perf_counter()
    html: str | bytes = body.decode(encoding, errors="replace") if encoding else body
    article = extract(html, url=url, zone=zone)
    elapsed = (time.perf_counter() - started) * 1000
    return Extracted(article, elapsed, text_keys(article.text or ""))


def make_executor(settings: Settings) -> Executor:
    workers = settings.extract_workers or os.cpu_count() or 1
    if workers == 1:
        return ThreadPoolExecutor(max_workers=1)
    # forkserver: workers must not inherit the parent's threads (servers, database pools).
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


class ExtractPool:
    def __init__(self, settings: Settings, fn: ExtractFn = extract_page) -> None:
        self.settings = settings
        self.fn = fn
        self.executor = make_executor(settings)

    async def extract(
        self, body: bytes, encoding: str | None, url: str, zone: str | None = None
    ) -> Extracted:
        executor = self.executor
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(executor, self.fn, body, encoding, url, zone)
        except BrokenProcessPool:
            self._replace(executor)
            raise WorkerDied(
                f"the extraction worker died while {url} was being extracted"
            ) from None
        except ColonnadeError:
            raise
        except Exception as exc:
            log.exception("extraction failed on %s", url)
            raise ExtractError(f"extraction failed on {url}: {type(exc).__name__}: {exc}") from None

    def _replace(self, broken: Executor) -> None:
        if self.executor is broken:  # every page in the dead pool lands here; replace it once
            log.warning("an extraction worker died; starting new workers")
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = make_executor(self.settings)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
