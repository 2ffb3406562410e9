"""Opening a database: URLs, connection errors, SQLite settings, schema version checks."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

from colonnade.errors import StorageError
from colonnade.store import LATEST, open_storage
from colonnade.store.engine import parse_url


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_postgres_is_one_readable_line() -> None:
    port = _closed_port()
    with pytest.raises(StorageError) as caught:
        open_storage(f"postgresql://postgres:secret@127.0.0.1:{port}/test")
    message = str(caught.value)
    assert (
        message
        == f"cannot connect to postgresql://postgres:***@127.0.0.1:{port}/test: connection refused"
    )
    assert "\n" not in message and "secret" not in message


@pytest.mark.postgres
def test_missing_postgres_database_names_it(postgres_schema_url: str) -> None:
    url = sa.make_url(postgres_schema_url).set(database="no_such_database_xyz")
    with pytest.raises(
        StorageError,
        match=r'^cannot connect to .*: database "no_such_database_xyz" does not exist$',
    ):
        open_storage(url.render_as_string(hide_password=False))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/db", "unsupported database URL mysql://root@localhost/db"),
        ("not a url", "invalid database URL 'not a url'"),
        ("sqlite://", "SQLite needs a file path"),
        ("sqlite:///:memory:", "SQLite needs a file path"),
    ],
)
def test_bad_urls_are_refused_in_one_line(url: str, expected: str) -> None:
    with pytest.raises(StorageError) as caught:
        open_storage(url)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_postgres_urls_use_psycopg_3() -> None:
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"


def test_sqlite_creates_parent_folders_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "colonnade.db"
    with open_storage(f"sqlite:///{path}") as storage:
        assert path.exists()
        engine = storage.db.engine
        with engine.connect() as conn:
            pragma = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 15000,
        "synchronous": 1,
    }


def test_sqlite_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match=r"^cannot create the folder for sqlite:///"):
        open_storage(f"sqlite:///{blocker}/sub/colonnade.db")


def test_storage_reports_its_url_without_password(storage_url: str) -> None:
    with open_storage(storage_url) as storage:
        assert storage.dialect in ("sqlite", "postgresql")
        assert storage.url.startswith(f"{storage.dialect}://")
        assert storage.schema_version() == LATEST


def test_a_database_gone_after_opening_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    storage = open_storage(f"sqlite:///{path}")
    storage.close()
    path.unlink()
    (tmp_path / "gone.db-wal").unlink(missing_ok=True)
    path.mkdir()  # a folder where the database was: every connection now fails
    with pytest.raises(StorageError, match=r"^database error: "):
        storage.publications.all()
