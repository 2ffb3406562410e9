"""A feed of many thousand items is read only as far as a crawl can use."""

from __future__ import annotations

import logging

import pytest

from colonnade.sources.feeds import first_items, parse_feed

BASE = "https://daily.example"


def _rss(n: int) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{BASE}/a/{i}</link></item>" for i in range(n)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
    ).encode()


def _atom(n: int) -> bytes:
    entries = "".join(
        f"<entry><title>E{i}</title><link href='{BASE}/e/{i}'/><id>urn:{i}</id>"
        "<updated>2026-11-20T08:00:00Z</updated></entry>"
        for i in range(n)
    )
    return (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        f"{entries}</feed>"
    ).encode()


def _rdf(n: int) -> bytes:
    items = "".join(
        f"<item rdf:about='{BASE}/r/{i}'><title>R{i}</title><link>{BASE}/r/{i}</link></item>"
        for i in range(n)
    )
    return (
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        " xmlns='http://purl.org/rss/1.0/'><channel rdf:about='x'><title>T</title></channel>"
        f"{items}</rdf:RDF>"
    ).encode()


@pytest.mark.parametrize(("make", "path"), [(_rss, "/a/"), (_atom, "/e/"), (_rdf, "/r/")])
def test_only_the_first_items_are_read_from_a_huge_feed(
    make, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="colonnade.sources.feeds"):
        parsed = parse_feed(make(2_500), f"{BASE}/feed", max_items=1_000)
    assert [e.url for e in parsed.entries] == [f"{BASE}{path}{i}" for i in range(1_000)]
    assert "malformed" not in caplog.text  # the cut document is closed properly
    assert "more than 1000 items" in caplog.text


def test_a_feed_within_the_cap_is_read_whole_and_untouched() -> None:
    body = _rss(1_000)
    assert first_items(body, 1_000) is body
    assert len(parse_feed(body, f"{BASE}/feed", max_items=1_000).entries) == 1_000
