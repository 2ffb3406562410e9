"""Full-text search as one condition and one score: FTS5 on SQLite, tsvector on PostgreSQL.

User input is never handed to a query parser. It is cut into words (runs of letters, marks and
digits) and each word becomes a quoted term, all of them required. Words match whole words
only, for the CLI, the site, the API and the feeds alike, decided here once: every front end
submits finished queries (none searches as the user types), and a prefix term costs about
twice a word, as the index merges every word it starts. Quotes, NEAR, *, parentheses, '-',
':' and the like are thereby plain separators; no input can raise.

The score is higher-is-better on both databases: BM25 with weights title 10, byline 5, text 1
on SQLite; `ts_rank` with the weights of migration 2 (A title, B byline, C text) on PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from colonnade.store.schema import articles

MAX_WORDS = 32
MAX_WORD_CHARS = 64
_SQLITE_WEIGHTS = (10.0, 5.0, 1.0)  # title, byline, text

fts = sa.table("articles_fts", sa.column("rowid"))
_fts_table: sa.ColumnClause[Any] = sa.literal_column("articles_fts")
_vector: sa.ColumnClause[Any] = sa.literal_column("articles.search_vector")


@dataclass(frozen=True, slots=True)
class Terms:
    words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)


def terms(text: str) -> Terms:
    """The words of a query, at most MAX_WORDS of at most MAX_WORD_CHARS characters."""
    text = unicodedata.normalize("NFC", text)
    words: list[str] = []
    current: list[str] = []
    for char in text + " ":
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            words.append("".join(current)[:MAX_WORD_CHARS])
            current = []
    return Terms(tuple(words[:MAX_WORDS]))


def fts5_expression(found: Terms) -> str:
    """The FTS5 MATCH string: every word a quoted term, all required."""
    # FTS5 strings are double-quoted; the words hold no quote, so no escaping is needed.
    return " ".join(f'"{word}"' for word in found.words)


def tsquery(found: Terms) -> Any:
    """The PostgreSQL tsquery: every word required."""
    # tsquery lexemes are single-quoted; the words hold no quote or backslash.
    lexemes = [f"'{word}'" for word in found.words]
    return sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), " & ".join(lexemes))


def matching_ids(dialect: str, found: Terms) -> sa.Select[Any]:
    """The ids of every article that matches, as a subquery to filter by."""
    if dialect == "sqlite":
        return sa.select(fts.c.rowid).select_from(fts).where(_fts5_match(found))
    return sa.select(articles.c.id).where(_vector.op("@@")(tsquery(found)))


def scored(
    dialect: str, found: Terms, filters: list[sa.ColumnElement[bool]], *, originals: bool
) -> sa.Subquery:
    """Every match meeting `filters` (and being a column's original, with `originals`), as
    (id, score) rows: all of them, no cap."""
    if dialect == "sqlite":
        # bm25() is lower-is-better and negative: flipped so that higher is better everywhere.
        score = -sa.func.bm25(_fts_table, *_SQLITE_WEIGHTS)
        wanted = [_fts5_match(found)]
        # '+': checked as the matches stream by, not looked up one id at a time.
        rowid: sa.ColumnClause[int] = sa.literal_column("+articles_fts.rowid")
        if filters:
            wanted.append(rowid.in_(sa.select(articles.c.id).where(*filters)))
        if originals:
            # The copies, not the originals: a copy is always in a cluster, so the cluster
            # index holds them all, and they are few where the originals are nearly all.
            copies = (articles.c.cluster_id.is_not(None)) & sa.not_(articles.c.original)
            wanted.append(rowid.not_in(sa.select(articles.c.id).where(copies)))
        query = sa.select(fts.c.rowid.label("id"), score.label("score")).select_from(fts)
        return query.where(*wanted).subquery()
    if originals:
        filters = [*filters, articles.c.original]
    # ts_rank is a float4, printed to the client rounded: as float8 a score read back and
    # compared for the next page is exactly the one the database holds.
    rank: sa.ColumnElement[float] = sa.cast(sa.func.ts_rank(_vector, tsquery(found)), sa.Double())
    query = sa.select(articles.c.id.label("id"), rank.label("score"))
    return query.where(_vector.op("@@")(tsquery(found)), *filters).subquery()


def _fts5_match(found: Terms) -> sa.ColumnElement[bool]:
    return _fts_table.op("MATCH")(fts5_expression(found))
