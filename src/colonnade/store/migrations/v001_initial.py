"""Migration 1: the initial tables.

Frozen on purpose: this is the schema as version 1 created it, not the current one
(store/schema.py). Later changes are new steps, never edits here, so an old database and a new
one end up identical.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.store.types import BigID, UTCDateTime

DESCRIPTION = "publications, feeds, fetch errors, crawl queue, articles, columnists"


def _id() -> sa.Column[int]:
    return sa.Column("id", BigID, primary_key=True)


def _ref(name: str, target: str, *, ondelete: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, BigID, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def _when(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, UTCDateTime, nullable=nullable)


def _tables(md: sa.MetaData) -> None:
    # AUTOINCREMENT on SQLite (sqlite_autoincrement) keeps ids of deleted rows from being
    # reused, so an old link to /articles/42 never lands on a different article.
    sa.Table(
        "publications",
        md,
        _id(),
        sa.Column("slug", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("homepage", sa.Text, nullable=False, unique=True),
        sa.Column("country", sa.String(2)),
        sa.Column("language", sa.String(3)),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "feeds",
        md,
        _id(),
        _ref("publication_id", "publications.id", ondelete="CASCADE"),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False, server_default="rss"),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        _when("last_checked_at"),
        _when("next_check_at"),
        sa.Column("interval_s", sa.Integer),
        _when("last_new_at"),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        _when("last_error_at"),
        sa.CheckConstraint("kind IN ('rss', 'sitemap', 'newsmap')", name="feeds_kind"),
        sa.CheckConstraint("status IN ('active', 'retired')", name="feeds_status"),
        sa.Index("feeds_publication", "publication_id"),
        sa.Index("feeds_due", "status", "next_check_at"),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "fetch_errors",
        md,
        _id(),
        _ref("publication_id", "publications.id", ondelete="CASCADE"),
        _ref("feed_id", "feeds.id", ondelete="SET NULL", nullable=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        _when("at", nullable=False),
        sa.Index("fetch_errors_publication", "publication_id", "at"),
        sa.Index("fetch_errors_feed", "feed_id"),
        sa.Index("fetch_errors_at", "at"),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "crawl_queue",
        md,
        _id(),
        _ref("publication_id", "publications.id", ondelete="CASCADE"),
        _ref("feed_id", "feeds.id", ondelete="SET NULL", nullable=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        _when("discovered_at", nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        _when("hint_published"),
        _when("hint_updated"),
        sa.CheckConstraint("state IN ('pending', 'done', 'failed')", name="crawl_queue_state"),
        sa.Index("crawl_queue_state", "state", "id"),
        sa.Index("crawl_queue_publication", "publication_id"),
        sa.Index("crawl_queue_feed", "feed_id"),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "articles",
        md,
        _id(),
        _ref("publication_id", "publications.id", ondelete="CASCADE"),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        _when("published"),
        _when("updated"),
        sa.Column("language", sa.String(3)),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("excerpt", sa.Text),
        sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("paywalled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("truncated", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("section", sa.Text),
        sa.Column("kind", sa.Text),
        sa.Column("image", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("content_hash", sa.String(64), nullable=False),
        _when("fetched_at", nullable=False),
        _when("first_seen_at", nullable=False),
        _when("changed_at", nullable=False),
        sa.Index("articles_url", "url"),
        sa.Index("articles_publication", "publication_id", "published"),
        sa.Index("articles_published", "published"),
        sa.Index("articles_language", "language"),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "columnists",
        md,
        _id(),
        sa.Column("slug", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "article_authors",
        md,
        sa.Column(
            "article_id", BigID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "columnist_id",
            BigID,
            sa.ForeignKey("columnists.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Index("article_authors_columnist", "columnist_id"),
    )


def apply(conn: Connection) -> None:
    md = sa.MetaData()
    _tables(md)
    md.create_all(conn)
