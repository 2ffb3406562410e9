"""Article rows read back as `StoredArticle`s, with their publication and columnists."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.records import AuthorRef, StoredArticle
from colonnade.store.schema import article_authors, articles, columnists, publications

_RENAMED = {"published": "published_at", "updated": "updated_at"}
_SELECT = sa.select(
    *(c.label(_RENAMED.get(c.name, c.name)) for c in articles.c if c.name != "byline"),
    publications.c.name.label("publication"),
    publications.c.slug.label("publication_slug"),
    publications.c.country,
).select_from(articles.join(publications))


def get(conn: Connection, article_id: int) -> StoredArticle | None:
    found = _load(conn, _SELECT.where(articles.c.id == article_id))
    return found[0] if found else None


def by_ids(conn: Connection, ids: Sequence[int]) -> list[StoredArticle]:
    """The articles with these ids, in the order given (missing ones skipped)."""
    if not ids:
        return []
    found = {a.id: a for a in _load(conn, _SELECT.where(articles.c.id.in_(list(ids))))}
    return [found[i] for i in ids if i in found]


def batch_after(conn: Connection, after_id: int, size: int) -> list[StoredArticle]:
    """The next `size` articles by id: keyset pages, so a long export holds no open cursor."""
    query = _SELECT.where(articles.c.id > after_id).order_by(articles.c.id).limit(size)
    return _load(conn, query)


def _load(conn: Connection, query: sa.Select[Any]) -> list[StoredArticle]:
    rows = conn.execute(query).all()
    authors = _authors(conn, [row.id for row in rows])
    return [_record(row, tuple(authors.get(row.id, ()))) for row in rows]


def _authors(conn: Connection, article_ids: list[int]) -> dict[int, list[AuthorRef]]:
    result: dict[int, list[AuthorRef]] = defaultdict(list)
    if not article_ids:
        return result
    query = (
        sa.select(
            article_authors.c.article_id,
            columnists.c.id,
            columnists.c.slug,
            columnists.c.name,
        )
        .select_from(article_authors.join(columnists))
        .where(article_authors.c.article_id.in_(article_ids))
        .order_by(article_authors.c.article_id, article_authors.c.position)
    )
    for row in conn.execute(query):
        result[row.article_id].append(AuthorRef(row.id, row.slug, row.name))
    return result


def _record(row: Any, columnists: tuple[AuthorRef, ...]) -> StoredArticle:
    values = dict(row._mapping)
    values["paywalled"] = bool(values["paywalled"])
    values["truncated"] = bool(values["truncated"])
    values["credits"] = tuple(json.loads(values["credits"])) if values["credits"] else ()
    values["profiles"] = json.loads(values["profiles"]) if values["profiles"] else {}
    return StoredArticle(columnists=columnists, **values)
