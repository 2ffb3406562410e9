"""The whole pipeline against the generated demo web: discovery, crawl, re-crawl, changes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime

import pytest

from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.demo.adding import add_publications
from colonnade.pipeline import crawl_once
from colonnade.store import Storage


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer(build_web()) as server:
        yield server


def _published(got: str | None, exact: str, day: str) -> tuple[object, object]:
    """The same instant when the page (or its feed) gives a time; else the visible day (a day
    alone is stored as midnight in the publication's zone)."""
    if got is None or not got[10:].startswith("T00:00:00"):
        return got and datetime.fromisoformat(got), datetime.fromisoformat(exact)
    return got[:10], day


def crawl(storage: Storage, settings: Settings, *, force: bool = False):  # type: ignore[no-untyped-def]
    return asyncio.run(crawl_once(storage, settings, force=force))


def test_demo_web_is_crawled_completely_and_correctly(
    demo: DemoServer, storage: Storage, settings: Settings
) -> None:
    asyncio.run(add_publications(storage, settings, demo.publications))
    assert len(storage.publications.all()) == len(demo.publications)
    report = crawl(storage, settings)

    # Every fetched page is a row of its own: a syndicated copy under its own address and
    # publication, in the cluster of the original it names as canonical.
    expected = {
        (e.url if e.syndicated_from else e.canonical_url or e.url): e for e in demo.expected
    }
    stored = {a.canonical_url: a for a in storage.articles.iter_all()}
    assert set(stored) == set(expected)
    wrong = []
    for key, want in expected.items():
        got = stored[key]
        checks = {
            "title": (got.title, want.title),
            "authors": (list(got.authors), list(want.authors)),
            "published": _published(got.published, want.published, want.published_date),
            "language": (got.language, want.language),
            "paywalled": (got.paywalled, want.paywalled),
            "publication": (got.publication, want.publication),
            "original": (got.original, not want.syndicated_from),
        }
        wrong += [f"{key} {name}: {a!r} != {b!r}" for name, (a, b) in checks.items() if a != b]
    assert not wrong, "\n".join(wrong)
    copies = [e for e in demo.expected if e.syndicated_from]
    assert len(copies) == report.copies == 1
    copy = stored[copies[0].url]
    assert copy.canonical_url != copies[0].canonical_url  # the copy's own address is its key
    source = stored[copies[0].canonical_url]
    assert copy.cluster_id == source.cluster_id and source.original and not copy.original
    assert [c.id for c in copy.copies] == [source.id]
    # robots.txt of one site disallows a page its feed lists; that is reported, never fetched.
    assert all("robots" in f.reason for f in report.failures), report.failures
    assert report.articles_new == len(expected)


def test_second_crawl_is_conditional_and_stores_nothing_new(
    demo: DemoServer, storage: Storage, settings: Settings
) -> None:
    asyncio.run(add_publications(storage, settings, demo.publications))
    crawl(storage, settings)
    before = storage.stats()
    requests_before = len(demo.requests)
    report = crawl(storage, settings, force=True)
    assert report.pages_fetched == 0 and report.articles_new == 0
    assert report.feeds_unchanged == report.feeds_checked == before["feeds"]
    new_requests = demo.requests[requests_before:]
    feed_requests = [r for r in new_requests if r.path != "/robots.txt"]
    assert feed_requests and all(r.conditional and r.status == 304 for r in feed_requests)
    assert storage.stats()["articles"] == before["articles"]


def test_new_and_changed_articles_are_picked_up_without_duplicates(
    demo: DemoServer, storage: Storage, settings: Settings
) -> None:
    asyncio.run(add_publications(storage, settings, demo.publications))
    crawl(storage, settings)
    count = storage.stats()["articles"]
    added = demo.add_articles(1)
    changed = demo.update_article(demo.expected[0].url)
    report = crawl(storage, settings, force=True)
    assert report.articles_new == len(added)
    assert report.articles_updated == 1
    assert storage.stats()["articles"] == count + len(added)
    [row] = [
        a
        for a in storage.articles.iter_all()
        if a.canonical_url == changed.canonical_url or a.url == changed.url
    ]
    assert row.updated is not None
