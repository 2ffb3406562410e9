"""`Storage`: the one door to the database for every other part of Colonnade.

Each method is one transaction (reads included, for a consistent view) and delegates to the
per-entity module that holds the SQL. Methods are synchronous and thread-safe; async callers
run them in a thread. Database failures surface as `StorageError` with one readable line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from sqlalchemy.engine import Connection, Engine

from colonnade.errors import StorageError
from colonnade.models import Article
from colonnade.store import (
    article_reads,
    articles,
    columnists,
    feeds,
    fetch_errors,
    publications,
    queue,
    search,
    stats,
)
from colonnade.store.engine import display_url, is_conflict, transaction
from colonnade.store.migrations import current_version
from colonnade.store.reading import ReaderMethods
from colonnade.store.records import (
    Columnist,
    Feed,
    FeedKind,
    FetchErrorRecord,
    Publication,
    QueueEntry,
    QueueItem,
    SaveResult,
    SearchHit,
    StoredArticle,
)

log = logging.getLogger(__name__)

_SAVE_ATTEMPTS = 3


class Storage(ReaderMethods):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def url(self) -> str:
        """The database URL, password masked: safe to print."""
        return display_url(self._engine.url)

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._engine.dialect.name

    def schema_version(self) -> int:
        return current_version(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _read(self) -> AbstractContextManager[Connection]:
        return transaction(self._engine, write=False)

    def _write(self) -> AbstractContextManager[Connection]:
        return transaction(self._engine, write=True)

    # Publications

    def add_publication(
        self, name: str, homepage: str, *, country: str | None = None, language: str | None = None
    ) -> Publication:
        """Add a publication, or return the one with this homepage (trailing '/' ignored)."""
        with self._write() as conn:
            return publications.add(conn, name, homepage, country=country, language=language)

    def get_publication(self, id_or_slug: int | str) -> Publication | None:
        with self._read() as conn:
            return publications.get(conn, id_or_slug)

    def list_publications(self) -> list[Publication]:
        with self._read() as conn:
            return publications.list_all(conn)

    def remove_publication(self, publication_id: int) -> int:
        """Delete it with its feeds, queue, errors and articles; returns articles removed."""
        with self._write() as conn:
            return publications.remove(conn, publication_id)

    # Feeds

    def add_feed(
        self, publication_id: int, url: str, *, kind: FeedKind = "rss", title: str | None = None
    ) -> Feed:
        """Add a feed or sitemap, or return the one with this URL."""
        with self._write() as conn:
            return feeds.add(conn, publication_id, url, kind=kind, title=title)

    def get_feed(self, feed_id: int) -> Feed | None:
        with self._read() as conn:
            return feeds.get(conn, feed_id)

    def list_feeds(self, publication_id: int | None = None) -> list[Feed]:
        with self._read() as conn:
            return feeds.list_all(conn, publication_id)

    def due_feeds(self, now: datetime) -> list[Feed]:
        """Active feeds never checked, or whose next check is at or before `now`."""
        with self._read() as conn:
            return feeds.due(conn, now)

    def record_feed_check(
        self,
        feed_id: int,
        *,
        checked_at: datetime,
        etag: str | None,
        last_modified: str | None,
        new_items: int,
        interval_s: int,
        next_check_at: datetime,
    ) -> None:
        """A successful check: validators, schedule, and the error count back to zero."""
        with self._write() as conn:
            feeds.record_check(
                conn,
                feed_id,
                checked_at=checked_at,
                etag=etag,
                last_modified=last_modified,
                new_items=new_items,
                interval_s=interval_s,
                next_check_at=next_check_at,
            )

    # Fetch errors

    def record_error(
        self,
        *,
        publication_id: int,
        url: str,
        reason: str,
        at: datetime,
        feed_id: int | None = None,
        retire_feed: bool = False,
        next_check_at: datetime | None = None,
    ) -> None:
        """Log a fetch error; on a feed, also count it there, retire the feed if asked, and
        set when to try it again (the crawler backs off from failing feeds)."""
        with self._write() as conn:
            fetch_errors.record(
                conn,
                publication_id=publication_id,
                url=url,
                reason=reason,
                at=at,
                feed_id=feed_id,
                retire_feed=retire_feed,
                next_check_at=next_check_at,
            )

    def recent_errors(
        self, limit: int = 50, publication_id: int | None = None
    ) -> list[FetchErrorRecord]:
        with self._read() as conn:
            return fetch_errors.recent(conn, limit, publication_id)

    # Crawl queue

    def enqueue(
        self,
        publication_id: int,
        feed_id: int | None,
        items: Iterable[QueueItem],
        *,
        now: datetime | None = None,
    ) -> int:
        """Queue article URLs; returns how many were new. A known URL whose `updated` is newer
        than the one on record goes back to pending so the changed article is fetched again."""
        with self._write() as conn:
            return queue.enqueue(conn, publication_id, feed_id, items, now=now or datetime.now(UTC))

    def pending(self, limit: int | None = None) -> list[QueueEntry]:
        """Queue entries still to fetch, oldest first."""
        with self._read() as conn:
            return queue.pending(conn, limit)

    def get_queue_entry(self, queue_id: int) -> QueueEntry | None:
        with self._read() as conn:
            return queue.get(conn, queue_id)

    def mark_done(self, queue_id: int) -> None:
        """Done without an article (say, the page turned out not to be one)."""
        with self._write() as conn:
            queue.mark_done(conn, queue_id)

    def mark_failed(self, queue_id: int, reason: str, *, retry: bool) -> None:
        """Count a failed attempt; pending again if `retry` and fewer than 3 attempts."""
        with self._write() as conn:
            queue.mark_failed(conn, queue_id, reason, retry=retry)

    # Articles

    def save_article(
        self,
        article: Article,
        *,
        publication_id: int,
        fetched_at: datetime,
        queue_id: int | None = None,
    ) -> SaveResult:
        """Insert or update by `article.key_url` (or same fetched URL), link its columnists,
        index it and mark its queue entry done, all in one transaction."""
        for attempt in range(1, _SAVE_ATTEMPTS + 1):
            try:
                with self._write() as conn:
                    return articles.save(
                        conn,
                        article,
                        publication_id=publication_id,
                        fetched_at=fetched_at,
                        queue_id=queue_id,
                    )
            except StorageError as exc:
                # Another process stored the same article or columnist between our look-up and
                # insert (or deadlocked with us); the next attempt finds its rows and updates.
                if attempt == _SAVE_ATTEMPTS or not is_conflict(exc):
                    raise
                log.info("retrying the save of %s after a concurrent write", article.key_url)
        raise AssertionError("unreachable")

    def save_articles(
        self,
        items: Iterable[tuple[Article, int]],
        *,
        fetched_at: datetime,
        batch: int = 500,
    ) -> int:
        """Save many (article, publication id) pairs, `batch` to a transaction: an import or a
        benchmark fill, not the crawl (which saves one page at a time as it arrives). Each is
        saved as `save_article` would; returns how many were new or updated."""
        changed = 0
        chunk: list[tuple[Article, int]] = []

        def flush() -> int:
            with self._write() as conn:
                results = [
                    articles.save(
                        conn, article, publication_id=pub, fetched_at=fetched_at, queue_id=None
                    )
                    for article, pub in chunk
                ]
            chunk.clear()
            return sum(1 for r in results if r.status != "unchanged")

        for item in items:
            chunk.append(item)
            if len(chunk) >= max(1, batch):
                changed += flush()
        if chunk:
            changed += flush()
        return changed

    def get_article(self, article_id: int) -> StoredArticle | None:
        with self._read() as conn:
            return article_reads.get(conn, article_id)

    def iter_articles(self, batch: int = 500) -> Iterator[StoredArticle]:
        """Every article by id, read `batch` at a time (one short transaction per batch)."""
        size, after = max(1, batch), 0
        while True:
            with self._read() as conn:
                page = article_reads.batch_after(conn, after, size)
            yield from page
            if len(page) < size:
                return
            after = page[-1].id

    def recent_articles(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        publication_id: int | None = None,
        columnist_id: int | None = None,
        language: str | None = None,
    ) -> list[StoredArticle]:
        """Newest first (publication date, else first seen), optionally filtered."""
        with self._read() as conn:
            return article_reads.recent(
                conn,
                limit=limit,
                offset=offset,
                publication_id=publication_id,
                columnist_id=columnist_id,
                language=language,
            )

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        publication_id: int | None = None,
        language: str | None = None,
    ) -> list[SearchHit]:
        """Best matches first. Any input is taken as plain words; none raises."""
        with self._read() as conn:
            matches = search.search(
                conn,
                query,
                limit=limit,
                offset=offset,
                publication_id=publication_id,
                language=language,
            )
            found = article_reads.by_ids(conn, [m.article_id for m in matches])
        by_id = {a.id: a for a in found}
        return [
            SearchHit(
                by_id[m.article_id], m.rank, m.marked_snippet or _fallback(by_id[m.article_id])
            )
            for m in matches
            if m.article_id in by_id
        ]

    # Columnists

    def list_columnists(self) -> list[Columnist]:
        with self._read() as conn:
            return columnists.list_all(conn)

    def get_columnist(self, id_or_slug: int | str) -> Columnist | None:
        with self._read() as conn:
            return columnists.get(conn, id_or_slug)

    # Overview

    def stats(self) -> dict[str, int]:
        """publications, feeds, feeds_retired, articles, columnists, queue_pending,
        queue_failed, errors."""
        with self._read() as conn:
            return stats.counts(conn)


def _fallback(article: StoredArticle) -> str:
    """A snippet for a match in the title or byline of an article with no text."""
    return article.excerpt or article.description or article.title or ""
