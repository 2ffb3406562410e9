"""Columnists: people (and editorial boards) as first-class rows, linked to their articles and
through them to the publications they write in; the by-name directory of them.

Which columnist a byline is, and the merges and splits by hand, is store/identity.py's work;
this module reads the result: each columnist with their affiliations, the other names they go
by, whether a bare name match still joins them somewhere (unverified), and the slugs of
columnists merged into them (aliases, so old addresses keep working).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.errors import BadRequest
from colonnade.store import identity
from colonnade.store.engine import Database
from colonnade.store.records import Affiliation, Columnist, Correction, PublicationRef
from colonnade.store.schema import (
    article_authors,
    articles,
    columnist_aliases,
    columnist_apart,
    columnist_corrections,
    columnist_names,
    columnists,
    publications,
)

NameKey = tuple[str, int]
"""A position in a by-name list: (name, id)."""

_EPOCH = datetime.min.replace(tzinfo=UTC)


def remove_orphans(conn: Connection, columnist_ids: Iterable[int] | None = None) -> int:
    """Delete columnists left without any article (among `columnist_ids`, or all), except those
    a correction by hand keeps apart from another: that correction must outlive a re-crawl."""
    statement = sa.delete(columnists).where(
        ~sa.exists().where(article_authors.c.columnist_id == columnists.c.id),
        ~sa.exists().where(
            sa.or_(
                columnist_apart.c.columnist_id == columnists.c.id,
                columnist_apart.c.other_id == columnists.c.id,
            )
        ),
    )
    if columnist_ids is not None:
        statement = statement.where(columnists.c.id.in_(list(columnist_ids)))
    return conn.execute(statement).rowcount


def _affiliations(conn: Connection, ids: list[int]) -> dict[int, list[Affiliation]]:
    """Each columnist's publications, with their first and latest column there, newest first."""
    result: dict[int, list[Affiliation]] = defaultdict(list)
    if not ids:
        return result
    when = sa.func.coalesce(articles.c.published, articles.c.first_seen_at)
    query = (
        sa.select(
            article_authors.c.columnist_id,
            publications.c.id,
            publications.c.slug,
            publications.c.name,
            publications.c.country,
            sa.func.min(when).label("first"),
            sa.func.max(when).label("last"),
            sa.func.count().label("article_count"),
        )
        .select_from(article_authors.join(articles).join(publications))
        .where(article_authors.c.columnist_id.in_(ids))
        .group_by(
            article_authors.c.columnist_id,
            publications.c.id,
            publications.c.slug,
            publications.c.name,
            publications.c.country,
        )
    )
    for row in conn.execute(query):
        ref = PublicationRef(row.id, row.slug, row.name, row.country)
        result[row.columnist_id].append(Affiliation(ref, row.first, row.last, row.article_count))
    for found in result.values():
        found.sort(key=lambda a: (a.publication.name, a.publication.id))
        found.sort(key=lambda a: a.last or _EPOCH, reverse=True)
    return result


def _name_facts(conn: Connection, ids: list[int]) -> tuple[dict[int, set[str]], set[int]]:
    """The names each columnist goes by, and which of them a bare name match joins somewhere."""
    names: dict[int, set[str]] = defaultdict(set)
    unverified: set[int] = set()
    if not ids:
        return names, unverified
    rows = conn.execute(
        sa.select(
            columnist_names.c.columnist_id, columnist_names.c.name, columnist_names.c.evidence
        ).where(columnist_names.c.columnist_id.in_(ids))
    )
    for row in rows:
        names[row.columnist_id].add(row.name)
        if row.evidence == "name":
            unverified.add(row.columnist_id)
    return names, unverified


def _complete(conn: Connection, rows: Sequence[Any]) -> list[Columnist]:
    """Columnist records for rows of (id, slug, name, kind), in the rows' order."""
    ids = [row.id for row in rows]
    where = _affiliations(conn, ids)
    names, unverified = _name_facts(conn, ids)
    found = []
    for row in rows:
        affiliations = tuple(where.get(row.id, ()))
        found.append(
            Columnist(
                id=row.id,
                slug=row.slug,
                name=row.name,
                article_count=sum(a.article_count for a in affiliations),
                publications=tuple(
                    sorted((a.publication for a in affiliations), key=lambda p: (p.name, p.id))
                ),
                kind=row.kind,
                verified=row.id not in unverified,
                names=tuple(sorted(names.get(row.id, set()) - {row.name})),
                affiliations=affiliations,
            )
        )
    return found


