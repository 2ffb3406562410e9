"""A sitemap index with bad children: the good children's URLs are kept, each bad child is
recorded with its URL and reason, and the next check reads the index again."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import pytest

from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport
from colonnade.pipeline import crawl_once
from colonnade.store import Storage
from colonnade.store.records import Publication

from .faultweb import FaultWeb, Route, article_html, page, send

WORDS = "Councils across the region keep postponing the repairs that residents were promised."
INDEX_ETAG = '"index-v1"'


def urlset(base: str, paths: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><lastmod>2026-11-20T08:00:00+00:00</lastmod></url>"
        for p in paths
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    )


def index_route(base: str, children: list[str]) -> Route:
    """A sitemap index that answers 304 to a request carrying its ETag."""
    body = (
        "<?xml version='1.0' encoding='utf-8'?>"
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<sitemap><loc>{base}{c}</loc></sitemap>" for c in children)
        + "</sitemapindex>"
    ).encode()

    def route(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == INDEX_ETAG:
            send(h, b"", status=304, headers={"ETag": INDEX_ETAG})
        else:
            send(h, body, content_type="application/xml", headers={"ETag": INDEX_ETAG})

    return route


@dataclass
class Site:
    web: FaultWeb
    pub: Publication


@pytest.fixture
def site(storage: Storage) -> Iterator[Site]:
    with FaultWeb() as web:
        children = ["/sitemap-good.xml", "/sitemap-missing.xml", "/sitemap-500.xml"]
        web.routes["/sitemap.xml"] = index_route(web.base, [*children, "/sitemap-page.xml"])
        web.routes["/sitemap-good.xml"] = page(
            urlset(web.base, ["/col-1", "/col-2"]), content_type="application/xml"
        )
        web.routes["/sitemap-500.xml"] = page("oops", status=500, content_type="text/plain")
        web.routes["/sitemap-page.xml"] = page(  # a CMS error page where a sitemap should be
            "<!doctype html><html><body><h1>Something went wrong</h1></body></html>",
            content_type="application/xml",
        )
        for n in (1, 2, 3):
            web.routes[f"/col-{n}"] = page(article_html(f"Column {n}", "Ann Writer", WORDS))
        pub = storage.publications.add("Mapped Times", web.url("/"))
        storage.feeds.add(pub.id, web.url("/sitemap.xml"), kind="sitemap")
        yield Site(web, pub)


def crawl(storage: Storage, settings: Settings, *, force: bool = False) -> CrawlReport:
    return asyncio.run(crawl_once(storage, settings, force=force))


def titles(storage: Storage, pub: Publication) -> list[str]:
    return sorted(a.title or "" for a in storage.articles.iter_all() if a.publication_id == pub.id)


def test_bad_children_are_recorded_and_good_ones_kept(
    site: Site, storage: Storage, settings: Settings
) -> None:
    report = crawl(storage, settings)
    assert titles(storage, site.pub) == ["Column 1", "Column 2"]
    index = site.web.url("/sitemap.xml")
    missing, failing, html = (
        site.web.url(p) for p in ("/sitemap-missing.xml", "/sitemap-500.xml", "/sitemap-page.xml")
    )
    errors = storage.errors.recent(publication_id=site.pub.id)
    assert sorted(e.url for e in errors) == sorted([missing, failing, html])
    recorded = {e.url: e.reason for e in errors}
    assert recorded[missing] == f"HTTP 404 Not Found: {missing} (listed in {index})"
    assert recorded[failing] == (
        f"HTTP 500 after {1 + settings.retries} tries: {failing} (listed in {index})"
    )
    assert recorded[html] == f"{html} is an HTML page, not a sitemap (listed in {index})"
    assert sorted(f.url for f in report.failures) == sorted(recorded)
    assert report.feeds_failed == 0 and report.errors == 3
    [feed] = storage.feeds.all(site.pub.id)
    assert feed.error_count == 0 and feed.last_error is None


def test_index_is_read_again_while_a_child_is_failing(
    site: Site, storage: Storage, settings: Settings
) -> None:
    crawl(storage, settings)
    # The missing child appears: the next check must not take the index's 304 as "nothing new".
    site.web.routes["/sitemap-missing.xml"] = page(
        urlset(site.web.base, ["/col-3"]), content_type="application/xml"
    )
    crawl(storage, settings, force=True)
    assert titles(storage, site.pub) == ["Column 1", "Column 2", "Column 3"]


def test_index_whose_children_all_fail_fails_the_feed(
    site: Site, storage: Storage, settings: Settings
) -> None:
    del site.web.routes["/sitemap-good.xml"]
    report = crawl(storage, settings)
    assert titles(storage, site.pub) == []
    index = site.web.url("/sitemap.xml")
    [error] = storage.errors.recent(publication_id=site.pub.id)
    assert error.url == index
    assert error.reason == (
        f"{index}: none of its 4 child sitemaps could be read; the first: "
        f"HTTP 404 Not Found: {site.web.url('/sitemap-good.xml')}"
    )
    assert report.feeds_failed == 1
    [feed] = storage.feeds.all(site.pub.id)
    assert feed.error_count == 1
