"""The log of fetch errors: every failure, with its time and reason, for operators to read."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import feeds
from colonnade.store.records import FetchErrorRecord
from colonnade.store.schema import fetch_errors


def record(
    conn: Connection,
    *,
    publication_id: int,
    url: str,
    reason: str,
    at: datetime,
    feed_id: int | None,
    retire_feed: bool,
    next_check_at: datetime | None = None,
) -> None:
    if feed_id is not None:  # first, so an unknown feed is NotFound rather than a key error
        feeds.record_error(
            conn, feed_id, reason=reason, at=at, retire=retire_feed, next_check_at=next_check_at
        )
    conn.execute(
        sa.insert(fetch_errors).values(
            publication_id=publication_id, feed_id=feed_id, url=url, reason=reason, at=at
        )
    )


def recent(conn: Connection, limit: int, publication_id: int | None) -> list[FetchErrorRecord]:
    query = sa.select(fetch_errors).order_by(fetch_errors.c.at.desc(), fetch_errors.c.id.desc())
    if publication_id is not None:
        query = query.where(fetch_errors.c.publication_id == publication_id)
    rows = conn.execute(query.limit(max(0, limit)))
    return [FetchErrorRecord(**row._mapping) for row in rows]
