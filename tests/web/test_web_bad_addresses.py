"""Addresses no record can answer: numbers beyond 64 bits and control characters (NUL above
all) in a slug, an id or a list parameter. On both databases, in HTML, Atom and JSON alike, the
address is a 404 when it names nothing and a 400 when a parameter cannot be used, and nothing
raw reaches the log (PostgreSQL used to refuse NUL with a 503, and both databases 64-bit
overflows with a 500 or a 503)."""

from __future__ import annotations

import logging
import re

import pytest

from .conftest import Site

# 2^63, 2^64, a twenty-digit slug, and one below -2^63: no id or slug here can be any of them.
BEYOND_64_BITS = [
    "9223372036854775808",
    "18446744073709551616",
    "99999999999999999999",
    "-9223372036854775809",
]
CONTROL = ["a%00b", "%00", "jane-doe%00", "a%1Bb", "a%7Fb"]
FILTERS = ["country", "language", "publication", "columnist", "kind", "from", "to"]
OTHER_PARAMETERS = ["q", "order", "cursor"]
# Every form of a few lists: the latest, the search (these first six take every filter), one
# columnist's and one publication's.
LISTS = [
    "/",
    "/feed.atom",
    "/api/v1/articles",
    "/search",
    "/search/feed.atom",
    "/api/v1/search",
    "/columnists/jane-doe",
    "/columnists/jane-doe/feed.atom",
    "/api/v1/columnists/jane-doe/articles",
    "/publications/the-daily/feed.atom",
    "/api/v1/publications/the-daily/articles",
]
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def addresses_of(ref: str) -> list[str]:
    """Every address that names one record (or one day) by `ref`, in every form it has."""
    return [
        f"/articles/{ref}",
        f"/api/v1/articles/{ref}",
        f"/columnists/{ref}",
        f"/columnists/{ref}/feed.atom",
        f"/api/v1/columnists/{ref}",
        f"/api/v1/columnists/{ref}/articles",
        f"/publications/{ref}",
        f"/publications/{ref}/feed.atom",
        f"/api/v1/publications/{ref}",
        f"/api/v1/publications/{ref}/articles",
        f"/editions/{ref}",
        f"/languages/{ref}/feed.atom",
        f"/archive/2024/05/{ref}",
        f"/archive/2024/05/{ref}/feed.atom",
        f"/api/v1/archive/2024/05/{ref}/articles",
    ]


def statuses(site: Site, paths: list[str]) -> dict[str, int]:
    return {path: site.client.get(path).status_code for path in paths}


def assert_clean_log(caplog: pytest.LogCaptureFixture) -> None:
    """No error was logged (a 500 or a 503 logs one) and no message holds a raw control
    character."""
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    raw = [r.getMessage() for r in caplog.records if RAW_CONTROL.search(r.getMessage())]
    assert errors == []
    assert raw == []


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="colonnade")
    return caplog


def test_a_number_beyond_64_bits_in_an_address_is_not_found(
    site: Site, logged: pytest.LogCaptureFixture
) -> None:
    paths = [path for ref in BEYOND_64_BITS for path in addresses_of(ref)]
    assert statuses(site, paths) == dict.fromkeys(paths, 404)
    assert_clean_log(logged)


def test_a_control_character_in_an_address_is_not_found(
    site: Site, logged: pytest.LogCaptureFixture
) -> None:
    paths = [path for ref in CONTROL for path in addresses_of(ref)]
    assert statuses(site, paths) == dict.fromkeys(paths, 404)
    assert_clean_log(logged)


def test_a_columnist_or_publication_filter_beyond_64_bits_is_a_bad_request(
    site: Site, logged: pytest.LogCaptureFixture
) -> None:
    # Not the columnist's and publication's own lists: their address fixes (and so ignores) it.
    paths = [
        f"{path}?{name}={ref}"
        for path in LISTS[:6]
        for name in ("columnist", "publication")
        for ref in BEYOND_64_BITS
    ]
    assert statuses(site, paths) == dict.fromkeys(paths, 400)
    assert_clean_log(logged)


def test_a_control_character_in_any_list_parameter_is_a_bad_request(
    site: Site, logged: pytest.LogCaptureFixture
) -> None:
    paths = [
        f"{path}?{name}={value}"
        for path in LISTS
        for name in FILTERS + OTHER_PARAMETERS
        for value in ("a%00b", "%00", "a%1Bb")
    ]
    assert statuses(site, paths) == dict.fromkeys(paths, 400)
    assert_clean_log(logged)


def test_the_answers_say_what_was_wrong_in_the_form_asked_for(site: Site) -> None:
    page = site.client.get("/columnists/a%00b")
    api = site.client.get("/api/v1/articles/18446744073709551616")
    bad = site.client.get("/api/v1/articles?columnist=a%00b")
    assert page.headers["content-type"].startswith("text/html")
    assert "Page not found" in page.text and "\x00" not in page.text
    assert api.json() == {
        "detail": "There is no page at this address. It may have moved, or the column was removed."
    }
    assert bad.json() == {"detail": "the 'columnist' parameter contains a control character"}


def test_whitespace_in_words_and_the_largest_ids_still_work(site: Site) -> None:
    """Only what can name nothing is refused: a tab in searched words is a space, and ids up
    to 2^63 - 1 are looked up (and simply not there)."""
    words = site.client.get("/api/v1/search?q=harbour%09budgets")
    assert words.status_code == 200 and words.json()["items"]
    largest = "9223372036854775807"
    found = statuses(site, [f"/api/v1/articles/{largest}", f"/articles/{largest}"])
    assert found == {f"/api/v1/articles/{largest}": 404, f"/articles/{largest}": 404}
    assert site.client.get("/api/v1/columnists/jane-doe").status_code == 200