_COLUMNS = (columnists.c.id, columnists.c.slug, columnists.c.name, columnists.c.kind)


def _load(conn: Connection, condition: sa.ColumnElement[bool]) -> list[Columnist]:
    query = sa.select(*_COLUMNS).where(condition).order_by(columnists.c.name, columnists.c.id)
    return _complete(conn, conn.execute(query).all())


class Columnists:
    """The columnists, and the corrections made to them by hand."""

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

    def moved_to(self, slug: str) -> str | None:
        """The slug of the columnist an old slug (of a columnist merged into them) now names."""
        query = (
            sa.select(columnists.c.slug)
            .join(columnist_aliases, columnist_aliases.c.columnist_id == columnists.c.id)
            .where(columnist_aliases.c.slug == slug)
        )
        with self._db.read() as conn:
            return conn.execute(query).scalar_one_or_none()

    def page(
        self, *, after: NameKey | None = None, limit: int = 50
    ) -> tuple[list[Columnist], NameKey | None]:
        """Columnists by name after `after`, with their counts and publications, and the key
        of the next page (None on the last)."""
        size = max(1, limit)
        query = sa.select(*_COLUMNS)
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
            found = _complete(conn, rows)
        return found, ((rows[-1].name, rows[-1].id) if more and rows else None)

    def unverified(self, *, limit: int = 100) -> list[Columnist]:
        """Columnists a bare name match joins in some publication, for a person to check."""
        joined = sa.select(columnist_names.c.columnist_id).where(
            columnist_names.c.evidence == "name"
        )
        with self._db.read() as conn:
            query = (
                sa.select(*_COLUMNS)
                .where(columnists.c.id.in_(joined))
                .order_by(columnists.c.name, columnists.c.id)
                .limit(max(1, limit))
            )
            return _complete(conn, conn.execute(query).all())

    def corrections(self, *, limit: int = 100) -> list[Correction]:
        """The merges and splits made by hand, newest first."""
        query = (
            sa.select(columnist_corrections)
            .order_by(columnist_corrections.c.at.desc(), columnist_corrections.c.id.desc())
            .limit(max(1, limit))
        )
        with self._db.read() as conn:
            rows = conn.execute(query).all()
        return [
            Correction(row.kind, row.at, row.columnist_id, json.loads(row.detail)) for row in rows
        ]

    def merge(self, keep: str, other: str, *, now: datetime) -> Columnist:
        """Make the columnist at slug `other` part of the one at `keep`, for good."""
        with self._db.write() as conn:
            keep_id, other_id = _id_of(conn, keep), _id_of(conn, other)
            identity.merge_by_hand(conn, keep_id, other_id, now=now)
            return _load(conn, columnists.c.id == keep_id)[0]

    def split(self, slug: str, publication_slug: str, *, now: datetime) -> Columnist:
        """Give the columns of `slug` in one publication a columnist of their own, for good;
        returns the new columnist."""
        with self._db.write() as conn:
            columnist_id = _id_of(conn, slug)
            publication_id = conn.execute(
                sa.select(publications.c.id).where(publications.c.slug == publication_slug)
            ).scalar_one_or_none()
            if publication_id is None:
                raise BadRequest(f"no publication with slug {publication_slug!r}")
            new_id = identity.split_by_hand(conn, columnist_id, publication_id, now=now)
            return _load(conn, columnists.c.id == new_id)[0]


def _id_of(conn: Connection, slug: str) -> int:
    found = conn.execute(
        sa.select(columnists.c.id).where(columnists.c.slug == slug)
    ).scalar_one_or_none()
    if found is None:
        moved = conn.execute(
            sa.select(columnist_aliases.c.columnist_id).where(columnist_aliases.c.slug == slug)
        ).scalar_one_or_none()
        if moved is None:
            raise BadRequest(f"no columnist with slug {slug!r}")
        return int(moved)
    return int(found)
