"""Migration 8: find a cluster's original by index.

Joining a copy to a cluster compares it with the cluster's original only; with an index on
`cluster_id` alone that look-up read every member (a column copied 1,000 times read 1,000
rows per new copy). The index on (cluster_id, original) finds it directly and serves every
look-up by `cluster_id` the old one served.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

DESCRIPTION = "index a cluster's original"


def apply(conn: Connection) -> None:
    conn.exec_driver_sql(
        "CREATE INDEX articles_cluster_original ON articles (cluster_id, original)"
    )
    conn.exec_driver_sql("DROP INDEX articles_cluster")
