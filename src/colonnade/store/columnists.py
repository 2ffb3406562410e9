"""Columnists: authors as first-class rows, linked to articles and through them to publications.
Also the by-name directory of them.

A columnist is identified by the slug of their normalised name, so 'Jane  Doe' at two
publications is one columnist. (Two different people sharing a name are merged; telling them
apart is the enrich stage's job, which may then split them with its own key.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.engine import Database
from colonnade.store.naming import normalise_name, slugify
from colonnade.store.records import Columnist, PublicationRef
from colonnade.store.schema import article_authors, articles, columnists, publications
from colonnade.store.sql import insert_or_ignore


def ensure(conn: Connection, names: Iterable[str], *, now: datetime) -> list[int]:
    """Columnist ids for these names, in order, creating the missing ones; duplicates once."""
    ids: list[int] = []
    for raw in names:
        name = normalise_name(raw)
        slug = slugify(name, fallback="")
        if not slug:
            continue
        conn.execute(
            insert_or_ignore(conn, columnists, "slug").values(slug=slug, name=name, created_at=now)
        )
        found = conn.execute(sa.select(columnists.c.id).where(columnists.c.slug == slug))
        columnist_id = found.scalar_one()
        if columnist_id not in ids:
            ids.append(columnist_id)
    return ids


def remove_orphans(conn: Connection, columnist_ids: Iterable[int] | None = None) -> int:
    """Delete columnists left without any article (among `columnist_ids`, or all)."""
    statement = sa.delete(columnists).where(
        ~sa.exists().where(article_authors.c.columnist_id == columnists.c.id)
    )
    if columnist_ids is not None:
        statement = statement.where(columnists.c.id.in_(list(columnist_ids)))
    return conn.execute(statement).rowcount


def _load(conn: Connection, condition: sa.ColumnElement[bool]) -> list[Columnist]:
    counts = (
        sa.select(
            columnists.c.id,
            columnists.c.slug,
            columnists.c.name,
            sa.func.count(article_authors.c.article_id).label("article_count"),
        )
        .select_from(columnists.outerjoin(article_authors))
        .where(condition)
        .group_by(columnists.c.id, columnists.c.slug, columnists.c.name)
        .order_by(columnists.c.name, columnists.c.id)
    )
    rows = conn.execute(counts).all()
    where = publications_by_columnist(conn, [row.id for row in rows])
    return [
        Columnist(
            id=row.id,
            slug=row.slug,
            name=row.name,
            article_count=row.article_count,
            publications=tuple(where.get(row.id, ())),
        )
        for row in rows
    ]


def publications_by_columnist(
    conn: Connection, columnist_ids: list[int]
) -> dict[int, list[PublicationRef]]:
    """The publications each of these columnists wrote in."""
    result: dict[int, list[PublicationRef]] = defaultdict(list)
    if not columnist_ids:
        return result
    query = (
        sa.select(
            article_authors.c.columnist_id,
            publications.c.id,
            publications.c.slug,
            publications.c.name,
            publications.c.country,
        )
        .distinct()
        .select_from(article_authors.join(articles).join(publications))
        .order_by(article_authors.c.columnist_id, publications.c.name)
    )
    query = query.where(article_authors.c.columnist_id.in_(columnist_ids))
    for row in conn.execute(query):
        result[row.columnist_id].append(PublicationRef(row.id, row.slug, row.name, row.country))
    return result


NameKey = tuple[str, int]
"""A position in a by-name list: (name, id)."""


class Columnists:
    """The columnists, one per normalised name."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, id_or_slug: int | str) -> Columnist | None:
        """By id, or by slug (a digit string matches a numeric slug first, then an id)."""
        if isinstance(id_or_slug, int):
            condition = columnists.c.id == id_or_slug
        elif id_or_slug.isdigit() and len(id_or_slug) < 19:
            condition = sa.or_(columnists.c.slug == id_or_slug, columnists.c.id == int(id_or_slug))
        else:
            condition = columnists.c.slug == id_or_slug
        with self._db.read() as conn:
            found = _load(conn, condition)
        if len(found) > 1:  # a numeric slug and an id both matched: the slug wins
            found = [c for c in found if c.slug == id_or_slug]
        return found[0] if found else None

    def by_slug(self, slug: str) -> Columnist | None:
        """Only the slug counts: what a page address names."""
        with self._db.read() as conn:
            found = _load(conn, columnists.c.slug == slug)
        return found[0] if found else None

    def page(
        self, *, after: NameKey | None = None, limit: int = 50
    ) -> tuple[list[Columnist], NameKey | None]:
        """Columnists by name after `after`, with their counts and publications, and the key
        of the next page (None on the last)."""
        size = max(1, limit)
        query = sa.select(columnists.c.id, columnists.c.slug, columnists.c.name)
        if after is not None:
            query = query.where(
                sa.tuple_(columnists.c.name, columnists.c.id) > sa.tuple_(*map(sa.literal, after))
            )
        with self._db.read() as conn:
            rows = conn.execute(
                query.order_by(columnists.c.name, columnists.c.id).limit(size + 1)
            ).all()
            more = len(rows) > size
            rows = rows[:size]
            ids = [row.id for row in rows]
            counts: dict[int, int] = dict(
                conn.execute(
                    sa.select(article_authors.c.columnist_id, sa.func.count())
                    .where(article_authors.c.columnist_id.in_(ids))
                    .group_by(article_authors.c.columnist_id)
                ).all()
            )
            where = publications_by_columnist(conn, ids)
        found = [
            Columnist(row.id, row.slug, row.name, int(counts.get(row.id, 0)), tuple(where[row.id]))
            for row in rows
        ]
        return found, ((rows[-1].name, rows[-1].id) if more and rows else None)
