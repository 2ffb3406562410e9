"""The administration API: token rules, adding a source by discovery, removing it, and a
crawl started in the background that fills the site."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.store import Storage, open_storage
from colonnade.web.app import create_app

from .webserver import serving

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENDPOINTS = [
    ("POST", "/api/v1/admin/sources", {"url": "https://example.org/"}),
    ("DELETE", "/api/v1/admin/sources/anything", None),
    ("POST", "/api/v1/admin/crawl", None),
    ("GET", "/api/v1/admin/crawl", None),
]
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Opinion</title>
<link>{base}/</link><item><title>One</title><link>{base}/one</link></item></channel></rss>"""


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    opened = open_storage(f"sqlite:///{tmp_path / 'admin.db'}")
    try:
        yield opened
    finally:
        opened.close()


def admin_settings(**changes: object) -> Settings:
    return Settings(
        admin_token=TOKEN,
        allow_private_addresses=True,
        per_host_delay=0.0,
        retries=0,
        extract_workers=1,
        cache_seconds=0,
    ).with_(**changes)


def call(
    client: httpx.Client, method: str, path: str, body: object, **kw: object
) -> httpx.Response:
    return client.request(method, path, json=body, **kw)  # type: ignore[arg-type]


def test_without_a_token_administration_is_disabled(storage: Storage) -> None:
    with serving(create_app(storage, Settings())) as base, httpx.Client(base_url=base) as client:
        for method, path, body in ENDPOINTS:
            response = call(client, method, path, body, headers=AUTH)
            assert response.status_code == 403, path
            assert "administration disabled" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
)
def test_a_missing_or_wrong_token_is_refused(storage: Storage, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    with (
        serving(create_app(storage, admin_settings())) as base,
        httpx.Client(base_url=base) as client,
    ):
        for method, path, body in ENDPOINTS:
            response = call(client, method, path, body, headers=headers)
            assert response.status_code == 401, (path, header)
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.headers["cache-control"] == "no-store"
    assert storage.list_publications() == []


def test_add_a_source_by_discovery_then_remove_it(storage: Storage, httpserver: HTTPServer) -> None:
    base_url = httpserver.url_for("").rstrip("/")
    homepage = (
        '<html lang="en"><head><title>Test Opinion</title>'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        "<body>Hello</body></html>"
    )
    httpserver.expect_request("/").respond_with_data(homepage, content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(
        FEED.format(base=base_url), content_type="application/rss+xml"
    )
    with (
        serving(create_app(storage, admin_settings())) as base,
        httpx.Client(base_url=base, headers=AUTH, timeout=30) as client,
    ):
        added = client.post(
            "/api/v1/admin/sources",
            json={"url": base_url + "/", "name": "Test Opinion", "country": "ie", "language": "en"},
        )
        assert added.status_code == 201, added.text
        body = added.json()
        assert body["publication"]["name"] == "Test Opinion"
        assert body["publication"]["country"] == "IE"
        assert body["feeds"] == [
            {"url": base_url + "/feed.xml", "kind": "rss", "title": "Test Opinion"}
        ]
        slug = body["publication"]["slug"]
        assert client.get(f"/publications/{slug}").status_code == 200
        removed = client.delete(f"/api/v1/admin/sources/{slug}")
        assert removed.status_code == 200 and removed.json()["slug"] == slug
        assert client.get(f"/publications/{slug}").status_code == 404
        assert client.delete(f"/api/v1/admin/sources/{slug}").status_code == 404
    assert storage.list_publications() == []


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"url": "ftp://example.org/"}, 400, "http(s)"),
        ({"url": "https://example.org/", "country": "Ireland"}, 400, "two-letter"),
        ({"name": "no url"}, 400, "url"),
    ],
)
def test_bad_source_requests_are_400s(
    storage: Storage, body: dict[str, str], status: int, words: str
) -> None:
    with serving(create_app(storage, admin_settings())) as base:
        response = httpx.post(base + "/api/v1/admin/sources", json=body, headers=AUTH)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_a_site_without_feeds_is_a_422(storage: Storage, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        "<html><body>No feeds</body></html>", content_type="text/html"
    )
    with serving(create_app(storage, admin_settings())) as base:
        response = httpx.post(
            base + "/api/v1/admin/sources",
            json={"url": httpserver.url_for("/")},
            headers=AUTH,
            timeout=30,
        )
    assert response.status_code == 422
    assert "no feed" in response.json()["detail"]


def test_a_crawl_runs_in_the_background_and_fills_the_site(storage: Storage) -> None:
    # A delay per host keeps the crawl running long enough to see a second start refused.
    settings = admin_settings(per_host_delay=0.15)
    with DemoServer(build_web()) as demo:
        served = demo.publications[0]
        assert served.feed_url is not None
        publication = storage.add_publication(
            served.name, served.homepage_url, country=served.country, language=served.language
        )
        storage.add_feed(publication.id, served.feed_url)
        app = create_app(storage, settings)
        with serving(app) as base, httpx.Client(base_url=base, headers=AUTH) as client:
            started = client.post("/api/v1/admin/crawl")
            assert started.status_code == 202 and started.json()["running"] is True
            again = client.post("/api/v1/admin/crawl")
            assert again.status_code == 409
            deadline = time.monotonic() + 60
            while client.get("/api/v1/admin/crawl").json()["running"]:
                assert time.monotonic() < deadline, "the crawl did not finish"
                time.sleep(0.1)
            status = client.get("/api/v1/admin/crawl").json()
            assert status["error"] is None and status["report"]["articles_new"] > 0
            listed = client.get("/api/v1/articles", params={"limit": 100}).json()["items"]
    assert len(listed) == status["report"]["articles_new"]
    assert {item["publication"]["name"] for item in listed} == {served.name}
