"""Fetcher basics against a real server: headers sent, statuses, retries, conditional GET."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from fake_clock import FakeClock
from fetch_servers import RawServer, respond
from pytest_httpserver import HTTPServer

from colonnade.config import Settings
from colonnade.errors import FetchError, GoneError
from colonnade.fetch import Fetcher, RetryPolicy, TransientError, fetch_sync
from colonnade.fetch.retry import parse_retry_after

pytestmark = pytest.mark.anyio

HTML = b"<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>"
PAGE_HEADERS = {"Content-Type": "text/html"}


async def test_fetches_a_page_with_our_user_agent(httpserver: HTTPServer, settings: Settings):
    httpserver.expect_request("/a", headers={"User-Agent": settings.user_agent}).respond_with_data(
        HTML, content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'}
    )
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/a"))
    assert page.status == 200
    assert page.body == HTML
    assert page.url == page.final_url == httpserver.url_for("/a")
    assert page.content_type == "text/html"
    assert page.etag == '"v1"'
    assert page.encoding == "utf-8"
    assert page.fetched_at.tzinfo is not None


async def test_user_agent_is_sent_on_robots_requests_too(raw_server: RawServer, settings):
    raw_server.routes["/robots.txt"] = lambda c: respond(c, 200, b"User-agent: *\nAllow: /\n")
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings.with_(obey_robots=True)) as fetcher:
        await fetcher.fetch(raw_server.url("/p"))
    assert raw_server.paths() == ["/robots.txt", "/p"]
    assert {s.headers["user-agent"] for s in raw_server.seen} == {settings.user_agent}


async def test_conditional_get_returns_304_as_a_page(httpserver: HTTPServer, settings):
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    httpserver.expect_request(
        "/feed", headers={"If-None-Match": '"abc"', "If-Modified-Since": stamp}
    ).respond_with_data(b"", status=304, headers={"ETag": '"abc"'})
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(
            httpserver.url_for("/feed"), etag='"abc"', last_modified=stamp, accept="feed"
        )
    assert page.status == 304
    assert page.not_modified
    assert page.body == b""
    assert page.etag == '"abc"'


async def test_no_conditional_headers_without_validators(raw_server: RawServer, settings):
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings) as fetcher:
        await fetcher.fetch(raw_server.url("/p"))
    sent = raw_server.seen[0].headers
    assert "if-none-match" not in sent
    assert "if-modified-since" not in sent
    assert sent["accept-encoding"] == "gzip, deflate"


async def test_404_raises_fetch_error_without_retrying(httpserver: HTTPServer, settings):
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(httpserver.url_for("/missing"))
    assert caught.value.status == 404
    assert str(caught.value) == f"HTTP 404 Not Found: {httpserver.url_for('/missing')}"
    assert len(httpserver.log) == 1


async def test_410_raises_gone(httpserver: HTTPServer, settings):
    httpserver.expect_request("/old").respond_with_data("", status=410)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(GoneError, match="HTTP 410 Gone"):
            await fetcher.fetch(httpserver.url_for("/old"))


async def test_other_4xx_raise_fetch_error(httpserver: HTTPServer, settings):
    httpserver.expect_request("/private").respond_with_data("", status=403)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(httpserver.url_for("/private"))
    assert caught.value.status == 403
    assert not isinstance(caught.value, GoneError)
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_transient_statuses_are_retried(httpserver: HTTPServer, settings, fast_retry, status):
    httpserver.expect_oneshot_request("/flaky").respond_with_data("busy", status=status)
    httpserver.expect_oneshot_request("/flaky").respond_with_data("busy", status=status)
    httpserver.expect_oneshot_request("/flaky").respond_with_data(HTML, content_type="text/html")
    async with Fetcher(settings, retry=fast_retry) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/flaky"))
    assert page.status == 200
    assert len(httpserver.log) == 3


async def test_retries_run_out_with_a_clear_message(httpserver: HTTPServer, settings, fast_retry):
    httpserver.expect_request("/down").respond_with_data("down", status=503)
    async with Fetcher(settings.with_(retries=2), retry=fast_retry) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(httpserver.url_for("/down"))
    assert str(caught.value) == f"HTTP 503 after 3 tries: {httpserver.url_for('/down')}"
    assert caught.value.status == 503
    assert len(httpserver.log) == 3


async def test_retry_after_seconds_is_honoured(raw_server: RawServer, settings):
    clock = FakeClock(jump=True)
    raw_server.clock = clock
    replies = iter([(429, b"wait", {"Retry-After": "7"}), (200, HTML, PAGE_HEADERS)])
    raw_server.routes["/slow"] = lambda c: respond(c, *next(replies))
    policy = RetryPolicy(backoff_base=0.01, retry_after_cap=60.0)
    async with Fetcher(settings, retry=policy, clock=clock, sleep=clock.sleep) as fetcher:
        page = await fetcher.fetch(raw_server.url("/slow"))
    assert page.status == 200
    assert clock.slept == [7.0]  # the server's pause, not the policy's short backoff
    assert [s.at for s in raw_server.seen] == [0.0, 7.0]


async def test_retry_after_is_capped(raw_server: RawServer, settings):
    clock = FakeClock(jump=True)
    raw_server.clock = clock
    replies = iter([(503, b"", {"Retry-After": "3600"}), (200, HTML, PAGE_HEADERS)])
    raw_server.routes["/x"] = lambda c: respond(c, *next(replies))
    policy = RetryPolicy(backoff_base=0.01, retry_after_cap=20.0)
    async with Fetcher(settings, retry=policy, clock=clock, sleep=clock.sleep) as fetcher:
        page = await fetcher.fetch(raw_server.url("/x"))
    assert page.status == 200
    assert clock.slept == [20.0]
    assert [s.at for s in raw_server.seen] == [0.0, 20.0]


def test_retry_after_parses_seconds_and_http_dates():
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert RetryPolicy(retry_after_cap=60).retry_after("86400") == 60


def test_backoff_grows_with_jitter_and_stays_capped():
    policy = RetryPolicy(backoff_base=1.0, backoff_max=8.0)
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0)]:
        waits = {policy.backoff(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(waits) > 1  # jittered


async def test_network_errors_are_retried(raw_server: RawServer, settings, fast_retry):
    calls = []

    def hang_up_once(conn):
        calls.append(1)
        if len(calls) == 1:
            return  # close without a response
        respond(conn, 200, HTML, {"Content-Type": "text/html"})

    raw_server.routes["/p"] = hang_up_once
    async with Fetcher(settings, retry=fast_retry) as fetcher:
        page = await fetcher.fetch(raw_server.url("/p"))
    assert page.body == HTML
    assert len(calls) == 2


async def test_garbage_response_is_a_fetch_error(raw_server: RawServer, settings, fast_retry):
    raw_server.routes["/p"] = lambda c: c.sendall(b"HELLO THERE\r\n\r\n")
    async with Fetcher(settings, retry=fast_retry) as fetcher:
        with pytest.raises(TransientError) as caught:
            await fetcher.fetch(raw_server.url("/p"))
    message = str(caught.value)
    assert raw_server.url("/p") in message
    assert "after 3 tries" in message
    assert "\n" not in message
    assert not isinstance(caught.value.__cause__, httpx.HTTPError)


async def test_connection_refused_is_a_fetch_error(settings, fast_retry, make_raw_server):
    server = make_raw_server()
    url = server.url("/")
    server.close()
    async with Fetcher(settings.with_(retries=1), retry=fast_retry) as fetcher:
        with pytest.raises(FetchError, match=r"cannot connect to .* \(after 2 tries\)"):
            await fetcher.fetch(url)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http://[::1", ""])
async def test_bad_urls_are_fetch_errors(settings, url):
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError):
            await fetcher.fetch(url)


async def test_fetch_outside_context_manager_is_a_programming_error(httpserver, settings):
    fetcher = Fetcher(settings)
    with pytest.raises(RuntimeError, match="async with"):
        await fetcher.fetch(httpserver.url_for("/"))


def test_fetch_sync(httpserver: HTTPServer, settings):
    body = "<html><body><p>Café</p></body></html>".encode("cp1252")
    httpserver.expect_request("/s").respond_with_data(
        body, content_type="text/html; charset=windows-1252"
    )
    page = fetch_sync(httpserver.url_for("/s"), settings)
    assert page.body == body
    assert page.encoding == "cp1252"
    assert page.body.decode(page.encoding) == "<html><body><p>Café</p></body></html>"
