"""Add a publication from any URL of it: discover its feeds, then record both."""

from __future__ import annotations

from colonnade.fetch import Fetcher
from colonnade.sources.discover import Discovery, discover
from colonnade.store import Storage
from colonnade.store.records import Feed, Publication


def record_source(
    storage: Storage,
    found: Discovery,
    *,
    name: str | None = None,
    country: str | None = None,
    language: str | None = None,
) -> tuple[Publication, list[Feed]]:
    """Store a discovered publication with its feeds (idempotent: by homepage and feed URL)."""
    publication = storage.publications.add(
        name or found.name or found.homepage,
        found.homepage,
        country=country,
        language=language or found.language,
    )
    feeds = [
        storage.feeds.add(publication.id, feed.url, kind=feed.kind, title=feed.title)
        for feed in found.feeds
    ]
    return publication, feeds


async def add_source(
    storage: Storage,
    fetcher: Fetcher,
    url: str,
    *,
    name: str | None = None,
    country: str | None = None,
    language: str | None = None,
) -> tuple[Publication, list[Feed], Discovery]:
    """Discover the feeds behind `url` and store the publication with them."""
    found = await discover(url, fetcher)
    publication, feeds = record_source(
        storage, found, name=name, country=country, language=language
    )
    return publication, feeds, found
