"""Adding the demo web's publications as sources, as a user would with `colonnade sources add`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from colonnade.config import Settings
from colonnade.demo.server import ServedPublication
from colonnade.errors import ColonnadeError
from colonnade.fetch import Fetcher
from colonnade.sources.add import add_source
from colonnade.store import Storage

Report = Callable[[str], None]


async def add_publications(
    storage: Storage,
    settings: Settings,
    publications: Iterable[ServedPublication],
    report: Report | None = None,
) -> None:
    """Add each served publication by its homepage (feeds discovered), with its name, country
    and language. With `report`, each outcome is a line to it and a publication that cannot be
    added is reported and passed over; without, its error is raised."""
    async with Fetcher(settings) as fetcher:
        for pub in publications:
            try:
                publication, feeds, _ = await add_source(
                    storage,
                    fetcher,
                    pub.homepage_url,
                    name=pub.name,
                    country=pub.country,
                    language=pub.language,
                )
            except ColonnadeError as exc:
                if report is None:
                    raise
                report(f"  could not add {pub.name}: {exc}")
                continue
            if report is not None:
                kinds = ", ".join(sorted({f.kind for f in feeds}))
                report(f"  {publication.name} ({pub.country}, {pub.language}): {kinds}")
