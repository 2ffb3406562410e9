"""Fixtures: a known collection, served by the real app on 127.0.0.1, on each database.

`site` runs a test twice, on a fresh SQLite file and on a fresh PostgreSQL schema (the
`storage` fixture of tests/conftest.py), so each test starts from a clean database holding
just the corpus (tests/web/corpus.py). Deselect PostgreSQL with `-m "not postgres"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import httpx
import pytest

from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web.app import create_app

from .corpus import Corpus, build
from .webserver import serving

SETTINGS = Settings(page_size=5, cache_seconds=0, excerpt_chars=150)


@dataclass
class Site:
    base: str
    storage: Storage
    corpus: Corpus
    client: httpx.Client
    app: object


@pytest.fixture
def corpus_storage(storage: Storage) -> tuple[Storage, Corpus]:
    return storage, build(storage)


@contextmanager
def _site(storage: Storage, corpus: Corpus, settings: Settings) -> Iterator[Site]:
    app = create_app(storage, settings)
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield Site(base, storage, corpus, client, app)


@pytest.fixture
def site(corpus_storage: tuple[Storage, Corpus]) -> Iterator[Site]:
    """The collection served with small pages (5) and short excerpts (150 characters)."""
    storage, corpus = corpus_storage
    with _site(storage, corpus, SETTINGS) as running:
        yield running


@pytest.fixture
def site_with(
    corpus_storage: tuple[Storage, Corpus],
) -> Callable[..., AbstractContextManager[Site]]:
    """The same collection served with other settings: `with site_with(show_full_text=True)`."""
    storage, corpus = corpus_storage

    def make(**changes: object) -> AbstractContextManager[Site]:
        return _site(storage, corpus, SETTINGS.with_(**changes))

    return make
