"""Fixtures shared by every test package: a real database of each kind.

`storage_url` runs a test twice, on a fresh SQLite file and on a fresh schema of the machine's
PostgreSQL (COLONNADE_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
A schema per test, rather than a database, keeps PostgreSQL tests fast. The session time zone
is set far from UTC so any code that leans on local time fails here rather than in production.
`storage` yields an open, migrated Storage on that database. `bench_data` is the shared
benchmark folder (../shared/bench-data, or COLONNADE_BENCH_DATA).

A test whose PostgreSQL or bench-data is missing is skipped with the reason, except when the
environment variable CI is set: CI provides both, so there the absence fails the test rather
than hiding it. Deselect PostgreSQL with `-m "not postgres"`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
import sqlalchemy as sa

from colonnade.evaluation import datasets
from colonnade.store import Storage, open_storage

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
# UTC+12:45 (+13:45 in summer): a zone where local-time bugs cannot hide.
POSTGRES_SESSION_TIMEZONE = "Pacific/Chatham"

_postgres_problem: dict[str, str | None] = {}


def in_ci() -> bool:
    """CI is set (CI=true, as GitHub Actions and most runners set it; "false" or "0" is off)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Skip: this machine lacks what the test needs. On CI, which has it, fail instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def postgres_base_url() -> str:
    return os.environ.get("COLONNADE_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def _libpq_url(url: str) -> str:
    """The same URL in the form psycopg takes (no '+driver')."""
    parsed = sa.make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def require_postgres() -> str:
    """The base URL, or skip (fail on CI) with how to enable PostgreSQL (checked once a session)."""
    base = postgres_base_url()
    if base not in _postgres_problem:
        try:
            with psycopg.connect(_libpq_url(base), connect_timeout=3):
                _postgres_problem[base] = None
        except psycopg.Error as exc:
            _postgres_problem[base] = str(exc).splitlines()[0] if str(exc) else repr(exc)
    problem = _postgres_problem[base]
    if problem:
        unavailable(
            f"PostgreSQL not reachable at {base} ({problem}); "
            "start it or set COLONNADE_TEST_POSTGRES_URL"
        )
    return base


@pytest.fixture
def bench_data() -> Path:
    """The shared bench-data folder holding every evaluation data set, or skip (fail on CI)."""
    root = datasets.default_root()
    missing = []
    for name in datasets.DATASETS:
        try:
            datasets.dataset_dir(name, root)
        except datasets.DatasetMissing as exc:
            missing.append(str(exc))
    if missing:
        unavailable("; ".join(missing))
    return root


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema, dropped after the test."""
    base = require_postgres()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_libpq_url(base), autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    options = f"-csearch_path={schema} -cTimeZone={POSTGRES_SESSION_TIMEZONE}"
    url = sa.make_url(base).update_query_dict({"options": options})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_libpq_url(base), autocommit=True) as admin:
            # A test that leaked an open transaction must not hang the whole run.
            admin.execute("SET lock_timeout = '10s'")
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'colonnade.db'}"
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def storage(storage_url: str) -> Iterator[Storage]:
    """An open, migrated Storage on a fresh database of each kind."""
    opened = open_storage(storage_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium for the browser tests (COLONNADE_CHROMIUM to use another)."""
    path = os.environ.get("COLONNADE_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(path):
        unavailable(f"no chromium at {path}: install Debian's chromium (apt-get install chromium)")
    return path
