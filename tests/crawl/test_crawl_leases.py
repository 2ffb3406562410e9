"""Two crawls sharing one database check each feed and fetch each page once; a killed crawl's
claims are taken over."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import sqlalchemy as sa

from colonnade.config import Settings
from colonnade.crawl.leases import crawl_name
from colonnade.pipeline import crawl_once
from colonnade.store import QueueItem, Storage, open_storage
from colonnade.store.schema import crawl_queue

from .faultweb import FaultWeb, Route, article_html, page, rss, send

PAGES = 24


def _slowish(body: bytes) -> Route:
    def serve(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.05)  # long enough for the two crawls' work to overlap
        send(handler, body)

    return serve


def test_two_crawls_at_once_fetch_every_page_once(
    storage_url: str, storage: Storage, settings: Settings
) -> None:
    with FaultWeb() as web:
        paths = [f"/col{i}" for i in range(PAGES)]
        web.routes["/feed.xml"] = page(
            rss(web.base, [(p, f"Column {p}") for p in paths]),
            content_type="application/rss+xml",
        )
        for p in paths:
            web.routes[p] = _slowish(
                article_html(f"Column {p}", "Ada Writer", f"Words about {p} " * 30).encode()
            )
        pub = storage.publications.add("Shared Daily", web.url("/"))
        storage.feeds.add(pub.id, web.url("/feed.xml"))
        start = threading.Barrier(2)
        reports = []

        def crawl() -> None:
            own = open_storage(storage_url)
            try:
                start.wait()
                reports.append(asyncio.run(crawl_once(own, settings.with_(per_host_delay=0.0))))
            finally:
                own.close()

        threads = [threading.Thread(target=crawl) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)

    assert len(reports) == 2
    assert web.hits.get("/feed.xml") == 1  # the feed is claimed by one crawl...
    assert {p: web.hits.get(p) for p in paths} == {p: 1 for p in paths}  # ...each page by one
    assert sum(r.articles_new for r in reports) == PAGES
    assert storage.stats()["articles"] == PAGES
    assert storage.stats()["queue_pending"] == 0


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                           capture_output=True, text=True)  # fmt: skip
    return int(child.stdout)


def test_entries_of_a_crawl_killed_on_this_machine_are_taken_over_at_once(
    storage: Storage, settings: Settings
) -> None:
    with FaultWeb() as web:
        web.routes["/left"] = page(article_html("Left over", "Ada Writer", "Words left " * 40))
        web.routes["/away"] = page(article_html("Elsewhere", "Bo Other", "Words away " * 40))
        pub = storage.publications.add("Resumed Daily", web.url("/"))
        storage.queue.enqueue(pub.id, None, [QueueItem(web.url("/left"))])
        storage.queue.enqueue(pub.id, None, [QueueItem(web.url("/away"))])
        left, away = storage.queue.pending()
        host = crawl_name().split(":")[0]
        until = datetime.now(UTC) + timedelta(minutes=10)
        with storage.db.write() as conn:
            for entry, owner in ((left, f"{host}:{_dead_pid()}:dead"), (away, "far-away:1:live")):
                conn.execute(
                    sa.update(crawl_queue)
                    .where(crawl_queue.c.id == entry.id)
                    .values(lease_owner=owner, lease_until=until)
                )
        report = asyncio.run(crawl_once(storage, settings))

    # The dead local crawl's entry is fetched; the other machine's crawl may still be running.
    assert web.hits.get("/left") == 1 and "/away" not in web.hits
    assert report.articles_new == 1
    pending = storage.queue.pending()
    assert [e.id for e in pending] == [away.id] and pending[0].lease_owner == "far-away:1:live"


def test_a_crawl_stopped_during_a_feed_check_leaves_the_feed_due(
    storage: Storage, settings: Settings
) -> None:
    asked = threading.Event()

    def stall(handler: BaseHTTPRequestHandler) -> None:
        asked.set()
        time.sleep(3)  # longer than the test waits: the crawl is stopped meanwhile
        send(handler, rss("http://127.0.0.1", []).encode(), content_type="application/rss+xml")

    with FaultWeb() as web:
        web.routes["/feed.xml"] = stall
        pub = storage.publications.add("Stalled Daily", web.url("/"))
        feed = storage.feeds.add(pub.id, web.url("/feed.xml"))

        async def stopped() -> None:
            crawl = asyncio.create_task(crawl_once(storage, settings))
            while not asked.is_set():
                await asyncio.sleep(0.01)
            crawl.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await crawl

        asyncio.run(stopped())

    assert [f.id for f in storage.feeds.due(datetime.now(UTC))] == [feed.id]
    assert storage.feeds.get(feed.id).next_check_at is None  # type: ignore[union-attr]
