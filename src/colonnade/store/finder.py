"""Search with the reader's filters (columnist, publication, country, language, kind, dates),
by relevance or newest first, fast at 100,000 articles on SQLite.

The words are read as store/search.py reads them, so no input can raise, but all are whole
words (the last is not also a prefix, as it is for search-as-you-type).

Relevance: a full-text engine without top-k pruning (FTS5, tsvector) scores every match, and a
common word matches half the collection. So the score is computed over the newest RANKED_CAP
matches (which still meet the filters): a bounded cost, and a bias to recent columns that a
reader of opinion pieces expects. Pages continue by offset, up to MAX_OFFSET.

Newest first: pages continue by keyset, like every other list. With few matches, the matches
are sorted; with many, the newest-first index is walked and each article checked against the
matches, which stops as soon as a page is full.
"""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_reads, reader
from colonnade.store.records import ArticleFilter, Keyset, SearchHit, SearchPage, StoredArticle
from colonnade.store.schema import articles
from colonnade.store.search import Match, Terms, fts5_expression, terms, tsquery
from colonnade.store.snippets import marked_snippet

MAX_OFFSET = 1000
RANKED_CAP = 1000
SORT_BELOW = 2000  # matches: sort them; above, walk the newest-first index instead
Order = Literal["relevance", "newest"]
_SQLITE_WEIGHTS = (10.0, 5.0, 1.0)  # title, byline, text: as store/search.py


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
    # Whole words only: a submitted search is not being typed, and a prefix term ('plan*')
    # costs two to three times a word here, as FTS5 merges every word it starts.
    found = Terms(found.words, prefix_last=False)
    size = min(max(1, limit), reader.MAX_PAGE)
    if not found.words:
        return SearchPage(())
    filters = reader.conditions(where)
    if order == "relevance":
        offset = min(max(0, offset), MAX_OFFSET)
        rank = _rank_sqlite if conn.dialect.name == "sqlite" else _rank_postgres
        matches = rank(conn, found, filters, limit=size + 1, offset=offset)
        more = len(matches) > size and offset + size < MAX_OFFSET
        matches = matches[:size]
        by_id = {a.id: a for a in article_reads.by_ids(conn, [m.article_id for m in matches])}
        hits = tuple(
            SearchHit(a, m.rank, _snippet(a, found))
            for m in matches
            if (a := by_id.get(m.article_id)) is not None
        )
        return SearchPage(hits, next_offset=offset + size if more else None)
    if before is not None:
        filters.append(reader.keyset_before(before))
    rows = _newest(conn, found, filters, size + 1)
    more = len(rows) > size
    rows = rows[:size]
    loaded = article_reads.by_ids(conn, [row.id for row in rows])
    hits = tuple(SearchHit(a, 0.0, _snippet(a, found)) for a in loaded)
    older = (rows[-1].newest, rows[-1].id) if more and rows else None
    return SearchPage(hits, older=older)


def _fts() -> tuple[Any, Any]:
    return sa.table("articles_fts", sa.column("rowid")), sa.literal_column("articles_fts")


def _rank_sqlite(
    conn: Connection,
    found: Terms,
    filters: list[sa.ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[Match]:
    fts, fts_table = _fts()
    bm25 = sa.func.bm25(fts_table, *_SQLITE_WEIGHTS)
    wanted = [fts_table.op("MATCH")(fts5_expression(found))]
    if filters:
        # '+': checked as the matches stream by (newest first), not looked up one id at a time.
        allowed = sa.select(articles.c.id).where(*filters)
        wanted.append(sa.literal_column("+articles_fts.rowid").in_(allowed))
    newest_matches = (
        sa.select(fts.c.rowid.label("id"), bm25.label("score"))
        .select_from(fts)
        .where(*wanted)
        .order_by(fts.c.rowid.desc())
        .limit(RANKED_CAP)
        .subquery()
    )
    query = (
        sa.select(newest_matches.c.id, newest_matches.c.score)
        .order_by(newest_matches.c.score, newest_matches.c.id)
        .limit(limit)
        .offset(offset)
    )
    # bm25() is lower-is-better and negative; flipped so that higher is better everywhere.
    return [Match(row.id, -float(row.score), "") for row in conn.execute(query)]


def _rank_postgres(
    conn: Connection,
    found: Terms,
    filters: list[sa.ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[Match]:
    query_ts = tsquery(found)
    vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
    newest_matches = (
        sa.select(articles.c.id, vector.label("vector"))
        .where(vector.op("@@")(query_ts), *filters)
        .order_by(articles.c.id.desc())
        .limit(RANKED_CAP)
        .subquery()
    )
    rank = sa.func.ts_rank(newest_matches.c.vector, query_ts)
    query = (
        sa.select(newest_matches.c.id, rank.label("score"))
        .order_by(rank.desc(), newest_matches.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [Match(row.id, float(row.score), "") for row in conn.execute(query)]


def _newest(
    conn: Connection, found: Terms, filters: list[sa.ColumnElement[bool]], limit: int
) -> list[Any]:
    columns = (articles.c.id, reader.newest.label("newest"))
    order = (reader.newest.desc(), articles.c.id.desc())
    if conn.dialect.name != "sqlite":
        vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
        query = sa.select(*columns).where(vector.op("@@")(tsquery(found)), *filters)
        return list(conn.execute(query.order_by(*order).limit(limit)).all())
    fts, fts_table = _fts()
    match = fts_table.op("MATCH")(fts5_expression(found))
    count = conn.execute(sa.select(sa.func.count()).select_from(fts).where(match)).scalar_one()
    if count == 0:
        return []
    if count <= SORT_BELOW:
        query = (
            sa.select(*columns)
            .select_from(fts.join(articles, articles.c.id == fts.c.rowid))
            .where(match, *filters)
        )
    else:
        # '+' stops SQLite from fetching each match by id and sorting them all; instead it walks
        # the newest-first index and stops after `limit` articles that are among the matches.
        matching = sa.select(fts.c.rowid).select_from(fts).where(match)
        query = sa.select(*columns).where(sa.literal_column("+articles.id").in_(matching), *filters)
    return list(conn.execute(query.order_by(*order).limit(limit)).all())


def _snippet(article: StoredArticle, found: Terms) -> str:
    """The words in the text; for a match in the title or byline only, the start of it."""
    return (
        marked_snippet(article.text, found.words)
        or article.excerpt
        or article.description
        or article.title
        or ""
    )
