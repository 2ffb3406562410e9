"""Counts for `colonnade status`, the admin page and tests."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.schema import (
    articles,
    columnists,
    crawl_queue,
    feeds,
    fetch_errors,
    publications,
)


def counts(conn: Connection) -> dict[str, int]:
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
    row = conn.execute(query).one()
    return {key: int(value) for key, value in row._mapping.items()}
