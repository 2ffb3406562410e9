from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

from colonnade.sources.dates import from_struct_time, parse_date, sane_date

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)


def test_sane_date_converts_to_utc_and_treats_naive_as_utc() -> None:
    plus2 = timezone(timedelta(hours=2))
    assert sane_date(datetime(2024, 6, 1, 12, 0, tzinfo=plus2), NOW) == datetime(
        2024, 6, 1, 10, 0, tzinfo=UTC
    )
    naive = sane_date(datetime(2024, 6, 1, 12, 0), NOW)
    assert naive == datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert naive is not None and naive.tzinfo is UTC


def test_sane_date_bounds() -> None:
    assert sane_date(None, NOW) is None
    assert sane_date(datetime(1994, 12, 31, 23, 59, tzinfo=UTC), NOW) is None
    assert sane_date(datetime(1995, 1, 1, tzinfo=UTC), NOW) is not None
    assert sane_date(NOW + timedelta(hours=23), NOW) is not None
    assert sane_date(NOW + timedelta(days=1, minutes=1), NOW) is None
    # Without `now`, the real clock decides.
    assert sane_date(datetime.now(UTC) + timedelta(days=30)) is None


def test_parse_date_forms() -> None:
    assert parse_date("2024-06-01", NOW) == datetime(2024, 6, 1, tzinfo=UTC)
    assert parse_date("2024-06-01T10:00Z", NOW) == datetime(2024, 6, 1, 10, tzinfo=UTC)
    assert parse_date("Sat, 01 Jun 2024 10:00:00 +0100", NOW) == datetime(2024, 6, 1, 9, tzinfo=UTC)
    for junk in (None, "", "  ", "yesterday", "12", "2024-13-45"):
        assert parse_date(junk, NOW) is None


def test_from_struct_time_rejects_impossible_values() -> None:
    assert from_struct_time(time.struct_time((2024, 6, 1, 10, 0, 0, 0, 0, 0)), NOW) == datetime(
        2024, 6, 1, 10, tzinfo=UTC
    )
    assert from_struct_time(time.struct_time((2024, 13, 0, 10, 0, 0, 0, 0, 0)), NOW) is None
    assert from_struct_time(None, NOW) is None
