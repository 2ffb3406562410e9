"""Per-host and global concurrency, delays between request starts, Crawl-delay."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from fetch_servers import RawServer, respond

from colonnade.fetch import Fetcher
from colonnade.fetch.politeness import Politeness, origin_of

pytestmark = pytest.mark.anyio

HTML = b"<html><body><p>ok</p></body></html>"


def _slow_page(server: RawServer, seconds: float):
    def route(conn):
        server.pause(seconds)
        respond(conn, 200, HTML, {"Content-Type": "text/html"})

    return route


def _gaps(server: RawServer, path: str) -> list[float]:
    starts = sorted(s.at for s in server.seen if s.path == path)
    return [b - a for a, b in itertools.pairwise(starts)]


def test_origin_spells_out_the_default_port():
    assert origin_of("https://Example.org/a?b") == "https://example.org:443"
    assert origin_of("http://example.org:8080/") == "http://example.org:8080"
    assert origin_of("http://[::1]/") == "http://[::1]:80"


async def test_per_host_concurrency_is_a_ceiling(raw_server: RawServer, settings):
    raw_server.routes["/p"] = _slow_page(raw_server, 0.2)
    async with Fetcher(settings.with_(per_host_concurrency=2, concurrency=10)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(raw_server.url("/p")) for _ in range(5)))
    assert raw_server.max_in_flight == 2  # not more, and not needlessly serialised either


async def test_global_concurrency_spans_hosts(make_raw_server, settings):
    servers = [make_raw_server() for _ in range(3)]
    for server in servers:
        server.routes["/p"] = _slow_page(server, 0.2)
    in_flight = {"now": 0, "max": 0}

    async def fetch(fetcher, url):
        # Count from the server side: the sum over servers of requests being handled.
        await fetcher.fetch(url)

    async with Fetcher(settings.with_(per_host_concurrency=3, concurrency=2)) as fetcher:
        tasks = [fetch(fetcher, s.url("/p")) for s in servers for _ in range(2)]
        watcher_stop = asyncio.Event()

        async def watch():
            while not watcher_stop.is_set():
                now = sum(s.in_flight for s in servers)
                in_flight["max"] = max(in_flight["max"], now)
                await asyncio.sleep(0.01)

        watcher = asyncio.create_task(watch())
        await asyncio.gather(*tasks)
        watcher_stop.set()
        await watcher
    assert in_flight["max"] == 2
    assert sum(len(s.seen) for s in servers) == 6


async def test_delay_between_request_starts_to_one_host(raw_server: RawServer, settings):
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings.with_(per_host_delay=0.2, per_host_concurrency=4)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(raw_server.url("/p")) for _ in range(4)))
    gaps = _gaps(raw_server, "/p")
    assert len(gaps) == 3
    assert min(gaps) >= 0.17  # server-side arrival times jitter by a few ms


async def test_delay_does_not_hold_up_other_hosts(make_raw_server, settings):
    slow, other = make_raw_server(), make_raw_server()
    for server in (slow, other):
        server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings.with_(per_host_delay=0.5, concurrency=1)) as fetcher:
        await fetcher.fetch(slow.url("/p"))
        loop = asyncio.get_running_loop()
        started = loop.time()
        # The second request to `slow` sleeps out its delay without taking the one global place.
        second = asyncio.create_task(fetcher.fetch(slow.url("/p")))
        await asyncio.sleep(0.01)
        await fetcher.fetch(other.url("/p"))
        assert loop.time() - started < 0.45  # not the 0.5 s delay of the other host
        await second


async def test_crawl_delay_from_robots_is_honoured(raw_server: RawServer, settings):
    robots = b"User-agent: *\nCrawl-delay: 0.3\n"
    raw_server.routes["/robots.txt"] = lambda c: respond(c, 200, robots)
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings.with_(obey_robots=True, per_host_delay=0.01)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(raw_server.url("/p")) for _ in range(3)))
    assert min(_gaps(raw_server, "/p")) >= 0.27


async def test_defer_pauses_a_host():
    politeness = Politeness(concurrency=4, per_host_concurrency=4, per_host_delay=0.0)
    loop = asyncio.get_running_loop()
    politeness.defer("http://h:80", 0.3)
    started = loop.time()
    async with politeness.slot("http://other:80"):
        assert loop.time() - started < 0.2  # other hosts are not paused
    async with politeness.slot("http://h:80"):
        assert loop.time() - started >= 0.29
    assert politeness.started("http://h:80") == 1
