"""Reading schema.org JSON-LD: graphs, lists, references and the choice of the main article."""

from __future__ import annotations

import json

import lxml.html

from colonnade.extract.jsonld import read_jsonld


def tree_with(*objects: object, raw: str = "") -> lxml.html.HtmlElement:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in objects
    )
    return lxml.html.document_fromstring(
        f"<html><head>{scripts}{raw}</head><body><p>x</p></body></html>"
    )


def test_graph_with_references() -> None:
    tree = tree_with(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "@id": "#site", "name": "The Daily Planet"},
                {"@type": "Organization", "@id": "#org", "name": "Planet Media Group"},
                {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
                {
                    "@type": "OpinionNewsArticle",
                    "headline": "Cycle lanes &amp; parking",
                    "author": {"@id": "#jane"},
                    "publisher": {"@id": "#org"},
                    "datePublished": "2026-01-09T08:00:00+01:00",
                    "articleSection": "Opinion",
                    "image": {"@type": "ImageObject", "url": "https://cdn.example/a.jpg"},
                    "inLanguage": "en-GB",
                },
            ],
        }
    )
    article = read_jsonld(tree)
    assert article.found
    assert article.types == ["opinionnewsarticle"]
    assert article.headline == "Cycle lanes & parking"
    assert [a.name for a in article.authors] == ["Jane Doe"]
    assert article.publisher == "Planet Media Group"
    assert article.published == "2026-01-09T08:00:00+01:00"
    assert article.sections == ["Opinion"]
    assert article.image == "https://cdn.example/a.jpg"
    assert article.language == "en-GB"


def test_the_article_matching_the_page_url_is_chosen() -> None:
    teaser = {"@type": "NewsArticle", "headline": "Other", "url": "https://ex.com/other"}
    main = {"@type": "NewsArticle", "headline": "Main", "url": "https://ex.com/main/"}
    tree = tree_with([teaser, main])
    assert read_jsonld(tree, "https://www.ex.com/main?utm=x").headline == "Main"


def test_main_entity_of_a_web_page() -> None:
    tree = tree_with(
        {
            "@type": "WebPage",
            "mainEntity": {"@type": "BlogPosting", "headline": "Post", "author": "Jane Doe"},
        }
    )
    article = read_jsonld(tree)
    assert article.headline == "Post"
    assert [a.name for a in article.authors] == ["Jane Doe"]


def test_organisation_authors_are_flagged() -> None:
    tree = tree_with(
        {"@type": "NewsArticle", "author": [{"@type": "Organization", "name": "Reuters"}]}
    )
    assert [(a.name, a.is_organization) for a in read_jsonld(tree).authors] == [("Reuters", True)]


def test_publication_from_a_website_object_when_the_article_names_none() -> None:
    tree = tree_with({"@type": "WebSite", "name": "The Daily Planet"}, {"@type": "NewsArticle"})
    assert read_jsonld(tree).publisher == "The Daily Planet"


def test_invalid_json_is_repaired_or_skipped() -> None:
    raw = (
        '<script type="application/ld+json">\n<!--\n{"@type": "NewsArticle", "headline": '
        '"Line\nbreak", "author": "Jane Doe",}\n-->\n</script>'
        '<script type="application/ld+json">{broken</script>'
    )
    article = read_jsonld(tree_with(raw=raw))
    assert article.headline == "Line break"
    assert [a.name for a in article.authors] == ["Jane Doe"]


def test_no_article_object() -> None:
    article = read_jsonld(tree_with({"@type": "BreadcrumbList", "itemListElement": []}))
    assert not article.found
    assert article.headline is None
    assert article.accessible_for_free is None


def test_markup_inside_an_author_name_is_read_as_its_text() -> None:
    tree = tree_with(
        {
            "@type": "NewsArticle",
            "headline": "x",
            "author": [
                {"@type": "Person", "name": '<a href="/author/jane-doe">Jane Doe</a>'},
                {"@type": "Person", "name": "<b>John</b>&nbsp;<i>Roe</i>"},
                "<span class='byline'>Ann Other</span>",
                {"@type": "Person", "name": "<br/>"},
            ],
        }
    )
    article = read_jsonld(tree)
    assert [a.name for a in article.authors] == ["Jane Doe", "John Roe", "Ann Other"]
