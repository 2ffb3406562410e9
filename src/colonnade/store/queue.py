"""The crawl queue: article URLs waiting to be fetched, kept in the database.

A URL is pending until the transaction that stores its article (or records its failure) marks
it, so a crawl killed at any moment resumes where it stopped: nothing fetched-but-unsaved is
lost, and the unique URL keeps anything from being queued twice. A crawl claims the entries it
works on with a lease (`claim`, `renew`, `release`), so two crawls sharing a database never
fetch one URL both, and the claims of a crawl that died lapse after `LEASE_SECONDS`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.errors import NotFound
from colonnade.store.engine import Database
from colonnade.store.records import QueueEntry, QueueItem
from colonnade.store.schema import crawl_queue
from colonnade.store.sql import insert_or_ignore

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A claim lasts this long unless renewed; a crawl renews its leases well before they end.
LEASE_SECONDS = 600.0
# Longer URLs are tracking junk, and PostgreSQL cannot index a key much beyond 2,700 bytes.
MAX_URL_CHARS = 2000
_CHUNK = 500


def _enqueue(
    conn: Connection,
    publication_id: int,
    feed_id: int | None,
    items: Iterable[QueueItem],
    *,
    now: datetime,
) -> int:
    """Queue new URLs; re-queue known ones the source says were updated. Returns how many new."""
    wanted = _dedupe(items)
    urls = list(wanted)
    new = 0
    for start in range(0, len(urls), _CHUNK):
        chunk = urls[start : start + _CHUNK]
        known = {
            row.url: row
            for row in conn.execute(
                sa.select(crawl_queue.c.id, crawl_queue.c.url, crawl_queue.c.hint_updated).where(
                    crawl_queue.c.url.in_(chunk)
                )
            )
        }
        for url in chunk:
            if url in known:
                _refresh(conn, known[url], wanted[url])
        rows = [_new_row(wanted[u], publication_id, feed_id, now) for u in chunk if u not in known]
        if rows:
            new += _insert_new(conn, rows)
    return new


def _dedupe(items: Iterable[QueueItem]) -> dict[str, QueueItem]:
    """One item per URL, the one with the latest `updated` when a source lists a URL twice."""
    wanted: dict[str, QueueItem] = {}
    for item in items:
        url = item.url.strip()
        if not url:
            continue
        if len(url) > MAX_URL_CHARS:
            log.warning("not queueing a %d-character URL: %s...", len(url), url[:100])
            continue
        previous = wanted.get(url)
        if previous is None or _newer(item.updated, previous.updated):
            wanted[url] = QueueItem(url, item.published, item.updated)
    return wanted


def _newer(candidate: datetime | None, recorded: datetime | None) -> bool:
    return candidate is not None and (recorded is None or candidate > recorded)


def _refresh(conn: Connection, row: Any, item: QueueItem) -> None:
    if item.updated is None or not _newer(item.updated, row.hint_updated):
        return
    values: dict[str, Any] = {"hint_updated": item.updated}
    # With no date on record there is nothing to compare: remember this one for next time.
    if row.hint_updated is not None:
        values.update(state="pending", attempts=0, last_error=None)
    conn.execute(sa.update(crawl_queue).where(crawl_queue.c.id == row.id).values(**values))


def _new_row(
    item: QueueItem, publication_id: int, feed_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "publication_id": publication_id,
        "feed_id": feed_id,
        "url": item.url.strip(),
        "discovered_at": now,
        "state": "pending",
        "attempts": 0,
        "last_error": None,
        "hint_published": item.published,
        "hint_updated": item.updated,
    }


def _insert_new(conn: Connection, rows: list[dict[str, Any]]) -> int:
    # Another crawler may queue the same URL between our check and this insert: skip, not fail.
    statement = insert_or_ignore(conn, crawl_queue, "url")
    return len(conn.execute(statement.returning(crawl_queue.c.id), rows).all())


def _pending(conn: Connection, limit: int | None) -> list[QueueEntry]:
    query = (
        sa.select(crawl_queue).where(crawl_queue.c.state == "pending").order_by(crawl_queue.c.id)
    )
    if limit is not None:
        query = query.limit(max(0, limit))
    return [QueueEntry(**row._mapping) for row in conn.execute(query)]


def _get(conn: Connection, queue_id: int) -> QueueEntry | None:
    row = conn.execute(sa.select(crawl_queue).where(crawl_queue.c.id == queue_id)).first()
    return QueueEntry(**row._mapping) if row else None


def _claim(
    conn: Connection,
    owner: str,
    *,
    now: datetime,
    lease_s: float,
    publication_id: int | None,
) -> list[QueueEntry]:
    """Pending entries under no live lease, now leased to `owner`; PostgreSQL skips rows another
    claim is taking at this moment, and SQLite's write transaction runs one claim at a time."""
    claimable = sa.and_(
        crawl_queue.c.state == "pending",
        sa.or_(crawl_queue.c.lease_until.is_(None), crawl_queue.c.lease_until <= now),
    )
    if publication_id is not None:
        claimable = sa.and_(claimable, crawl_queue.c.publication_id == publication_id)
    chosen = (
        sa.select(crawl_queue.c.id).where(claimable).with_for_update(skip_locked=True)
    ).scalar_subquery()
    statement = (
        sa.update(crawl_queue)
        .where(crawl_queue.c.id.in_(chosen))
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_s))
        .returning(*crawl_queue.c)
    )
    entries = [QueueEntry(**row._mapping) for row in conn.execute(statement)]
    return sorted(entries, key=lambda e: e.id)


