"""Profile URLs of the byline's authors (extract/profiles.py): what joins one person's columns
across publications. Only URLs given with the author's own name count."""

from __future__ import annotations

from collections.abc import Callable

from colonnade.extract import extract

URL = "https://www.dailyplanet.example/opinion/2026/01/09/cycle-lanes"
Page = Callable[..., str]


def _jsonld(author: object) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": "Council votes to expand cycle lanes",
        "datePublished": "2026-01-09T08:00:00+01:00",
        "author": author,
    }


def test_json_ld_url_and_same_as_are_the_authors_profiles(page: Page) -> None:
    person = {
        "@type": "Person",
        "name": "Jane O'Connor",
        "url": "/authors/jane-oconnor",
        "sameAs": ["https://twitter.com/janeoc", "https://www.wikidata.org/wiki/Q42", 7],
    }
    article = extract(page(jsonld=_jsonld(person)), URL)
    assert article.authors == ["Jane O'Connor"]
    assert article.profiles == {
        "Jane O'Connor": [
            "https://www.dailyplanet.example/authors/jane-oconnor",
            "https://twitter.com/janeoc",
            "https://www.wikidata.org/wiki/Q42",
        ]
    }


def test_each_co_author_keeps_their_own_profiles(page: Page) -> None:
    people = [
        {"@type": "Person", "name": "Jane Doe", "sameAs": "https://twitter.com/janedoe"},
        {"@type": "Person", "name": "John Roe", "url": "https://johnroe.example/about"},
    ]
    article = extract(page(jsonld=_jsonld(people)), URL)
    assert article.profiles == {
        "Jane Doe": ["https://twitter.com/janedoe"],
        "John Roe": ["https://johnroe.example/about"],
    }


def test_a_byline_link_to_an_author_page_is_a_profile(page: Page) -> None:
    before = (
        '<p class="byline">By <a rel="author" href="/author/maria-garcia/">María García</a></p>'
    )
    article = extract(page(before=before), URL)
    assert article.authors == ["María García"]
    assert article.profiles == {
        "María García": ["https://www.dailyplanet.example/author/maria-garcia/"]
    }


def test_links_that_are_not_a_profile_of_this_author_are_left_out(page: Page) -> None:
    person = {
        "@type": "Person",
        "name": "Jane Doe",
        "url": URL,  # the article itself
        "sameAs": [
            "https://www.dailyplanet.example/",  # a front page
            "https://twitter.com/intent/follow?screen_name=janedoe",  # a follow button
            "mailto:jane@dailyplanet.example",
        ],
    }
    teaser = (
        '<aside class="related"><h2>More opinion</h2><ul><li><a href="/opinion/other">'
        'Another column</a> by <a href="/author/john-roe">John Roe</a></li></ul></aside>'
    )
    article = extract(page(jsonld=_jsonld(person), after=teaser), URL)
    assert article.authors == ["Jane Doe"]
    assert article.profiles == {}


def test_a_page_without_bylines_has_no_profiles(page: Page) -> None:
    assert extract(page(), URL).profiles == {}
