"""Publications: the newspapers and magazines columns come from, their directory by name and
country, and who writes for each."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.codes import country_code, language_code
from colonnade.errors import NotFound
from colonnade.store import clusters
from colonnade.store import columnists as columnists_module
from colonnade.store.columnists import NameKey
from colonnade.store.engine import Database
from colonnade.store.naming import normalise_homepage, normalise_name, slugify
from colonnade.store.records import ColumnistCount, Facet, Publication
from colonnade.store.schema import article_authors, articles, columnists, publications

_article_count = (
    sa.select(sa.func.count())
    .where(articles.c.publication_id == publications.c.id)
    .correlate(publications)
    .scalar_subquery()
    .label("article_count")
)
_SELECT = sa.select(publications, _article_count)
_BY_NAME = (publications.c.name, publications.c.id)


class Publications:
    """The publications, unique by homepage."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self, name: str, homepage: str, *, country: str | None = None, language: str | None = None
    ) -> Publication:
        """Add a publication, or return the one with this homepage (trailing '/' ignored);
        adding a known homepage again may fill in a missing country or language."""
        homepage = normalise_homepage(homepage)
        country, language = country_code(country), language_code(language)
        name = normalise_name(name)
        with self._db.write() as conn:
            existing = conn.execute(_SELECT.where(publications.c.homepage == homepage)).first()
            if existing is not None:
                changes = {
                    key: value
                    for key, value in (("country", country), ("language", language))
                    if value and not existing._mapping[key]
                }
                if changes:
                    conn.execute(
                        sa.update(publications)
                        .where(publications.c.id == existing.id)
                        .values(**changes)
                    )
                return _one(conn, publications.c.id == existing.id)
            slug = _unique_slug(conn, slugify(name, fallback="publication"))
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
            return _one(conn, publications.c.id == new_id)

    def get(self, id_or_slug: int | str) -> Publication | None:
        """By id, or by slug (command-line arguments arrive as strings: a numeric slug such
        as '1843' wins over the id)."""
        with self._db.read() as conn:
            if isinstance(id_or_slug, int):
                return _first(conn, publications.c.id == id_or_slug)
            found = _first(conn, publications.c.slug == id_or_slug)
            if found is None and id_or_slug.isdigit() and len(id_or_slug) < 19:
                found = _first(conn, publications.c.id == int(id_or_slug))
            return found

    def by_slug(self, slug: str) -> Publication | None:
        """Only the slug counts: what a page address names."""
        with self._db.read() as conn:
            return _first(conn, publications.c.slug == slug)

    def all(self, country: str | None = None) -> list[Publication]:
        """All of them by name (of one country if given)."""
        query = _SELECT.order_by(*_BY_NAME)
        if country is not None:
            query = query.where(publications.c.country == country)
        with self._db.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def page(
        self, *, after: NameKey | None = None, limit: int = 50, country: str | None = None
    ) -> tuple[list[Publication], NameKey | None]:
        """Publications by name after `after` (of one country if given), and the next key."""
        query = _SELECT
        if country is not None:
            query = query.where(publications.c.country == country)
        if after is not None:
            query = query.where(sa.tuple_(*_BY_NAME) > sa.tuple_(*map(sa.literal, after)))
        size = max(1, limit)
        with self._db.read() as conn:
            rows = conn.execute(query.order_by(*_BY_NAME).limit(size + 1)).all()
        found = [_record(row) for row in rows[:size]]
        next_key = (found[-1].name, found[-1].id) if len(rows) > size else None
        return found, next_key

    def remove(self, publication_id: int) -> int:
        """Delete it with its feeds, queue, errors and articles; returns articles removed."""
        with self._db.write() as conn:
            if _first(conn, publications.c.id == publication_id) is None:
                raise NotFound(f"no publication with id {publication_id}")
            # Articles go first and explicitly so the SQLite full-text triggers see each one.
            removed = conn.execute(
                sa.delete(articles).where(articles.c.publication_id == publication_id)
            ).rowcount
            conn.execute(sa.delete(publications).where(publications.c.id == publication_id))
            # A columnist with no article left has nothing to show; a column whose original
            # went with it is shown by another copy.
            columnists_module.remove_orphans(conn)
            clusters.elect_missing(conn)
            return int(removed)

    def columnists(self, publication_id: int, *, limit: int = 50) -> list[ColumnistCount]:
        """Who writes for a publication, most articles there first."""
        count = sa.func.count().label("n")
        query = (
            sa.select(columnists.c.id, columnists.c.slug, columnists.c.name, count)
            .select_from(article_authors.join(articles).join(columnists))
            .where(articles.c.publication_id == publication_id)
            .group_by(columnists.c.id, columnists.c.slug, columnists.c.name)
            .order_by(count.desc(), columnists.c.name, columnists.c.id)
            .limit(max(0, limit))
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        return [ColumnistCount(row.id, row.slug, row.name, int(row.n)) for row in rows]

    def countries(self) -> list[Facet]:
        """Each publication country with its publications and articles, most articles first."""
        with self._db.read() as conn:
            per_publication: dict[int, int] = dict(
                conn.execute(
                    sa.select(articles.c.publication_id, sa.func.count()).group_by(
                        articles.c.publication_id
                    )
                ).all()
            )
            rows = conn.execute(
                sa.select(publications.c.id, publications.c.country).where(
                    publications.c.country.is_not(None)
                )
            ).all()
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for publication_id, country in rows:
            totals[country][0] += int(per_publication.get(publication_id, 0))
            totals[country][1] += 1
        found = [Facet(code, n_articles, n_pubs) for code, (n_articles, n_pubs) in totals.items()]
        return sorted(found, key=lambda f: (-f.articles, f.value))


def _record(row: Any) -> Publication:
    return Publication(**row._mapping)


def _first(conn: Connection, condition: sa.ColumnElement[bool]) -> Publication | None:
    row = conn.execute(_SELECT.where(condition)).first()
    return _record(row) if row else None


def _one(conn: Connection, condition: sa.ColumnElement[bool]) -> Publication:
    found = _first(conn, condition)
    assert found is not None
    return found


def _unique_slug(conn: Connection, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not yet taken."""
    column = publications.c.slug
    taken = set(
        conn.execute(
            sa.select(column).where(sa.or_(column == base, column.startswith(f"{base}-")))
        ).scalars()
    )
    for candidate in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2))):
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")
