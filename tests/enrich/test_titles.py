"""Display titles and title keys (enrich/titles.py): section labels and publication names removed
from headlines, label words that belong to the sentence kept, never an empty title."""

from __future__ import annotations

import itertools

import pytest

from colonnade.enrich.titles import display_title, title_key

# One invented headline per language, and the section labels its publishers put before it.
_HEADLINES = {
    "en": "Why the night bus matters more than the new bridge",
    "de": "Warum die Stadt ihre Bibliotheken retten muss",
    "fr": "Il faut rouvrir les petites lignes de train",
    "es": "La huerta urbana no es una moda pasajera",
    "it": "Il porto ha bisogno di un piano serio",
    "pt": "O bairro antigo merece mais do que turismo",
    "nl": "Waarom de polder weer moet leren luisteren",
    "pl": "Miasto powinno słuchać rowerzystów",
}
_LABELS = {
    "en": [
        "Opinion",
        "OPINION",
        "Op-Ed",
        "Op Ed",
        "Column",
        "Guest column",
        "Editorial",
        "Analysis",
        "Commentary",
        "Letter",
    ],
    "de": ["Meinung", "Kommentar", "Gastbeitrag", "Kolumne", "Leitartikel", "KOMMENTAR"],
    "fr": ["Opinion", "Tribune", "Chronique", "Éditorial", "Editorial", "Point de vue"],
    "es": ["Opinión", "Opinion", "Tribuna", "Columna", "Editorial"],
    "it": ["Opinione", "Commento", "Editoriale"],
    "pt": ["Opinião", "Coluna", "Artigo"],
    "nl": ["Opinie", "Column", "Commentaar"],
    "pl": ["Opinia", "Komentarz", "Felieton"],
}
_SEPARATORS = [
    " | ",
    "| ",
    "|",
    ": ",
    " : ",
    ":",
    " – ",
    "–",
    " — ",
    "—",
    " - ",
    "- ",
    " -",
    " · ",
    "·",
]
_LABELLED = [
    (label, _HEADLINES[language]) for language, labels in _LABELS.items() for label in labels
]


@pytest.mark.parametrize(
    ("label", "headline", "separator"),
    [(*pair, separator) for pair, separator in itertools.product(_LABELLED, _SEPARATORS)],
)
def test_a_leading_section_label_is_removed(label: str, headline: str, separator: str) -> None:
    assert display_title(f"{label}{separator}{headline}") == headline


@pytest.mark.parametrize(
    ("label", "headline", "separator"),
    [
        (*pair, separator)
        for pair, separator in itertools.product(_LABELLED, [" | ", " - ", " – ", " — ", " · "])
    ],
)
def test_a_trailing_section_label_is_removed(label: str, headline: str, separator: str) -> None:
    assert display_title(f"{headline}{separator}{label}") == headline


@pytest.mark.parametrize(
    ("title", "publication"),
    [
        ("Why the night bus matters more than the new bridge - The Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge | Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge — The Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge :: Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge – Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge|The Harbour Gazette", None),
        ("Why the night bus matters more than the new bridge - HARBOUR GAZETTE", None),
        ("Why the night bus matters more than the new bridge - The Harbour-Gazette", None),
        ("Why the night bus matters more than the new bridge | harbour gazette.", None),
        ("Why the night bus matters more than the new bridge | The Harbour Gazette", "Harbour"),
    ],
)
def test_a_trailing_publication_name_is_removed(title: str, publication: str | None) -> None:
    name = publication or "The Harbour Gazette"
    expected = "Why the night bus matters more than the new bridge"
    if publication == "Harbour":  # another name: the suffix is not this publication's
        expected = title
    assert display_title(title, name) == expected


@pytest.mark.parametrize(
    "publication",
    ["The Harbour Gazette", "Harbour Gazette", "harbour gazette", "THE HARBOUR-GAZETTE"],
)
def test_the_publication_is_compared_ignoring_case_punctuation_and_the(publication: str) -> None:
    title = "Warum die Stadt ihre Bibliotheken retten muss - Harbour Gazette"
    assert display_title(title, publication) == "Warum die Stadt ihre Bibliotheken retten muss"


def test_without_the_publication_its_name_stays() -> None:
    title = "Why the night bus matters more than the new bridge - The Harbour Gazette"
    assert display_title(title) == title


