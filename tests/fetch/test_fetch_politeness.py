"""Per-host and global concurrency, delays between request starts, Crawl-delay.

No test here reads the wall clock. Concurrency is counted by the servers at each arrival while a
gate holds every request open; delays run on a fake clock, so a request that starts too early
shows as a wrong count or a wrong (fake) start time, never as a race against real seconds.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from fake_clock import FakeClock, eventually
from fetch_servers import InFlight, RawServer, Route, respond

from colonnade.fetch import Fetcher
from colonnade.fetch.politeness import Politeness, origin_of

pytestmark = pytest.mark.anyio

HTML = b"<html><body><p>ok</p></body></html>"


def _page(conn) -> None:
    respond(conn, 200, HTML, {"Content-Type": "text/html"})


def _held_page(server: RawServer, gate: threading.Event) -> Route:
    """A page that answers only once the test opens the gate (or the server closes)."""

    def route(conn) -> None:
        while not gate.is_set() and not server.stop.is_set():
            gate.wait(0.05)
        _page(conn)

    return route


def _starts(server: RawServer, path: str) -> list[float]:
    return [s.at for s in server.seen if s.path == path]


def test_origin_spells_out_the_default_port():
    assert origin_of("https://Example.org/a?b") == "https://example.org:443"
    assert origin_of("http://example.org:8080/") == "http://example.org:8080"
    assert origin_of("http://[::1]/") == "http://[::1]:80"


async def test_per_host_concurrency_is_a_ceiling(raw_server: RawServer, settings):
    gate = threading.Event()
    raw_server.routes["/p"] = _held_page(raw_server, gate)
    origin = origin_of(raw_server.url())
    async with Fetcher(settings.with_(per_host_concurrency=2, concurrency=10)) as fetcher:
        tasks = [asyncio.create_task(fetcher.fetch(raw_server.url("/p"))) for _ in range(5)]
        try:
            # Not needlessly serialised: two reach the server together...
            await eventually(lambda: raw_server.in_flight.now >= 2, "two requests in flight")
            # ...and no third has left the limiter while both are held open.
            assert fetcher.politeness.started(origin) == 2
        finally:
            gate.set()
        await asyncio.gather(*tasks)
    assert raw_server.in_flight.peak == 2
    assert fetcher.politeness.started(origin) == len(raw_server.seen) == 5


async def test_global_concurrency_spans_hosts(make_raw_server, settings):
    gate = threading.Event()
    counted = InFlight()  # one count over the three hosts
    servers = [make_raw_server(in_flight=counted) for _ in range(3)]
    for server in servers:
        server.routes["/p"] = _held_page(server, gate)
    async with Fetcher(settings.with_(per_host_concurrency=3, concurrency=2)) as fetcher:
        tasks = [asyncio.create_task(fetcher.fetch(s.url("/p"))) for s in servers for _ in range(2)]
        try:
            await eventually(lambda: counted.now >= 2, "two requests in flight")
            assert sum(fetcher.politeness.started(origin_of(s.url())) for s in servers) == 2
        finally:
            gate.set()
        await asyncio.gather(*tasks)
    assert counted.peak == 2
    assert sum(len(s.seen) for s in servers) == 6


async def test_delay_between_request_starts_to_one_host(raw_server: RawServer, settings):
    clock = FakeClock()
    raw_server.clock = clock
    raw_server.routes["/p"] = _page
    origin = origin_of(raw_server.url())
    fetcher = Fetcher(
        settings.with_(per_host_delay=2.0, per_host_concurrency=4), clock=clock, sleep=clock.sleep
    )
    async with fetcher:
        tasks = [asyncio.create_task(fetcher.fetch(raw_server.url("/p"))) for _ in range(4)]
        for started in range(1, 5):
            await eventually(lambda n=started: len(raw_server.seen) == n, f"request {started}")
            await eventually(lambda n=started: clock.sleeping == 4 - n, "the rest asleep")
            clock.advance(1.5)  # not yet: nobody may start before the delay is over
            assert fetcher.politeness.started(origin) == started
            clock.advance(0.5)
        await asyncio.gather(*tasks)
    assert _starts(raw_server, "/p") == [0.0, 2.0, 4.0, 6.0]


async def test_delay_does_not_hold_up_other_hosts(make_raw_server, settings):
    clock = FakeClock()
    slow, other = make_raw_server(), make_raw_server()
    for server in (slow, other):
        server.routes["/p"] = _page
    settings = settings.with_(per_host_delay=5.0, concurrency=1)
    async with Fetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        await fetcher.fetch(slow.url("/p"))
        # The second request to `slow` sleeps out its delay without taking the one global place.
        second = asyncio.create_task(fetcher.fetch(slow.url("/p")))
        await eventually(lambda: clock.sleeping == 1, "the second request asleep")
        await asyncio.wait_for(fetcher.fetch(other.url("/p")), timeout=10)
        assert not second.done()
        assert slow.paths() == ["/p"] and other.paths() == ["/p"]
        clock.advance(5.0)
        await second
    assert slow.paths() == ["/p", "/p"]
    assert clock.now == 5.0


async def test_waiting_for_the_global_place_does_not_skip_the_delay(make_raw_server, settings):
    clock = FakeClock()
    gate = threading.Event()
    busy, host = make_raw_server(), make_raw_server(in_flight=InFlight())
    busy.routes["/p"] = _held_page(busy, gate)
    host.clock = clock
    host.routes["/p"] = _page
    settings = settings.with_(per_host_delay=2.0, per_host_concurrency=2, concurrency=1)
    async with Fetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        holder = asyncio.create_task(fetcher.fetch(busy.url("/p")))
        try:
            await eventually(lambda: busy.in_flight.now == 1, "the one global place taken")
            # Both requests to `host` find its delay over and queue for the global place.
            queued = [asyncio.create_task(fetcher.fetch(host.url("/p"))) for _ in range(2)]
            await asyncio.sleep(0)
        finally:
            gate.set()
        await holder
        # The first starts; the second, given the place next, must still wait out the delay.
        await eventually(lambda: clock.sleeping == 1 or len(host.seen) == 2, "the second queued")
        assert host.paths() == ["/p"]
        clock.advance(2.0)
        await asyncio.gather(*queued)
    assert _starts(host, "/p") == [0.0, 2.0]


async def test_crawl_delay_from_robots_is_honoured(raw_server: RawServer, settings):
    clock = FakeClock(jump=True)
    raw_server.clock = clock
    robots = b"User-agent: *\nCrawl-delay: 3\n"
    raw_server.routes["/robots.txt"] = lambda c: respond(c, 200, robots)
    raw_server.routes["/p"] = _page
    settings = settings.with_(obey_robots=True, per_host_delay=0.5)
    async with Fetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        for _ in range(3):
            await fetcher.fetch(raw_server.url("/p"))
    # robots.txt at 0 under the setting's 0.5 s; the pages 3 s apart, as robots.txt asks.
    assert _starts(raw_server, "/robots.txt") == [0.0]
    assert _starts(raw_server, "/p") == [0.5, 3.5, 6.5]


async def test_defer_pauses_a_host():
    clock = FakeClock()
    politeness = Politeness(
        concurrency=4, per_host_concurrency=4, per_host_delay=0.0, clock=clock, sleep=clock.sleep
    )
    politeness.defer("http://h:80", 3.0)

    async def take(origin: str) -> None:
        async with politeness.slot(origin):
            pass

    await asyncio.wait_for(take("http://other:80"), timeout=10)  # other hosts are not paused
    paused = asyncio.create_task(take("http://h:80"))
    await eventually(lambda: clock.sleeping == 1, "the paused host's request asleep")
    clock.advance(2.5)
    await asyncio.sleep(0)
    assert not paused.done() and politeness.started("http://h:80") == 0
    clock.advance(0.5)
    await asyncio.wait_for(paused, timeout=10)
    assert politeness.started("http://h:80") == 1
