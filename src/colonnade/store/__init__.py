"""Storage: schema, migrations and the `Storage` API over SQLite or PostgreSQL.

    storage = open_storage("sqlite:///colonnade.db")   # or "postgresql://user@host/db"
    pub = storage.publications.add("The Daily", "https://daily.example")
    page = storage.articles.find(ArticleQuery(publication_id=pub.id, text="housing"))

All SQL of Colonnade lives in this package; callers get frozen records (store/records.py).
"""

from __future__ import annotations

import logging

from colonnade.store.columnists import NameKey
from colonnade.store.engine import check_connection, create_engine, parse_url
from colonnade.store.migrations import LATEST, check_current, migrate
from colonnade.store.query import ORDERS, ArticleQuery, Keyset, Order
from colonnade.store.records import (
    MARK_END,
    MARK_START,
    Affiliation,
    ArticlePage,
    AuthorRef,
    Columnist,
    ColumnistCount,
    CopyRef,
    Facet,
    Feed,
    FetchErrorRecord,
    MostRead,
    Neighbours,
    Publication,
    PublicationRef,
    QueueEntry,
    QueueItem,
    SaveResult,
    SearchHit,
    StoredArticle,
)
from colonnade.store.storage import Storage

log = logging.getLogger(__name__)

__all__ = [
    "LATEST",
    "MARK_END",
    "MARK_START",
    "ORDERS",
    "Affiliation",
    "ArticlePage",
    "ArticleQuery",
    "AuthorRef",
    "Columnist",
    "ColumnistCount",
    "CopyRef",
    "Facet",
    "Feed",
    "FetchErrorRecord",
    "Keyset",
    "MostRead",
    "NameKey",
    "Neighbours",
    "Order",
    "Publication",
    "PublicationRef",
    "QueueEntry",
    "QueueItem",
    "SaveResult",
    "SearchHit",
    "Storage",
    "StoredArticle",
    "open_storage",
]


def open_storage(url: str, *, migrate_schema: bool = True, cluster_copies: bool = True) -> Storage:
    """Connect, bring the schema up to date, and return the Storage.

    `sqlite:///path` (parent folders are created) or `postgresql://...` (psycopg 3). With
    `migrate_schema=False` an out-of-date database is refused instead of migrated. Raises
    `StorageError` with one readable line when the database cannot be reached or used.
    `cluster_copies=False` stores every article as a cluster of its own (no copy search).
    """
    engine = create_engine(parse_url(url))
    try:
        check_connection(engine)
        if migrate_schema:
            applied = migrate(engine)
            if applied:
                log.info("database schema migrated to version %d", applied[-1])
        else:
            check_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return Storage(engine, cluster_copies=cluster_copies)
