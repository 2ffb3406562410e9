"""robots.txt: obeyed, cached per origin with a TTL, cut at 500 KiB; a 5xx disallows the site."""

from __future__ import annotations

import asyncio
import gzip
import logging

import pytest
from fake_clock import FakeClock
from fetch_servers import RawServer, respond
from pytest_httpserver import HTTPServer

from colonnade.errors import RobotsDisallowed
from colonnade.fetch import Fetcher
from colonnade.fetch.robots import agent_token

pytestmark = pytest.mark.anyio

HTML = b"<html><body><p>ok</p></body></html>"
ROBOTS = """
User-agent: *
Disallow: /private/

User-agent: ColonnadeTest
Disallow: /no-bots/
Crawl-delay: 0.25

Sitemap: https://example.org/sitemap.xml
Sitemap: /news-sitemap.xml.gz
"""


@pytest.fixture
def robots_settings(settings):
    return settings.with_(obey_robots=True)


def _serve(httpserver: HTTPServer, robots: str | None = ROBOTS, status: int = 200) -> None:
    if robots is not None:
        httpserver.expect_request("/robots.txt").respond_with_data(
            robots, status=status, content_type="text/plain"
        )
    httpserver.expect_request("/page").respond_with_data(HTML, content_type="text/html")
    for path in ("/private/x", "/no-bots/x", "/page2"):
        httpserver.expect_request(path).respond_with_data(HTML, content_type="text/html")


def _paths(httpserver: HTTPServer) -> list[str]:
    return [request.path for request, _ in httpserver.log]


def test_agent_token_is_the_product_name():
    assert agent_token("Colonnade/0.1 (+https://github.com/colonnade/colonnade)") == "colonnade"
    assert agent_token("MyBot") == "mybot"


async def test_disallowed_url_is_refused_without_a_request(httpserver, robots_settings):
    _serve(httpserver)
    async with Fetcher(robots_settings) as fetcher:
        with pytest.raises(RobotsDisallowed) as caught:
            await fetcher.fetch(httpserver.url_for("/no-bots/x"))
    assert str(caught.value) == f"robots.txt disallows {httpserver.url_for('/no-bots/x')}"
    assert _paths(httpserver) == ["/robots.txt"]


async def test_our_group_wins_over_the_star_group(httpserver, robots_settings):
    _serve(httpserver)
    async with Fetcher(robots_settings) as fetcher:
        # /private/ is only disallowed for "*", and our own group replaces it.
        page = await fetcher.fetch(httpserver.url_for("/private/x"))
    assert page.status == 200


async def test_obey_robots_off_ignores_the_rules(httpserver, settings):
    _serve(httpserver)
    async with Fetcher(settings.with_(obey_robots=False, per_host_delay=0.0)) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/no-bots/x"))
    assert page.status == 200
    assert "/robots.txt" not in _paths(httpserver)


async def test_robots_is_fetched_once_per_origin(httpserver, robots_settings):
    _serve(httpserver, "User-agent: *\nAllow: /\n")
    async with Fetcher(robots_settings) as fetcher:
        await asyncio.gather(*(fetcher.fetch(httpserver.url_for("/page")) for _ in range(4)))
        await fetcher.fetch(httpserver.url_for("/page2"))
    assert _paths(httpserver).count("/robots.txt") == 1
    assert _paths(httpserver).count("/page") == 4


