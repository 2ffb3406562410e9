"""source -> fetch -> extract -> store, wired together.

`crawl_once` works through the durable queue and checks every due feed at the same time: the
pages earlier passes left start at once, and the pages a feed lists start as soon as that feed
has been read, so a slow feed holds up only its own pages. Each host has its own lanes
(crawl/lanes.py): a slow publisher delays only itself. The queue lives in the database, so a
crawl killed at any point and started again picks up where it stopped, without duplicates
(articles are unique by canonical URL and the queue row is marked done in the same transaction
that stores the article); the entries a crawl works on are leased to it (crawl/leases.py), and
the due feeds it checks are claimed (store/feeds.claim_due), so two crawls sharing a database
never fetch the same page or check the same feed.

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
from colonnade.crawl.lanes import HostLanes
from colonnade.crawl.leases import crawl_name, held, take_over_dead
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
    by_host = hosts(publications.values())
    owner = crawl_name()

    async with Fetcher(settings) as fetcher, StoreWriter() as writer:
        if force:
            feeds = [f for f in await read(storage.feeds.all) if f.status == "active"]
        else:  # claimed: a crawl running beside this one does not check them too
            feeds = await writer.write(storage.feeds.claim_due, now)
        report.feeds_due = len(feeds)
        sink.update(report)
        unchecked = {feed.id: feed for feed in feeds}
        pool = ExtractPool(settings)  # its worker processes start with the first page
        try:
            await take_over_dead(storage, writer)
            async with held(storage, writer, owner), asyncio.TaskGroup() as tasks:

                async def one_page(entry: QueueEntry, extracted: asyncio.Event) -> None:
                    await process_entry(
                        entry,
                        publications[entry.publication_id],
                        by_host=by_host,
                        fetcher=fetcher,
                        storage=storage,
                        writer=writer,
                        pool=pool,
                        report=report,
                        extracted=extracted,
                    )
                    sink.update(report)

                lanes = HostLanes(
                    tasks,
                    one_page,
                    turn=fetcher.politeness.turn,
                    per_host=settings.per_host_concurrency,
                    budget=max(1, settings.concurrency) + WRITE_BACKLOG,
                )

                async def claim(publication_id: int | None = None) -> None:
                    entries = await writer.write(
                        storage.queue.claim, owner, publication_id=publication_id
                    )
                    report.pages_total += lanes.add(entries)
                    sink.update(report)

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
                    unchecked.pop(feed.id, None)
                    sink.update(report)
                    await claim(feed.publication_id)  # its new pages start at once

                await claim()  # what earlier passes left
                for feed in feeds:
                    tasks.create_task(one_feed(feed))
        finally:
            if unchecked and not force:  # stopped early: due again, as before the claim
                await writer.write(storage.feeds.release, list(unchecked.values()), now=now)
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
