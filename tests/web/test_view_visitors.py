"""One view per visitor, article and UTC day, known only by a keyed hash whose salt changes
daily; robots, prefetches and HEADs are not readers. On SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa

from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.store.schema import view_salts, view_visitors
from colonnade.web import urls
from colonnade.web.app import create_app
from colonnade.web.bots import is_robot
from colonnade.web.counter import ViewCounter, Visitor

from .corpus import Corpus, build
from .webserver import serving

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
# Real browsers whose agent holds a word a careless robot pattern would catch.
BROWSERS = [
    FIREFOX,
    SAFARI,
    "Mozilla/5.0 (Linux; Android 12; CUBOT KINGKONG 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Mobile Safari/537.36 [Pinterest/Android]",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.34.109;FBBV/585000000;FBDV/iPhone14,5]",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
    "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0)",
    "Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)",
    "Twitterbot/1.0",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "WhatsApp/2.23.20.0 A",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; GPTBot/1.2)",
    "Feedfetcher-Google",
    "ia_archiver",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/125.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.32.3",
    "python-httpx/0.27.0",
    "Go-http-client/2.0",
    "",
    "   ",
]


def test_robots_are_told_from_browsers() -> None:
    assert [ua for ua in ROBOTS if not is_robot(ua)] == []
    assert [ua for ua in BROWSERS if is_robot(ua)] == []


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Running:
    storage: Storage
    corpus: Corpus
    counter: ViewCounter
    base: str

    def path(self, key: str) -> str:
        found = self.storage.articles.get(self.corpus.ids[key])
        assert found is not None
        return urls.article(found)

    def read(self, key: str, agent: str = FIREFOX, address: str = "203.0.113.5", **headers: str):
        """GET the article page as a client at `address` (the test server, like `colonnade
        serve`, trusts X-Forwarded-For from 127.0.0.1, where a reverse proxy would be)."""
        sent = {"User-Agent": agent, "X-Forwarded-For": address, **headers}
        response = httpx.get(self.base + self.path(key), headers=sent, timeout=10)
        assert response.status_code == 200
        return response

    def views(self, key: str, day: date) -> int:
        return self.storage.views.count(self.corpus.ids[key], since=day)


@pytest.fixture
def corpus(storage: Storage) -> Corpus:
    return build(storage)


@contextmanager
def running(storage: Storage, corpus: Corpus, clock: Clock | None = None) -> Iterator[Running]:
    """The site on `storage`, its counter on `clock`; leaving it stops the server (which
    flushes the counter). The counter's thread flushes only when told (a day's interval)."""
    app = create_app(storage, Settings(cache_seconds=0))
    counter = ViewCounter(storage, interval=86_400, clock=clock or Clock(datetime.now(UTC)))
    app.state.site.views = counter  # before the server starts, so its lifespan runs this one
    with serving(app) as base:
        yield Running(storage, corpus, counter, base)


def kept(storage: Storage) -> tuple[list[date], list[tuple[date, int]]]:
    """The days whose salt is kept, and the kept (day, visitor id) pairs."""
    with storage.db.read() as conn:
        salts = list(conn.execute(sa.select(view_salts.c.day).order_by("day")).scalars())
        ids = conn.execute(sa.select(view_visitors).order_by("day", "visitor")).all()
    return salts, [(row.day, row.visitor) for row in ids]


def test_a_reader_counts_once_a_day_and_two_readers_twice(storage: Storage, corpus: Corpus) -> None:
    today = datetime.now(UTC).date()
    with running(storage, corpus) as site:
        for _ in range(5):
            site.read("long")
        site.counter.flush()
        site.read("long")  # known to this process: not even queued
        assert site.counter.pending == 0
        site.read("french")  # another article is another view
        site.read("german", address="198.51.100.7")
        site.read("german", address="198.51.100.8")  # two readers
        site.read("german", address="198.51.100.8", agent=SAFARI)  # two behind one address
        site.counter.flush()
        assert [site.views(key, today) for key in ("long", "french", "german")] == [1, 1, 3]
        ranked = httpx.get(site.base + "/api/v1/most-read").json()
        assert [m["views"] for m in ranked] == [3, 1, 1]
        assert kept(storage)[0] == [today]
        assert len(kept(storage)[1]) == 5


def test_robots_prefetches_and_heads_are_not_readers(storage: Storage, corpus: Corpus) -> None:
    today = datetime.now(UTC).date()
    with running(storage, corpus) as site:
        for agent in ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                      "facebookexternalhit/1.1", "curl/8.5.0", ""):  # fmt: skip
            site.read("long", agent=agent)
        httpx.get(site.base + site.path("long"), timeout=10)  # httpx's own agent
        site.read("long", **{"Sec-Purpose": "prefetch"})
        site.read("long", **{"Sec-Purpose": "prefetch;prerender"})
        site.read("long", Purpose="prefetch")
        head = httpx.head(site.base + site.path("long"), headers={"User-Agent": FIREFOX})
        assert head.status_code == 200
        assert site.counter.pending == 0
        site.counter.flush()
        assert site.views("long", today) == 0
        site.read("long")  # the same page, read by a person
        site.counter.flush()
        assert site.views("long", today) == 1


def test_the_next_day_a_reader_counts_again_and_the_old_day_is_forgotten(
    storage: Storage, corpus: Corpus
) -> None:
    clock = Clock(datetime(2024, 6, 1, 23, 59, 50, tzinfo=UTC))
    first, second = date(2024, 6, 1), date(2024, 6, 2)
    with running(storage, corpus, clock) as site:
        site.read("long")
        site.read("long")
        site.counter.flush()
        salts, ids = kept(storage)
        assert salts == [first] and [day for day, _ in ids] == [first]
        clock.now += timedelta(seconds=20)  # past midnight: the thread's next flush...
        site.counter.flush()
        assert kept(storage) == ([second], [])  # ...forgets yesterday, views or none
        site.read("long")
        site.read("long")
        site.counter.flush()
        assert site.views("long", first) == 2  # one view on each day
        assert site.views("long", second) == 1
        salts, new_ids = kept(storage)
        assert salts == [second] and [day for day, _ in new_ids] == [second]
        assert {vid for _, vid in new_ids}.isdisjoint(vid for _, vid in ids)  # a new salt


def test_counts_and_salt_survive_a_restart(storage: Storage, corpus: Corpus) -> None:
    today = datetime.now(UTC).date()
    with running(storage, corpus) as site:
        site.read("long")
        assert site.views("long", today) == 0  # in memory until a flush...
    assert site.views("long", today) == 1  # ...which stopping the server makes
    with running(storage, corpus) as site:  # a new process: nothing in memory
        site.read("long")  # the same reader: recognised by the database
        site.read("long", address="198.51.100.7")
    assert site.views("long", today) == 2


def test_a_view_waits_for_no_lock(storage: Storage, corpus: Corpus) -> None:
    """A page counts its view in memory even while a crawl holds the database's write lock."""
    today = datetime.now(UTC).date()
    with running(storage, corpus) as site:
        site.counter.flush()  # today's salt, as the thread fetches it at start
        with storage.db.write() as conn:
            if storage.dialect == "postgresql":
                conn.execute(sa.text("LOCK TABLE view_visitors, article_views IN EXCLUSIVE MODE"))
            site.read("long")
            assert site.counter.pending == 1
        site.counter.flush()
        assert site.views("long", today) == 1


