"""Fetch, extract and store the queued article pages.

Fetching is I/O and runs on the event loop; extraction is CPU-bound and runs in worker
processes (crawl/workers.py), so both cores are used; storing runs on the writer thread
(crawl/writer.py), so a slow database never holds up a fetch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from colonnade import dates
from colonnade.codes import country_zone
from colonnade.crawl.progress import CrawlReport, Failure
from colonnade.crawl.workers import ExtractPool, WorkerDied
from colonnade.crawl.writer import StoreWriter
from colonnade.errors import ColonnadeError, FetchError
from colonnade.fetch import Fetcher, TransientError
from colonnade.models import Article
from colonnade.store import Publication, QueueEntry, QueueItem, Storage

log = logging.getLogger(__name__)


def _retryable(exc: FetchError) -> bool:
    """Worth another try on a later pass: network trouble, 5xx and 429, nothing else."""
    status = exc.status or 0
    return isinstance(exc, TransientError) or status == 429 or status >= 500


def owner_of(
    article: Article, page_url: str, publication: Publication, by_host: dict[str, Publication]
) -> Publication:
    """The publication an article belongs to.

    A syndicated copy names the original as its canonical URL; when that URL is on the site of
    another publication we crawl, the column belongs to (and is stored once under) that one.
    """
    canonical = urlsplit(article.canonical_url or page_url).netloc.lower()
    if canonical and canonical != urlsplit(page_url).netloc.lower():
        return by_host.get(canonical, publication)
    return publication


def merge_feed_date(article: Article, hint: datetime | None, zone: str | None = None) -> None:
    """Fill or sharpen the page's publication date with the feed's (or sitemap's).

    The page wins when it gives a time; when it gives only a day (or nothing), the feed's
    timestamp on that same day (or at all) is more precise. It is written in the page's offset
    (or the publication's `zone`), so that the local day stays the one the page shows.
    """
    if hint is None:
        return
    if not article.published:
        local = dates.zone(zone)
        article.published = (hint.astimezone(local) if local else hint).isoformat()
        return
    page = dates.read(article.published)
    if page is None:
        return
    date_only = len(article.published) <= 10 or (page.hour, page.minute, page.second) == (0, 0, 0)
    if not date_only:
        return
    if page.tzinfo is None:
        page = page.replace(tzinfo=hint.tzinfo)
    # Same calendar day where the page's date was written, or within a day for dates
    # that carry no zone: the feed's timestamp is the same moment, only sharper.
    if abs((hint - page).total_seconds()) < 86_400 * 1.5:
        article.published = hint.astimezone(page.tzinfo).isoformat()


def hosts(publications: Iterable[Publication]) -> dict[str, Publication]:
    return {urlsplit(p.homepage).netloc.lower(): p for p in publications}


async def process_entry(
    entry: QueueEntry,
    publication: Publication,
    *,
    by_host: dict[str, Publication],
    fetcher: Fetcher,
    storage: Storage,
    writer: StoreWriter,
    pool: ExtractPool,
    report: CrawlReport,
    extracted: asyncio.Event | None = None,
) -> None:
    """One queued URL from fetch to stored article; failures are recorded, never raised.

    `extracted` is set once the page has been fetched and extracted (or has failed): from then
    on only the writer is waited for, and the host's lane can go on to its next page.
    """
    now = datetime.now(UTC)
    done = extracted or asyncio.Event()
    try:
        try:
            page = await fetcher.fetch(entry.url, accept="page")
            report.pages_fetched += 1
            zone = country_zone(publication.country)
            article, extract_ms, text_keys = await pool.extract(
                page.body, page.encoding, page.final_url, zone
            )
        finally:
            done.set()
        report.extract_ms.append(extract_ms)
        merge_feed_date(article, entry.hint_published, zone)
        owner = owner_of(article, page.final_url, publication, by_host)
        copy_of = None
        if owner.id != publication.id and article.canonical_url:
            # A syndicated copy of a column we can fetch at its source: queue the original
            # (a no-op when it is known already) and keep the copy as a row of its own, in
            # the original's cluster.
            copy_of = article.canonical_url
            original = [QueueItem(copy_of, None, None)]
            await writer.write(storage.queue.enqueue, owner.id, None, original)
            article.canonical_url = page.final_url
            report.copies += 1
        if not article.publication:
            article.publication = publication.name
        if not article.language:
            article.language = publication.language
        result = await writer.write(
            storage.articles.save,
            article,
            publication_id=publication.id,
            fetched_at=page.fetched_at,
            queue_id=entry.id,
            copy_of=copy_of,
            text_keys=text_keys,
        )
    except ColonnadeError as exc:
        retry = isinstance(exc, WorkerDied) or (isinstance(exc, FetchError) and _retryable(exc))
        reason = str(exc)
        log.warning("article %s failed: %s", entry.url, reason)
        report.errors += 1
        report.failures.append(Failure(publication.name, entry.url, reason))
        await writer.write(storage.queue.mark_failed, entry.id, reason, retry=retry)
        await writer.write(
            storage.errors.record,
            publication_id=publication.id,
            url=entry.url,
            reason=reason,
            at=now,
            feed_id=None,
        )
        return
    if result.status == "new":
        report.articles_new += 1
    elif result.status == "updated":
        report.articles_updated += 1
    else:
        report.articles_unchanged += 1
