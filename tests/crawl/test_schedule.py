from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport
from colonnade.crawl.schedule import error_backoff, next_interval
from colonnade.pipeline import crawl_forever
from colonnade.store import Storage

from .faultweb import FaultWeb, article_html, page, rss

S = Settings().with_(feed_min_interval=600, feed_max_interval=86_400)
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def test_interval_follows_the_feeds_rhythm() -> None:
    hourly = [T0 + timedelta(hours=i) for i in range(10)]
    assert next_interval(S, previous=None, new_items=3, entry_dates=hourly) == 1800
    weekly = [T0 + timedelta(days=7 * i) for i in range(5)]
    assert next_interval(S, previous=None, new_items=0, entry_dates=weekly) == 86_400
    minutely = [T0 + timedelta(minutes=i) for i in range(10)]
    assert next_interval(S, previous=None, new_items=1, entry_dates=minutely) == 600


def test_interval_without_dates_backs_off_and_speeds_up() -> None:
    assert next_interval(S, previous=1200, new_items=0, entry_dates=[]) == 1800
    assert next_interval(S, previous=1200, new_items=2, entry_dates=[]) == 600


def test_failing_feed_backs_off_exponentially() -> None:
    assert [error_backoff(S, n) for n in (1, 2, 3)] == [600, 1200, 2400]
    assert error_backoff(S, 50) == 86_400


def test_failed_feed_is_not_due_again_at_once(storage: Storage, settings: Settings) -> None:
    with FaultWeb() as web:
        web.routes["/feed.xml"] = page("oops", status=404, content_type="text/plain")
        pub = storage.publications.add("Flaky", web.url("/"))
        storage.feeds.add(pub.id, web.url("/feed.xml"))
        from colonnade.pipeline import crawl_once

        asyncio.run(crawl_once(storage, settings))
        assert storage.feeds.due(datetime.now(UTC)) == []
        later = datetime.now(UTC) + timedelta(seconds=settings.feed_min_interval + 1)
        assert len(storage.feeds.due(later)) == 1


def test_crawl_forever_crawls_until_stopped(storage: Storage, settings: Settings) -> None:
    with FaultWeb() as web:
        web.routes["/feed.xml"] = page(
            rss(web.base, [("/a", "A")]), content_type="application/rss+xml"
        )
        web.routes["/a"] = page(article_html("A column", "Jo Writer", "Words " * 60))
        pub = storage.publications.add("Steady", web.url("/"))
        storage.feeds.add(pub.id, web.url("/feed.xml"))
        passes: list[CrawlReport] = []

        async def run() -> None:
            stop = asyncio.Event()

            def on_pass(report: CrawlReport) -> None:
                passes.append(report)
                stop.set()

            await asyncio.wait_for(
                crawl_forever(storage, settings, on_pass=on_pass, stop=stop), timeout=30
            )

        asyncio.run(run())
        assert len(passes) == 1 and passes[0].articles_new == 1
        assert storage.stats()["articles"] == 1
