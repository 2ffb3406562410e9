"""Helpers for the storage tests; `storage` and `storage_url` live in tests/conftest.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from colonnade.models import Article
from colonnade.store import Publication, Storage

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
