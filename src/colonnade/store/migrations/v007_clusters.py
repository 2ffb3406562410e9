"""Migration 7: syndicated copies, one cluster per column.

Every article gets `cluster_id` (the id of the first article of its cluster: a number that
stays the same while copies join; NULL while the article is alone, read as its own id) and
`original` (one article per cluster: the one lists show). `copy_keys` holds the keys that
find an article's copies (enrich/syndication.py). Existing articles each stay a cluster of
their own; their keys are made by `colonnade clusters rebuild`, which then finds the copies
among them.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.types import BigID

DESCRIPTION = "syndicated copies: article clusters and the keys that find copies"


def apply(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN cluster_id BIGINT")
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN original BOOLEAN NOT NULL DEFAULT TRUE")
    conn.exec_driver_sql("CREATE INDEX articles_cluster ON articles (cluster_id)")
    meta = sa.MetaData()
    sa.Table("articles", meta, sa.Column("id", BigID, primary_key=True))
    keys = sa.Table(
        "copy_keys",
        meta,
        # The bucket first: finding copies looks buckets up (a 64-bit hash, all but unique).
        sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("band", sa.SmallInteger, primary_key=True),
        sa.Column(
            "article_id",
            BigID,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Index("copy_keys_article", "article_id"),
    )
    keys.create(conn)
