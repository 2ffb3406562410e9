"""The current schema, as SQLAlchemy Core tables the queries are written against.

This file describes the schema the migrations produce; it never creates anything itself.
Changing it means adding a migration step (see migrations/), and tests/store/test_migrations.py
fails when the two drift apart. Dialect-only pieces (the FTS5 table on SQLite, the tsvector
column on PostgreSQL) are not listed here: only store/search.py refers to them.
"""

from __future__ import annotations

import sqlalchemy as sa

from colonnade.store.types import BigID, UTCDateTime

metadata = sa.MetaData()


def _fk(target: str, ondelete: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)

publications = sa.Table(
    "publications",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("slug", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("homepage", sa.Text, nullable=False, unique=True),
    sa.Column("country", sa.String(2)),
    sa.Column("language", sa.String(3)),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("publication_id", BigID, _fk("publications.id", "CASCADE"), nullable=False),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_checked_at", UTCDateTime),
    sa.Column("next_check_at", UTCDateTime),
    sa.Column("interval_s", sa.Integer),
    sa.Column("last_new_at", UTCDateTime),
    sa.Column("error_count", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", UTCDateTime),
)

fetch_errors = sa.Table(
    "fetch_errors",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("publication_id", BigID, _fk("publications.id", "CASCADE"), nullable=False),
    sa.Column("feed_id", BigID, _fk("feeds.id", "SET NULL")),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)

crawl_queue = sa.Table(
    "crawl_queue",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("publication_id", BigID, _fk("publications.id", "CASCADE"), nullable=False),
    sa.Column("feed_id", BigID, _fk("feeds.id", "SET NULL")),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("discovered_at", UTCDateTime, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("hint_published", UTCDateTime),
    sa.Column("hint_updated", UTCDateTime),
    sa.Column("lease_owner", sa.String(100)),  # the crawl that claimed the entry
    sa.Column("lease_until", UTCDateTime),  # until when; a later crawl may take it over
    sa.Index("crawl_queue_lease", "state", "publication_id", "lease_until"),  # migration 10
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("publication_id", BigID, _fk("publications.id", "CASCADE"), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text, nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("byline", sa.Text),  # author names joined, kept for full-text search
    sa.Column("published", UTCDateTime),
    sa.Column("updated", UTCDateTime),
    sa.Column("language", sa.String(3)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text),
    sa.Column("word_count", sa.Integer, nullable=False),
    sa.Column("paywalled", sa.Boolean, nullable=False),
    sa.Column("truncated", sa.Boolean, nullable=False),
    sa.Column("section", sa.Text),
    sa.Column("kind", sa.Text),
    sa.Column("image", sa.Text),
    sa.Column("description", sa.Text),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("fetched_at", UTCDateTime, nullable=False),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("changed_at", UTCDateTime, nullable=False),
    sa.Column("credits", sa.Text),  # JSON array: wire services, desks (migration 5)
    sa.Column("published_offset", sa.Integer),  # minutes east of UTC the page wrote
    sa.Column("updated_offset", sa.Integer),
    sa.Column("profiles", sa.Text),  # JSON object: author name -> profile URLs (migration 6)
    # Syndicated copies (migration 7): the first article of its cluster; the one lists show.
    sa.Column("cluster_id", BigID),
    sa.Column("original", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Index("articles_cluster_original", "cluster_id", "original"),  # migration 8
)

copy_keys = sa.Table(  # keys that find an article's copies (enrich/syndication.py)
    "copy_keys",
    metadata,
    sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False),  # looked up
    sa.Column("band", sa.SmallInteger, primary_key=True),
    sa.Column(
        "article_id", BigID, _fk("articles.id", "CASCADE"), primary_key=True, autoincrement=False
    ),
)

columnists = sa.Table(
    "columnists",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("slug", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False, server_default="person"),  # organisation
)

# Identity (migration 6): each name a columnist goes by in each publication, and the evidence
# that joined it there: first (the columnist was created here), name (a bare name match:
# unverified), profile (a shared profile URL), copy (a syndicated copy under a compatible
# byline), manual (a merge or split by hand).
columnist_names = sa.Table(
    "columnist_names",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),  # enrich.identity.name_key
    sa.Column("publication_id", BigID, _fk("publications.id", "CASCADE"), primary_key=True),
    sa.Column("columnist_id", BigID, _fk("columnists.id", "CASCADE"), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("evidence", sa.String(16), nullable=False),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
)

columnist_profiles = sa.Table(
    "columnist_profiles",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),  # links.profile_key
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("columnist_id", BigID, _fk("columnists.id", "CASCADE"), nullable=False),
    sa.Column("publication_id", BigID, _fk("publications.id", "SET NULL")),  # where first seen
)

columnist_aliases = sa.Table(  # slugs of columnists merged into another
    "columnist_aliases",
    metadata,
    sa.Column("slug", sa.Text, primary_key=True),
    sa.Column("columnist_id", BigID, _fk("columnists.id", "CASCADE"), nullable=False),
)

columnist_apart = sa.Table(  # split by hand: never joined again
    "columnist_apart",
    metadata,
    sa.Column("columnist_id", BigID, _fk("columnists.id", "CASCADE"), primary_key=True),
    sa.Column("other_id", BigID, _fk("columnists.id", "CASCADE"), primary_key=True),
)

columnist_corrections = sa.Table(  # merges and splits by hand, as the admin API shows them
    "columnist_corrections",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("columnist_id", BigID, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),  # JSON object
    sa.Column("at", UTCDateTime, nullable=False),
)

article_authors = sa.Table(
    "article_authors",
    metadata,
    sa.Column("article_id", BigID, _fk("articles.id", "CASCADE"), primary_key=True),
    sa.Column("columnist_id", BigID, _fk("columnists.id", "CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
)

article_views = sa.Table(
    "article_views",
    metadata,
    sa.Column("article_id", BigID, _fk("articles.id", "CASCADE"), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),  # UTC
    sa.Column("count", sa.Integer, nullable=False),
)

# One view per visitor, article and day (migration 9): a random salt per UTC day, and the
# keyed hashes of (salt, address, user agent, article) seen that day. Only today's are kept.
view_salts = sa.Table(
    "view_salts",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),  # UTC
    sa.Column("salt", sa.String(64), nullable=False),  # hex
)

view_visitors = sa.Table(
    "view_visitors",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),  # UTC
    sa.Column("visitor", sa.BigInteger, primary_key=True, autoincrement=False),
)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", BigID, primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("params", sa.Text, nullable=False),  # JSON object, keys sorted
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("started_at", UTCDateTime),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("lease_expires_at", UTCDateTime),  # while running: the claim ends here
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("worker", sa.Text),
    sa.Column("result", sa.Text),  # JSON object, once done
    sa.Column("error", sa.Text),  # one line, once failed
)
