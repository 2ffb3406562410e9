"""Unique slugs: the readable part of publication and columnist URLs."""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def unique_slug(conn: Connection, column: sa.Column[str], base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not yet taken in `column`."""
    taken = set(
        conn.execute(
            sa.select(column).where(sa.or_(column == base, column.startswith(f"{base}-")))
        ).scalars()
    )
    for candidate in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2))):
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")
