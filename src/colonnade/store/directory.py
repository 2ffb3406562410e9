"""The reader's directories: columnists and publications by name (keyset pages), the columnists
of a publication, and the countries and languages the collection covers."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.columnists import publications_by_columnist
from colonnade.store.records import Columnist, ColumnistCount, Facet, Publication
from colonnade.store.schema import article_authors, articles, columnists, publications

NameKey = tuple[str, int]
"""A position in a by-name list: (name, id)."""


def columnists_page(
    conn: Connection, *, after: NameKey | None, limit: int
) -> tuple[list[Columnist], NameKey | None]:
    """Columnists by name after `after`, with their counts and publications, and the key of
    the next page (None on the last)."""
    query = sa.select(columnists.c.id, columnists.c.slug, columnists.c.name)
    if after is not None:
        query = query.where(
            sa.tuple_(columnists.c.name, columnists.c.id) > sa.tuple_(*map(sa.literal, after))
        )
    rows = conn.execute(
        query.order_by(columnists.c.name, columnists.c.id).limit(max(1, limit) + 1)
    ).all()
    more = len(rows) > max(1, limit)
    rows = rows[: max(1, limit)]
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
    next_key = (rows[-1].name, rows[-1].id) if more and rows else None
    return found, next_key


_article_count = (
    sa.select(sa.func.count())
    .where(articles.c.publication_id == publications.c.id)
    .correlate(publications)
    .scalar_subquery()
    .label("article_count")
)


def publications_page(
    conn: Connection, *, after: NameKey | None, limit: int, country: str | None = None
) -> tuple[list[Publication], NameKey | None]:
    """Publications by name after `after` (optionally of one country), and the next key."""
    query = sa.select(publications, _article_count)
    if country is not None:
        query = query.where(publications.c.country == country)
    if after is not None:
        query = query.where(
            sa.tuple_(publications.c.name, publications.c.id) > sa.tuple_(*map(sa.literal, after))
        )
    size = max(1, limit)
    rows = conn.execute(
        query.order_by(publications.c.name, publications.c.id).limit(size + 1)
    ).all()
    found = [_publication(row) for row in rows[:size]]
    next_key = (found[-1].name, found[-1].id) if len(rows) > size else None
    return found, next_key


def _publication(row: Any) -> Publication:
    return Publication(**row._mapping)


def publication_columnists(
    conn: Connection, publication_id: int, limit: int
) -> list[ColumnistCount]:
    """Who writes for a publication, most prolific first."""
    count = sa.func.count().label("n")
    query = (
        sa.select(columnists.c.id, columnists.c.slug, columnists.c.name, count)
        .select_from(article_authors.join(articles).join(columnists))
        .where(articles.c.publication_id == publication_id)
        .group_by(columnists.c.id, columnists.c.slug, columnists.c.name)
        .order_by(count.desc(), columnists.c.name, columnists.c.id)
        .limit(max(0, limit))
    )
    return [ColumnistCount(row.id, row.slug, row.name, int(row.n)) for row in conn.execute(query)]


def countries(conn: Connection) -> list[Facet]:
    """Each publication country with its publications and articles, most articles first."""
    per_publication: dict[int, int] = dict(
        conn.execute(
            sa.select(articles.c.publication_id, sa.func.count()).group_by(
                articles.c.publication_id
            )
        ).all()
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for publication_id, country in conn.execute(
        sa.select(publications.c.id, publications.c.country).where(
            publications.c.country.is_not(None)
        )
    ):
        totals[country][0] += int(per_publication.get(publication_id, 0))
        totals[country][1] += 1
    found = [Facet(code, n_articles, n_pubs) for code, (n_articles, n_pubs) in totals.items()]
    return sorted(found, key=lambda f: (-f.articles, f.value))


def languages(conn: Connection) -> list[Facet]:
    """Each article language with its articles (and publications using it), most first."""
    rows = conn.execute(
        sa.select(articles.c.language, sa.func.count())
        .where(articles.c.language.is_not(None))
        .group_by(articles.c.language)
    ).all()
    pubs: dict[str, int] = dict(
        conn.execute(
            sa.select(publications.c.language, sa.func.count())
            .where(publications.c.language.is_not(None))
            .group_by(publications.c.language)
        ).all()
    )
    found = [Facet(code, int(n), int(pubs.get(code, 0))) for code, n in rows]
    return sorted(found, key=lambda f: (-f.articles, f.value))
