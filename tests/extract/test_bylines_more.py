"""More byline patterns: labels with a colon, names signed in bold, names set apart as links,
editors, desk initials, and names that belong to photos or to other stories."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml.html import fromstring

from colonnade.extract import extract
from colonnade.extract.authors import clean_authors, read_byline
from colonnade.extract.byline_markup import separated_text

from .conftest import ENGLISH_PARAGRAPHS

PUBLICATION = "The Daily Planet"
URL = "https://www.dailyplanet.com/news/2026/01/09/cycle-lanes"
Page = Callable[..., str]


def scraped(*bylines: str) -> tuple[list[str], list[str]]:
    """Authors and credits of bylines scraped from the page (single words are no names)."""
    found = read_byline(bylines, PUBLICATION, URL, min_words=2)
    return found.authors, found.credits


# Labels and conjunctions


def test_a_colon_after_the_byline_word_still_makes_a_byline_line(page: Page) -> None:
    before = '<ul class="info"><li>Von: Anna Schmidt, Peter Müller</li></ul>'
    assert extract(page(before=before), URL).authors == ["Anna Schmidt", "Peter Müller"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Autor: Jan Novák a Petr Svoboda", ["Jan Novák", "Petr Svoboda"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Author: Jane Doe", ["Jane Doe"]),
    ],
)
def test_a_line_starting_with_an_author_label_is_a_byline_line(
    page: Page, line: str, expected: list[str]
) -> None:
    assert extract(page(before=f"<p>{line}</p>"), URL).authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
        ("Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),
        # Short conjunctions count in lower case only: a capital is an initial.
        ("John A Smith", ["John A Smith"]),
        ("Dan Smith and Dan Jones", ["Dan Smith", "Dan Jones"]),
    ],
)
def test_and_in_more_languages_splits_names(byline: str, expected: list[str]) -> None:
    assert clean_authors([byline], PUBLICATION, URL) == expected


# Editors are not authors


@pytest.mark.parametrize(
    "byline",
    ["Editor : Jane Doe", "Redaktion: Jane Doe und John Roe", "Edited by: Jane Doe"],
)
def test_a_segment_naming_the_editors_names_no_author(byline: str) -> None:
    assert scraped(byline) == ([], [])


def test_the_editor_part_of_a_byline_is_left_out() -> None:
    assert scraped("Jane Doe | Editor: John Roe") == (["Jane Doe"], [])


def test_an_editor_label_covers_names_set_apart_after_a_dangling_and() -> None:
    assert scraped("Redaktion: Jane Doe und | John Roe | Sendung: Radio 1") == ([], [])


def test_a_desk_word_alone_is_still_a_credit() -> None:
    assert scraped("Redaktion") == ([], ["Redaktion"])


# Desk initials


def test_initials_after_by_are_a_credit_not_a_person() -> None:
    assert scraped("By DPN, in News, Business") == ([], ["DPN"])


def test_initials_without_by_are_nothing() -> None:
    assert scraped("DPN") == ([], [])


def test_a_page_signed_with_desk_initials_credits_them(page: Page) -> None:
    article = extract(page(before='<p class="small">By DPN, in <a href="/news">News</a></p>'), URL)
    assert article.authors == []
    assert article.credits == ["DPN"]


# Text of byline elements


def test_names_set_side_by_side_as_links_are_separate_names(page: Page) -> None:
    before = '<div class="byline"><a href="/p/1">Jane Doe</a><a href="/p/2">John Roe</a></div>'
    assert extract(page(before=before), URL).authors == ["Jane Doe", "John Roe"]


def test_first_and_last_name_in_spans_stay_one_name(page: Page) -> None:
    before = (
        '<div class="byline"><span class="first">Jane</span> <span class="last">Doe</span></div>'
    )
    assert extract(page(before=before), URL).authors == ["Jane Doe"]


def test_separated_text_marks_links_and_blocks_apart() -> None:
    element = fromstring("<div><a>dpa</a><a>Jane Doe</a> and <div><b>J</b>ohn Roe</div></div>")
    assert separated_text(element) == "dpa | Jane Doe | and | John Roe"


def test_a_date_glued_to_the_name_is_not_part_of_it(page: Page) -> None:
    before = '<p class="small">By Jane Doe<time datetime="2026-05-02">May 2, 2026</time></p>'
    assert extract(page(before=before), URL).authors == ["Jane Doe"]


# Names that belong to something else


def test_a_byline_in_a_figure_credits_the_photo(page: Page) -> None:
    before = (
        '<figure><img src="/a.jpg" alt=""><figcaption>The new lane. '
        '<span class="byline">Jane Doe</span></figcaption></figure>'
    )
    assert extract(page(before=before), URL).authors == []


def test_a_teaser_article_inside_an_aside_is_another_story(page: Page) -> None:
    after = "<aside><article><h3>Other story</h3><p>By Someone Else</p></article></aside>"
    assert extract(page(after=after), URL).authors == []


# Signatures: names alone in bold at the start or the end of the text


def test_names_in_bold_above_the_text_are_the_byline(page: Page) -> None:
    paragraphs = ["<strong>Jane Doe/John Roe</strong>", *ENGLISH_PARAGRAPHS]
    assert extract(page(paragraphs=paragraphs), URL).authors == ["Jane Doe", "John Roe"]


def test_a_name_in_bold_below_the_text_is_the_byline(page: Page) -> None:
    paragraphs = [*ENGLISH_PARAGRAPHS, "<b>MARTA KOWALSKA</b>"]
    assert extract(page(paragraphs=paragraphs), URL).authors == ["Marta Kowalska"]


def test_a_name_in_italics_below_the_text_is_the_byline(page: Page) -> None:
    paragraphs = [*ENGLISH_PARAGRAPHS, "<em>— Lê Phương</em>"]
    assert extract(page(paragraphs=paragraphs), URL).authors == ["Lê Phương"]


def test_a_name_in_italics_above_the_text_is_not_a_signature(page: Page) -> None:
    paragraphs = ["<em>Green Streets</em>", *ENGLISH_PARAGRAPHS]
    assert extract(page(paragraphs=paragraphs), URL).authors == []


def test_a_bold_subheading_inside_the_text_is_not_a_signature(page: Page) -> None:
    paragraphs = [*ENGLISH_PARAGRAPHS[:2], "<strong>Parking Spaces</strong>"]
    paragraphs += ENGLISH_PARAGRAPHS[2:]
    assert extract(page(paragraphs=paragraphs), URL).authors == []


def test_a_bold_line_with_more_text_after_it_is_not_a_signature(page: Page) -> None:
    paragraphs = [*ENGLISH_PARAGRAPHS, "<strong>Related Stories</strong>"]
    after = '<ul><li><a href="/x">Trams return to the old town</a></li></ul>'
    assert extract(page(paragraphs=paragraphs, after=after), URL).authors == []


def test_a_bold_sentence_is_not_a_signature(page: Page) -> None:
    paragraphs = [*ENGLISH_PARAGRAPHS, "<strong>Tell us what you think.</strong>"]
    assert extract(page(paragraphs=paragraphs), URL).authors == []


def test_bold_names_among_short_link_lines_are_not_a_signature(page: Page) -> None:
    links = [f'<a href="/s/{n}">Story number {n}</a>' for n in range(3)]
    sidebar = "".join(f"<p>{x}</p>" for x in [*links, "<strong>Donate Today</strong>", *links])
    assert extract(page(after=f"<div>{sidebar}</div>"), URL).authors == []


def test_a_signature_does_not_override_the_structured_byline(page: Page) -> None:
    head = '<meta name="author" content="Jane Doe">'
    paragraphs = [*ENGLISH_PARAGRAPHS, "<strong>John Roe</strong>"]
    assert extract(page(head=head, paragraphs=paragraphs), URL).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "extra",
    [
        '<aside class="topics"><a href="/topics/cycling">Cycle Lanes</a></aside>',
        '<ul hidden><li><a href="/topics/cycling">Cycle Lanes</a></li></ul>',
        "<button><span>Road Safety</span></button>",
    ],
)
def test_hidden_menus_buttons_and_asides_in_a_byline_box_are_left_out(
    page: Page, extra: str
) -> None:
    before = f'<div class="byline"><a href="/people/jane-doe">Jane Doe</a>{extra}</div>'
    assert extract(page(before=before), URL).authors == ["Jane Doe"]


def test_a_byline_ends_at_its_follow_button() -> None:
    assert scraped("Jane Doe | Follow | Topics | Cycle Lanes") == (["Jane Doe"], [])
