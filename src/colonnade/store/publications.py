"""Publications: the newspapers and magazines columns come from."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.errors import NotFound
from colonnade.store import columnists
from colonnade.store.naming import (
    country_code,
    language_code,
    normalise_homepage,
    normalise_name,
    slugify,
)
from colonnade.store.records import Publication
from colonnade.store.schema import articles, publications
from colonnade.store.slugs import unique_slug

_article_count = (
    sa.select(sa.func.count())
    .where(articles.c.publication_id == publications.c.id)
    .correlate(publications)
    .scalar_subquery()
    .label("article_count")
)
_SELECT = sa.select(publications, _article_count)


def _record(row: Any) -> Publication:
    return Publication(**row._mapping)


def add(
    conn: Connection, name: str, homepage: str, *, country: str | None, language: str | None
) -> Publication:
    homepage = normalise_homepage(homepage)
    country, language = country_code(country), language_code(language)
    name = normalise_name(name)
    existing = conn.execute(_SELECT.where(publications.c.homepage == homepage)).first()
    if existing is not None:
        # Adding a known homepage again may fill in what was missing, never overwrite.
        changes = {
            key: value
            for key, value in (("country", country), ("language", language))
            if value and not existing._mapping[key]
        }
        if changes:
            conn.execute(
                sa.update(publications).where(publications.c.id == existing.id).values(**changes)
            )
            return get(conn, existing.id) or _record(existing)
        return _record(existing)
    slug = unique_slug(conn, publications.c.slug, slugify(name, fallback="publication"))
    new_id = conn.execute(
        sa.insert(publications)
        .values(
            slug=slug,
            name=name or homepage,
            homepage=homepage,
            country=country,
            language=language,
            created_at=datetime.now(UTC),
        )
        .returning(publications.c.id)
    ).scalar_one()
    found = get(conn, new_id)
    assert found is not None
    return found


def get(conn: Connection, id_or_slug: int | str) -> Publication | None:
    if isinstance(id_or_slug, int):
        row = conn.execute(_SELECT.where(publications.c.id == id_or_slug)).first()
        return _record(row) if row else None
    row = conn.execute(_SELECT.where(publications.c.slug == id_or_slug)).first()
    if row is None and id_or_slug.isdigit():
        # Command-line arguments arrive as strings; a numeric slug (say '1843') wins above.
        return get(conn, int(id_or_slug))
    return _record(row) if row else None


def list_all(conn: Connection) -> list[Publication]:
    rows = conn.execute(_SELECT.order_by(publications.c.name, publications.c.id))
    return [_record(row) for row in rows]


def remove(conn: Connection, publication_id: int) -> int:
    """Delete a publication and all it owns; returns the number of articles removed."""
    if get(conn, publication_id) is None:
        raise NotFound(f"no publication with id {publication_id}")
    # Articles go first and explicitly so the SQLite full-text triggers see every deletion.
    removed = conn.execute(
        sa.delete(articles).where(articles.c.publication_id == publication_id)
    ).rowcount
    conn.execute(sa.delete(publications).where(publications.c.id == publication_id))
    # A columnist with no article left has nothing to show.
    columnists.remove_orphans(conn)
    return removed
