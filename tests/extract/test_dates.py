"""Published and updated dates: sources in order of trust, languages, time zones, sanity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from colonnade.dates import parse_date, parse_text_date
from colonnade.extract import dates, extract

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def published(html: str, url: str | None = None) -> str | None:
    return extract(html, url, now=NOW).published


def test_jsonld_dates_keep_their_offset(page) -> None:
    jsonld = {
        "@type": "NewsArticle",
        "headline": "x",
        "datePublished": "2026-01-09T08:30:00+01:00",
        "dateModified": "2026-01-09T17:05:00+01:00",
    }
    article = extract(page(jsonld=jsonld), now=NOW)
    assert article.published == "2026-01-09T08:30:00+01:00"
    assert article.updated == "2026-01-09T17:05:00+01:00"


def test_jsonld_wins_over_meta_and_url(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "datePublished": "2026-01-08T10:00:00Z"}
    head = '<meta property="article:published_time" content="2026-01-07T10:00:00Z">'
    url = "https://example.com/2026/01/06/slug"
    assert published(page(jsonld=jsonld, head=head), url) == "2026-01-08T10:00:00+00:00"


def test_meta_published_and_modified_times(page) -> None:
    head = (
        '<meta property="article:published_time" content="2026-01-09T06:00:00-05:00">'
        '<meta property="article:modified_time" content="2026-01-09T09:00:00-05:00">'
    )
    article = extract(page(head=head), now=NOW)
    assert article.published == "2026-01-09T06:00:00-05:00"
    assert article.updated == "2026-01-09T09:00:00-05:00"


def test_time_element_with_datetime(page) -> None:
    before = (
        '<time itemprop="datePublished" datetime="2026-01-09T10:15:00+02:00">9 Jan</time>'
        '<time itemprop="dateModified" datetime="2026-01-09T12:00:00+02:00">updated</time>'
    )
    article = extract(page(before=before), now=NOW)
    assert article.published == "2026-01-09T10:15:00+02:00"
    assert article.updated == "2026-01-09T12:00:00+02:00"


def test_date_in_the_url(page) -> None:
    url = "https://example.com/opinion/2026/01/09/cycle-lanes"
    assert published(page(), url) == "2026-01-09T00:00:00+00:00"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("09.01.2026", "2026-01-09T00:00:00+00:00"),
        ("9 January 2026", "2026-01-09T00:00:00+00:00"),
        ("January 9, 2026", "2026-01-09T00:00:00+00:00"),
        ("9 janvier 2026", "2026-01-09T00:00:00+00:00"),
        ("Publié le 9 janvier 2026 à 10h15", "2026-01-09T10:15:00+00:00"),
        ("9. Januar 2026", "2026-01-09T00:00:00+00:00"),
        ("Freitag, 9. Januar 2026, 14:30 Uhr", "2026-01-09T14:30:00+00:00"),
        ("9 de enero de 2026", "2026-01-09T00:00:00+00:00"),
        ("9 gennaio 2026", "2026-01-09T00:00:00+00:00"),
        ("9 de janeiro de 2026", "2026-01-09T00:00:00+00:00"),
        ("9 januari 2026", "2026-01-09T00:00:00+00:00"),
        ("2026年1月9日 14:30", "2026-01-09T14:30:00+00:00"),
        ("公開日：2026年01月09日(金)", "2026-01-09T00:00:00+00:00"),
        ("2026년 1월 9일 14:30", "2026-01-09T14:30:00+00:00"),
    ],
)
def test_dates_written_in_the_page_in_several_languages(page, written: str, expected: str) -> None:
    before = f'<div class="article-date">{written}</div>'
    assert published(page(before=before)) == expected


def test_a_year_inside_a_longer_number_is_no_cjk_date() -> None:
    assert parse_text_date("12026年1月9日") is None
    assert parse_text_date("2026年13月9日") is None


def test_english_slash_dates_are_not_guessed() -> None:
    assert parse_text_date("01/09/2026", "en") is None
    assert parse_text_date("01/09/2026", "fr") == datetime(2026, 9, 1)  # as written: no zone
    assert parse_text_date("25/12/2025", "en") == datetime(2025, 12, 25)


def test_far_future_dates_are_rejected_and_the_next_source_used(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "datePublished": "2026-03-01T10:00:00Z"}
    url = "https://example.com/2026/01/09/slug"
    assert published(page(jsonld=jsonld), url) == "2026-01-09T00:00:00+00:00"


def test_two_days_ahead_is_still_accepted() -> None:
    # Time zones and clock skew put honest dates slightly in the future.
    assert parse_date("2026-01-11T23:00:00+00:00", NOW) is not None
    assert parse_date("2026-01-12T13:00:00+00:00", NOW) is None


def test_dates_before_1995_are_rejected(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "datePublished": "1970-01-01T00:00:00Z"}
    head = '<meta property="article:published_time" content="2026-01-09T10:00:00Z">'
    assert published(page(jsonld=jsonld, head=head)) == "2026-01-09T10:00:00+00:00"


def test_naive_dates_are_taken_as_utc(page) -> None:
    head = '<meta name="pubdate" content="2026-01-09 10:00:00">'
    assert published(page(head=head)) == "2026-01-09T10:00:00+00:00"


def test_other_formats_in_meta() -> None:
    assert parse_date("Fri, 09 Jan 2026 10:00:00 GMT", NOW) == datetime(2026, 1, 9, 10, tzinfo=UTC)
    assert parse_date("1767952800", NOW) == datetime(2026, 1, 9, 10, tzinfo=UTC)
    assert parse_date("20260109", NOW) == datetime(2026, 1, 9, tzinfo=UTC)
    eastern = parse_date("January 9, 2026 10:00 AM EST", NOW)
    assert eastern is not None and eastern.isoformat() == "2026-01-09T10:00:00-05:00"
    assert parse_date("Published 2026", NOW) is None  # no day, no month: not a date


def test_updated_before_published_is_dropped(page) -> None:
    jsonld = {
        "@type": "NewsArticle",
        "headline": "x",
        "datePublished": "2026-01-09T10:00:00Z",
        "dateModified": "2025-12-01T10:00:00Z",
    }
    article = extract(page(jsonld=jsonld), now=NOW)
    assert article.published == "2026-01-09T10:00:00+00:00"
    assert article.updated is None


def test_dates_of_related_teasers_are_ignored(page) -> None:
    after = (
        '<aside class="related"><div class="teaser"><span class="date">01.12.2025</span>'
        "<h3>Older story</h3></div></aside>"
    )
    before = '<div class="meta-date">09.01.2026</div>'
    assert published(page(before=before, after=after)) == "2026-01-09T00:00:00+00:00"


def test_htmldate_is_the_last_resort(page, monkeypatch: pytest.MonkeyPatch) -> None:
    before = '<p class="intro">A report first shown on 2026-01-09 to the council.</p>'
    html = page(before=before)
    assert published(html) == "2026-01-09T00:00:00+00:00"
    # Only htmldate finds this one: without it there is no date.
    monkeypatch.setattr(dates, "_from_htmldate", lambda tree, url, now, local: None)
    assert published(html) is None


def test_no_date_at_all_gives_none(page) -> None:
    assert published(page()) is None


def test_the_offset_the_page_writes_is_kept(page) -> None:
    head = '<meta property="article:published_time" content="2026-01-09T00:30:00+01:00">'
    article = extract(page(head=head), "https://example.de/a", now=NOW)
    assert article.published == "2026-01-09T00:30:00+01:00"


def test_a_time_without_offset_is_taken_in_the_publications_zone(page) -> None:
    head = '<meta property="article:published_time" content="2026-01-09T00:30:00">'
    url = "https://example.de/a"
    assert extract(page(head=head), url, now=NOW, zone="Europe/Berlin").published == (
        "2026-01-09T00:30:00+01:00"
    )
    # Summer time is the zone's offset on that day, not today's.
    head = '<meta property="article:published_time" content="2025-07-09T00:30:00">'
    assert extract(page(head=head), url, now=NOW, zone="Europe/Berlin").published == (
        "2025-07-09T00:30:00+02:00"
    )
    # Without a zone (or with a name that is no zone) a local time is taken as UTC.
    assert extract(page(head=head), url, now=NOW).published == "2025-07-09T00:30:00+00:00"
    assert extract(page(head=head), url, now=NOW, zone="Mars/Olympus").published == (
        "2025-07-09T00:30:00+00:00"
    )


def test_a_day_from_the_url_is_midnight_in_the_publications_zone(page) -> None:
    url = "https://example.com/2026/01/09/cycle-lanes"
    article = extract(page(), url, now=NOW, zone="America/New_York")
    assert article.published == "2026-01-09T00:00:00-05:00"


@pytest.mark.parametrize("value", ["20250-01-09T10:00:00Z", "1900-01-01", "0001-01-01T00:00:00Z"])
def test_dates_outside_the_window_are_refused_not_fatal(page, value: str) -> None:
    head = f'<meta property="article:published_time" content="{value}">'
    assert extract(page(head=head), "https://example.com/a", now=NOW).published is None
