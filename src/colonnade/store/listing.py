"""Running an `ArticleQuery`: one page of articles, newest first or by relevance, and the
archive and language facets of the collection.

Ids and sort keys come first, from the indexes alone; full rows (and authors) are loaded for
one page only. Relevance scores every match (there is no cap, so a strong older match is
found) and pages by (score, id). Newest first with words: with few matches the matches are
sorted; with many, SQLite walks the newest-first index and checks each article against the
matches, which stops as soon as a page is full.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store import article_rows, fulltext
from colonnade.store.fulltext import Terms
from colonnade.store.query import (
    ArticleQuery,
    Keyset,
    conditions,
    newer_than,
    newest,
    older_than,
    originals_only,
    when,
)
from colonnade.store.records import ArticlePage, Facet, SearchHit, StoredArticle
from colonnade.store.schema import articles, publications
from colonnade.store.snippets import marked_snippet

SORT_BELOW = 2000  # matches: sort them; above, walk the newest-first index instead


def find(conn: Connection, query: ArticleQuery) -> ArticlePage:
    found = fulltext.terms(query.words) if query.words else None
    if found is not None and not found:
        return ArticlePage(())  # words were given, but none a search can use
    size = query.size
    if query.ranked and found is not None:
        rows = _by_relevance(conn, found, query, size + 1)
    else:
        rows = _by_newest(conn, found, conditions(query), query, size + 1)
    more = len(rows) > size
    rows = rows[:size]
    backwards = query.after is not None
    if backwards:
        rows.reverse()
    if not rows:
        # Past either end: offer the way back to where the reader came from.
        return ArticlePage((), next=query.after, previous=query.before)
    loaded = {a.id: a for a in article_rows.by_ids(conn, [row.id for row in rows])}
    hits = tuple(
        SearchHit(article, float(row.key) if query.ranked else 0.0, _snippet(article, found))
        for row in rows
        if (article := loaded.get(row.id)) is not None
    )
    first, last = (rows[0].key, rows[0].id), (rows[-1].key, rows[-1].id)
    if backwards:
        return ArticlePage(hits, next=last, previous=first if more else None)
    return ArticlePage(hits, next=last if more else None, previous=first if query.before else None)


def _by_relevance(conn: Connection, found: Terms, query: ArticleQuery, limit: int) -> list[Any]:
    filters = conditions(query, originals=False)
    originals = originals_only(query)
    matches = fulltext.scored(conn.dialect.name, found, filters, originals=originals)
    score, ident = matches.c.score, matches.c.id
    select = sa.select(ident.label("id"), score.label("key"))
    if query.after is not None:
        value, after_id = _score(query.after)
        select = select.where(sa.or_(score > value, sa.and_(score == value, ident < after_id)))
        select = select.order_by(score.asc(), ident.desc())
    else:
        if query.before is not None:
            value, before_id = _score(query.before)
            select = select.where(sa.or_(score < value, sa.and_(score == value, ident > before_id)))
        select = select.order_by(score.desc(), ident.asc())
    return list(conn.execute(select.limit(limit)).all())


def _score(key: Keyset) -> tuple[Any, int]:
    return sa.literal(float(key[0]), sa.Double()), int(key[1])


def _by_newest(
    conn: Connection,
    found: Terms | None,
    filters: list[sa.ColumnElement[bool]],
    query: ArticleQuery,
    limit: int,
) -> list[Any]:
    where = list(filters)
    if found is not None:
        text = _text_condition(conn, found)
        if text is None:
            return []
        where.append(text)
    select = sa.select(articles.c.id, newest.label("key")).where(*where)
    if query.after is not None:
        select = select.where(newer_than(query.after)).order_by(newest.asc(), articles.c.id.asc())
    else:
        if query.before is not None:
            select = select.where(older_than(query.before))
        select = select.order_by(newest.desc(), articles.c.id.desc())
    return list(conn.execute(select.limit(limit)).all())


def _text_condition(conn: Connection, found: Terms) -> sa.ColumnElement[bool] | None:
    """Articles matching the words, written so that each database walks the better path."""
    matching = fulltext.matching_ids(conn.dialect.name, found)
    if conn.dialect.name != "sqlite":
        return articles.c.id.in_(matching)
    count = conn.execute(sa.select(sa.func.count()).select_from(matching.subquery())).scalar_one()
    if count == 0:
        return None
    if count <= SORT_BELOW:
        return articles.c.id.in_(matching)
    # '+' stops SQLite from fetching each match by id and sorting them all; instead it walks
    # the newest-first index and stops after `limit` articles that are among the matches.
    return sa.literal_column("+articles.id").in_(matching)


def _snippet(article: StoredArticle, found: Terms | None) -> str:
    """The matched words in their text; for a match in the title or byline only, the start."""
    if found is None:
        return ""
    return (
        marked_snippet(article.text, found.words)
        or article.excerpt
        or article.description
        or article.title
        or ""
    )


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
    select = sa.select(period, sa.func.count().label("n")).group_by(period).order_by(period.desc())
    if since is not None and until is not None:
        select = select.where(newest >= when(since), newest < when(until))
    return [Facet(row.period, int(row.n)) for row in conn.execute(select)]


def _period(conn: Connection, width: int) -> sa.ColumnElement[str]:
    if conn.dialect.name == "sqlite":
        # UTCDateTime stores SQLite values as 'YYYY-MM-DD HH:MM:SS.ffffff', in UTC.
        return sa.func.substr(sa.type_coerce(newest, sa.Text), 1, width)
    pattern = "YYYY-MM" if width == 7 else "YYYY-MM-DD"
    return sa.func.to_char(sa.func.timezone("UTC", newest), pattern)


def newest_ids(conn: Connection, query: ArticleQuery) -> list[int]:
    """Just the ids of the first page of a newest-first list (no rows loaded)."""
    select = (
        sa.select(articles.c.id)
        .where(*conditions(query))
        .order_by(newest.desc(), articles.c.id.desc())
        .limit(query.size)
    )
    return list(conn.execute(select).scalars())


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
