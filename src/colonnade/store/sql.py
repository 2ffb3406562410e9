"""Small statement builders whose SQL differs between SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def upsert(conn: Connection, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
    """INSERT with this dialect's ON CONFLICT clauses available."""
    return sqlite.insert(table) if conn.dialect.name == "sqlite" else postgresql.insert(table)


def insert_or_ignore(conn: Connection, table: sa.Table, *keys: str) -> sa.Insert:
    """INSERT ... ON CONFLICT (keys) DO NOTHING, for rows another process may insert first."""
    return upsert(conn, table).on_conflict_do_nothing(index_elements=list(keys))
