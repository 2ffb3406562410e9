"""Articles: saving (one upsert per fetched page, keyed by the canonical URL), reading back,
and finding them (an `ArticleQuery`, run by store/listing.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.codes import language_code
from colonnade.dates import offset_minutes, to_utc
from colonnade.errors import StorageError
from colonnade.models import Article
from colonnade.store import article_rows, clusters, columnists, identity, listing, queue
from colonnade.store import related as _related
from colonnade.store.engine import Database, is_conflict
from colonnade.store.naming import normalise_name
from colonnade.store.query import ArticleQuery
from colonnade.store.records import (
    ArticlePage,
    Facet,
    Neighbours,
    SaveResult,
    SaveStatus,
    StoredArticle,
)
from colonnade.store.schema import article_authors, articles
from colonnade.unsafe_chars import name_safe, xml_safe

log = logging.getLogger(__name__)

_SAVE_ATTEMPTS = 3


def content_hash(
    title: str | None,
    text: str,
    authors: list[str],
    published: datetime | None,
    updated: datetime | None,
) -> str:
    """What decides 'updated' against 'unchanged' when a page is fetched again."""
    payload = json.dumps(
        [
            title or "",
            text,
            authors,
            published and published.isoformat(),
            updated and updated.isoformat(),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def save(
    conn: Connection,
    article: Article,
    *,
    publication_id: int,
    fetched_at: datetime,
    queue_id: int | None,
    cluster: bool = True,
    copy_of: str | None = None,
    text_keys: list[tuple[int, int]] | None = None,
) -> SaveResult:
    """One article in one transaction (see Articles.save). `copy_of` is the original's address
    when the page named it as its canonical on another publication's site; `text_keys` the
    text's keys for finding copies, when an extraction worker made them already."""
    article = _at_the_door(article)
    key = (article.key_url or "").strip()
    url = (article.url or "").strip() or None
    if not key:
        raise ValueError("an article needs a url or canonical_url to be stored")
    names, credits = article.authors, article.credits
    published, updated = to_utc(article.published), to_utc(article.updated)
    text = article.text or ""
    digest = content_hash(article.title, text, names, published, updated)
    described = {
        "language": language_code(article.language, strict=False),
        "excerpt": article.excerpt,
        "word_count": article.word_count or len(text.split()),
        "paywalled": bool(article.paywalled),
        "truncated": bool(article.truncated),
        "section": article.section,
        "kind": article.kind,
        "image": article.image,
        "description": article.description,
        "fetched_at": fetched_at,
        # Written on every fetch (not part of the content hash): an upgrade fills them in.
        "credits": json.dumps(credits, ensure_ascii=False) if credits else None,
        "published_offset": offset_minutes(article.published),
        "updated_offset": offset_minutes(article.updated),
        "profiles": json.dumps(article.profiles, ensure_ascii=False) if article.profiles else None,
    }
    content = {
        "title": article.title,
        "byline": ", ".join(names) or None,
        "published": published,
        "updated": updated,
        "text": text,
        "content_hash": digest,
        "changed_at": fetched_at,
    }
    existing = _find(conn, key, url)
    status: SaveStatus
    if existing is None:
        article_id = conn.execute(
            sa.insert(articles)
            .values(
                publication_id=publication_id,
                url=url,
                canonical_url=key,
                first_seen_at=fetched_at,
                **described,
                **content,
            )
            .returning(articles.c.id)
        ).scalar_one()
        status = "new"
    else:
        article_id = existing.id
        status = "unchanged" if existing.content_hash == digest else "updated"
        values = dict(described, url=sa.func.coalesce(articles.c.url, url))
        if article.canonical_url and existing.canonical_url != key:
            # Matched by fetched URL and the page now names its canonical: adopt the better key.
            values["canonical_url"] = key
        if status == "updated":
            # Only now are the indexed columns written: SQLite reindexes on any write to them.
            values.update(content)
        conn.execute(sa.update(articles).where(articles.c.id == article_id).values(**values))
    if status != "unchanged":
        bylines = [(name, article.profiles.get(name, ())) for name in names]
        _link_authors(conn, article_id, publication_id, bylines, now=fetched_at)
        if cluster:
            cluster_id = clusters.assign(
                conn, article_id, text, key, copy_of, new=status == "new", text_keys=text_keys
            )
            if cluster_id != article_id or copy_of:
                identity.join_by_copies(conn, article_id, cluster_id)

    if queue_id is not None:
        queue.mark_done(conn, queue_id)
    return SaveResult(article_id, status)


def _at_the_door(article: Article) -> Article:
    """The article as it may be stored: names normalised (empty ones dropped), names, title and
    labels without the characters XML forbids or bidirectional controls, running text without
    the forbidden ones (colonnade.unsafe_chars)."""

    def cleaned(clean: Callable[[str], str], value: str | None) -> str | None:
        return None if value is None else clean(value)

    def names(values: Iterable[str]) -> list[str]:
        return [name for name in map(normalise_name, values) if name]

    return dataclasses.replace(
        article,
        authors=names(article.authors),
        credits=names(article.credits),
        profiles={normalise_name(name): urls for name, urls in article.profiles.items()},
        title=cleaned(name_safe, article.title),
        section=cleaned(name_safe, article.section),
        kind=cleaned(name_safe, article.kind),
        text=xml_safe(article.text or ""),
        excerpt=cleaned(xml_safe, article.excerpt),
        description=cleaned(xml_safe, article.description),
    )


def _find(conn: Connection, key: str, url: str | None) -> Any:
    """The stored row for this article: same canonical URL, else same fetched URL."""
    columns = (articles.c.id, articles.c.canonical_url, articles.c.content_hash)
    row = conn.execute(sa.select(*columns).where(articles.c.canonical_url == key)).first()
    if row is None and url:
        query = sa.select(*columns).where(articles.c.url == url).order_by(articles.c.id)
        row = conn.execute(query.limit(1)).first()
    return row


