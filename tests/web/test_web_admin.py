"""The administration API: token rules, and requests that are checked and recorded as jobs
(the site itself changes nothing: tests/cli/test_worker.py runs the jobs)."""

from __future__ import annotations

import httpx
import pytest
from pytest_httpserver import HTTPServer

from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web.app import create_app

from .webserver import serving

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENDPOINTS = [
    ("POST", "/api/v1/admin/sources", {"url": "https://example.org/"}),
    ("DELETE", "/api/v1/admin/sources/anything", None),
    ("POST", "/api/v1/admin/crawl", None),
    ("GET", "/api/v1/admin/jobs", None),
    ("GET", "/api/v1/admin/jobs/1", None),
    ("GET", "/api/v1/admin/columnists", None),
]


def admin_settings(**changes: object) -> Settings:
    return Settings(admin_token=TOKEN, cache_seconds=0).with_(**changes)


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
    assert storage.jobs.recent() == []


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
    assert storage.jobs.recent() == []


def test_adding_a_source_records_a_job_and_fetches_nothing(
    storage: Storage, httpserver: HTTPServer
) -> None:
    homepage = httpserver.url_for("/")
    with (
        serving(create_app(storage, admin_settings())) as base,
        httpx.Client(base_url=base, headers=AUTH) as client,
    ):
        body = {"url": f" {homepage} ", "name": "Test Opinion", "country": "ie", "language": "EN"}
        added = client.post("/api/v1/admin/sources", json=body)
        assert added.status_code == 202, added.text
        job = added.json()
        assert (job["kind"], job["state"], job["attempts"]) == ("add_source", "pending", 0)
        assert job["params"] == {
            "url": homepage,
            "name": "Test Opinion",
            "country": "IE",
            "language": "en",
        }
        assert job["result"] is None and job["error"] is None
        assert job["status_url"] == f"/api/v1/admin/jobs/{job['id']}"
        assert added.headers["location"] == job["status_url"]
        status = client.get(job["status_url"])
        assert status.status_code == 200 and status.json() == job
        # Asked again before a worker took it: the same job, not a second one.
        assert client.post("/api/v1/admin/sources", json=body).json()["id"] == job["id"]
    assert httpserver.log == []  # the site itself never fetches
    assert storage.publications.all() == []


def test_removing_a_source_records_a_job_for_a_source_that_exists(storage: Storage) -> None:
    storage.publications.add("The Daily", "https://daily.example/")
    slug = storage.publications.all()[0].slug
    with (
        serving(create_app(storage, admin_settings())) as base,
        httpx.Client(base_url=base, headers=AUTH) as client,
    ):
        missing = client.delete("/api/v1/admin/sources/no-such-paper")
        assert missing.status_code == 404 and "no source" in missing.json()["detail"]
        removed = client.delete(f"/api/v1/admin/sources/{slug}")
        assert removed.status_code == 202, removed.text
        assert removed.json()["kind"] == "remove_source"
        assert removed.json()["params"] == {"slug": slug}
        assert client.get(f"/publications/{slug}").status_code == 200  # until a worker runs it
    assert [p.slug for p in storage.publications.all()] == [slug]


def test_a_crawl_is_a_job_and_jobs_are_listed_newest_first(storage: Storage) -> None:
    with (
        serving(create_app(storage, admin_settings())) as base,
        httpx.Client(base_url=base, headers=AUTH) as client,
    ):
        plain = client.post("/api/v1/admin/crawl")
        forced = client.post("/api/v1/admin/crawl", params={"force": "true"})
        assert plain.status_code == forced.status_code == 202
        assert plain.json()["params"] == {"force": False}
        assert forced.json()["params"] == {"force": True}
        listed = client.get("/api/v1/admin/jobs").json()
        assert [j["id"] for j in listed] == [forced.json()["id"], plain.json()["id"]]
        assert client.get("/api/v1/admin/jobs", params={"limit": 1}).json() == listed[:1]
        assert client.get("/api/v1/admin/jobs/9999").status_code == 404
        assert client.get("/api/v1/admin/jobs/nine").status_code == 400


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"url": "ftp://example.org/"}, "http(s)"),
        ({"url": "https:///no-host"}, "http(s)"),
        ({"url": "https://example.org/", "country": "Ireland"}, "two-letter"),
        ({"url": "https://example.org/", "language": "english"}, "two-letter"),
        ({"name": "no url"}, "url"),
    ],
)
def test_bad_source_requests_are_one_line_400s(
    storage: Storage, body: dict[str, str], words: str
) -> None:
    with serving(create_app(storage, admin_settings())) as base:
        response = httpx.post(base + "/api/v1/admin/sources", json=body, headers=AUTH)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert words in detail and "\n" not in detail
    assert storage.jobs.recent() == []
