"""Title, author and date comparators used on the fundus gold."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from colonnade.evaluation.scoring import same_authors, same_day, same_title


def test_titles_match_after_nfkc_case_and_whitespace_folding() -> None:
    # Full-width letters and the "ﬁ" ligature fold under NFKC; "ß" case-folds to "ss".
    assert same_title("Ｔｈｅ  ﬁnal\n Word", "the final word")
    assert same_title("Die Straße", "DIE STRASSE")
    assert same_title("  Padded  ", "Padded")


def test_titles_that_differ_in_words_do_not_match() -> None:
    assert not same_title("The Final Word", "The Final Words")
    assert not same_title("The Final Word", "The Final Word – Example Times")


def test_a_missing_title_is_wrong() -> None:
    assert not same_title("Headline", None)
    assert not same_title(None, "Headline")


def test_authors_match_as_sets_ignoring_order_case_and_a_leading_by() -> None:
    assert same_authors(["Jane Doe", "John Roe"], ["By John Roe", "jane  doe"])
    assert same_authors(["Jane Doe"], ["BY JANE DOE"])
    assert same_authors(["Jane Doe"], ["Jane Doe", "jane doe"])  # duplicates collapse


def test_authors_must_be_the_same_people() -> None:
    assert not same_authors(["Jane Doe"], ["Jane Doe", "John Roe"])
    assert not same_authors(["Jane Doe", "John Roe"], ["Jane Doe"])
    assert not same_authors(["Jane Doe"], ["Jane Doe and John Roe"])


def test_by_is_only_dropped_as_a_separate_word() -> None:
    assert same_authors(["Byron Smith"], ["Byron Smith"])
    assert not same_authors(["Byron Smith"], ["ron Smith"])


def test_no_author_field_is_wrong_but_an_empty_list_answers_nobody() -> None:
    assert same_authors((), [])
    assert same_authors(None, [])
    assert not same_authors((), None)
    assert not same_authors(["Jane Doe"], [])


@pytest.mark.parametrize(
    ("gold", "output", "expected"),
    [
        ("2025-02-02 21:52:43+01:00", "2025-02-02", True),
        ("2025-02-02 21:52:43+01:00", "2025-02-02T20:52:43Z", True),
        # The same instant written in another zone, on the next day there: the gold's day wins.
        ("2025-02-02 23:30:00+01:00", "2025-02-03T00:30:00+02:00", True),
        ("2025-02-02 23:30:00+01:00", "2025-02-03T00:30:00+01:00", False),
        ("2025-02-02 23:30:00+01:00", "2025-02-01", False),
        # A naive gold (fundus writes some without offset) is taken as written.
        ("2025-06-30 00:00:00", "2025-06-30T00:00:00+02:00", True),
        ("2025-06-30 00:00:00", "2025-06-29T23:00:00+00:00", False),
        ("2025-06-05 14:46:12+02:00", "June 5, 2025", True),
        ("2025-06-05 14:46:12+02:00", "not a date", False),
        ("2025-06-05 14:46:12+02:00", "", False),
        ("2025-06-05 14:46:12+02:00", None, False),
    ],
)
def test_dates_match_on_the_gold_calendar_day(
    gold: str, output: str | None, expected: bool
) -> None:
    assert same_day(gold, output) is expected


def test_date_objects_are_accepted_too() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert same_day("2025-02-02 23:30:00+01:00", datetime(2025, 2, 3, 0, 30, tzinfo=plus_two))
    assert same_day("2025-02-02 23:30:00+01:00", date(2025, 2, 2))
