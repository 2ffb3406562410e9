"""Saving articles: one upsert per fetched page, keyed by the article's canonical URL."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from dateutil import parser as dateparser
from sqlalchemy.engine import Connection

from colonnade.models import Article
from colonnade.store import columnists, queue
from colonnade.store.naming import language_code, normalise_name
from colonnade.store.records import SaveResult, SaveStatus
from colonnade.store.schema import article_authors, articles

log = logging.getLogger(__name__)


def parse_when(value: str | datetime | None) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string; a date without offset is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError:
            try:
                when = dateparser.isoparse(value.strip())
            except (ValueError, OverflowError):
                log.warning("ignoring an unreadable date %r", value)
                return None
    if when.tzinfo is None or when.utcoffset() is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


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
) -> SaveResult:
    key = (article.key_url or "").strip()
    url = (article.url or "").strip() or None
    if not key:
        raise ValueError("an article needs a url or canonical_url to be stored")
    names = [name for name in (normalise_name(a) for a in article.authors) if name]
    published, updated = parse_when(article.published), parse_when(article.updated)
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
        _link_authors(conn, article_id, names, now=fetched_at)
    if queue_id is not None:
        queue.mark_done(conn, queue_id)
    return SaveResult(article_id, status)


def _find(conn: Connection, key: str, url: str | None) -> Any:
    """The stored row for this article: same canonical URL, else same fetched URL."""
    columns = (articles.c.id, articles.c.canonical_url, articles.c.content_hash)
    row = conn.execute(sa.select(*columns).where(articles.c.canonical_url == key)).first()
    if row is None and url:
        query = sa.select(*columns).where(articles.c.url == url).order_by(articles.c.id)
        row = conn.execute(query.limit(1)).first()
    return row


def _link_authors(conn: Connection, article_id: int, names: list[str], *, now: datetime) -> None:
    mine = article_authors.c.article_id == article_id
    before = set(conn.execute(sa.select(article_authors.c.columnist_id).where(mine)).scalars())
    conn.execute(sa.delete(article_authors).where(mine))
    ids = columnists.ensure(conn, names, now=now)
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
