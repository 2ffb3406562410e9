"""The administration API under attack, against the real app served by uvicorn on 127.0.0.1:
the token is checked before a body is read, bodies are bounded on every route, and failed
logins are logged and rate-limited per client address."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from colonnade.config import Settings
from colonnade.store import Storage, open_storage
from colonnade.web.app import create_app
from colonnade.web.routes.admin import FailedLogins

from .webserver import serving

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SOURCES = "/api/v1/admin/sources"
CHUNK = b" " * 65_536  # whitespace: a valid start of a JSON body, however long


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    """SQLite only: none of this touches the database beyond opening it."""
    opened = open_storage(f"sqlite:///{tmp_path / 'colonnade.db'}")
    try:
        yield opened
    finally:
        opened.close()


class Counted:
    """The app, counting the body bytes the server hands it (outside every middleware)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.received = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def counted() -> Any:
            message = await receive()
            self.received += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


class Upload:
    """A streamed request body of `total` bytes, counting what the client managed to send."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        while self.sent < self.total:
            self.sent += len(CHUNK)
            yield CHUNK


def settings(**changes: object) -> Settings:
    return Settings(admin_token=TOKEN, cache_seconds=0).with_(**changes)


def test_a_large_body_without_a_token_is_refused_unread(storage: Storage) -> None:
    total = 200 * 1024 * 1024
    app = Counted(create_app(storage, settings(max_request_bytes=total * 2)))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:  # type: ignore[arg-type]
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            upload = Upload(total)
            response = client.post(
                SOURCES, content=upload, headers={**headers, "Content-Type": "application/json"}
            )
            assert response.status_code == 401
            assert response.json() == {
                "detail": "a valid 'Authorization: Bearer <admin token>' is required"
            }
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.headers["cache-control"] == "no-store"
            # The server stopped reading: the client could not send most of it.
            assert upload.sent < total // 4, upload.sent
    assert app.received == 0
    assert storage.jobs.recent() == []


def test_a_large_body_with_administration_disabled_is_refused_unread(storage: Storage) -> None:
    app = Counted(create_app(storage, Settings(cache_seconds=0)))
    with serving(app) as base:  # type: ignore[arg-type]
        upload = Upload(64 * 1024 * 1024)
        response = httpx.post(base + SOURCES, content=upload, headers=AUTH, timeout=30)
    assert response.status_code == 403
    assert "administration disabled" in response.json()["detail"]
    assert app.received == 0


def test_an_over_bound_body_with_a_valid_token_is_a_413(storage: Storage) -> None:
    bound = 100_000
    app = Counted(create_app(storage, settings(max_request_bytes=bound)))
    body = b'{"url": "https://example.org/", "name": "' + b"x" * bound + b'"}'
    with serving(app) as base, httpx.Client(base_url=base, headers=AUTH, timeout=30) as client:  # type: ignore[arg-type]
        declared = client.post(SOURCES, content=body, headers={"Content-Type": "application/json"})
        assert declared.status_code == 413
        assert declared.json() == {"detail": "the request body is larger than 100,000 bytes"}
        assert app.received == 0  # refused on its Content-Length, before reading

        # Chunked, no Content-Length: counted as read, refused once over the bound.
        upload = Upload(64 * 1024 * 1024)
        chunked = client.post(SOURCES, content=upload, headers={"Content-Type": "application/json"})
        assert chunked.status_code == 413
        assert chunked.json() == declared.json()
        assert chunked.headers["cache-control"] == "no-store"
        assert app.received < bound + 1_048_576  # the server hands over what it has read
        assert upload.sent < upload.total // 4, upload.sent

        # Under the bound, the request goes through as before.
        fine = client.post(SOURCES, json={"url": "https://example.org/"})
        assert fine.status_code == 202, fine.text
    assert [job.kind for job in storage.jobs.recent()] == ["add_source"]


def test_every_route_bounds_its_body_with_the_site_error_shape(storage: Storage) -> None:
    app = create_app(storage, settings(max_request_bytes=1_000))
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        page = client.post("/", content=b"x" * 2_000)
        api = client.post("/api/v1/articles", content=b"x" * 2_000)
        small = client.post("/api/v1/articles", content=b"x" * 10)
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    assert "the request body is larger than 1,000 bytes" in page.text
    assert api.status_code == 413
    assert api.json() == {"detail": "the request body is larger than 1,000 bytes"}
    assert small.status_code == 405  # a small body reaches the router as before


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_repeated_bad_tokens_are_refused_with_429_then_let_in_again(storage: Storage) -> None:
    app = create_app(storage, settings())
    clock = Clock()
    app.state.admin_logins = FailedLogins(limit=10, window=60.0, clock=clock)
    wrong = {"Authorization": "Bearer guess"}
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(10):
            assert client.get("/api/v1/admin/jobs", headers=wrong).status_code == 401
            clock.now += 1
        refused = client.get("/api/v1/admin/jobs", headers=wrong)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "50"
        assert "too many failed administration logins" in refused.json()["detail"]
        assert refused.headers["cache-control"] == "no-store"
        # While refused, the right token is refused too: guesses teach nothing.
        assert client.get("/api/v1/admin/jobs", headers=AUTH).status_code == 429
        # The public site is not affected.
        assert client.get("/api/v1/articles").status_code == 200

        clock.now += 50  # the first failure leaves the window
        assert client.get("/api/v1/admin/jobs", headers=AUTH).status_code == 200
        assert client.get("/api/v1/admin/jobs", headers=wrong).status_code == 401
        assert client.get("/api/v1/admin/jobs", headers=wrong).status_code == 429


def test_failed_logins_are_logged_in_one_line_without_the_token(
    storage: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(storage, settings())
    caplog.set_level(logging.WARNING, logger="colonnade.web.routes.admin")
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        client.get("/api/v1/admin/jobs", headers={"Authorization": "Bearer s3cret-guess"})
        client.post("/api/v1/admin/crawl%0AFAKE%20login%20ok%1B[2J")
        client.get("/api/v1/admin/jobs", headers=AUTH)
    lines = [r.getMessage() for r in caplog.records if r.name == "colonnade.web.routes.admin"]
    assert lines == [
        "failed admin login from '127.0.0.1': GET '/api/v1/admin/jobs' with a wrong token",
        "failed admin login from '127.0.0.1': POST "
        "'/api/v1/admin/crawl\\nFAKE login ok\\x1b[2J' with no token",
    ]
    assert not any("s3cret" in line for line in lines)


def test_failed_logins_forget_addresses_beyond_a_bound() -> None:
    clock = Clock()
    logins = FailedLogins(limit=2, window=60.0, clock=clock, max_addresses=3)
    for address in ("a", "b", "c", "d"):
        logins.record(address)
        logins.record(address)
    assert logins.retry_after("a") == 0  # the longest-known was forgotten
    assert logins.retry_after("d") == 60.0
    clock.now += 61
    assert logins.retry_after("d") == 0