def test_a_publication_name_inside_the_headline_stays() -> None:
    title = "The Harbour Gazette turns 100 - a look back | The Harbour Gazette"
    assert (
        display_title(title, "The Harbour Gazette") == "The Harbour Gazette turns 100 - a look back"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Opinion | Column: Why the night bus matters", "Why the night bus matters"),
        (
            "Opinion | Why the night bus matters | Opinion | The Harbour Gazette",
            "Why the night bus matters",
        ),
        (
            "Kommentar: Warum die Stadt sparen muss – Meinung – Harbour Gazette",
            "Warum die Stadt sparen muss",
        ),
        (
            "Tribune - Il faut rouvrir les lignes :: The Harbour Gazette",
            "Il faut rouvrir les lignes",
        ),
    ],
)
def test_labels_and_publication_together(title: str, expected: str) -> None:
    assert display_title(title, "The Harbour Gazette") == expected


@pytest.mark.parametrize(
    "title",
    [
        "Opinion polls show Labour ahead",
        "Column inches are shrinking",
        "Editorial independence is not for sale",
        "Analysis paralysis at the town hall",
        "Letter writing is back in fashion",
        "Commentary boxes need more women",
        "Meinung ist kein Verbrechen",
        "Kommentar überflüssig: die Stadt schweigt",
        "Chronique d'une fermeture annoncée",
        "Tribuna abierta para los vecinos",
        "Opinie van de buren telt ook",
        "Opinion-makers ignore the small towns",
        "Column-inch wars at the local paper",
        "Why public opinion shifted",
        "Why public opinion shifted: analysis",
        "A letter to my younger self - column inches",
    ],
)
def test_label_words_that_belong_to_the_sentence_stay(title: str) -> None:
    assert display_title(title) == title


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Opinion |", "Opinion |"),
        ("Opinion: Column:", "Opinion: Column:"),
        ("Opinion: Brexit", "Opinion: Brexit"),
        ("Kommentar|Bahnchaos", "Kommentar|Bahnchaos"),
        ("Bridges - The Harbour Gazette", "Bridges - The Harbour Gazette"),
        ("Opinion | Bridges - The Harbour Gazette", "Opinion | Bridges - The Harbour Gazette"),
        ("  Opinion   |   ", "Opinion |"),
        ("Opinion", "Opinion"),
        ("Bridges", "Bridges"),
    ],
)
def test_never_nothing_or_a_lone_word_of_a_longer_title(title: str, expected: str) -> None:
    assert display_title(title, "The Harbour Gazette") == expected


@pytest.mark.parametrize("title", [None, "", "   ", "\n\t "])
def test_none_or_blank_gives_none(title: str | None) -> None:
    assert display_title(title) is None
    assert display_title(title, "The Harbour Gazette") is None
    assert title_key(title) == ""


def test_whitespace_is_collapsed() -> None:
    title = "  Opinion  |\u00a0Why the  night bus\nmatters  "
    assert display_title(title) == "Why the night bus matters"
    assert display_title("  Why the  night bus\tmatters ") == "Why the night bus matters"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Opinion | The cost of cheap flights", "The cost of cheap flights - The Harbour Gazette"),
        ("OPINION: The Cost of Cheap Flights", "the cost of cheap flights | Opinion"),
        ("Column — The cost of cheap flights!", "The cost of “cheap” flights :: Harbour Gazette"),
        ("Kommentar: Warum die Bahn Geld braucht", "Warum die Bahn Geld braucht – Meinung"),
        ("Éditorial · L’été des trains", "L'été des trains | The Harbour Gazette"),
        ("Opinión - La huerta urbana", "La huerta\u00a0urbana – Opinión"),
        ("Opinion: The ﬁnal cost of cheap ﬂights", "The final cost of cheap flights"),
    ],
)
def test_copies_of_one_column_share_a_key(a: str, b: str) -> None:
    assert title_key(a, "The Harbour Gazette") == title_key(b, "The Harbour Gazette")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Opinion | The cost of cheap flights", "The cost of cheap trains"),
        ("Opinion | The cost of cheap flights", "Opinion polls on the cost of cheap flights"),
        ("L'été des trains", "L'ete des trains"),
        ("Column: Why the night bus matters", "Column inches: why the night bus matters"),
    ],
)
def test_different_titles_have_different_keys(a: str, b: str) -> None:
    assert title_key(a) != title_key(b)


def test_the_key_is_folded_and_without_punctuation() -> None:
    assert (
        title_key("Opinion | Don’t BUILD the “new” bridge — yet!")
        == "dont build the new bridge yet"
    )
    assert title_key("Straße, Größe & Maß") == "strasse grösse mass"
