"""Migration 6: columnists as people across publications.

A columnist gains a kind (person or organisation) and the records identity is decided by:
`columnist_names` (each name a columnist goes by in each publication, with the evidence that
joined it: first, name, profile, manual), `columnist_profiles` (author pages and `sameAs` URLs,
by comparison key), `columnist_aliases` (the slugs of columnists merged into another, so their
old addresses still lead somewhere), `columnist_apart` (pairs split by hand, never joined again)
and `columnist_corrections` (the merges and splits made by hand, for the admin API).

Articles keep the profile URLs their page gave for each author (`articles.profiles`, JSON).
Existing columnists keep their ids and slugs; each gets a name row per publication it wrote in,
the first publication as `first`, the others as `name` (joined by name only: unverified).

Frozen on purpose, like every step: later changes are new steps.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.enrich.identity import name_key
from colonnade.store.types import BigID, UTCDateTime

DESCRIPTION = "columnist identity: names per publication, profiles, aliases, corrections"


def _fk(target: str, ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


def apply(conn: Connection) -> None:
    conn.exec_driver_sql(
        "ALTER TABLE columnists ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'person'"
    )
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN profiles TEXT")
    meta = sa.MetaData()
    sa.Table("columnists", meta, sa.Column("id", BigID, primary_key=True))
    sa.Table("publications", meta, sa.Column("id", BigID, primary_key=True))
    names = sa.Table(
        "columnist_names",
        meta,
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("publication_id", BigID, _fk("publications.id"), primary_key=True),
        sa.Column("columnist_id", BigID, _fk("columnists.id"), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("evidence", sa.String(16), nullable=False),
        sa.Column("first_seen_at", UTCDateTime, nullable=False),
        sa.Index("columnist_names_columnist", "columnist_id"),
    )
    sa.Table(
        "columnist_profiles",
        meta,
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("columnist_id", BigID, _fk("columnists.id"), nullable=False),
        sa.Column("publication_id", BigID, _fk("publications.id", "SET NULL")),
        sa.Index("columnist_profiles_columnist", "columnist_id"),
    )
    sa.Table(
        "columnist_aliases",
        meta,
        sa.Column("slug", sa.Text, primary_key=True),
        sa.Column("columnist_id", BigID, _fk("columnists.id"), nullable=False),
    )
    sa.Table(
        "columnist_apart",
        meta,
        sa.Column("columnist_id", BigID, _fk("columnists.id"), primary_key=True),
        sa.Column("other_id", BigID, _fk("columnists.id"), primary_key=True),
    )
    sa.Table(
        "columnist_corrections",
        meta,
        sa.Column("id", BigID, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("columnist_id", BigID, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
    )
    meta.create_all(conn, tables=[t for t in meta.sorted_tables if t.name.startswith("columnist_")])
    _fill_names(conn, names)


def _fill_names(conn: Connection, names: sa.Table) -> None:
    meta = sa.MetaData()
    columnists = sa.Table("columnists", meta, sa.Column("id", BigID), sa.Column("name", sa.Text))
    links = sa.Table(
        "article_authors", meta, sa.Column("article_id", BigID), sa.Column("columnist_id", BigID)
    )
    articles = sa.Table(
        "articles",
        meta,
        sa.Column("id", BigID),
        sa.Column("publication_id", BigID),
        sa.Column("first_seen_at", UTCDateTime),
    )
    first_seen = sa.func.min(articles.c.first_seen_at, type_=UTCDateTime)
    rows = conn.execute(
        sa.select(columnists.c.id, columnists.c.name, articles.c.publication_id, first_seen)
        .select_from(
            columnists.join(links, links.c.columnist_id == columnists.c.id).join(
                articles, articles.c.id == links.c.article_id
            )
        )
        .group_by(columnists.c.id, columnists.c.name, articles.c.publication_id)
        .order_by(columnists.c.id, sa.func.min(articles.c.id))
    ).all()
    seen: set[int] = set()
    values = []
    for columnist_id, name, publication_id, first in rows:
        values.append(
            {
                "key": name_key(name) or name,
                "publication_id": publication_id,
                "columnist_id": columnist_id,
                "name": name,
                "evidence": "name" if columnist_id in seen else "first",
                "first_seen_at": first,
            }
        )
        seen.add(columnist_id)
    if values:
        conn.execute(sa.insert(names), values)
