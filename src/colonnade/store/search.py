"""Full-text search: FTS5 on SQLite, tsvector on PostgreSQL, the same rules on both.

User input is never handed to a query parser. It is cut into words (runs of letters, marks
and digits) and each word becomes a quoted term, all of them required; the last word also
matches as a prefix while the user is still typing it. Quotes, NEAR, *, parentheses, '-', ':'
and the like are thereby plain separators, and no input can raise a syntax error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.records import MARK_END, MARK_START
from colonnade.store.schema import articles

MAX_WORDS = 32
MAX_WORD_CHARS = 64
# Title matches count most, then the byline, then the text.
_SQLITE_WEIGHTS = (10.0, 5.0, 1.0)
_SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class Match:
    article_id: int
    rank: float  # higher is better
    marked_snippet: str


@dataclass(frozen=True, slots=True)
class Terms:
    words: list[str]
    prefix_last: bool


def terms(query: str) -> Terms:
    query = unicodedata.normalize("NFC", query)
    words: list[str] = []
    current: list[str] = []
    for char in query + " ":
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            words.append("".join(current)[:MAX_WORD_CHARS])
            current = []
    # Prefix only when the query ends inside a word: 'colum' is being typed, 'colum ' is done.
    # One-letter prefixes would match half the index for nothing.
    typing = bool(query) and unicodedata.category(query[-1])[0] in "LMN"
    prefix_last = typing and len(words) <= MAX_WORDS and len(words[-1]) > 1
    return Terms(words[:MAX_WORDS], prefix_last=prefix_last)


def search(
    conn: Connection,
    query: str,
    *,
    limit: int,
    offset: int,
    publication_id: int | None,
    language: str | None,
) -> list[Match]:
    found = terms(query)
    filters: list[sa.ColumnElement[bool]] = []
    if publication_id is not None:
        filters.append(articles.c.publication_id == publication_id)
    if language is not None:
        filters.append(articles.c.language == language)
    return ranked(conn, found, filters, limit=limit, offset=offset)


def ranked(
    conn: Connection,
    found: Terms,
    filters: list[sa.ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[Match]:
    """Best matches first among articles that also meet `filters` (conditions on articles)."""
    if not found.words or limit <= 0:
        return []
    run = _sqlite if conn.dialect.name == "sqlite" else _postgres
    return run(conn, found, filters, limit=limit, offset=max(0, offset))


def fts5_expression(found: Terms) -> str:
    """The FTS5 MATCH string: every word a quoted term, all required."""
    # FTS5 strings are double-quoted; the words hold no quote, so no escaping is needed.
    return " ".join(f'"{word}"' for word in found.words) + ("*" if found.prefix_last else "")


def tsquery(found: Terms) -> Any:
    """The PostgreSQL tsquery: every word required, the last also as a prefix if typed."""
    # tsquery lexemes are single-quoted; the words hold no quote or backslash.
    lexemes = [f"'{word}'" for word in found.words]
    if found.prefix_last:
        lexemes[-1] += ":*"
    return sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), " & ".join(lexemes))


def snippets(conn: Connection, found: Terms, article_ids: list[int]) -> dict[int, str]:
    """Marked snippets of the text of these articles for this query (one query)."""
    if not article_ids or not found.words:
        return {}
    if conn.dialect.name == "sqlite":
        fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
        # '+' keeps the id list out of the full-text index's own lookup: handed to it, each id
        # is a separate index query, which re-expands a prefix term every time (50 ms for a
        # common prefix at 100,000 articles); filtered afterwards, the matches stream once.
        unpushed: sa.ColumnClause[Any] = sa.literal_column("+articles_fts.rowid")
        query = (
            sa.select(
                sa.literal_column("articles_fts.rowid").label("id"),
                _sqlite_snippet(fts_table).label("snippet"),
            )
            .select_from(sa.table("articles_fts"))
            .where(fts_table.op("MATCH")(fts5_expression(found)), unpushed.in_(article_ids))
        )
        return {row.id: row.snippet or "" for row in conn.execute(query)}
    return _headlines(conn, tsquery(found), article_ids)


def _sqlite_snippet(fts_table: sa.ColumnClause[Any]) -> Any:
    text_column = 2  # title, byline, text
    return sa.func.snippet(fts_table, text_column, MARK_START, MARK_END, "…", _SNIPPET_WORDS)


def _sqlite(
    conn: Connection,
    found: Terms,
    filters: list[sa.ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[Match]:
    match = fts5_expression(found)
    fts = sa.table("articles_fts", sa.column("rowid"))
    fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
    bm25 = sa.func.bm25(fts_table, *_SQLITE_WEIGHTS)
    # Every match is scored to rank them, so each costs as little as possible here: the
    # articles table is joined only when a filter needs it, and snippets (which re-read the
    # text) are made for the returned page alone.
    if filters:
        query = (
            sa.select(articles.c.id.label("id"), bm25.label("score"))
            .select_from(fts.join(articles, articles.c.id == fts.c.rowid))
            .where(fts_table.op("MATCH")(match), *filters)
            .order_by(bm25, articles.c.id)
        )
    else:
        query = (
            sa.select(fts.c.rowid.label("id"), bm25.label("score"))
            .select_from(fts)
            .where(fts_table.op("MATCH")(match))
            .order_by(bm25, fts.c.rowid)
        )
    rows = conn.execute(query.limit(limit).offset(offset)).all()
    marked = snippets(conn, found, [row.id for row in rows])
    # bm25() is lower-is-better and negative; flip it so every backend ranks higher-is-better.
    return [Match(row.id, -float(row.score), marked.get(row.id, "")) for row in rows]


def _postgres(
    conn: Connection,
    found: Terms,
    filters: list[sa.ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[Match]:
    query_ts = tsquery(found)
    vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
    rank = sa.func.ts_rank(vector, query_ts)
    ranked_rows = conn.execute(
        sa.select(articles.c.id, rank.label("score"))
        .where(vector.op("@@")(query_ts), *filters)
        .order_by(rank.desc(), articles.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    if not ranked_rows:
        return []
    found_snippets = _headlines(conn, query_ts, [row.id for row in ranked_rows])
    return [
        Match(row.id, float(row.score), found_snippets.get(row.id) or "") for row in ranked_rows
    ]


def _headlines(conn: Connection, query_ts: Any, article_ids: list[int]) -> dict[int, str]:
    # ts_headline re-parses the whole text, so it runs on one page of results only.
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={_SNIPPET_WORDS}, MinWords=12"
    headline = sa.func.ts_headline(
        sa.literal_column("'simple'::regconfig"), articles.c.text, query_ts, options
    )
    rows = conn.execute(
        sa.select(articles.c.id, headline).where(articles.c.id.in_(article_ids))
    ).all()
    return {article_id: text for article_id, text in rows}
