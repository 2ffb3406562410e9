"""colonnade.dates: the one date parser, its plausibility window, and the store's to_utc."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone

import pytest

from colonnade.dates import (
    EARLIEST,
    FUTURE_SLACK,
    parse_date,
    parse_text_date,
    plausible,
    read,
    sane_date,
    to_utc,
)

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)
PLUS_TWO = timezone(timedelta(hours=2))


def test_numeric_dates_are_read_day_first() -> None:
    assert read("03/04/2024") == datetime(2024, 4, 3)
    assert read("03.04.2024 10:15") == datetime(2024, 4, 3, 10, 15)
    assert parse_date("03/04/2024", NOW) == datetime(2024, 4, 3, tzinfo=UTC)
    # Only English writes month first, so only there is a slash date left unguessed.
    assert parse_text_date("03/04/2024", "en") is None
    assert parse_text_date("13/04/2024", "en") == datetime(2024, 4, 13)


def test_offsets_are_kept_unless_utc_is_asked_for() -> None:
    dt = parse_date("2024-06-01T10:00:00+02:00", NOW)
    assert dt is not None and dt.utcoffset() == timedelta(hours=2) and dt.hour == 10
    assert parse_date("2024-06-01T10:00:00+02:00", NOW, utc=True) == datetime(
        2024, 6, 1, 8, tzinfo=UTC
    )
    rfc822 = parse_date("Sat, 01 Jun 2024 10:00:00 +0100", NOW, utc=True)
    assert rfc822 == datetime(2024, 6, 1, 9, tzinfo=UTC) and rfc822.tzinfo is UTC
    eastern = read("June 1, 2024 10:00 AM EST")
    assert eastern is not None and eastern.isoformat() == "2024-06-01T10:00:00-05:00"


def test_read_leaves_values_as_written() -> None:
    naive = read("2024-06-01 10:00:00")
    assert naive == datetime(2024, 6, 1, 10) and naive.tzinfo is None
    assert read("9 janvier 2024 à 10h15") == datetime(2024, 1, 9, 10, 15)
    assert read("Freitag, 9. Jänner 2024") == datetime(2024, 1, 9)
    assert read("9 de setiembre de 2024") == datetime(2024, 9, 9)
    assert read("1717236000") == datetime(2024, 6, 1, 10, tzinfo=UTC)
    assert read("20240601") == datetime(2024, 6, 1)


@pytest.mark.parametrize(
    "junk",
    [None, "", "  ", "yesterday", "12", "2024-13-45", "Published 2024", "x" * 100, "2024"],
)
def test_what_is_not_a_date(junk: str | None) -> None:
    assert read(junk) is None
    assert parse_date(junk, NOW) is None


def test_far_future_and_pre_web_dates_are_refused() -> None:
    assert parse_date("2100-01-01T00:00:00Z", NOW) is None
    assert parse_date("1970-01-01", NOW) is None
    assert parse_date("1995-01-01", NOW) == EARLIEST
    ahead = NOW + FUTURE_SLACK
    assert plausible(ahead, NOW) and not plausible(ahead + timedelta(minutes=1), NOW)
    # Time zones and clock skew put honest dates a day ahead; that is still a date.
    assert sane_date(NOW + timedelta(hours=30), NOW) is not None
    assert sane_date(NOW + timedelta(days=2, minutes=1), NOW) is None


def test_sane_date_converts_to_utc_and_takes_naive_as_utc() -> None:
    assert sane_date(datetime(2024, 6, 1, 12, tzinfo=PLUS_TWO), NOW) == datetime(
        2024, 6, 1, 10, tzinfo=UTC
    )
    naive = sane_date(datetime(2024, 6, 1, 12), NOW)
    assert naive == datetime(2024, 6, 1, 12, tzinfo=UTC) and naive.tzinfo is UTC
    assert sane_date(None, NOW) is None
    assert sane_date(datetime(2024, 6, 1), NOW.replace(tzinfo=None)) is not None


def test_to_utc_reads_iso_8601_into_aware_utc() -> None:
    assert to_utc("2024-06-01T10:00:00+02:00") == datetime(2024, 6, 1, 8, tzinfo=UTC)
    assert to_utc("2024-06-01") == datetime(2024, 6, 1, tzinfo=UTC)
    assert to_utc(" 2024-06 ") == datetime(2024, 6, 1, tzinfo=UTC)
    assert to_utc(datetime(2024, 6, 1, 12, tzinfo=PLUS_TWO)) == datetime(2024, 6, 1, 10, tzinfo=UTC)
    assert to_utc(datetime(2024, 6, 1, 12)) == datetime(2024, 6, 1, 12, tzinfo=UTC)
    assert to_utc(None) is None and to_utc("") is None
    # No window here: the store keeps what extraction already checked.
    assert to_utc("2100-01-01T00:00:00Z") == datetime(2100, 1, 1, tzinfo=UTC)


def test_to_utc_logs_and_drops_what_is_not_iso(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="colonnade.dates"):
        assert to_utc("Sat, 01 Jun 2024 10:00:00 +0100") is None
    assert "unreadable date" in caplog.text
