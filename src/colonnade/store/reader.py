"""Newest-first article lists for the reader: filters, keyset pages and the archive by date.

Every list is ordered by `newest` (publication date, else first-seen time) and then id, and is
paged by keyset (`(newest, id) < (last newest, last id)`), never by OFFSET: page 500 costs what
page 1 costs. The expression is written exactly as migration 3 indexed it; both SQLite and
PostgreSQL match an expression index only on the same expression.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_reads
from colonnade.store.records import ArticleFilter, ArticlePage, Facet, Keyset, StoredArticle
from colonnade.store.schema import article_authors, articles, publications
from colonnade.store.types import UTCDateTime

newest: sa.ColumnElement[datetime] = sa.func.coalesce(
    articles.c.published, articles.c.first_seen_at, type_=UTCDateTime
)
MAX_PAGE = 200


def conditions(where: ArticleFilter) -> list[sa.ColumnElement[bool]]:
    """The filter as conditions on `articles` (usable in any query that selects from it)."""
    found: list[sa.ColumnElement[bool]] = []
    if where.publication_id is not None:
        found.append(articles.c.publication_id == where.publication_id)
    if where.columnist_id is not None:
        found.append(
            articles.c.id.in_(
                sa.select(article_authors.c.article_id).where(
                    article_authors.c.columnist_id == where.columnist_id
                )
            )
        )
    if where.country is not None:
        found.append(
            articles.c.publication_id.in_(
                sa.select(publications.c.id).where(publications.c.country == where.country)
            )
        )
    if where.language is not None:
        found.append(articles.c.language == where.language)
    if where.kind is not None:
        found.append(articles.c.kind == where.kind)
    if where.since is not None:
        found.append(newest >= _when(where.since))
    if where.until is not None:
        found.append(newest < _when(where.until))
    return found


def keyset_before(key: Keyset) -> sa.ColumnElement[bool]:
    return sa.tuple_(newest, articles.c.id) < sa.tuple_(_when(key[0]), sa.literal(key[1]))


def keyset_after(key: Keyset) -> sa.ColumnElement[bool]:
    return sa.tuple_(newest, articles.c.id) > sa.tuple_(_when(key[0]), sa.literal(key[1]))


def page(
    conn: Connection,
    where: ArticleFilter,
    *,
    before: Keyset | None,
    after: Keyset | None,
    limit: int,
) -> ArticlePage:
    """Up to `limit` articles newest first: the first page, the one older than `before`, or
    the one newer than `after` (still returned newest first)."""
    size = min(max(1, limit), MAX_PAGE)
    # Ids first, from the index alone; the full rows (and authors) for one page only.
    query = sa.select(articles.c.id, newest.label("newest")).where(*conditions(where))
    if after is not None:
        query = query.where(keyset_after(after)).order_by(newest.asc(), articles.c.id.asc())
    else:
        if before is not None:
            query = query.where(keyset_before(before))
        query = query.order_by(newest.desc(), articles.c.id.desc())
    rows = list(conn.execute(query.limit(size + 1)))
    more = len(rows) > size
    rows = rows[:size]
    if after is not None:
        rows.reverse()
    found = tuple(article_reads.by_ids(conn, [row.id for row in rows]))
    if not rows:
        # Past either end: offer the way back to where the reader came from.
        return ArticlePage((), older=after, newer=before)
    first, last = (rows[0].newest, rows[0].id), (rows[-1].newest, rows[-1].id)
    if after is not None:
        return ArticlePage(found, older=last, newer=first if more else None)
    return ArticlePage(found, older=last if more else None, newer=first if before else None)


def recent_ids(conn: Connection, where: ArticleFilter, limit: int, exclude: int) -> list[int]:
    """Ids of the newest articles meeting `where`, leaving out one (the article being read)."""
    query = (
        sa.select(articles.c.id)
        .where(*conditions(where), articles.c.id != exclude)
        .order_by(newest.desc(), articles.c.id.desc())
        .limit(max(0, limit))
    )
    return list(conn.execute(query).scalars())


def recent(
    conn: Connection, where: ArticleFilter, limit: int, exclude: int = 0
) -> list[StoredArticle]:
    return article_reads.by_ids(conn, recent_ids(conn, where, limit, exclude))


def archive(conn: Connection, *, month: tuple[int, int] | None = None) -> list[Facet]:
    """Article counts per month ('YYYY-MM'), newest first; or per day ('YYYY-MM-DD') of one
    month. Dates are UTC."""
    if month is None:
        width, since, until = 7, None, None
    else:
        year, number = month
        width = 10
        since = datetime(year, number, 1, tzinfo=UTC)
        until = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    period = _period(conn, width).label("period")
    query = sa.select(period, sa.func.count().label("n")).group_by(period).order_by(period.desc())
    if since is not None and until is not None:
        query = query.where(newest >= _when(since), newest < _when(until))
    return [Facet(row.period, int(row.n)) for row in conn.execute(query)]


def _period(conn: Connection, width: int) -> sa.ColumnElement[str]:
    if conn.dialect.name == "sqlite":
        # UTCDateTime stores SQLite values as 'YYYY-MM-DD HH:MM:SS.ffffff', in UTC.
        return sa.func.substr(sa.type_coerce(newest, sa.Text), 1, width)
    pattern = "YYYY-MM" if width == 7 else "YYYY-MM-DD"
    return sa.func.to_char(sa.func.timezone("UTC", newest), pattern)


def _when(value: datetime) -> Any:
    return sa.literal(value, UTCDateTime())
