"""Search with the reader's filters (columnist, publication, country, language, kind, dates),
by relevance or newest first.

The words are read exactly as store/search.py reads them, so no input can raise. Relevance
pages continue by offset, which is bounded (MAX_OFFSET): ranking is computed per query anyway,
and nobody reads the 1,001st best match. Newest-first pages continue by keyset, like every
other list, so they can go as deep as the collection.
"""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_reads, reader
from colonnade.store.records import ArticleFilter, Keyset, SearchHit, SearchPage, StoredArticle
from colonnade.store.schema import articles
from colonnade.store.search import fts5_expression, ranked, snippets, terms, tsquery

MAX_OFFSET = 1000
Order = Literal["relevance", "newest"]


def find(
    conn: Connection,
    query: str,
    where: ArticleFilter,
    *,
    order: Order,
    offset: int,
    before: Keyset | None,
    limit: int,
) -> SearchPage:
    found = terms(query)
    size = min(max(1, limit), reader.MAX_PAGE)
    if not found.words:
        return SearchPage(())
    filters = reader.conditions(where)
    if order == "relevance":
        offset = min(max(0, offset), MAX_OFFSET)
        matches = ranked(conn, found, filters, limit=size + 1, offset=offset)
        more = len(matches) > size and offset + size < MAX_OFFSET
        matches = matches[:size]
        by_id = {a.id: a for a in article_reads.by_ids(conn, [m.article_id for m in matches])}
        hits = tuple(
            SearchHit(a, m.rank, m.marked_snippet or _fallback(a))
            for m in matches
            if (a := by_id.get(m.article_id)) is not None
        )
        return SearchPage(hits, next_offset=offset + size if more else None)
    if before is not None:
        filters.append(reader.keyset_before(before))
    rows = _newest(conn, found, filters, size + 1)
    more = len(rows) > size
    rows = rows[:size]
    ids = [row.id for row in rows]
    marked = snippets(conn, found, ids)
    loaded = article_reads.by_ids(conn, ids)
    hits = tuple(SearchHit(a, 0.0, marked.get(a.id) or _fallback(a)) for a in loaded)
    older = (rows[-1].newest, rows[-1].id) if more and rows else None
    return SearchPage(hits, older=older)


def _newest(
    conn: Connection, found: Any, filters: list[sa.ColumnElement[bool]], limit: int
) -> list[Any]:
    columns = (articles.c.id, reader.newest.label("newest"))
    order = (reader.newest.desc(), articles.c.id.desc())
    if conn.dialect.name == "sqlite":
        fts = sa.table("articles_fts", sa.column("rowid"))
        fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
        query = (
            sa.select(*columns)
            .select_from(fts.join(articles, articles.c.id == fts.c.rowid))
            .where(fts_table.op("MATCH")(fts5_expression(found)), *filters)
        )
    else:
        vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
        query = sa.select(*columns).where(vector.op("@@")(tsquery(found)), *filters)
    return list(conn.execute(query.order_by(*order).limit(limit)).all())


def _fallback(article: StoredArticle) -> str:
    """A snippet for a match in the title or byline of an article with no text."""
    return article.excerpt or article.description or article.title or ""
