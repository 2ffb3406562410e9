"""Bylines: splitting, cleaning, particles, roles, organisations, placeholders and credits."""

from __future__ import annotations

import pytest

from colonnade.extract import extract
from colonnade.extract.authors import Byline, clean_authors, normal_case, read_byline

PUBLICATION = "The Daily Planet"
URL = "https://www.dailyplanet.com/opinion/2026/01/09/cycle-lanes"


def names(*bylines: str) -> list[str]:
    return clean_authors(bylines, PUBLICATION, URL)


def byline(*bylines: str) -> Byline:
    return read_byline(bylines, PUBLICATION, URL)


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
        ("By JANE DOE and JOHN ROE", ["Jane Doe", "John Roe"]),
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
    "raw",
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
def test_placeholders_urls_and_the_publication_itself_are_not_authors(raw: str) -> None:
    assert names(raw) == []


@pytest.mark.parametrize(
    ("raw", "authors", "credits"),
    [
        ("Jane Doe and dpa", ["Jane Doe"], ["dpa"]),
        ("Reuters", [], ["Reuters"]),
        ("THE ASSOCIATED PRESS", [], ["THE ASSOCIATED PRESS"]),
        ("By Jane Doe, Associated Press", ["Jane Doe"], ["Associated Press"]),
        ("Von Anna Schmidt und AFP", ["Anna Schmidt"], ["AFP"]),
        ("Deutsche Presse-Agentur", [], ["Deutsche Presse-Agentur"]),
        ("AFP Deutschland", [], ["AFP Deutschland"]),
        ("Staff", [], ["Staff"]),
        ("Redaktion", [], ["Redaktion"]),
        ("Politik-Redaktion", [], ["Politik-Redaktion"]),
        ("La rédaction", [], ["La rédaction"]),
        ("Agencies", [], ["Agencies"]),
        ("Our correspondent", [], ["Our correspondent"]),
        ("Jane Doe with agencies", ["Jane Doe"], ["agencies"]),
        ("Editorial staff", [], ["Editorial staff"]),
    ],
)
def test_wire_services_and_desks_are_credits_not_authors(
    raw: str, authors: list[str], credits: list[str]
) -> None:
    found = byline(raw)
    assert (found.authors, found.credited()) == (authors, credits)


def test_the_publication_is_credited_only_when_the_byline_names_nobody_else() -> None:
    assert byline("The Daily Planet").credited() == ["The Daily Planet"]
    assert byline("Daily Planet Staff").credited() == ["Daily Planet Staff"]
    assert byline("Jane Doe | The Daily Planet").credited() == []
    assert byline("Jane Doe | The Daily Planet").authors == ["Jane Doe"]


def test_an_editorial_board_stays_an_author() -> None:
    assert byline("The Times Editorial Board").authors == ["The Times Editorial Board"]
    assert byline("The Times Editorial Board").credited() == []


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("JANE O'CONNOR", "Jane O'Connor"),
        ("Bill MCCARTHY", "Bill McCarthy"),
        ("JEAN-PAUL SARTRE", "Jean-Paul Sartre"),
        ("URSULA VON DER LEYEN", "Ursula von der Leyen"),
        ("J. K. ROWLING", "J. K. Rowling"),
        ("JOHN SMITH III", "John Smith III"),
        ("Jane Doe", "Jane Doe"),
        ("OECD", "OECD"),
        ("Ana DE LA CRUZ", "Ana de la Cruz"),
    ],
)
def test_names_in_capitals_get_normal_case(written: str, normal: str) -> None:
    assert normal_case(written) == normal


def test_a_dateline_label_after_the_name_is_cut() -> None:
    assert names("Jane Doe Stand: 09.01.2026") == ["Jane Doe"]


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


@pytest.mark.parametrize(
    "before",
    [
        "<ul><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>",
        "<dl><dt>Author:</dt><dd>Roman Goncharenko</dd></dl>",
        "<p><b>Texto:</b> Roman Goncharenko</p>",
        "<p><span>Auteur</span> Roman Goncharenko</p>",
    ],
)
def test_a_name_after_a_visible_author_label_is_the_byline(page, before: str) -> None:
    assert extract(page(before=before), URL).authors == ["Roman Goncharenko"]


def test_an_author_label_in_a_teaser_is_ignored(page) -> None:
    after = '<aside class="related"><p><strong>Author:</strong> Someone Else</p></aside>'
    assert extract(page(after=after), URL).authors == []


def test_a_wire_only_article_has_no_author_but_a_credit(page) -> None:
    jsonld = {
        "@type": "NewsArticle",
        "headline": "x",
        "author": {"@type": "Organization", "name": "Reuters"},
    }
    article = extract(page(jsonld=jsonld), URL)
    assert (article.authors, article.credits) == ([], ["Reuters"])


def test_a_wire_credit_in_jsonld_and_a_person_in_the_byline_are_both_kept(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "author": "dpa"}
    before = '<p class="byline">By <a rel="author" href="/people/jane">Jane Doe</a></p>'
    article = extract(page(jsonld=jsonld, before=before), URL)
    assert (article.authors, article.credits) == (["Jane Doe"], ["dpa"])


@pytest.mark.parametrize(
    "author",
    [
        "Jane Doe " * 700,  # a byline of 6,000 characters
        [{"@type": "Person", "name": f"Person Number{i}"} for i in range(300)],
        {"@type": "Person", "name": "https://example.com/people/jane"},
        {"@type": "Person", "name": "<script>alert(1)</script>"},
    ],
)
def test_absurd_bylines_give_no_junk_names(page, author: object) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "author": author}
    article = extract(page(jsonld=jsonld), URL)
    for name in article.authors + article.credits:
        assert len(name) <= 80 and "http" not in name and "<" not in name
    assert len(article.authors) <= 5
