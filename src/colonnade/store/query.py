"""`ArticleQuery`: the one description of an article list, shared by the CLI, site, API and feeds.

Filters, an optional full-text condition, an order and a keyset position. A new filter is added
here once (a field and its condition below) and every front end has it. `Storage.articles.find`
runs it (store/listing.py).

Every list is ordered by `newest` (publication date, else first-seen time) and then id, or by
relevance and then id, and is paged by keyset, never by OFFSET: page 500 costs what page 1
costs. The `newest` expression is written exactly as migration 3 indexed it: SQLite and
PostgreSQL both match an expression index only on the same expression.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa

from colonnade.store.schema import article_authors, articles, publications
from colonnade.store.types import UTCDateTime

Order = Literal["newest", "relevance"]
ORDERS: tuple[Order, ...] = ("newest", "relevance")
MAX_PAGE = 200

FILTERS = (
    "publication_id", "columnist_id", "country", "language", "kind", "since", "until", "copies",
)  # fmt: skip
"""The fields of an ArticleQuery that narrow the list (the rest say how it is shown)."""

Keyset = tuple[Any, int]
"""A position in a list: (newest, id) when newest first, (score, id) by relevance."""

newest: sa.ColumnElement[datetime] = sa.func.coalesce(
    articles.c.published, articles.c.first_seen_at, type_=UTCDateTime
)


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles, in which order, from where. None means any; dates bound `newest`.

    `order="relevance"` needs `text`; without words it lists newest first. Pass a page's
    `next` as `before=` for the following page and its `previous` as `after=` to go back."""

    publication_id: int | None = None
    columnist_id: int | None = None
    country: str | None = None  # of the publication
    language: str | None = None
    kind: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    text: str | None = None  # words to search for; blank means no text condition
    order: Order = "newest"
    before: Keyset | None = None
    after: Keyset | None = None
    limit: int = 20
    exclude: int | None = None  # one article left out (the one being read)
    copies: bool = False  # every copy of a syndicated column, not only its original

    @property
    def size(self) -> int:
        return min(max(1, self.limit), MAX_PAGE)

    @property
    def words(self) -> str:
        return (self.text or "").strip()

    @property
    def ranked(self) -> bool:
        """Whether the list is by relevance (an order asked for, with words to rank by)."""
        return self.order == "relevance" and bool(self.words)

    @property
    def filtered(self) -> bool:
        """Whether any filter (not the words, not the position) narrows the list."""
        return self.filters() != ArticleQuery()

    def filters(self) -> ArticleQuery:
        """The same filters with no words, order, position or size: a key for caches."""
        return ArticleQuery(**{name: getattr(self, name) for name in FILTERS})

    def with_(self, **changes: Any) -> ArticleQuery:
        return replace(self, **changes)


def originals_only(query: ArticleQuery) -> bool:
    """Whether the list shows each column once, as its original: every list but a
    publication's own (which shows its copies) and one asking for `copies`."""
    return query.publication_id is None and not query.copies


def conditions(query: ArticleQuery, *, originals: bool = True) -> list[sa.ColumnElement[bool]]:
    """The filters as conditions on `articles` (usable in any query that selects from it).
    `originals=False` leaves out the originals-only condition, for a caller that applies
    `originals_only(query)` its own way."""
    found: list[sa.ColumnElement[bool]] = []
    if query.publication_id is not None:
        found.append(articles.c.publication_id == query.publication_id)
    elif originals and originals_only(query):
        found.append(articles.c.original)
    if query.columnist_id is not None:
        found.append(
            articles.c.id.in_(
                sa.select(article_authors.c.article_id).where(
                    article_authors.c.columnist_id == query.columnist_id
                )
            )
        )
    if query.country is not None:
        found.append(
            articles.c.publication_id.in_(
                sa.select(publications.c.id).where(publications.c.country == query.country)
            )
        )
    if query.language is not None:
        found.append(articles.c.language == query.language)
    if query.kind is not None:
        found.append(articles.c.kind == query.kind)
    if query.since is not None:
        found.append(newest >= when(query.since))
    if query.until is not None:
        found.append(newest < when(query.until))
    if query.exclude is not None:
        found.append(articles.c.id != query.exclude)
    return found


def older_than(key: Keyset) -> sa.ColumnElement[bool]:
    return sa.tuple_(newest, articles.c.id) < sa.tuple_(when(key[0]), sa.literal(key[1]))


def newer_than(key: Keyset) -> sa.ColumnElement[bool]:
    return sa.tuple_(newest, articles.c.id) > sa.tuple_(when(key[0]), sa.literal(key[1]))


def when(value: datetime) -> Any:
    return sa.literal(value, UTCDateTime())