def test_views_before_the_salt_is_known_are_hashed_at_the_flush(
    storage: Storage, corpus: Corpus
) -> None:
    """At start-up (and just after midnight) views wait for the day's salt in memory; the flush
    hashes them, and only the hashes reach the database."""
    today = datetime.now(UTC).date()
    counter = ViewCounter(storage)  # not started: no salt yet
    reader = Visitor("203.0.113.5", FIREFOX)
    for _ in range(3):
        counter.add(corpus.ids["long"], reader)
    counter.add(corpus.ids["long"], Visitor("203.0.113.6", FIREFOX))
    assert counter.pending == 2
    assert counter.flush() == 1
    assert counter.pending == 0
    assert storage.views.count(corpus.ids["long"], since=today) == 2
    counter.add(corpus.ids["long"], reader)
    assert counter.pending == 0  # hashed on arrival now, and known


def test_a_failed_flush_keeps_the_views_for_the_next_one(storage: Storage, corpus: Corpus) -> None:
    today = datetime.now(UTC).date()
    counter = ViewCounter(storage)
    counter.flush()
    counter.add(corpus.ids["long"], Visitor("203.0.113.5", FIREFOX))
    counter.add(corpus.ids["long"], Visitor("203.0.113.6", FIREFOX))
    with storage.db.write() as conn:
        conn.execute(sa.text("ALTER TABLE view_visitors RENAME TO visitors_elsewhere"))
    assert counter.flush() == 0
    assert counter.pending == 2
    with storage.db.write() as conn:
        conn.execute(sa.text("ALTER TABLE visitors_elsewhere RENAME TO view_visitors"))
    assert counter.flush() == 1
    assert storage.views.count(corpus.ids["long"], since=today) == 2
