"""Article rows read back as `StoredArticle`s, with their publication and columnists."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.query import newest
from colonnade.store.records import AuthorRef, CopyRef, StoredArticle
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
    copies = _copies(conn, rows)
    return [
        _record(row, tuple(authors.get(row.id, ())), tuple(copies.get(row.id, ()))) for row in rows
    ]


MAX_COPIES = 50  # of one column, shown with an article: enough to name where it appeared


def _copies(conn: Connection, rows: Sequence[Any]) -> dict[int, list[CopyRef]]:
    """The other copies of each article's column, the original first, then newest."""
    clusters = {row.cluster_id for row in rows if row.cluster_id is not None}
    if not clusters:
        return {}
    query = (
        sa.select(
            articles.c.id,
            articles.c.cluster_id,
            articles.c.url,
            articles.c.canonical_url,
            articles.c.title,
            articles.c.published,
            articles.c.original,
            publications.c.name,
            publications.c.slug,
        )
        .select_from(articles.join(publications))
        .where(articles.c.cluster_id.in_(clusters))
        .order_by(articles.c.cluster_id, articles.c.original.desc(), newest.desc(), articles.c.id)
    )
    members: dict[int, list[CopyRef]] = defaultdict(list)
    for m in conn.execute(query):
        if len(members[m.cluster_id]) <= MAX_COPIES:
            members[m.cluster_id].append(
                CopyRef(
                    m.id,
                    m.url or m.canonical_url,
                    m.title,
                    m.name,
                    m.slug,
                    m.published,
                    bool(m.original),
                )
            )
    return {
        row.id: [c for c in members[row.cluster_id] if c.id != row.id][:MAX_COPIES]
        for row in rows
        if row.cluster_id is not None and len(members[row.cluster_id]) > 1
    }


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


def _record(
    row: Any, columnists: tuple[AuthorRef, ...], copies: tuple[CopyRef, ...] = ()
) -> StoredArticle:
    values = dict(row._mapping)
    values["paywalled"] = bool(values["paywalled"])
    values["truncated"] = bool(values["truncated"])
    values["credits"] = tuple(json.loads(values["credits"])) if values["credits"] else ()
    values["profiles"] = json.loads(values["profiles"]) if values["profiles"] else {}
    values["original"] = bool(values["original"])
    if values["cluster_id"] is None:  # alone in its cluster (store/clusters.py)
        values["cluster_id"] = values["id"]
    return StoredArticle(columnists=columnists, copies=copies, **values)