async def test_robots_cache_expires(httpserver, robots_settings):
    _serve(httpserver, "User-agent: *\nAllow: /\n")
    clock = FakeClock()
    async with Fetcher(robots_settings, clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.robots.ttl = 60.0
        await fetcher.fetch(httpserver.url_for("/page"))
        clock.advance(59.0)
        await fetcher.fetch(httpserver.url_for("/page"))
        assert _paths(httpserver).count("/robots.txt") == 1
        clock.advance(1.0)
        await fetcher.fetch(httpserver.url_for("/page"))
    assert _paths(httpserver).count("/robots.txt") == 2


async def test_other_ports_are_other_origins(make_raw_server, robots_settings):
    servers = [make_raw_server(), make_raw_server()]
    for server in servers:
        server.routes["/robots.txt"] = lambda c: respond(c, 200, b"User-agent: *\nAllow: /\n")
        server.routes["/page"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(robots_settings) as fetcher:
        for server in servers:
            await fetcher.fetch(server.url("/page"))
    assert [s.paths() for s in servers] == [["/robots.txt", "/page"]] * 2


@pytest.mark.parametrize("status", [404, 403, 401])
async def test_missing_robots_allows_everything(httpserver, robots_settings, status):
    _serve(httpserver, "User-agent: *\nDisallow: /\n", status=status)
    async with Fetcher(robots_settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/page"))
    assert page.status == 200


@pytest.mark.parametrize("status", [500, 503])
async def test_robots_server_error_disallows_the_site(
    raw_server: RawServer, robots_settings, caplog, status
):
    raw_server.routes["/robots.txt"] = lambda c: respond(c, status, b"oops")
    raw_server.routes["/page"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    url = raw_server.url("/page")
    with caplog.at_level(logging.WARNING, logger="colonnade.fetch.robots"):
        async with Fetcher(robots_settings) as fetcher:
            with pytest.raises(RobotsDisallowed) as caught:
                await fetcher.fetch(url)
    assert str(caught.value) == (
        f"robots.txt disallows {url}: the site's robots.txt answered HTTP {status}, "
        "so nothing there is fetched until it can be read"
    )
    assert caught.value.status == status  # a 5xx: the crawl tries the URL again on a later pass
    assert raw_server.paths() == ["/robots.txt"]  # robots.txt itself is not retried
    assert any(f"HTTP {status}" in r.getMessage() for r in caplog.records)


async def test_robots_server_error_is_asked_again_after_failure_ttl(
    raw_server: RawServer, robots_settings
):
    raw_server.routes["/robots.txt"] = lambda c: respond(c, 503, b"oops")
    raw_server.routes["/page"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    clock = FakeClock()
    async with Fetcher(robots_settings, clock=clock, sleep=clock.sleep) as fetcher:
        with pytest.raises(RobotsDisallowed):
            await fetcher.fetch(raw_server.url("/page"))
        raw_server.routes["/robots.txt"] = lambda c: respond(c, 200, b"User-agent: *\nAllow: /\n")
        clock.advance(fetcher.robots.failure_ttl - 1.0)
        with pytest.raises(RobotsDisallowed):
            await fetcher.fetch(raw_server.url("/page"))
        clock.advance(1.0)
        page = await fetcher.fetch(raw_server.url("/page"))
    assert page.body == HTML
    assert raw_server.paths() == ["/robots.txt", "/robots.txt", "/page"]


def _oversize_robots() -> bytes:
    """A robots.txt of over 600 KB: one rule at the start, one ending just within the first
    512,000 bytes (RFC 9309's 500 KiB), one beyond them."""
    head = b"User-agent: *\nDisallow: /early/\n"
    middle = b"Disallow: /middle/\n"
    padding = b"# " + b"x" * 97 + b"\n"  # 100-byte comment lines
    body = head + padding * ((512_000 - len(head) - len(middle)) // len(padding))
    body += middle
    assert len(body) <= 512_000
    return body + padding * 1_000 + b"Disallow: /late/\n"


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
async def test_oversize_robots_is_obeyed_in_its_first_500_kib(
    raw_server: RawServer, robots_settings, encoding
):
    body = _oversize_robots()
    headers = {"Content-Type": "text/plain"}
    if encoding == "gzip":
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    raw_server.routes["/robots.txt"] = lambda c: respond(c, 200, body, headers)
    for path in ("/early/x", "/middle/x", "/late/x"):
        raw_server.routes[path] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(robots_settings) as fetcher:  # max_body_bytes is 100,000 here
        for path in ("/early/x", "/middle/x"):
            with pytest.raises(RobotsDisallowed):
                await fetcher.fetch(raw_server.url(path))
        page = await fetcher.fetch(raw_server.url("/late/x"))  # its rule is past the cut
    assert page.body == HTML
    assert raw_server.paths() == ["/robots.txt", "/late/x"]


async def test_unreachable_robots_allows_and_logs(raw_server: RawServer, robots_settings, caplog):
    raw_server.routes["/robots.txt"] = lambda c: None  # hang up without answering
    raw_server.routes["/page"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    with caplog.at_level(logging.WARNING, logger="colonnade.fetch.robots"):
        async with Fetcher(robots_settings) as fetcher:
            page = await fetcher.fetch(raw_server.url("/page"))
    assert page.body == HTML
    assert any("robots.txt unavailable" in r.getMessage() for r in caplog.records)


async def test_robots_redirect_is_followed(httpserver, robots_settings):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=301, headers={"Location": "/real-robots.txt"}
    )
    httpserver.expect_request("/real-robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    async with Fetcher(robots_settings) as fetcher:
        with pytest.raises(RobotsDisallowed):
            await fetcher.fetch(httpserver.url_for("/page"))


async def test_robots_sitemaps(httpserver, settings):
    _serve(httpserver)
    async with Fetcher(settings) as fetcher:  # listed even when robots are not obeyed
        sitemaps = await fetcher.robots_sitemaps(httpserver.url_for("/any/page"))
    assert sitemaps == [
        "https://example.org/sitemap.xml",
        httpserver.url_for("/news-sitemap.xml.gz"),
    ]


async def test_robots_sitemaps_without_robots(httpserver, settings):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    async with Fetcher(settings) as fetcher:
        assert await fetcher.robots_sitemaps(httpserver.url_for("/")) == []
