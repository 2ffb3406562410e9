"""The log of fetch errors: every failure, with its time and reason, for operators to read."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from colonnade.store import feeds
from colonnade.store.engine import Database
from colonnade.store.records import FetchErrorRecord
from colonnade.store.schema import fetch_errors


class FetchErrors:
    """The log of fetch errors, and the error counts of the feeds they happened on."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        *,
        publication_id: int,
        url: str,
        reason: str,
        at: datetime,
        feed_id: int | None = None,
        retire_feed: bool = False,
        next_check_at: datetime | None = None,
    ) -> None:
        """Log a fetch error; on a feed, also count it there, retire the feed if asked, and
        set when to try it again (the crawler backs off from failing feeds)."""
        with self._db.write() as conn:
            if feed_id is not None:  # first, so an unknown feed is NotFound, not a key error
                feeds.record_error(
                    conn,
                    feed_id,
                    reason=reason,
                    at=at,
                    retire=retire_feed,
                    next_check_at=next_check_at,
                )
            conn.execute(
                sa.insert(fetch_errors).values(
                    publication_id=publication_id, feed_id=feed_id, url=url, reason=reason, at=at
                )
            )

    def recent(self, limit: int = 50, publication_id: int | None = None) -> list[FetchErrorRecord]:
        query = sa.select(fetch_errors).order_by(fetch_errors.c.at.desc(), fetch_errors.c.id.desc())
        if publication_id is not None:
            query = query.where(fetch_errors.c.publication_id == publication_id)
        with self._db.read() as conn:
            rows = conn.execute(query.limit(max(0, limit))).all()
        return [FetchErrorRecord(**row._mapping) for row in rows]
