"""Feeds and sitemaps are parsed in a thread: a huge one must not stall the crawl's loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from colonnade.config import Settings
from colonnade.crawl import feeds as crawl_feeds
from colonnade.pipeline import crawl_once
from colonnade.store import Storage

from .faultweb import FaultWeb, article_html, page, rss


def test_feeds_are_parsed_off_the_event_loop(
    storage: Storage, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = crawl_feeds.parse_feed

    def noted(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(crawl_feeds, "parse_feed", noted)
    with FaultWeb() as web:
        web.routes["/feed.xml"] = page(
            rss(web.base, [("/a", "A column")]), content_type="application/rss+xml"
        )
        web.routes["/a"] = page(article_html("A column", "Ada Writer", "Words " * 60))
        pub = storage.publications.add("Loop Daily", web.url("/"))
        storage.feeds.add(pub.id, web.url("/feed.xml"))
        report = asyncio.run(crawl_once(storage, settings))
    assert report.articles_new == 1
    assert threads and all(t is not threading.main_thread() for t in threads)
