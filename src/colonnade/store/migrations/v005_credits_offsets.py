"""Migration 5: an article's credits and the UTC offsets its page wrote its dates in.

`credits` holds the wire services, desks and the publication itself that a byline names beside
(or instead of) its authors, as a JSON array of strings; they are never columnists. Dates stay
stored as UTC instants (lists sort by them); `published_offset` and `updated_offset` are the
minutes east of UTC the page gave (or the publication's zone had), so that pages, feeds and
exports show the local day and time the publication showed.

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

DESCRIPTION = "article credits (wire services, desks) and the offsets of its dates"

STATEMENTS = [
    "ALTER TABLE articles ADD COLUMN credits TEXT",
    "ALTER TABLE articles ADD COLUMN published_offset INTEGER",
    "ALTER TABLE articles ADD COLUMN updated_offset INTEGER",
]


def apply(conn: Connection) -> None:
    for statement in STATEMENTS:
        conn.exec_driver_sql(statement)
