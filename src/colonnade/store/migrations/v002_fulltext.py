"""Migration 2: full-text search over title, byline and text.

SQLite: an FTS5 table over `articles` (external content, so text is not stored twice) kept in
step by triggers. PostgreSQL: a generated, weighted tsvector column with a GIN index. Both use
language-neutral tokenisation ('unicode61' / 'simple') because the collection is multilingual:
stemming for one language would mangle the others.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

DESCRIPTION = "full-text search index on articles"

_FTS_COLUMNS = "title, byline, text"
_OLD = "old.id, old.title, old.byline, old.text"
_NEW = "new.id, new.title, new.byline, new.text"

SQLITE = [
    f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        {_FTS_COLUMNS}, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES ({_NEW});
    END""",
    f"""CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_OLD});
    END""",
    # Only when indexed columns are written, so refreshing fetched_at costs no reindexing.
    f"""CREATE TRIGGER articles_fts_update AFTER UPDATE OF {_FTS_COLUMNS} ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_OLD});
        INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES ({_NEW});
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

# The text is cut at 500,000 characters: a tsvector may not exceed 1 MB, and no column is
# that long; a runaway page must not make the article impossible to store.
POSTGRESQL = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(byline, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(text, ''), 500000)), 'C')
    ) STORED""",
    "CREATE INDEX articles_search ON articles USING gin (search_vector)",
]


def apply(conn: Connection) -> None:
    statements = SQLITE if conn.dialect.name == "sqlite" else POSTGRESQL
    for statement in statements:
        conn.exec_driver_sql(statement)
