"""Check one feed or sitemap: conditional GET, parse, queue the article URLs it lists."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit

from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport, Failure
from colonnade.crawl.schedule import error_backoff, next_check, next_interval
from colonnade.crawl.writer import StoreWriter
from colonnade.errors import ColonnadeError, FeedError, GoneError
from colonnade.fetch import Fetcher
from colonnade.models import FetchedPage
from colonnade.sources.feeds import FeedEntry, parse_feed
from colonnade.sources.sitemaps import parse_sitemap
from colonnade.store import Feed, Publication, QueueItem, Storage

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 10


async def _sitemap_entries(
    fetcher: Fetcher, url: str, body: bytes, source: str
) -> tuple[list[FeedEntry], list[Failure]]:
    """Entries of a sitemap, and the child sitemaps that could not be read.

    An index is followed one level down (news sitemaps first). A child that fails to fetch or
    parse is left out, so it does not cost the entries of the others; when every child fails,
    FeedError names the first failure.
    """
    parsed = await asyncio.to_thread(parse_sitemap, body, url)
    if not parsed.is_index:
        return parsed.entries, []
    children = sorted(parsed.sitemaps, key=lambda u: "news" not in u.lower())[:MAX_CHILD_SITEMAPS]
    entries: list[FeedEntry] = []
    errors: list[tuple[str, str]] = []  # (child URL, why it could not be read)
    for child in children:
        try:
            page = await fetcher.fetch(child, accept="feed")
            child_map = await asyncio.to_thread(parse_sitemap, page.body, page.final_url)
            entries.extend(child_map.entries)
        except ColonnadeError as exc:
            errors.append((child, str(exc)))
    if children and len(errors) == len(children):
        raise FeedError(
            f"{url}: none of its {len(children)} child sitemaps could be read; "
            f"the first: {errors[0][1]}"
        )
    return entries, [Failure(source, child, f"{why} (listed in {url})") for child, why in errors]


async def _entries(
    feed: Feed, page: FetchedPage, fetcher: Fetcher, source: str, now: datetime
) -> tuple[list[FeedEntry], list[Failure]]:
    """The entries a feed or sitemap lists, and the child sitemaps that could not be read.
    Parsing runs in a thread: a feed of many thousand items must not stall the crawl's loop."""
    if feed.kind == "rss":
        parsed = await asyncio.to_thread(parse_feed, page.body, page.final_url, now=now)
        return parsed.entries, []
    return await _sitemap_entries(fetcher, page.final_url, page.body, source)


async def _record_child_failures(
    failed: list[Failure],
    publication: Publication,
    *,
    storage: Storage,
    writer: StoreWriter,
    report: CrawlReport,
    now: datetime,
) -> None:
    """Log and record each child sitemap that could not be read, as a failed article page is:
    in the report and the fetch error log, not on the feed, whose own check went well."""
    for failure in failed:
        log.warning("child sitemap %s failed: %s", failure.url, failure.reason)
        report.errors += 1
        report.failures.append(failure)
        await writer.write(
            storage.errors.record,
            publication_id=publication.id,
            url=failure.url,
            reason=failure.reason,
            at=now,
            feed_id=None,
        )


def _is_article_url(url: str) -> bool:
    """Sitemaps list home and section pages too; a site's root is never an article."""
    return urlsplit(url).path not in ("", "/")


def _newest(entries: list[FeedEntry], limit: int) -> list[FeedEntry]:
    """The `limit` most recent entries; undated ones keep their feed order after dated ones."""
    if len(entries) <= limit:
        return entries
    epoch = datetime.min.replace(tzinfo=UTC)
    ranked = sorted(entries, key=lambda e: e.updated or e.published or epoch, reverse=True)
    return ranked[:limit]


async def check_feed(
    feed: Feed,
    publication: Publication,
    *,
    fetcher: Fetcher,
    storage: Storage,
    writer: StoreWriter,
    settings: Settings,
    report: CrawlReport,
    now: datetime,
) -> None:
    """Fetch and parse one feed, queue new URLs and record the outcome on the feed.

    Errors are recorded on the source and in the report, never raised: one bad feed must not
    stop a crawl. Every store write goes through `writer`, off the event loop.
    """
    try:
        page = await fetcher.fetch(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, accept="feed"
        )
        if page.not_modified:
            report.feeds_unchanged += 1
            interval = next_interval(
                settings, previous=feed.interval_s, new_items=0, entry_dates=[]
            )
            await writer.write(
                storage.feeds.record_check,
                feed.id,
                checked_at=now,
                etag=feed.etag,
                last_modified=feed.last_modified,
                new_items=0,
                interval_s=interval,
                next_check_at=next_check(now, interval),
            )
            return
        entries, failed = await _entries(feed, page, fetcher, publication.name, now)
        await _record_child_failures(
            failed, publication, storage=storage, writer=writer, report=report, now=now
        )
        entries = [e for e in entries if _is_article_url(e.url)]
        if not entries:
            raise FeedError(f"{feed.url} lists no articles")
        chosen = _newest(entries, settings.max_articles_per_feed)
        # In a feed an entry's only date (Atom <updated>, RSS 1.0 dc:date) is its publication
        # date; in a sitemap <lastmod> is when the page last changed, not when it appeared.
        is_feed = feed.kind == "rss"
        items = [
            QueueItem(
                url=e.url,
                published=e.published or (e.updated if is_feed else None),
                updated=e.updated,
            )
            for e in chosen
        ]
        new = await writer.write(storage.queue.enqueue, publication.id, feed.id, items)
        report.urls_queued += new
        dates = [d for e in entries if (d := e.published or e.updated)]
        interval = next_interval(
            settings, previous=feed.interval_s, new_items=new, entry_dates=dates
        )
        # While a child fails, the index is not remembered as seen: a 304 for it next time
        # would skip the child until the index itself changed.
        await writer.write(
            storage.feeds.record_check,
            feed.id,
            checked_at=now,
            etag=None if failed else page.etag,
            last_modified=None if failed else page.last_modified,
            new_items=new,
            interval_s=interval,
            next_check_at=next_check(now, interval),
        )
    except ColonnadeError as exc:
        retire = isinstance(exc, GoneError)
        reason = f"{exc} (feed retired)" if retire else str(exc)
        log.warning("feed %s failed: %s", feed.url, reason)
        report.feeds_failed += 1
        report.errors += 1
        report.failures.append(Failure(publication.name, feed.url, reason))
        await writer.write(
            storage.errors.record,
            publication_id=publication.id,
            url=feed.url,
            reason=reason,
            at=now,
            feed_id=feed.id,
            retire_feed=retire,
            next_check_at=next_check(now, error_backoff(settings, feed.error_count + 1)),
        )
    finally:
        report.feeds_checked += 1