def _link_authors(
    conn: Connection,
    article_id: int,
    publication_id: int,
    bylines: Sequence[tuple[str, Sequence[str]]],
    *,
    now: datetime,
) -> None:
    mine = article_authors.c.article_id == article_id
    before = set(conn.execute(sa.select(article_authors.c.columnist_id).where(mine)).scalars())
    conn.execute(sa.delete(article_authors).where(mine))
    ids = identity.resolve(conn, bylines, publication_id=publication_id, now=now)
    if ids:
        conn.execute(
            sa.insert(article_authors),
            [
                {"article_id": article_id, "columnist_id": columnist_id, "position": position}
                for position, columnist_id in enumerate(ids)
            ],
        )
    if before - set(ids):
        # A corrected byline must not leave a columnist page with no article behind.
        columnists.remove_orphans(conn, before - set(ids))


class Articles:
    """The stored articles: save, read, find."""

    def __init__(self, db: Database, *, cluster_copies: bool = True) -> None:
        self._db = db
        self._cluster = cluster_copies

    def save(
        self,
        article: Article,
        *,
        publication_id: int,
        fetched_at: datetime,
        queue_id: int | None = None,
        copy_of: str | None = None,
        text_keys: list[tuple[int, int]] | None = None,
    ) -> SaveResult:
        """Insert or update by `article.key_url` (or same fetched URL), link its columnists,
        index it and mark its queue entry done, all in one transaction."""
        for attempt in range(1, _SAVE_ATTEMPTS + 1):
            try:
                with self._db.write() as conn:
                    return save(
                        conn,
                        article,
                        publication_id=publication_id,
                        fetched_at=fetched_at,
                        queue_id=queue_id,
                        cluster=self._cluster,
                        copy_of=copy_of,
                        text_keys=text_keys,
                    )
            except StorageError as exc:
                # Another process stored the same article or columnist between our look-up and
                # insert (or deadlocked with us); the next attempt finds its rows and updates.
                if attempt == _SAVE_ATTEMPTS or not is_conflict(exc):
                    raise
                log.info("retrying the save of %s after a concurrent write", article.key_url)
        raise AssertionError("unreachable")

    def save_many(
        self, items: Iterable[tuple[Article, int]], *, fetched_at: datetime, batch: int = 500
    ) -> int:
        """Save many (article, publication id) pairs, `batch` to a transaction (an import or a
        benchmark fill). Each is saved as `save` would; returns how many were new or updated."""
        changed = 0
        chunk: list[tuple[Article, int]] = []

        def flush() -> int:
            with self._db.write() as conn:
                results = [
                    save(
                        conn,
                        article,
                        publication_id=pub,
                        fetched_at=fetched_at,
                        queue_id=None,
                        cluster=self._cluster,
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

    def rebuild_clusters(
        self, *, progress: Callable[[int], None] | None = None
    ) -> clusters.Rebuilt:
        """Find every article's copies again from the stored texts (`colonnade clusters
        rebuild`); `progress(n)` after each batch."""

        def run(work: Callable[[Connection], object]) -> object:
            with self._db.write() as conn:
                return work(conn)

        return clusters.rebuild(run, progress=progress)

    def get(self, article_id: int) -> StoredArticle | None:
        with self._db.read() as conn:
            return article_rows.get(conn, article_id)

    def iter_all(self, batch: int = 500) -> Iterator[StoredArticle]:
        """Every article by id, read `batch` at a time (one short transaction per batch)."""
        size, after = max(1, batch), 0
        while True:
            with self._db.read() as conn:
                page = article_rows.batch_after(conn, after, size)
            yield from page
            if len(page) < size:
                return
            after = page[-1].id

    def find(self, query: ArticleQuery) -> ArticlePage:
        """One page of the articles `query` describes. Any words are taken as plain words:
        no input raises."""
        with self._db.read() as conn:
            return listing.find(conn, query)

    def archive(self, month: tuple[int, int] | None = None) -> list[Facet]:
        """Articles per month ('YYYY-MM', newest first), or per day of one (year, month)."""
        with self._db.read() as conn:
            return listing.archive(conn, month=month)

    def languages(self) -> list[Facet]:
        """Article languages with their articles (and publications using each), most first."""
        with self._db.read() as conn:
            return listing.languages(conn)

    def neighbours(
        self,
        article: StoredArticle,
        *,
        columnists: int = 2,
        by_columnist: int = 4,
        related: int = 5,
    ) -> Neighbours:
        """For an article page, in one transaction: the newest `by_columnist` other columns of
        each of the first `columnists` byline names, and up to `related` related columns (same
        language, titles sharing main words, by none of this article's columnists)."""
        authors = article.columnists[: max(0, columnists)]
        with self._db.read() as conn:
            theirs = [
                listing.newest_ids(
                    conn,
                    ArticleQuery(
                        columnist_id=a.columnist_id, exclude=article.id, limit=by_columnist
                    ),
                )
                if by_columnist > 0
                else []
                for a in authors
            ]
            similar = _related.related(
                conn,
                article.title,
                exclude=[article.id],
                language=article.language,
                limit=max(0, related),
                not_by=[c.columnist_id for c in article.columnists],
            )
            wanted = list(dict.fromkeys([*(i for ids in theirs for i in ids), *similar]))
            loaded = {a.id: a for a in article_rows.by_ids(conn, wanted)}
        return Neighbours(
            more_by=tuple(
                (author, tuple(loaded[i] for i in ids if i in loaded))
                for author, ids in zip(authors, theirs, strict=True)
            ),
            related=tuple(loaded[i] for i in similar if i in loaded),
        )
