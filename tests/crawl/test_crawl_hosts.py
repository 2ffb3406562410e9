"""One publisher that stalls delays only itself: its pages and its feed hold no one else up.

Two publications on two local servers (two origins). The stalling one answers only when the
test lets it, and the test lets it once the good one's pages have all been served, or after a
guard time. Served order then tells whether the good host had to wait for the stalled one.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from colonnade.config import Settings
from colonnade.pipeline import crawl_once
from colonnade.store import QueueItem, Storage

from .faultweb import FaultWeb, Route, article_html, page, rss, send

GUARD_S = 5.0  # how long the stalled host waits at most: far beyond a working crawl's need
GOOD_PAGES = 6


class Order:
    """What the servers answered, in order; the stall ends when the good host is done."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._good = 0

    def good(self, path: str, body: bytes) -> Route:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            send(handler, body)
            with self._lock:
                self.events.append(f"good {path}")
                self._good += 1
                if self._good == GOOD_PAGES:
                    self.release.set()

        return serve

    def stalled(self, name: str, answer: Callable[[BaseHTTPRequestHandler], None]) -> Route:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            self.release.wait(GUARD_S)
            answer(handler)
            with self._lock:
                self.events.append(f"stalled {name}")

        return serve


def _good_site(web: FaultWeb, order: Order, storage: Storage) -> None:
    paths = [f"/good{i}" for i in range(GOOD_PAGES)]
    web.routes["/feed.xml"] = page(
        rss(web.base, [(p, f"Good {p}") for p in paths]), content_type="application/rss+xml"
    )
    for p in paths:
        html = article_html(f"Good column {p}", "Ada Good", f"Fine words about {p} " * 30)
        web.routes[p] = order.good(p, html.encode())
    pub = storage.publications.add("Good Daily", web.url("/"))
    storage.feeds.add(pub.id, web.url("/feed.xml"))


def _settings(settings: Settings) -> Settings:
    # Few global places, so that a crawl which lets the stalled host take them all shows it;
    # one more than a host's own, so that the stalled host's requests in flight leave one.
    return settings.with_(
        concurrency=3, per_host_concurrency=2, read_timeout=GUARD_S * 2, total_timeout=GUARD_S * 3
    )


def test_a_stalling_host_delays_only_its_own_pages(storage: Storage, settings: Settings) -> None:
    order = Order()
    with FaultWeb() as good, FaultWeb() as slow:
        slow_pub = storage.publications.add("Stalled Times", slow.url("/"))
        slow_paths = [f"/slow{i}" for i in range(8)]
        for p in slow_paths:
            html = article_html(f"Slow column {p}", "Sam Slow", f"Late words about {p} " * 30)
            slow.routes[p] = order.stalled(p, page(html))
        # Left by an earlier pass, and queued before the good host's pages.
        storage.queue.enqueue(slow_pub.id, None, [QueueItem(slow.url(p)) for p in slow_paths])
        _good_site(good, order, storage)
        report = asyncio.run(crawl_once(storage, _settings(settings)))

    first_stalled = next(i for i, e in enumerate(order.events) if e.startswith("stalled"))
    good_served = [i for i, e in enumerate(order.events) if e.startswith("good")]
    assert len(good_served) == GOOD_PAGES, order.events
    assert max(good_served) < first_stalled, order.events
    assert report.articles_new == GOOD_PAGES + len(slow_paths), report.failures
    assert report.errors == 0, report.failures


def test_a_stalling_feed_delays_only_its_own_pages(storage: Storage, settings: Settings) -> None:
    order = Order()
    with FaultWeb() as good, FaultWeb() as slow:
        feed_body = rss(slow.base, [("/late", "Late column")]).encode()
        slow.routes["/feed.xml"] = order.stalled(
            "feed", lambda h: send(h, feed_body, content_type="application/rss+xml")
        )
        late = article_html("Late column", "Sam Slow", "Words that came late " * 30)
        slow.routes["/late"] = page(late)
        slow_pub = storage.publications.add("Stalled Times", slow.url("/"))
        storage.feeds.add(slow_pub.id, slow.url("/feed.xml"))
        _good_site(good, order, storage)
        report = asyncio.run(crawl_once(storage, _settings(settings)))

    assert order.events.index("stalled feed") > max(
        i for i, e in enumerate(order.events) if e.startswith("good /good")
    ), order.events
    # The stalled feed's own page is still fetched in the same pass, once the feed answers.
    assert report.articles_new == GOOD_PAGES + 1, report.failures
    assert report.errors == 0, report.failures
