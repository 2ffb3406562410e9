"""Fixtures for the fetch tests: fast settings and servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fetch_servers import InFlight, RawServer

from colonnade.config import Settings
from colonnade.fetch import RetryPolicy


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


@pytest.fixture
def settings() -> Settings:
    """Small limits so every failure shows within a second. The SSRF guard is off because the
    servers are on 127.0.0.1; the guard's own tests switch it back on."""
    return Settings().with_(
        user_agent="ColonnadeTest/1.0 (+https://example.org/bot)",
        allow_private_addresses=True,
        obey_robots=False,
        per_host_delay=0.0,
        per_host_concurrency=4,
        concurrency=8,
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
        retries=2,
        max_body_bytes=100_000,
    )


@pytest.fixture
def fast_retry() -> RetryPolicy:
    return RetryPolicy(backoff_base=0.01, backoff_max=0.05, retry_after_cap=2.0)


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    server.start()
    yield server
    server.close()


@pytest.fixture
def make_raw_server() -> Iterator[Callable[..., RawServer]]:
    """More servers (other ports are other hosts for politeness), or one on 127.0.0.2; servers
    given one `in_flight` counter count together."""
    servers: list[RawServer] = []

    def make(host: str = "127.0.0.1", in_flight: InFlight | None = None) -> RawServer:
        server = RawServer(host=host, in_flight=in_flight or InFlight())
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
