"""Counting views for "most read": per article and day, batched, and nothing about readers
(one view per reader a day: tests/web/test_view_visitors.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import lxml.html
import pytest
import sqlalchemy as sa

from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web import urls
from colonnade.web.app import create_app
from colonnade.web.counter import ViewCounter, Visitor

from .corpus import Corpus, build
from .webserver import serving

# A reader's browser: robots and HTTP libraries (httpx's own agent included) are not counted.
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BROWSER = {"User-Agent": FIREFOX}


@pytest.fixture
def fresh(storage: Storage) -> tuple[Storage, Corpus]:
    """The corpus in a fresh database of each kind (tests/conftest.py's `storage`)."""
    return storage, build(storage)


def rename_table(storage: Storage, old: str, new: str) -> None:
    with storage.db.write() as conn:
        conn.execute(sa.text(f"ALTER TABLE {old} RENAME TO {new}"))


def path_of(storage: Storage, article_id: int) -> str:
    found = storage.articles.get(article_id)
    assert found is not None
    return urls.article(found)


def test_page_views_are_counted_and_make_most_read(fresh: tuple[Storage, Corpus]) -> None:
    storage, corpus = fresh
    first, second = corpus.ids["long"], corpus.ids["french"]
    app = create_app(storage, Settings(cache_seconds=0))
    with serving(app) as base, httpx.Client(base_url=base, headers=BROWSER) as client:
        for n in range(3):  # three readers (X-Forwarded-For from 127.0.0.1 is trusted)
            reader = {"X-Forwarded-For": f"203.0.113.{n}"}
            assert client.get(path_of(storage, first), headers=reader).status_code == 200
        client.get(path_of(storage, second))
        head = client.head(path_of(storage, second))  # a HEAD is not a reading
        assert head.status_code == 200 and head.content == b""
        client.get(f"/articles/{first}")  # a redirect is not a reading either
        client.get("/articles/999999")
        app.state.site.views.flush()
        today = datetime.now(UTC).date()
        ranked = storage.views.most_read(since=today)
        assert [(m.article.id, m.views) for m in ranked] == [(first, 3), (second, 1)]
        home = lxml.html.fromstring(client.get("/").text)
        listed = [a.text_content() for a in home.cssselect(".most-read li > a")]
        assert listed == ["The long argument about harbour budgets", "Le budget du port, encore"]
        assert client.get("/api/v1/most-read").json()[0]["views"] == 3


def test_counts_left_in_memory_are_written_at_shutdown(
    fresh: tuple[Storage, Corpus],
) -> None:
    storage, corpus = fresh
    article_id = corpus.ids["german"]
    app = create_app(storage, Settings(cache_seconds=0))
    with serving(app) as base:
        httpx.get(base + path_of(storage, article_id), headers=BROWSER)
        assert storage.views.count(article_id, since=datetime.now(UTC).date()) == 0  # batched
    assert storage.views.count(article_id, since=datetime.now(UTC).date()) == 1


def test_most_read_counts_this_week_only(fresh: tuple[Storage, Corpus]) -> None:
    storage, corpus = fresh
    today = datetime.now(UTC).date()
    old, recent = corpus.ids["daily0"], corpus.ids["daily1"]
    storage.views.record(
        {(old, today - timedelta(days=7)): 50, (recent, today - timedelta(days=6)): 2}
    )
    storage.views.record({(recent, today): 1})
    app = create_app(storage, Settings(cache_seconds=0))
    with serving(app) as base:
        body = httpx.get(base + "/api/v1/most-read").json()
    assert [(m["article"]["id"], m["views"]) for m in body] == [(recent, 3)]


def test_only_article_day_and_count_are_stored(fresh: tuple[Storage, Corpus]) -> None:
    storage, _ = fresh
    columns = {c["name"] for c in sa.inspect(storage.db.engine).get_columns("article_views")}
    assert columns == {"article_id", "day", "count"}


def test_a_failed_flush_keeps_the_counts_for_the_next_one(
    fresh: tuple[Storage, Corpus],
) -> None:
    storage, corpus = fresh
    counter = ViewCounter(storage)
    counter.add(corpus.ids["long"], Visitor("203.0.113.1", FIREFOX))
    counter.add(corpus.ids["long"], Visitor("203.0.113.2", FIREFOX))
    rename_table(storage, "article_views", "views_elsewhere")
    assert counter.flush() == 0
    assert counter.pending == 2
    rename_table(storage, "views_elsewhere", "article_views")
    assert counter.flush() == 1
    assert counter.pending == 0
    assert storage.views.count(corpus.ids["long"], since=datetime.now(UTC).date()) == 2
