"""Article view counts per UTC day, for "most read". Nothing about the reader is stored.

Counts arrive in batches (the web site adds them up in memory and flushes every few seconds),
so a busy article costs one upsert per flush rather than one write per view.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_rows
from colonnade.store.engine import Database
from colonnade.store.records import MostRead
from colonnade.store.schema import article_views, articles
from colonnade.store.sql import upsert

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
