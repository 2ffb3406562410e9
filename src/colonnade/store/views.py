"""Article view counts per UTC day, for "most read". Nothing about the reader is stored.

Counts arrive in batches (the web site adds them up in memory and flushes every few seconds),
so a busy article costs one upsert per flush rather than one write per view.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from colonnade.store.schema import article_views, articles

_CHUNK = 500


def record(conn: Connection, counts: Mapping[tuple[int, date], int]) -> int:
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
    dialect_insert = sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert
    statement = dialect_insert(article_views)
    statement = statement.on_conflict_do_update(
        index_elements=[article_views.c.article_id, article_views.c.day],
        set_={"count": article_views.c.count + statement.excluded.count},
    )
    conn.execute(statement, rows)
    return len(rows)


def most_read(conn: Connection, *, since: date, limit: int) -> list[tuple[int, int]]:
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


def views_of(conn: Connection, article_id: int, *, since: date) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(article_views.c.count), 0)).where(
        article_views.c.article_id == article_id, article_views.c.day >= since
    )
    return int(conn.execute(query).scalar_one())
