"""Columnists: authors as first-class rows, linked to articles and through them to publications.

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


def list_all(conn: Connection) -> list[Columnist]:
    return _load(conn, None)


def get(conn: Connection, id_or_slug: int | str) -> Columnist | None:
    if isinstance(id_or_slug, int):
        condition = columnists.c.id == id_or_slug
    elif id_or_slug.isdigit():
        condition = sa.or_(columnists.c.slug == id_or_slug, columnists.c.id == int(id_or_slug))
    else:
        condition = columnists.c.slug == id_or_slug
    found = _load(conn, condition)
    if len(found) > 1:  # a numeric slug and an id both matched: the slug wins
        found = [c for c in found if c.slug == id_or_slug]
    return found[0] if found else None


def _load(conn: Connection, condition: sa.ColumnElement[bool] | None) -> list[Columnist]:
    counts = (
        sa.select(
            columnists.c.id,
            columnists.c.slug,
            columnists.c.name,
            sa.func.count(article_authors.c.article_id).label("article_count"),
        )
        .select_from(columnists.outerjoin(article_authors))
        .group_by(columnists.c.id, columnists.c.slug, columnists.c.name)
        .order_by(columnists.c.name, columnists.c.id)
    )
    if condition is not None:
        counts = counts.where(condition)
    rows = conn.execute(counts).all()
    # Listing everyone needs no id filter, and a long IN (...) list would hit parameter limits.
    ids = None if condition is None else [row.id for row in rows]
    where = publications_by_columnist(conn, ids)
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
    conn: Connection, columnist_ids: list[int] | None
) -> dict[int, list[PublicationRef]]:
    """The publications each columnist wrote in; every columnist's when `columnist_ids` is None."""
    result: dict[int, list[PublicationRef]] = defaultdict(list)
    if columnist_ids is not None and not columnist_ids:
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
    if columnist_ids is not None:
        query = query.where(article_authors.c.columnist_id.in_(columnist_ids))
    for row in conn.execute(query):
        result[row.columnist_id].append(PublicationRef(row.id, row.slug, row.name, row.country))
    return result
