"""Fixtures for the demo web: the hand-made spec, and one shared server for read-only tests.

Tests that change a running web (add, update, remove, inject failures) start their own server:
starting one costs a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from colonnade.demo import DemoServer, DemoSpec, build_web


@pytest.fixture(scope="session")
def spec() -> DemoSpec:
    return build_web()


@pytest.fixture(scope="session")
def server(spec: DemoSpec) -> Iterator[DemoServer]:
    with DemoServer(spec) as running:
        yield running


@pytest.fixture
def fresh_server() -> Iterator[DemoServer]:
    with DemoServer(build_web()) as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as http:
        yield http
