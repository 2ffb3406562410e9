"""Fixtures: a known collection in SQLite, served by the real app on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import httpx
import pytest

from colonnade.config import Settings
from colonnade.store import Storage, open_storage
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


@pytest.fixture(scope="module")
def corpus_storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Storage, Corpus]]:
    path = tmp_path_factory.mktemp("web") / "site.db"
    storage = open_storage(f"sqlite:///{path}")
    try:
        yield storage, build(storage)
    finally:
        storage.close()


@contextmanager
def _site(storage: Storage, corpus: Corpus, settings: Settings) -> Iterator[Site]:
    app = create_app(storage, settings)
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield Site(base, storage, corpus, client, app)


@pytest.fixture(scope="module")
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
