"""Atom feeds for every list page, read back with feedparser as a feed reader would."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import feedparser

from colonnade.store import ArticleQuery

from .conftest import Site
from .corpus import HOSTILE_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(site: Site, path: str, status: int = 200) -> Any:
    response = site.client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    if status != 200:
        return None
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    ET.fromstring(response.content)  # well-formed XML, or this raises
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def titles(parsed: Any) -> list[str]:
    return [entry.title for entry in parsed.entries]


def test_front_page_feed_has_the_newest_columns_with_links_and_attribution(site: Site) -> None:
    parsed = feed(site, "/feed.atom")
    newest = site.storage.articles.find(ArticleQuery(limit=5)).articles
    assert titles(parsed) == [a.title for a in newest]
    self_link = next(link for link in parsed.feed.links if link.rel == "self")
    assert self_link.href == f"{site.base}/feed.atom"
    entry = parsed.entries[0]
    alternate = next(link for link in entry.links if link.rel == "alternate")
    related = next(link for link in entry.links if link.rel == "related")
    assert alternate.href.startswith(f"{site.base}/articles/{newest[0].id}-")
    assert related.href == newest[0].canonical_url
    assert entry.rights == f"© {newest[0].publication}"
    assert f"Continue reading at {newest[0].publication}" in entry.content[0].value


def test_columnist_feed(site: Site) -> None:
    parsed = feed(site, "/columnists/john-roe/feed.atom")
    assert parsed.feed.title.startswith("John Roe")
    assert titles(parsed) == [f"Column {n} on transport" for n in (11, 9, 7, 5, 3)]
    assert all(e.author == "John Roe" for e in parsed.entries)


def test_publication_edition_and_language_feeds(site: Site) -> None:
    assert titles(feed(site, "/publications/le-quotidien/feed.atom")) == [
        "Le budget du port, encore"
    ]
    assert titles(feed(site, "/editions/DE/feed.atom")) == ["Der Haushalt des Hafens"]
    assert titles(feed(site, "/languages/fr/feed.atom")) == ["Le budget du port, encore"]
    assert titles(feed(site, "/feed.atom?country=FR")) == ["Le budget du port, encore"]


def test_search_feed_follows_words_and_filters_newest_first(site: Site) -> None:
    parsed = feed(site, "/search/feed.atom?q=transport&columnist=jane-doe")
    assert titles(parsed) == [f"Column {n} on transport" for n in (10, 8, 6, 4, 2)]
    assert titles(feed(site, "/search/feed.atom?language=de")) == ["Der Haushalt des Hafens"]


def test_excerpts_in_feeds_stop_at_the_excerpt_length(site: Site) -> None:
    parsed = feed(site, "/search/feed.atom?q=argument")
    content = parsed.entries[0].content[0].value
    assert "First paragraph" in content and "SECRET-TAIL-WORDS" not in content
    assert "<script" not in content


def test_markup_in_titles_survives_as_text(site: Site) -> None:
    parsed = feed(site, "/feed.atom?language=en")
    hostile = [e for e in parsed.entries if "alert" in e.title]
    assert [e.title for e in hostile] == [HOSTILE_TITLE]


FEED_ERRORS = [
    ("/columnists/nobody/feed.atom", 404),
    ("/publications/nothing/feed.atom", 404),
    ("/editions/France/feed.atom", 404),
    ("/editions/JP/feed.atom", 404),
    ("/languages/xx/feed.atom", 404),
    ("/languages/ja/feed.atom", 404),
    ("/archive/2024/02/30/feed.atom", 404),
    ("/search/feed.atom?from=soon", 400),
]


def test_feed_errors(site: Site) -> None:
    for path, status in FEED_ERRORS:
        feed(site, path, status=status)


def test_every_list_page_advertises_its_feed(site: Site) -> None:
    for page, expected in [
        ("/", "/feed.atom"),
        ("/?country=FR", "/feed.atom?country=FR"),
        ("/columnists/jane-doe", "/columnists/jane-doe/feed.atom"),
        ("/publications/the-daily", "/publications/the-daily/feed.atom"),
        ("/editions/GB", "/editions/GB/feed.atom"),
        ("/languages/en", "/languages/en/feed.atom"),
        ("/search?q=budget&sort=newest", "/search/feed.atom?q=budget"),
    ]:
        html = site.client.get(page).text
        assert 'type="application/atom+xml" title=' in html, page
        assert f'href="{expected}"' in html.replace("&amp;", "&"), page
        feed(site, expected)
