from __future__ import annotations

import re
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from colonnade.sources.catalog import CatalogEntry, load_catalog

SECTIONS = {"opinion", "editorial", "columnists", "general"}


def _is_language(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def test_catalog_is_large_and_international() -> None:
    entries = load_catalog()
    assert len(entries) >= 100
    assert len({e.country for e in entries}) >= 40
    assert len({e.language for e in entries}) >= 20
    assert all(isinstance(e, CatalogEntry) for e in entries)


def test_every_row_has_valid_codes_urls_and_section() -> None:
    territories = get_global("territory_languages").keys()  # ISO 3166-1 alpha-2 known to CLDR
    for e in load_catalog():
        assert e.name and e.name == e.name.strip(), e
        assert re.fullmatch(r"[A-Z]{2}", e.country) and e.country in territories, e
        assert re.fullmatch(r"[a-z]{2}", e.language) and _is_language(e.language), e
        for url in (e.homepage, e.feed_url):
            parts = urlsplit(url)
            assert parts.scheme in ("http", "https") and parts.hostname and " " not in url, e
        assert e.section in SECTIONS, e


def test_feed_urls_are_unique() -> None:
    urls = [e.feed_url for e in load_catalog()]
    assert len(urls) == len(set(urls))


def test_filter_by_country_any_case() -> None:
    gb = load_catalog("gb")
    assert gb and all(e.country == "GB" for e in gb)
    assert {e.name for e in gb} >= {"The Guardian"}
    assert load_catalog(" GB ") == gb
    assert load_catalog("ZZ") == []
