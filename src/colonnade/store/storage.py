"""`Storage`: the one door to the database, one store per entity.

    storage.publications.add(...)     storage.articles.find(ArticleQuery(...))
    storage.feeds.due(now)            storage.queue.pending()

Each entity store lives in its own module beside this one and holds its SQL; every method is
one transaction (reads included, for a consistent view), synchronous and thread-safe (async
callers run them in a thread). Database failures surface as `StorageError` with one line.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from colonnade.store.articles import Articles
from colonnade.store.columnists import Columnists
from colonnade.store.engine import Database, display_url
from colonnade.store.feeds import Feeds
from colonnade.store.fetch_errors import FetchErrors
from colonnade.store.jobs import Jobs
from colonnade.store.migrations import current_version
from colonnade.store.publications import Publications
from colonnade.store.queue import Queue
from colonnade.store.schema import (
    articles,
    columnists,
    crawl_queue,
    feeds,
    fetch_errors,
    publications,
)
from colonnade.store.views import Views


class Storage:
    def __init__(self, engine: Engine, *, cluster_copies: bool = True) -> None:
        self.db = Database(engine)
        self.publications = Publications(self.db)
        self.feeds = Feeds(self.db)
        self.errors = FetchErrors(self.db)
        self.queue = Queue(self.db)
        self.articles = Articles(self.db, cluster_copies=cluster_copies)
        self.columnists = Columnists(self.db)
        self.views = Views(self.db)
        self.jobs = Jobs(self.db)

    @property
    def url(self) -> str:
        """The database URL, password masked: safe to print."""
        return display_url(self.db.engine.url)

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.db.dialect

    def schema_version(self) -> int:
        return current_version(self.db.engine)

    def stats(self) -> dict[str, int]:
        """publications, feeds, feeds_retired, articles, columnists, queue_pending,
        queue_failed, errors."""

        def count(table: sa.Table, *where: sa.ColumnElement[bool]) -> sa.ScalarSelect[int]:
            return sa.select(sa.func.count()).select_from(table).where(*where).scalar_subquery()

        query = sa.select(
            count(publications).label("publications"),
            count(feeds).label("feeds"),
            count(feeds, feeds.c.status == "retired").label("feeds_retired"),
            count(articles).label("articles"),
            count(columnists).label("columnists"),
            count(crawl_queue, crawl_queue.c.state == "pending").label("queue_pending"),
            count(crawl_queue, crawl_queue.c.state == "failed").label("queue_failed"),
            count(fetch_errors).label("errors"),
        )
        with self.db.read() as conn:
            row = conn.execute(query).one()
        return {key: int(value) for key, value in row._mapping.items()}

    def close(self) -> None:
        self.db.engine.dispose()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
