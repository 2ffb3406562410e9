"""Migration 10: queue entries are claimed with a lease.

A crawl claims the entries it will fetch by writing its name (`lease_owner`) and an expiry
(`lease_until`) on them; another crawl, in another process or on another machine sharing the
database, skips entries under a live lease, and takes over those of a crawler that died once
the lease has expired. The index finds the claimable pending entries without a scan.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from colonnade.store.types import UTCDateTime

DESCRIPTION = "leases on crawl queue entries"


def apply(conn: Connection) -> None:
    timestamp = UTCDateTime().impl.compile(dialect=conn.dialect)
    conn.exec_driver_sql("ALTER TABLE crawl_queue ADD COLUMN lease_owner VARCHAR(100)")
    conn.exec_driver_sql(f"ALTER TABLE crawl_queue ADD COLUMN lease_until {timestamp}")
    conn.exec_driver_sql(
        "CREATE INDEX crawl_queue_lease ON crawl_queue (state, publication_id, lease_until)"
    )
