"""Article view counts per UTC day, for "most read", and the day's salt and visitor ids that
count a visitor once. Nothing about the reader is stored.

Counts arrive in batches (the web site adds them up in memory and flushes every few seconds),
so a busy article costs one upsert per flush rather than one write per view. A visitor id is a
keyed hash made by web/counter.py with the salt of its UTC day (`salt`); `record_visits` keeps
the ids of today and counts a view only for an id no process has recorded yet. Salts and ids of
earlier days are deleted (`forget_before`) as soon as a process notices the new day.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_rows
from colonnade.store.engine import Database
from colonnade.store.records import MostRead
from colonnade.store.schema import article_views, articles, view_salts, view_visitors
from colonnade.store.sql import insert_or_ignore, upsert

_CHUNK = 500


def _record(conn: Connection, counts: Mapping[tuple[int, date], int]) -> int:
    """Add `counts` ((article id, day) -> views) to the totals; returns the rows written.
    Views of articles deleted since are dropped, not an error."""
    wanted = {key: n for key, n in counts.items() if n > 0}
    ids = sorted({article_id for article_id, _ in wanted})
    existing: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        existing.update(
            conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(chunk))).scalars()
        )
    rows = [
        {"article_id": article_id, "day": day, "count": n}
        for (article_id, day), n in sorted(wanted.items())
        if article_id in existing
    ]
    if not rows:
        return 0
    statement = upsert(conn, article_views)
    statement = statement.on_conflict_do_update(
        index_elements=[article_views.c.article_id, article_views.c.day],
        set_={"count": article_views.c.count + statement.excluded.count},
    )
    conn.execute(statement, rows)
    return len(rows)


def _new_visits(
    conn: Connection, visits: Mapping[tuple[date, int], int]
) -> Counter[tuple[int, date]]:
    """Record the visitor ids of `visits` ((day, visitor id) -> article id) and count, per
    (article id, day), those not recorded before. RETURNING names only the rows inserted, so of
    two processes recording one id at once exactly one counts it (PostgreSQL makes the second
    wait on the key, then skip it; SQLite has one writer at a time)."""
    rows = [{"day": day, "visitor": visitor} for day, visitor in sorted(visits)]
    if not rows:
        return Counter()
    statement = insert_or_ignore(conn, view_visitors, "day", "visitor").returning(
        view_visitors.c.day, view_visitors.c.visitor
    )
    inserted = conn.execute(statement, rows).all()
    return Counter((visits[(row.day, row.visitor)], row.day) for row in inserted)


def _forget_before(conn: Connection, day: date) -> None:
    """Delete the salts and visitor ids of the days before `day`: once its salt is gone, an id
    can no longer be tied to anyone."""
    conn.execute(sa.delete(view_visitors).where(view_visitors.c.day < day))
    conn.execute(sa.delete(view_salts).where(view_salts.c.day < day))


def _most_read(conn: Connection, *, since: date, limit: int) -> list[tuple[int, int]]:
    """(article id, views) with the most views from `since` on, most first."""
    total = sa.func.sum(article_views.c.count).label("total")
    query = (
        sa.select(article_views.c.article_id, total)
        .where(article_views.c.day >= since)
        .group_by(article_views.c.article_id)
        .order_by(total.desc(), article_views.c.article_id.desc())
        .limit(max(0, limit))
    )
    return [(int(row.article_id), int(row.total)) for row in conn.execute(query)]


def _count(conn: Connection, article_id: int, *, since: date) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(article_views.c.count), 0)).where(
        article_views.c.article_id == article_id, article_views.c.day >= since
    )
    return int(conn.execute(query).scalar_one())


class Views:
    """Daily view counts of articles, for "most read"."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, counts: Mapping[tuple[int, date], int]) -> int:
        """Add view counts ((article id, UTC day) -> views); unknown articles are skipped."""
        if not counts:
            return 0
        with self._db.write() as conn:
            return _record(conn, counts)

    def salt(self, day: date) -> bytes:
        """The secret of UTC day `day`, made by the first process to ask and the same for every
        other (and after a restart)."""
        with self._db.write() as conn:
            made = secrets.token_hex(32)
            conn.execute(insert_or_ignore(conn, view_salts, "day").values(day=day, salt=made))
            kept = conn.execute(
                sa.select(view_salts.c.salt).where(view_salts.c.day == day)
            ).scalar_one()
        return bytes.fromhex(kept)

    def record_visits(self, visits: Mapping[tuple[date, int], int], *, today: date) -> int:
        """Count one view for each (UTC day, visitor id) -> article id not recorded before, by
        this process or any other; returns the rows of counts written. Visitor ids of days
        before `today` are deleted in the same transaction, late ones of yesterday included
        (they have deduplicated what they could)."""
        with self._db.write() as conn:
            counts = _new_visits(conn, visits)
            written = _record(conn, counts) if counts else 0
            _forget_before(conn, today)
        return written

    def forget_before(self, day: date) -> None:
        """Delete the salts and visitor ids of the UTC days before `day`."""
        with self._db.write() as conn:
            _forget_before(conn, day)

    def most_read(self, *, since: date, limit: int = 10) -> list[MostRead]:
        """The most viewed articles from day `since` (UTC) on, most first."""
        with self._db.read() as conn:
            ranked = _most_read(conn, since=since, limit=limit)
            found = {a.id: a for a in article_rows.by_ids(conn, [i for i, _ in ranked])}
        return [MostRead(found[i], n) for i, n in ranked if i in found]

    def count(self, article_id: int, *, since: date) -> int:
        """Views of one article from day `since` (UTC) on."""
        with self._db.read() as conn:
            return _count(conn, article_id, since=since)
