"""Check one feed or sitemap: conditional GET, parse, queue the article URLs it lists."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit

from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport, Failure
from colonnade.crawl.schedule import error_backoff, next_check, next_interval
from colonnade.crawl.writer import StoreWriter
from colonnade.errors import ColonnadeError, FeedError, GoneError
from colonnade.fetch import Fetcher
from colonnade.sources.feeds import FeedEntry, parse_feed
from colonnade.sources.sitemaps import parse_sitemap
from colonnade.store import Feed, Publication, QueueItem, Storage

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 10


async def _sitemap_entries(fetcher: Fetcher, url: str, body: bytes) -> list[FeedEntry]:
    """Entries of a sitemap; an index is followed one level down (news sitemaps first)."""
    parsed = parse_sitemap(body, url)
    if not parsed.is_index:
        return parsed.entries
    children = sorted(parsed.sitemaps, key=lambda u: "news" not in u.lower())[:MAX_CHILD_SITEMAPS]
    entries: list[FeedEntry] = []
    for child in children:
        page = await fetcher.fetch(child, accept="feed")
        entries.extend(parse_sitemap(page.body, page.final_url).entries)
    return entries


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
        if feed.kind == "rss":
            entries = parse_feed(page.body, page.final_url, now=now).entries
        else:
            entries = await _sitemap_entries(fetcher, page.final_url, page.body)
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
        await writer.write(
            storage.feeds.record_check,
            feed.id,
            checked_at=now,
            etag=page.etag,
            last_modified=page.last_modified,
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
