"""Related columns: other articles whose titles share the main words of this one's title.

Titles, not texts: a title names the subject in a few words. The longest title words stand in
for the rarest ones (language-neutral, no stop-word lists; 'the', 'der', 'les' never get in).
Articles sharing at least two of them come first, then those sharing one, newest first
within each: walking the index in id order lets the search stop after `limit` matches,
whereas ranking by relevance would score every title containing a common word (tens of
milliseconds at 100,000 articles, on every article page).
"""

from __future__ import annotations

import itertools
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.fulltext import terms
from colonnade.store.schema import article_authors, articles

MAX_WORDS = 5
MIN_WORD_CHARS = 4


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
    conn: Connection,
    title: str | None,
    *,
    exclude: list[int],
    language: str | None,
    limit: int,
    not_by: list[int] | None = None,
) -> list[int]:
    """Ids of articles whose titles share words with `title`: two or more shared first, in
    `language` when given, `exclude` (the article itself, say) and articles by the columnists
    `not_by` left out."""
    words = keywords(title or "")
    if not words or limit <= 0:
        return []
    # Words hold only letters, marks and digits (search.terms), so quoting them is enough.
    groups = [list(pair) for pair in itertools.combinations(words, 2)] if len(words) > 1 else []
    found: list[int] = []
    for alternatives in (groups, [[word] for word in words]):
        if not alternatives or len(found) >= limit:
            continue
        filters: list[sa.ColumnElement[bool]] = []
        if exclude or found:
            filters.append(articles.c.id.not_in([*exclude, *found]))
        if language is not None:
            filters.append(articles.c.language == language)
        if not_by:
            theirs = sa.select(article_authors.c.article_id).where(
                article_authors.c.columnist_id.in_(not_by)
            )
            filters.append(articles.c.id.not_in(theirs))
        run = _sqlite if conn.dialect.name == "sqlite" else _postgres
        found += run(conn, alternatives, filters, limit - len(found))
    return found


def _sqlite(
    conn: Connection,
    alternatives: list[list[str]],
    filters: list[sa.ColumnElement[bool]],
    limit: int,
) -> list[int]:
    either = " OR ".join(
        "(" + " AND ".join(f'"{w}"' for w in group) + ")" for group in alternatives
    )
    fts = sa.table("articles_fts", sa.column("rowid"))
    fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
    query = (
        sa.select(articles.c.id)
        .select_from(fts.join(articles, articles.c.id == fts.c.rowid))
        .where(fts_table.op("MATCH")(f"title : ({either})"), *filters)
        .order_by(fts.c.rowid.desc())  # the index's own order: no sort, an early stop
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def _postgres(
    conn: Connection,
    alternatives: list[list[str]],
    filters: list[sa.ColumnElement[bool]],
    limit: int,
) -> list[int]:
    # Weight A is the title (migration 2); tsquery lexemes are single-quoted words.
    either = " | ".join("(" + " & ".join(f"'{w}':A" for w in group) + ")" for group in alternatives)
    query_ts = sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), either)
    vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")
    query = (
        sa.select(articles.c.id)
        .where(vector.op("@@")(query_ts), *filters)
        .order_by(articles.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(query).scalars())
