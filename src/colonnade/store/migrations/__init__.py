"""Versioned schema migrations: an ordered list of steps, each applied in its own transaction.

The `schema_version` table holds one row per applied step. Steps run under a lock (an advisory
lock on PostgreSQL, `BEGIN IMMEDIATE` on SQLite) and re-read the version once they hold it, so
two processes starting together apply each step exactly once. To change the schema, append a
step (a module with DESCRIPTION and apply(conn)) and update store/schema.py to match.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from colonnade.errors import StorageError
from colonnade.store.engine import display_url, transaction
from colonnade.store.migrations import (
    v001_initial,
    v002_fulltext,
    v003_reader,
    v004_jobs,
    v005_credits_offsets,
    v006_identity,
    v007_clusters,
    v008_cluster_original,
    v009_view_visitors,
    v010_queue_leases,
)
from colonnade.store.schema import schema_version

log = logging.getLogger(__name__)

# Any fixed number; it only has to be the same for every Colonnade process.
_PG_LOCK_KEY = 0x636F6C6E


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, v001_initial.DESCRIPTION, v001_initial.apply),
    Migration(2, v002_fulltext.DESCRIPTION, v002_fulltext.apply),
    Migration(3, v003_reader.DESCRIPTION, v003_reader.apply),
    Migration(4, v004_jobs.DESCRIPTION, v004_jobs.apply),
    Migration(5, v005_credits_offsets.DESCRIPTION, v005_credits_offsets.apply),
    Migration(6, v006_identity.DESCRIPTION, v006_identity.apply),
    Migration(7, v007_clusters.DESCRIPTION, v007_clusters.apply),
    Migration(8, v008_cluster_original.DESCRIPTION, v008_cluster_original.apply),
    Migration(9, v009_view_visitors.DESCRIPTION, v009_view_visitors.apply),
    Migration(10, v010_queue_leases.DESCRIPTION, v010_queue_leases.apply),
)
LATEST = MIGRATIONS[-1].version


def current_version(engine: Engine) -> int:
    """The highest applied step; 0 for an empty database."""
    with transaction(engine, write=False) as conn:
        if not sa.inspect(conn).has_table(schema_version.name):
            return 0
        return _version(conn)


def migrate(engine: Engine) -> list[int]:
    """Apply every missing step in order; returns the versions applied (empty when current)."""
    with transaction(engine, write=True) as conn:
        _lock(conn)
        schema_version.create(conn, checkfirst=True)
        _refuse_newer(engine, _version(conn))
    applied = []
    for step in MIGRATIONS:
        with transaction(engine, write=True) as conn:
            _lock(conn)
            if _version(conn) >= step.version:
                continue
            log.info("applying migration %d: %s", step.version, step.description)
            step.apply(conn)
            conn.execute(
                sa.insert(schema_version).values(
                    version=step.version, description=step.description, applied_at=datetime.now(UTC)
                )
            )
            applied.append(step.version)
    return applied


def check_current(engine: Engine) -> None:
    """Refuse to work on a database whose schema is older or newer than this code."""
    version = current_version(engine)
    _refuse_newer(engine, version)
    if version < LATEST:
        raise StorageError(
            f"the database {display_url(engine.url)} has schema version {version}, "
            f"this Colonnade needs {LATEST}: open it with migrations enabled"
        )


def _refuse_newer(engine: Engine, version: int) -> None:
    if version > LATEST:
        raise StorageError(
            f"the database {display_url(engine.url)} has schema version {version}, newer than "
            f"this Colonnade knows ({LATEST}): upgrade Colonnade"
        )


def _version(conn: Connection) -> int:
    latest = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar_one()
    return int(latest or 0)


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
