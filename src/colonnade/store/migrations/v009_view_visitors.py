"""Migration 9: one view per visitor, article and day, without knowing who the visitor is.

`view_salts` holds one random secret per UTC day, made by the first process that needs it and
read by every other (so all server processes, and a restarted one, hash alike). A visitor id
is a keyed hash of that salt with the client's address, user agent and the article id, cut
to 64 bits; `view_visitors` holds the ids seen today, so that a repeated page view is counted
once. Both keep only the current day: rows of earlier days are deleted once the day is over,
and without the salt an id can no longer be tied to an address. No address, user agent or
article id is stored.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

DESCRIPTION = "daily salts and visitor ids: one view per visitor, article and day"


def apply(conn: Connection) -> None:
    md = sa.MetaData()
    sa.Table(
        "view_salts",
        md,
        sa.Column("day", sa.Date, primary_key=True),  # UTC
        sa.Column("salt", sa.String(64), nullable=False),  # 32 random bytes, hex
    ).create(conn)
    sa.Table(
        "view_visitors",
        md,
        sa.Column("day", sa.Date, primary_key=True),  # UTC; first, so a day is deleted by range
        sa.Column("visitor", sa.BigInteger, primary_key=True, autoincrement=False),
    ).create(conn)
