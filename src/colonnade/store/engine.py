"""Database URLs, engines and transactions: the only place that knows how to connect.

SQLite gets WAL, foreign keys, a busy timeout and `synchronous=NORMAL` on every connection,
and write transactions start with `BEGIN IMMEDIATE` so two writers queue on the busy timeout
instead of failing half-way when a read lock cannot be upgraded. Every database error leaves
this layer as a `StorageError` with one readable line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)

from colonnade.errors import StorageError, one_line
from colonnade.links import mask_url_password

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000
POSTGRES_CONNECT_TIMEOUT_S = 10
_WRITE = "colonnade_write"
_USAGE = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


def parse_url(url: str) -> sa.URL:
    """The SQLAlchemy URL for a user-facing one (`postgresql://` means psycopg 3)."""
    try:
        parsed = sa.make_url(url.strip())
    except ArgumentError:
        raise StorageError(f"invalid database URL {url!r}: {_USAGE}") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise StorageError(f"SQLite needs a file path, as in sqlite:///colonnade.db: {url!r}")
        return parsed.set(drivername="sqlite+pysqlite")
    raise StorageError(f"unsupported database URL {display_url(parsed)}: {_USAGE}")


def display_url(url: sa.URL) -> str:
    """The URL as users wrote it, password masked and driver name dropped."""
    shown = url.set(drivername=url.get_backend_name())
    return mask_url_password(shown.render_as_string(hide_password=False))


def create_engine(url: sa.URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    connect_args = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S}
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: sa.URL) -> Engine:
    path = Path(url.database or "")
    try:
        path.expanduser().parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(f"cannot create the folder for {display_url(url)}: {reason}") from exc
    url = url.set(database=str(path.expanduser()))
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event below issue BEGIN, instead of the sqlite3 module's own
        # guesswork, which defers it and never covers reads or DDL.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "synchronous=NORMAL",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def check_connection(engine: Engine) -> None:
    """Connect once, so an unreachable database is reported before anything else happens."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (DBAPIError, OSError) as exc:
        raise StorageError(f"cannot connect to {display_url(engine.url)}: {reason(exc)}") from exc


def reason(exc: BaseException) -> str:
    """One readable line out of a driver's multi-line, prefixed error message."""
    line = one_line(getattr(exc, "orig", None) or exc)
    # psycopg: 'connection failed: connection to server at "h", port 1 failed: FATAL:  why'
    if "failed: " in line:
        line = line.rsplit("failed: ", 1)[1]
    for prefix in ("FATAL:", "ERROR:"):
        line = line.removeprefix(prefix).strip()
    # 'Connection refused' reads better mid-sentence as 'connection refused'; 'FOREIGN KEY' stays.
    if line[:2].istitle():
        line = line[:1].lower() + line[1:]
    return line


# PostgreSQL SQLSTATEs that mean "another transaction got in the way; try again".
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected


def is_conflict(exc: BaseException) -> bool:
    """Whether a StorageError came from a concurrent writer, so that a retry will succeed."""
    cause = exc.__cause__
    if isinstance(cause, IntegrityError):
        return True
    sqlstate = getattr(getattr(cause, "orig", None), "sqlstate", None)
    return isinstance(cause, DBAPIError) and sqlstate in _RETRYABLE_SQLSTATES


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction; committed on success, rolled back and reported on error."""
    try:
        with engine.connect() as conn:
            if write:
                conn = conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn
    except DBAPIError as exc:
        raise StorageError(f"database error: {reason(exc)}") from exc
    except StatementError as exc:
        # A value our types refused (a naive datetime, say) is the caller's bug, not the
        # database's: let it surface as itself.
        if isinstance(exc.orig, ValueError | TypeError):
            raise exc.orig from None
        raise StorageError(f"database error: {one_line(exc)}") from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"database error: {one_line(exc)}") from exc


class Database:
    """An engine and its transactions: what every entity store of `Storage` holds.

    `read()` and `write()` each give one transaction (a write starts with BEGIN IMMEDIATE on
    SQLite, so writers queue instead of failing half-way)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def read(self) -> AbstractContextManager[Connection]:
        return transaction(self.engine, write=False)

    def write(self) -> AbstractContextManager[Connection]:
        return transaction(self.engine, write=True)
