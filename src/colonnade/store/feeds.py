"""Feeds and sitemaps of a publication, and when each is next due for a check."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.errors import BadRequest, NotFound
from colonnade.store.engine import Database
from colonnade.store.naming import normalise_name
from colonnade.store.records import Feed
from colonnade.store.schema import feeds, publications

KINDS = ("rss", "sitemap", "newsmap")
# How long a claimed feed stays out of other crawls' reach if its check never records a result
# (the crawl was killed): as long as a claim on queue entries (store/queue.py).
FEED_LEASE_SECONDS = 600.0


def _record(row: Any) -> Feed:
    return Feed(**row._mapping)


class Feeds:
    """Feeds and sitemaps of the publications, and when each is next due for a check."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self, publication_id: int, url: str, *, kind: str = "rss", title: str | None = None
    ) -> Feed:
        """Idempotent by URL: a known feed is returned as it is, whichever publication owns it."""
        url = url.strip()
        title = normalise_name(title) if title is not None else None
        if kind not in KINDS:
            raise BadRequest(f"feed kind must be one of {', '.join(KINDS)}, got {kind!r}")
        with self._db.write() as conn:
            existing = _first(conn, feeds.c.url == url)
            if existing is not None:
                return existing
            known = sa.select(publications.c.id).where(publications.c.id == publication_id)
            if conn.execute(known).first() is None:
                raise NotFound(f"no publication with id {publication_id}")
            new_id = conn.execute(
                sa.insert(feeds)
                .values(
                    publication_id=publication_id,
                    url=url,
                    kind=kind,
                    title=title,
                    status="active",
                    error_count=0,
                )
                .returning(feeds.c.id)
            ).scalar_one()
            found = _first(conn, feeds.c.id == new_id)
        assert found is not None
        return found

    def get(self, feed_id: int) -> Feed | None:
        with self._db.read() as conn:
            return _first(conn, feeds.c.id == feed_id)

    def all(self, publication_id: int | None = None) -> list[Feed]:
        query = sa.select(feeds).order_by(feeds.c.id)
        if publication_id is not None:
            query = query.where(feeds.c.publication_id == publication_id)
        with self._db.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def due(self, now: datetime) -> list[Feed]:
        """Active feeds never checked or due by `now`; never-checked first, then oldest due."""
        query = (
            sa.select(feeds)
            .where(feeds.c.status == "active")
            .where(sa.or_(feeds.c.next_check_at.is_(None), feeds.c.next_check_at <= now))
            .order_by(sa.nulls_first(feeds.c.next_check_at.asc()), feeds.c.id)
        )
        with self._db.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def claim_due(self, now: datetime, *, lease_s: float = FEED_LEASE_SECONDS) -> list[Feed]:
        """The feeds `due(now)` returns, each made due again only `lease_s` from now in the same
        transaction, so that a crawl running at the same time (another process, or another
        machine on PostgreSQL) does not check them too. The records are as they were before:
        the check's own result (`record_check`, `record_error`) sets the next check, and
        `release` gives back those a stopping crawl did not check."""
        due = sa.and_(
            feeds.c.status == "active",
            sa.or_(feeds.c.next_check_at.is_(None), feeds.c.next_check_at <= now),
        )
        query = (
            sa.select(feeds)
            .where(due)
            .order_by(sa.nulls_first(feeds.c.next_check_at.asc()), feeds.c.id)
            .with_for_update(skip_locked=True)
        )
        until = now + timedelta(seconds=lease_s)
        with self._db.write() as conn:
            claimed = [_record(row) for row in conn.execute(query)]
            if claimed:
                ids = [feed.id for feed in claimed]
                conn.execute(
                    sa.update(feeds).where(feeds.c.id.in_(ids)).values(next_check_at=until)
                )
        return claimed

    def release(
        self, claimed: list[Feed], *, now: datetime, lease_s: float = FEED_LEASE_SECONDS
    ) -> int:
        """Make the feeds of `claim_due(now)` that were not checked due as before; returns how
        many. A feed whose check recorded a result keeps that result's next check."""
        leased = now + timedelta(seconds=lease_s)
        released = 0
        with self._db.write() as conn:
            for feed in claimed:
                statement = (
                    sa.update(feeds)
                    .where(feeds.c.id == feed.id, feeds.c.next_check_at == leased)
                    .values(next_check_at=feed.next_check_at)
                )
                released += conn.execute(statement).rowcount or 0
        return released

    def record_check(
        self,
        feed_id: int,
        *,
        checked_at: datetime,
        etag: str | None,
        last_modified: str | None,
        new_items: int,
        interval_s: int,
        next_check_at: datetime,
    ) -> None:
        """A successful check: validators, schedule, and the error count back to zero."""
        values: dict[str, Any] = {
            "last_checked_at": checked_at,
            "etag": etag,
            "last_modified": last_modified,
            "interval_s": interval_s,
            "next_check_at": next_check_at,
            "error_count": 0,
        }
        if new_items > 0:
            values["last_new_at"] = checked_at
        with self._db.write() as conn:
            _update(conn, feed_id, values)


def _first(conn: Connection, condition: sa.ColumnElement[bool]) -> Feed | None:
    row = conn.execute(sa.select(feeds).where(condition)).first()
    return _record(row) if row else None


def record_error(
    conn: Connection,
    feed_id: int,
    *,
    reason: str,
    at: datetime,
    retire: bool,
    next_check_at: datetime | None = None,
) -> None:
    values: dict[str, Any] = {
        "last_error": reason,
        "last_error_at": at,
        "error_count": feeds.c.error_count + 1,
    }
    if next_check_at is not None:
        values["next_check_at"] = next_check_at
    if retire:
        values["status"] = "retired"
    _update(conn, feed_id, values)


def _update(conn: Connection, feed_id: int, values: dict[str, Any]) -> None:
    if conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(**values)).rowcount == 0:
        raise NotFound(f"no feed with id {feed_id}")
