"""Redirects are followed by hand, hop by hop, each hop checked."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from colonnade.errors import FetchError, RobotsDisallowed
from colonnade.fetch import Fetcher

pytestmark = pytest.mark.anyio

HTML = b"<html><body><p>final</p></body></html>"


def _redirect(httpserver: HTTPServer, path: str, location: str, status: int = 301) -> None:
    httpserver.expect_request(path).respond_with_data(
        "", status=status, headers={"Location": location}
    )


async def test_follows_a_chain_and_reports_the_final_url(httpserver: HTTPServer, settings):
    _redirect(httpserver, "/a", httpserver.url_for("/b"), 301)
    _redirect(httpserver, "/b", "/c", 302)  # relative Location
    _redirect(httpserver, "/c", "d?x=1", 307)  # relative to the path
    httpserver.expect_request("/d").respond_with_data(HTML, content_type="text/html")
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/a"))
    assert page.url == httpserver.url_for("/a")
    assert page.final_url == httpserver.url_for("/d") + "?x=1"
    assert page.body == HTML
    assert [r.path for r, _ in httpserver.log] == ["/a", "/b", "/c", "/d"]


async def test_conditional_headers_go_to_every_hop(httpserver: HTTPServer, settings):
    _redirect(httpserver, "/feed", "/feed.xml", 308)
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"e"'}).respond_with_data(
        "", status=304
    )
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/feed"), etag='"e"', accept="feed")
    assert page.status == 304
    assert page.final_url == httpserver.url_for("/feed.xml")


async def test_redirect_loop_is_detected(httpserver: HTTPServer, settings):
    _redirect(httpserver, "/a", "/b")
    _redirect(httpserver, "/b", "/a")
    async with Fetcher(settings.with_(max_redirects=10)) as fetcher:
        with pytest.raises(FetchError, match=r"^redirect loop: .*/b -> .*/a \(from .*/a\)$"):
            await fetcher.fetch(httpserver.url_for("/a"))
    assert len(httpserver.log) == 2  # stopped at the loop, not after max_redirects


async def test_too_many_redirects(httpserver: HTTPServer, settings):
    for i in range(5):
        _redirect(httpserver, f"/{i}", f"/{i + 1}")
    httpserver.expect_request("/5").respond_with_data(HTML, content_type="text/html")
    async with Fetcher(settings.with_(max_redirects=3)) as fetcher:
        with pytest.raises(FetchError, match="more than 3 redirects from"):
            await fetcher.fetch(httpserver.url_for("/0"))
    assert len(httpserver.log) == 4
    async with Fetcher(settings.with_(max_redirects=5)) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/0"))
    assert page.final_url == httpserver.url_for("/5")


async def test_redirect_without_location(httpserver: HTTPServer, settings):
    httpserver.expect_request("/a").respond_with_data("", status=302)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="redirect without a Location"):
            await fetcher.fetch(httpserver.url_for("/a"))


async def test_redirect_to_another_scheme_is_refused(httpserver: HTTPServer, settings):
    _redirect(httpserver, "/a", "file:///etc/passwd")
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="refusing file URL"):
            await fetcher.fetch(httpserver.url_for("/a"))


async def test_every_hop_is_checked_against_robots(httpserver: HTTPServer, settings):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    _redirect(httpserver, "/public", "/private/page")
    async with Fetcher(settings.with_(obey_robots=True)) as fetcher:
        with pytest.raises(RobotsDisallowed, match=r"robots.txt disallows .*/private/page"):
            await fetcher.fetch(httpserver.url_for("/public"))
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt", "/public"]
