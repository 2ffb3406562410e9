"""Migrations: versioned, applied once, idempotent, and matching store/schema.py."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from colonnade.errors import StorageError
from colonnade.store import LATEST, open_storage
from colonnade.store.engine import create_engine, parse_url
from colonnade.store.migrations import MIGRATIONS, current_version, migrate
from colonnade.store.schema import metadata, schema_version


def test_steps_are_numbered_one_to_latest() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert all(m.description for m in MIGRATIONS)


def test_open_applies_every_step_once_and_reopening_applies_none(storage_url: str) -> None:
    engine = create_engine(parse_url(storage_url))
    try:
        assert current_version(engine) == 0
        assert migrate(engine) == list(range(1, LATEST + 1))
        assert migrate(engine) == []
        open_storage(storage_url).close()
        with engine.connect() as conn:
            rows = conn.execute(sa.select(schema_version.c.version).order_by("version")).all()
        assert [r.version for r in rows] == list(range(1, LATEST + 1))
    finally:
        engine.dispose()


def test_migrated_schema_matches_schema_module(storage_url: str) -> None:
    """store/schema.py (what queries use) and the migrations (what exists) must not drift."""
    open_storage(storage_url).close()
    engine = create_engine(parse_url(storage_url))
    try:
        inspector = sa.inspect(engine)
        for table in metadata.sorted_tables:
            found = {c["name"]: c["nullable"] for c in inspector.get_columns(table.name)}
            # The full-text column exists on PostgreSQL only and is reached through search.py.
            found.pop("search_vector", None)
            expected = {c.name: c.nullable for c in table.columns}
            assert found == expected, table.name
    finally:
        engine.dispose()


def test_an_old_schema_is_refused_without_migration(storage_url: str) -> None:
    engine = create_engine(parse_url(storage_url))
    try:
        with engine.begin() as conn:
            schema_version.create(conn)
            MIGRATIONS[0].apply(conn)
            conn.execute(
                sa.insert(schema_version).values(
                    version=1, description="x", applied_at=sa.func.current_timestamp()
                )
            )
    finally:
        engine.dispose()
    with pytest.raises(StorageError, match=rf"has schema version 1, this Colonnade needs {LATEST}"):
        open_storage(storage_url, migrate_schema=False)
    with open_storage(storage_url) as storage:
        assert storage.schema_version() == LATEST


def test_a_newer_schema_is_refused(storage_url: str) -> None:
    open_storage(storage_url).close()
    engine = create_engine(parse_url(storage_url))
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.insert(schema_version).values(
                    version=LATEST + 1, description="future", applied_at=sa.func.current_timestamp()
                )
            )
    finally:
        engine.dispose()
    with pytest.raises(StorageError, match=r"newer than this Colonnade knows"):
        open_storage(storage_url)
