"""A crawl that meets a site whose robots.txt answers 5xx fetches nothing there and says why."""

from __future__ import annotations

import asyncio

from colonnade.config import Settings
from colonnade.pipeline import crawl_once
from colonnade.store import Storage

from .faultweb import FaultWeb, article_html, page, rss

WORDS = "Councils across the region keep postponing the repairs that residents were promised."


def test_robots_server_error_is_recorded_as_the_reason(
    storage: Storage, settings: Settings
) -> None:
    with FaultWeb() as site:
        site.routes["/robots.txt"] = page("down for maintenance", status=503)
        site.routes["/feed.xml"] = page(
            rss(site.base, [("/col-1", "Column one")]), content_type="application/rss+xml"
        )
        site.routes["/col-1"] = page(article_html("Column one", "Ann Writer", WORDS))
        pub = storage.publications.add("Closed Door", site.url("/"))
        storage.feeds.add(pub.id, site.url("/feed.xml"))
        report = asyncio.run(crawl_once(storage, settings))
    assert site.hits == {"/robots.txt": 1}
    feed_url = site.url("/feed.xml")
    reason = (
        f"robots.txt disallows {feed_url}: the site's robots.txt answered HTTP 503, "
        "so nothing there is fetched until it can be read"
    )
    assert [(e.url, e.reason) for e in storage.errors.recent(publication_id=pub.id)] == [
        (feed_url, reason)
    ]
    assert report.feeds_failed == 1
    assert [(f.url, f.reason) for f in report.failures] == [(feed_url, reason)]
    [feed] = storage.feeds.all(pub.id)
    assert feed.error_count == 1 and feed.status == "active"
