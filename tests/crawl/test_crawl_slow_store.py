"""A write the database holds up does not hold up fetching: the store runs off the event loop.

Another connection holds the database's write lock (BEGIN IMMEDIATE on SQLite, an EXCLUSIVE
table lock on PostgreSQL) from the moment the first article page is asked for. The other pages
are only served once the crawl has started saving the first, so they can be fetched only if
that blocked save leaves the event loop free. The lock is let go once every page is served.
Everything is proved by the order of events; the waits are guards that end a broken run.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from colonnade.config import Settings
from colonnade.pipeline import crawl_once
from colonnade.store import Storage

from .faultweb import FaultWeb, article_html, page, rss, send

PAGES = 6
GUARD_S = 10.0  # a broken run ends here instead of hanging; no assertion depends on it


class LockedWhileServing:
    """Holds the write lock from the first article request until every article is served."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.events: list[str] = []  # appended from several threads: list.append is atomic
        self.locked = threading.Event()
        self.saving = threading.Event()
        self.all_served = threading.Event()
        self.problems: list[BaseException] = []
        self._first = threading.Lock()
        self._count = threading.Lock()
        self._started = False
        self._served = 0
        self._holder = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        try:
            with self.storage.db.write() as conn:
                if self.storage.dialect == "postgresql":
                    conn.exec_driver_sql("LOCK TABLE articles IN EXCLUSIVE MODE")
                self.events.append("locked")
                self.locked.set()
                self.all_served.wait(GUARD_S)
                self.events.append("released")
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.problems.append(exc)
            self.locked.set()

    def route(self, path: str, body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            with self._first:
                first, self._started = not self._started, True
            if first:
                self._holder.start()
                self.locked.wait(GUARD_S)
            else:
                self.saving.wait(GUARD_S)  # only once the first page's save is under way
            send(handler, body)
            self.events.append(f"served {path}")
            with self._count:
                self._served += 1
                if self._served == PAGES:
                    self.all_served.set()

        return serve

    def observe_saves(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Note when the crawl starts each save (the real one then runs)."""
        save = self.storage.articles.save

        def noted_save(*args: Any, **kwargs: Any) -> Any:
            self.events.append("save")
            self.saving.set()
            return save(*args, **kwargs)

        monkeypatch.setattr(self.storage.articles, "save", noted_save)

    def finish(self) -> None:
        self.all_served.set()  # lets the holder go even when the crawl broke early
        if self._holder.ident is not None:  # started
            self._holder.join(GUARD_S)


def test_pages_are_fetched_while_a_write_waits_for_the_lock(
    storage: Storage, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other pages are held in the server until the first save starts, which follows the
    # first extraction, a worker's start-up included: the crawl must wait as long as the guard
    # rather than time out and queue failures ahead of that save.
    settings = settings.with_(concurrency=2, read_timeout=GUARD_S, total_timeout=2 * GUARD_S)
    with FaultWeb() as web:
        paths = [f"/a{i}" for i in range(PAGES)]
        lock = LockedWhileServing(storage)
        web.routes["/feed.xml"] = page(
            rss(web.base, [(p, f"Column {p}") for p in paths]),
            content_type="application/rss+xml",
        )
        for p in paths:
            html = article_html(f"Column {p}", "Jo Writer", f"Words about {p} " * 40)
            web.routes[p] = lock.route(p, html.encode())
        pub = storage.publications.add("Slow Store", web.url("/"))
        storage.feeds.add(pub.id, web.url("/feed.xml"))
        lock.observe_saves(monkeypatch)
        try:
            report = asyncio.run(crawl_once(storage, settings))
        finally:
            lock.finish()

    assert not lock.problems, lock.problems
    events = lock.events
    served = [e for e in events if e.startswith("served")]
    assert len(served) == PAGES, events
    assert "released" in events, events
    released = events.index("released")
    # The lock was held before the first save began, and the save could not finish before it
    # was released; yet every page was fetched in between.
    assert events.index("locked") < events.index("save") < released, events
    assert all(events.index(e) < released for e in served), events
    assert report.pages_fetched == report.articles_new == PAGES, report
    assert report.errors == 0, report.failures
    assert storage.stats()["articles"] == PAGES
    assert storage.stats()["queue_pending"] == 0
