"""The starter catalog: real opinion-section feeds, so a new installation has something to crawl.

The rows in catalog.csv are facts (a publication's name, country, language and feed address)
gathered from public sources; none was checked live when the file was written, so a feed may have
moved. Users add or replace sources with `colonnade sources add`; see docs/sources.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

CATALOG_FILE = "catalog.csv"


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    name: str
    country: str  # ISO 3166-1 alpha-2, upper case
    language: str  # ISO 639-1
    homepage: str
    feed_url: str
    section: str  # opinion, editorial, columnists, or general when no opinion feed is known


def load_catalog(country: str | None = None) -> list[CatalogEntry]:
    """Every catalog entry in file order, or those of one country (code, any case)."""
    text = resources.files("colonnade.sources").joinpath(CATALOG_FILE).read_text("utf-8")
    wanted = country.strip().upper() if country else None
    entries = []
    for row in csv.DictReader(io.StringIO(text)):
        entry = CatalogEntry(**{k: (v or "").strip() for k, v in row.items()})
        if wanted is None or entry.country == wanted:
            entries.append(entry)
    return entries