_NO_LEASE = {"lease_owner": None, "lease_until": None}


def mark_done(conn: Connection, queue_id: int) -> None:
    _update(conn, queue_id, {"state": "done", "last_error": None, **_NO_LEASE})


def _mark_failed(conn: Connection, queue_id: int, reason: str, *, retry: bool) -> None:
    attempts = crawl_queue.c.attempts + 1
    state = sa.case((attempts < MAX_ATTEMPTS, "pending"), else_="failed") if retry else "failed"
    values = {"attempts": attempts, "state": state, "last_error": reason, **_NO_LEASE}
    _update(conn, queue_id, values)


class Queue:
    """Article URLs waiting to be fetched."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(
        self,
        publication_id: int,
        feed_id: int | None,
        items: Iterable[QueueItem],
        *,
        now: datetime | None = None,
    ) -> int:
        """Queue article URLs; returns how many were new. A known URL whose `updated` is newer
        than the one on record goes back to pending so the changed article is fetched again."""
        with self._db.write() as conn:
            return _enqueue(conn, publication_id, feed_id, items, now=now or datetime.now(UTC))

    def pending(self, limit: int | None = None) -> list[QueueEntry]:
        """Queue entries still to fetch, oldest first."""
        with self._db.read() as conn:
            return _pending(conn, limit)

    def claim(
        self,
        owner: str,
        *,
        lease_s: float = LEASE_SECONDS,
        publication_id: int | None = None,
        now: datetime | None = None,
    ) -> list[QueueEntry]:
        """Lease the pending entries (of one publication, or all) that no live lease holds to
        `owner` for `lease_s` seconds, oldest first. Two crawls sharing a database never claim
        the same entry; the entries of a crawl that died are claimable once its lease ends."""
        with self._db.write() as conn:
            return _claim(
                conn,
                owner,
                now=now or datetime.now(UTC),
                lease_s=lease_s,
                publication_id=publication_id,
            )

    def renew(
        self, owner: str, *, lease_s: float = LEASE_SECONDS, now: datetime | None = None
    ) -> int:
        """Extend every lease `owner` holds on pending entries; returns how many."""
        until = (now or datetime.now(UTC)) + timedelta(seconds=lease_s)
        held = sa.and_(crawl_queue.c.lease_owner == owner, crawl_queue.c.state == "pending")
        with self._db.write() as conn:
            statement = sa.update(crawl_queue).where(held).values(lease_until=until)
            return conn.execute(statement).rowcount or 0

    def lease_holders(self, *, now: datetime | None = None) -> list[str]:
        """The crawls that hold a live lease on some pending entry."""
        live = sa.and_(
            crawl_queue.c.state == "pending", crawl_queue.c.lease_until > (now or datetime.now(UTC))
        )
        with self._db.read() as conn:
            query = sa.select(crawl_queue.c.lease_owner).where(live).distinct()
            return sorted(owner for owner in conn.execute(query).scalars() if owner)

    def release(self, owner: str) -> int:
        """Give up every lease `owner` still holds (a crawl stopping with work left)."""
        with self._db.write() as conn:
            statement = (
                sa.update(crawl_queue).where(crawl_queue.c.lease_owner == owner).values(**_NO_LEASE)
            )
            return conn.execute(statement).rowcount or 0

    def get(self, queue_id: int) -> QueueEntry | None:
        with self._db.read() as conn:
            return _get(conn, queue_id)

    def mark_done(self, queue_id: int) -> None:
        """Done without an article (say, the page turned out not to be one)."""
        with self._db.write() as conn:
            mark_done(conn, queue_id)

    def mark_failed(self, queue_id: int, reason: str, *, retry: bool) -> None:
        """Count a failed attempt; pending again if `retry` and fewer than 3 attempts."""
        with self._db.write() as conn:
            _mark_failed(conn, queue_id, reason, retry=retry)


def _update(conn: Connection, queue_id: int, values: dict[str, Any]) -> None:
    statement = sa.update(crawl_queue).where(crawl_queue.c.id == queue_id).values(**values)
    if conn.execute(statement).rowcount == 0:
        raise NotFound(f"no crawl queue entry with id {queue_id}")
