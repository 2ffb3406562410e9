"""Migration 4: the `jobs` table, where the web process records work for a worker to run.

The admin API only writes a row here (add or remove a source, a crawl pass); `colonnade worker`
claims rows by state and lease, oldest first, so `(state, id)` is the index it reads.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.types import BigID, UTCDateTime

DESCRIPTION = "jobs recorded by the admin API and run by a worker"


def apply(conn: Connection) -> None:
    sa.Table(
        "jobs",
        sa.MetaData(),
        sa.Column("id", BigID, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("started_at", UTCDateTime),
        sa.Column("finished_at", UTCDateTime),
        sa.Column("lease_expires_at", UTCDateTime),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("worker", sa.Text),
        sa.Column("result", sa.Text),
        sa.Column("error", sa.Text),
        sa.Index("jobs_state", "state", "id"),
    ).create(conn)
