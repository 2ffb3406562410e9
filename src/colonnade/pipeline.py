"""source -> fetch -> extract -> store, wired together.

`crawl_once` checks every due feed, queues the article URLs they list, then works through the
durable queue. The queue lives in the database, so a crawl killed at any point and started again
picks up where it stopped, without duplicates (articles are unique by canonical URL and the
queue row is marked done in the same transaction that stores the article).

No store call runs on the event loop: reads run in threads and writes on one writer thread
(crawl/writer.py), which has run every write of a pass before `crawl_once` returns. Between
fetching and storing, at most `concurrency + WRITE_BACKLOG` pages are held in memory: a slow
database lets fetching run ahead by that much, then holds it back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from colonnade.config import Settings
from colonnade.crawl.articles import hosts, process_entry
from colonnade.crawl.feeds import check_feed
from colonnade.crawl.progress import CrawlReport, NoProgress, ProgressSink
from colonnade.crawl.workers import ExtractPool
from colonnade.crawl.writer import StoreWriter, read
from colonnade.fetch import Fetcher
from colonnade.store import Feed, QueueEntry, Storage

log = logging.getLogger(__name__)

WRITE_BACKLOG = 64  # extracted pages that may wait for the writer while fetching goes on


async def crawl_once(
    storage: Storage,
    settings: Settings,
    *,
    force: bool = False,
    progress: ProgressSink | None = None,
) -> CrawlReport:
    """One pass over every due feed (every feed with `force`) and the whole pending queue."""
    sink = progress or NoProgress()
    report = CrawlReport()
    now = datetime.now(UTC)
    publications = {p.id: p for p in await read(storage.publications.all)}
    if force:
        feeds = [f for f in await read(storage.feeds.all) if f.status == "active"]
    else:
        feeds = await read(storage.feeds.due, now)
    report.feeds_due = len(feeds)
    sink.update(report)

    async with Fetcher(settings) as fetcher, StoreWriter() as writer:

        async def one_feed(feed: Feed) -> None:
            await check_feed(
                feed,
                publications[feed.publication_id],
                fetcher=fetcher,
                storage=storage,
                writer=writer,
                settings=settings,
                report=report,
                now=now,
            )
            sink.update(report)

        await asyncio.gather(*(one_feed(f) for f in feeds))

        pending = await read(storage.queue.pending)
        report.pages_total = len(pending)
        sink.update(report)
        if not pending:
            return report
        by_host = hosts(publications.values())
        pool = ExtractPool(settings)
        try:
            fetch_slot = asyncio.Semaphore(max(1, settings.concurrency))
            in_memory = asyncio.Semaphore(max(1, settings.concurrency) + WRITE_BACKLOG)

            async def one_page(entry: QueueEntry) -> None:
                async with in_memory:
                    await process_entry(
                        entry,
                        publications[entry.publication_id],
                        by_host=by_host,
                        fetcher=fetcher,
                        storage=storage,
                        writer=writer,
                        pool=pool,
                        fetch_slot=fetch_slot,
                        report=report,
                    )
                sink.update(report)

            await asyncio.gather(*(one_page(e) for e in pending))
        finally:
            await asyncio.to_thread(pool.shutdown)
    return report


async def crawl_forever(
    storage: Storage,
    settings: Settings,
    *,
    progress: ProgressSink | None = None,
    on_pass: Callable[[CrawlReport], None] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Crawl, sleep until the next feed is due (30 s to 10 min), repeat until `stop` is set."""
    stop = stop or asyncio.Event()
    while not stop.is_set():
        report = await crawl_once(storage, settings, progress=progress)
        if on_pass:
            on_pass(report)
        wait = _seconds_until_next_due(await read(storage.feeds.all))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=wait)


def _seconds_until_next_due(feeds: list[Feed]) -> float:
    now = datetime.now(UTC)
    upcoming = [f.next_check_at for f in feeds if f.status == "active" and f.next_check_at]
    if not upcoming:
        return 300.0
    return min(600.0, max(30.0, (min(upcoming) - now).total_seconds()))
