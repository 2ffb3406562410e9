"""Migration 3: what the reader site needs: keyset-friendly indexes and a views table.

Lists are ordered by "newest": the publication date, else the first-seen time. The indexes
below are on that exact expression (SQLite and PostgreSQL both index expressions, and both use
them only when a query repeats it verbatim: see store/reader.py), so a page of a list, however
deep, is an index range scan rather than a sort of the whole table.

`article_views` counts article page views per UTC day: no visitor data at all, only a number.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.types import BigID

DESCRIPTION = "reader indexes (newest first per list) and daily article view counts"

_NEWEST = "coalesce(published, first_seen_at)"

INDEXES = [
    f"CREATE INDEX articles_newest ON articles ({_NEWEST}, id)",
    f"CREATE INDEX articles_publication_newest ON articles (publication_id, {_NEWEST}, id)",
    f"CREATE INDEX articles_language_newest ON articles (language, {_NEWEST}, id)",
    "CREATE INDEX columnists_name ON columnists (name, id)",
    "CREATE INDEX publications_country ON publications (country, id)",
]


def apply(conn: Connection) -> None:
    for statement in INDEXES:
        conn.exec_driver_sql(statement)
    md = sa.MetaData()
    # Reflected only so the foreign key below can name it; nothing about articles changes here.
    sa.Table("articles", md, sa.Column("id", BigID, primary_key=True))
    sa.Table(
        "article_views",
        md,
        sa.Column(
            "article_id", BigID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Index("article_views_day", "day", "article_id", "count"),
    ).create(conn)
