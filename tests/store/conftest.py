"""Helpers for the storage tests; `storage` and `storage_url` live in tests/conftest.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

import pytest

from colonnade.models import Article
from colonnade.store import Publication, Storage, open_storage

T = TypeVar("T")

NOW = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=UTC)


def make_article(n: int = 1, **fields: object) -> Article:
    values: dict[str, object] = {
        "url": f"https://daily.example/opinion/{n}",
        "title": f"Column number {n}",
        "authors": ["Jane Doe"],
        "published": "2024-04-30T08:00:00+00:00",
        "language": "en",
        "text": f"Paragraph one of column {n}.\n\nParagraph two says more.",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def publication(storage: Storage) -> Publication:
    return storage.publications.add(
        "The Daily", "https://daily.example", country="GB", language="en"
    )


def race(storage_url: str, count: int, work: Callable[[Storage, int], T]) -> dict[int, T]:
    """`work(storage, n)` in `count` threads, each on its own connection, started together."""
    results: dict[int, T] = {}
    start = threading.Barrier(count)

    def run(n: int) -> None:
        own = open_storage(storage_url)
        try:
            start.wait()
            results[n] = work(own, n)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results
