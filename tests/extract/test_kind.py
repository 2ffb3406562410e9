"""Kind (opinion, editorial, analysis, letter, news) and section."""

from __future__ import annotations

import pytest

from colonnade.extract import extract


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://example.com/opinion/2026/01/09/cycle-lanes", "opinion"),
        ("https://www.theguardian.com/commentisfree/2026/jan/09/cycle-lanes", "opinion"),
        ("https://example.de/meinung/kommentar-radwege-1234.html", "opinion"),
        ("https://example.es/opinion/2026-01-09/carriles-bici.html", "opinion"),
        ("https://example.fr/idees/tribune/2026/01/09/pistes-cyclables", "opinion"),
        ("https://example.com/columnists/jane-doe/cycle-lanes", "opinion"),
        ("https://example.com/opinion/editorials/cycle-lanes", "editorial"),
        ("https://example.com/opinion/letters/cycle-lanes", "letter"),
        ("https://example.com/news/analysis/cycle-lanes", "analysis"),
    ],
)
def test_kind_from_url_segments(page, url: str, kind: str) -> None:
    assert extract(page(), url).kind == kind


def test_slug_words_do_not_decide_the_kind(page) -> None:
    # The last segment is the article's own slug: "opinion" there is the topic.
    assert extract(page(), "https://example.com/news/public-opinion-shifts").kind is None


def test_jsonld_types(page) -> None:
    opinion = {"@type": "OpinionNewsArticle", "headline": "x"}
    analysis = {"@type": ["NewsArticle", "AnalysisNewsArticle"], "headline": "x"}
    news = {"@type": "NewsArticle", "headline": "x"}
    url = "https://example.com/2026/01/09/cycle-lanes"
    assert extract(page(jsonld=opinion), url).kind == "opinion"
    assert extract(page(jsonld=analysis), url).kind == "analysis"
    assert extract(page(jsonld=news), url).kind == "news"


def test_editorial_board_byline_makes_an_editorial(page) -> None:
    jsonld = {
        "@type": "OpinionNewsArticle",
        "headline": "x",
        "author": {"@type": "Organization", "name": "The Editorial Board"},
    }
    article = extract(page(jsonld=jsonld), "https://example.com/opinion/cycle-lanes")
    assert article.authors == ["The Editorial Board"]
    assert article.kind == "editorial"


def test_section_from_jsonld_and_meta(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "articleSection": ["Meinung", "Politik"]}
    article = extract(page(jsonld=jsonld), "https://example.de/artikel/radwege")
    assert article.section == "Meinung"
    assert article.kind == "opinion"  # the section name says so, outvoting NewsArticle
    head = '<meta property="article:section" content="Letters to the Editor">'
    article = extract(page(head=head), "https://example.com/2026/01/09/cycle-lanes")
    assert article.section == "Letters to the Editor"
    assert article.kind == "letter"


def test_composite_section_names(page) -> None:
    head = '<meta property="article:section" content="Opinion | Columnists">'
    assert extract(page(head=head), "https://example.com/a/b").kind == "opinion"


def test_plain_page_has_no_kind_or_section(page) -> None:
    article = extract(page(), "https://example.com/2026/01/09/cycle-lanes")
    assert article.kind is None
    assert article.section is None


def test_newsroom_bylines_are_not_editorials(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "author": "Redaktion Stadtspiegel"}
    article = extract(page(jsonld=jsonld), "https://example.de/lokales/radwege")
    assert (article.authors, article.credits) == ([], ["Redaktion Stadtspiegel"])
    assert article.kind == "news"
