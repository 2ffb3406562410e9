"""Bylines: splitting, cleaning, particles, roles, organisations and placeholders."""

from __future__ import annotations

import pytest

from colonnade.extract import extract
from colonnade.extract.authors import clean_authors

PUBLICATION = "The Daily Planet"
URL = "https://www.dailyplanet.com/opinion/2026/01/09/cycle-lanes"


def names(*bylines: str) -> list[str]:
    return clean_authors(bylines, PUBLICATION, URL)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("Written by Jane Doe", ["Jane Doe"]),
        ("By Jane Doe, John Roe and Max Mustermann", ["Jane Doe", "John Roe", "Max Mustermann"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"]),
        ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
        ("Por María García y José López", ["María García", "José López"]),
        ("By JANE DOE and JOHN ROE", ["JANE DOE", "JOHN ROE"]),
        ("Jane Doe, Reporter, and John Roe, Editor", ["Jane Doe", "John Roe"]),
    ],
)
def test_bylines_are_split_into_one_name_per_entry(byline: str, expected: list[str]) -> None:
    assert names(byline) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Ursula von der Leyen",
        "Ludwig van Beethoven",
        "Abdullah bin Zayed",
        "Ahmed al-Sharif",
        "Maria de la Cruz",
        "Jean-Luc Picard",
        "Seán O’Brien",
        "María José Martínez-Sánchez",
    ],
)
def test_names_with_particles_stay_whole(name: str) -> None:
    assert names(name) == [name]
    assert names(f"By {name}") == [name]


def test_german_von_prefix_is_not_confused_with_the_particle() -> None:
    assert names("Von Ursula von der Leyen") == ["Ursula von der Leyen"]


@pytest.mark.parametrize(
    "byline",
    [
        "Jane Doe, Senior Editor",
        "Jane Doe, Washington Correspondent",
        "Jane Doe | The Daily Planet",
        "Jane Doe (@janedoe)",
        "By Jane Doe @janedoe",
        "Jane Doe jane.doe@example.com",
        "Jane Doe Updated 9 January 2026, 10:00",
        "Jane Doe Published Jan 9, 2026",
        "Jane Doe in Washington",
        "Jane Doe • 5 min read",
    ],
)
def test_roles_publications_contacts_and_dates_are_removed(byline: str) -> None:
    assert names(byline) == ["Jane Doe"]


@pytest.mark.parametrize(
    "byline", ["The Editorial Board", "The Times Editorial Board", "Editorial Board"]
)
def test_organisation_bylines_are_kept_as_one_name(byline: str) -> None:
    assert names(byline) == [byline]


def test_the_editors_byline_loses_only_the_by() -> None:
    assert names("By The Editors") == ["The Editors"]


@pytest.mark.parametrize(
    "byline",
    [
        "admin",
        "staff",
        "Anonymous",
        "The Daily Telegraph Author",
        "Daily Planet Staff",
        "The Daily Planet",
        "dailyplanet.com",
        "https://www.facebook.com/janedoe",
        "jdoe",
        "Deutsche Welle (www.dailyplanet.com)",
    ],
)
def test_placeholders_urls_and_the_publication_itself_are_rejected(byline: str) -> None:
    assert names(byline) == []


def test_news_agencies_are_kept_even_in_lower_case() -> None:
    assert names("Jane Doe and dpa") == ["Jane Doe", "dpa"]
    assert names("Reuters") == ["Reuters"]


def test_duplicates_across_sources_are_dropped_keeping_the_first_spelling() -> None:
    assert names("Jane Doe", "By Jane Doe", "JANE DOE") == ["Jane Doe"]


def test_jsonld_author_objects_lists_and_references(page) -> None:
    jsonld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Person", "@id": "#roe", "name": "John Roe"},
            {
                "@type": "NewsArticle",
                "headline": "Council votes to expand cycle lanes",
                "author": [
                    {"@type": "Person", "name": "By Jane Doe"},
                    {"@id": "#roe"},
                    {"@type": "Person", "givenName": "Max", "familyName": "Mustermann"},
                    {"@type": "Organization", "name": "The Daily Planet"},
                ],
                "publisher": {"@type": "NewsMediaOrganization", "name": "The Daily Planet"},
            },
        ],
    }
    article = extract(page(jsonld=jsonld), URL)
    assert article.authors == ["Jane Doe", "John Roe", "Max Mustermann"]
    assert article.publication == "The Daily Planet"


def test_jsonld_author_as_a_single_string_with_two_names(page) -> None:
    jsonld = {"@type": "Article", "headline": "x", "author": "Jane Doe and John Roe"}
    assert extract(page(jsonld=jsonld), URL).authors == ["Jane Doe", "John Roe"]


def test_meta_author_is_used_without_jsonld(page) -> None:
    head = '<meta name="author" content="Jane Doe, Senior Editor">'
    assert extract(page(head=head), URL).authors == ["Jane Doe"]


def test_meta_article_author_urls_fall_through_to_the_visible_byline(page) -> None:
    head = '<meta property="article:author" content="https://www.facebook.com/dailyplanet">'
    before = '<div class="article-byline">By <a href="/people/jane">Jane Doe</a> and John Roe</div>'
    assert extract(page(head=head, before=before), URL).authors == ["Jane Doe", "John Roe"]


def test_rel_author_link_is_read(page) -> None:
    before = '<p class="meta">By <a rel="author" href="/people/jane-doe">Jane Doe</a></p>'
    assert extract(page(before=before), URL).authors == ["Jane Doe"]


def test_author_profile_links_are_read(page) -> None:
    before = '<ul class="metaInfoAuthorList"><li><a href="/author/jdoe/">Jane Doe</a></li></ul>'
    assert extract(page(before=before), URL).authors == ["Jane Doe"]


def test_bylines_of_related_teasers_are_ignored(page) -> None:
    after = (
        '<section class="related-articles"><div class="teaser"><h3>Other story</h3>'
        '<span class="byline">By Someone Else</span></div></section>'
    )
    assert extract(page(after=after), URL).authors == []


def test_byline_line_is_not_left_in_the_text(page) -> None:
    before = '<p class="byline">By Jane Doe and John Roe</p>'
    article = extract(page(before=before), URL)
    assert article.authors == ["Jane Doe", "John Roe"]
    assert "By Jane Doe" not in article.text
    assert article.text.startswith("The city council voted")


def test_a_plain_line_starting_with_por_is_the_byline(page) -> None:
    before = '<p class="meta">Por Ximena Iturbe y Baltasar Montalbán · 20 de noviembre de 2026</p>'
    article = extract(page(before=before), URL)
    assert article.authors == ["Ximena Iturbe", "Baltasar Montalbán"]
    assert "Ximena" not in article.text


def test_a_sentence_starting_with_by_is_not_a_byline(page) -> None:
    paragraphs = ["By the time the council voted, most shops had already closed.", "Short."]
    assert extract(page(paragraphs=paragraphs), URL).authors == []


def test_post_classes_that_merely_contain_comment_do_not_hide_the_byline(page) -> None:
    html = page(
        before='<span class="byline">By <a rel="author" href="/x">Marcus Fenwright</a></span>'
    )
    html = html.replace("<article>", '<article class="post hentry category-commentary">')
    assert extract(html, URL).authors == ["Marcus Fenwright"]
