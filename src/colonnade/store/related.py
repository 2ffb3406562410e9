"""Related columns: other articles whose titles share the longest words of this one's title.

Titles, not texts: a title names the subject in a few words, and matching titles is cheap (a
title index entry per word, not one per mention in every text), so an article page can afford
it on every view. The longest words stand in for the rarest ones: language-neutral, no
stop-word lists, and 'the', 'der', 'les' never get in.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.schema import articles
from colonnade.store.search import Terms, terms, tsquery

MAX_WORDS = 5
MIN_WORD_CHARS = 4
_SQLITE_WEIGHTS = (1.0, 0.0, 0.0)  # title only


def keywords(title: str) -> list[str]:
    """Up to MAX_WORDS distinct title words, longest first (ties in title order)."""
    seen: dict[str, str] = {}
    for word in terms(title).words:
        folded = word.casefold()
        if len(word) >= MIN_WORD_CHARS and folded not in seen:
            seen[folded] = word
    ordered = sorted(seen.values(), key=len, reverse=True)
    return ordered[:MAX_WORDS]


def related(
    conn: Connection, title: str | None, *, exclude: list[int], language: str | None, limit: int
) -> list[int]:
    """Ids of articles whose titles share words with `title`, best first, in `language` when
    given; `exclude` (the article itself, say) left out."""
    words = keywords(title or "")
    if not words or limit <= 0:
        return []
    filters: list[sa.ColumnElement[bool]] = [articles.c.id.not_in(exclude)] if exclude else []
    if language is not None:
        filters.append(articles.c.language == language)
    if conn.dialect.name == "sqlite":
        return _sqlite(conn, words, filters, limit)
    return _postgres(conn, words, filters, limit)


def _sqlite(
    conn: Connection, words: list[str], filters: list[sa.ColumnElement[bool]], limit: int
) -> list[int]:
    # Words hold only letters, marks and digits (search.terms), so quoting them is enough.
    match = "title : (" + " OR ".join(f'"{word}"' for word in words) + ")"
    fts = sa.table("articles_fts", sa.column("rowid"))
    fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
    bm25 = sa.func.bm25(fts_table, *_SQLITE_WEIGHTS)
    query = (
        sa.select(articles.c.id)
        .select_from(fts.join(articles, articles.c.id == fts.c.rowid))
        .where(fts_table.op("MATCH")(match), *filters)
        .order_by(bm25, articles.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def _postgres(
    conn: Connection, words: list[str], filters: list[sa.ColumnElement[bool]], limit: int
) -> list[int]:
    query_ts = tsquery(Terms(words, prefix_last=False), any_word=True, title_only=True)
    vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
    rank = sa.func.ts_rank(vector, query_ts)
    query = (
        sa.select(articles.c.id)
        .where(vector.op("@@")(query_ts), *filters)
        .order_by(rank.desc(), articles.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(query).scalars())
