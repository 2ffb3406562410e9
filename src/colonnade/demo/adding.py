"""Adding the demo web's publications as sources, as a user would with `colonnade sources add`."""

from __future__ import annotations

from collections.abc import Iterable

from colonnade.config import Settings
from colonnade.demo.server import ServedPublication
from colonnade.fetch import Fetcher
from colonnade.sources.add import add_source
from colonnade.store import Storage


async def add_publications(
    storage: Storage, settings: Settings, publications: Iterable[ServedPublication]
) -> None:
    """Add each served publication by its homepage (feeds discovered), with its name, country
    and language."""
    async with Fetcher(settings) as fetcher:
        for pub in publications:
            await add_source(
                storage,
                fetcher,
                pub.homepage_url,
                name=pub.name,
                country=pub.country,
                language=pub.language,
            )
