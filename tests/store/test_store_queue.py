"""The crawl queue: new-URL counting, re-queueing updated articles, retries, durability."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest

from colonnade.errors import NotFound
from colonnade.store import Publication, QueueItem, Storage, open_storage

from .conftest import NOW, make_article


def _urls(n: int) -> list[QueueItem]:
    return [QueueItem(f"https://daily.example/opinion/{i}") for i in range(1, n + 1)]


def test_enqueue_counts_only_new_urls(storage: Storage, publication: Publication) -> None:
    feed = storage.feeds.add(publication.id, "https://daily.example/rss")
    assert storage.queue.enqueue(publication.id, feed.id, _urls(3), now=NOW) == 3
    assert storage.queue.enqueue(publication.id, feed.id, _urls(5), now=NOW) == 2
    # the same URL twice in one batch, blanks and surrounding spaces
    batch = [
        QueueItem(" https://daily.example/x "),
        QueueItem("https://daily.example/x"),
        QueueItem("  "),
    ]
    assert storage.queue.enqueue(publication.id, None, batch, now=NOW) == 1
    entries = storage.queue.pending()
    assert [e.url for e in entries] == [
        f"https://daily.example/opinion/{i}" for i in range(1, 6)
    ] + ["https://daily.example/x"]
    assert entries[0].discovered_at == NOW and entries[0].feed_id == feed.id
    assert entries[-1].feed_id is None
    assert [e.id for e in storage.queue.pending(limit=2)] == [e.id for e in entries[:2]]
    assert storage.stats()["queue_pending"] == 6


def test_overlong_urls_are_not_queued(storage: Storage, publication: Publication) -> None:
    long_url = "https://daily.example/?" + "x" * 3000
    assert storage.queue.enqueue(publication.id, None, [QueueItem(long_url)], now=NOW) == 0
    assert storage.queue.pending() == []


def test_an_updated_article_goes_back_to_pending(
    storage: Storage, publication: Publication
) -> None:
    url = "https://daily.example/opinion/1"
    first = NOW - timedelta(days=1)
    storage.queue.enqueue(
        publication.id, None, [QueueItem(url, published=first, updated=first)], now=NOW
    )
    entry = storage.queue.pending()[0]
    assert (entry.hint_published, entry.hint_updated) == (first, first)
    storage.articles.save(
        make_article(1), publication_id=publication.id, fetched_at=NOW, queue_id=entry.id
    )
    assert storage.queue.pending() == []

    # same or older date, or none: nothing to do
    for updated in (first, first - timedelta(hours=1), None):
        assert (
            storage.queue.enqueue(publication.id, None, [QueueItem(url, updated=updated)], now=NOW)
            == 0
        )
        assert storage.queue.pending() == []

    newer = NOW
    assert (
        storage.queue.enqueue(publication.id, None, [QueueItem(url, updated=newer)], now=NOW) == 0
    )
    again = storage.queue.pending()
    assert [(e.id, e.state, e.hint_updated) for e in again] == [(entry.id, "pending", newer)]


def test_a_first_known_date_is_remembered_without_refetching(
    storage: Storage, publication: Publication
) -> None:
    url = "https://daily.example/opinion/1"
    storage.queue.enqueue(publication.id, None, [QueueItem(url)], now=NOW)
    entry = storage.queue.pending()[0]
    storage.queue.mark_done(entry.id)
    storage.queue.enqueue(publication.id, None, [QueueItem(url, updated=NOW)], now=NOW)
    assert storage.queue.pending() == []
    recorded = storage.queue.get(entry.id)
    assert recorded is not None and recorded.hint_updated == NOW
    storage.queue.enqueue(
        publication.id, None, [QueueItem(url, updated=NOW + timedelta(hours=2))], now=NOW
    )
    assert [e.id for e in storage.queue.pending()] == [entry.id]


def test_failures_retry_up_to_three_attempts(storage: Storage, publication: Publication) -> None:
    storage.queue.enqueue(publication.id, None, _urls(2), now=NOW)
    flaky, broken = storage.queue.pending()
    storage.queue.mark_failed(flaky.id, "HTTP 503", retry=True)
    storage.queue.mark_failed(flaky.id, "HTTP 503", retry=True)
    retried = storage.queue.get(flaky.id)
    assert retried is not None
    assert (retried.state, retried.attempts, retried.last_error) == ("pending", 2, "HTTP 503")
    storage.queue.mark_failed(flaky.id, "timeout", retry=True)
    storage.queue.mark_failed(broken.id, "not an article", retry=False)
    states = {
        e.id: (e.state, e.attempts, e.last_error)
        for e in map(storage.queue.get, (flaky.id, broken.id))
        if e
    }
    assert states == {
        flaky.id: ("failed", 3, "timeout"),
        broken.id: ("failed", 1, "not an article"),
    }
    assert storage.queue.pending() == []
    assert storage.stats()["queue_failed"] == 2
    with pytest.raises(NotFound):
        storage.queue.mark_failed(99999, "x", retry=True)


_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime
    from colonnade.models import Article
    from colonnade.store import open_storage
    from colonnade.store import articles

    storage = open_storage(sys.argv[1])
    publication = storage.publications.get("the-daily")
    for n, entry in enumerate(storage.queue.pending()):
        article = Article(url=entry.url, title=entry.url, authors=["Jane Doe"], text="Words.")
        if n == 3:
            # Die half-way through the transaction that stores this article and marks it done.
            with storage.db.engine.connect() as conn:
                conn.begin()
                articles.save(conn, article, publication_id=publication.id,
                              fetched_at=datetime.now(UTC), queue_id=entry.id)
                os.kill(os.getpid(), signal.SIGKILL)
        storage.articles.save(article, publication_id=publication.id,
                             fetched_at=datetime.now(UTC), queue_id=entry.id)
    """
)


def test_a_crawl_killed_with_sigkill_loses_and_duplicates_nothing(storage_url: str) -> None:
    with open_storage(storage_url) as storage:
        publication = storage.publications.add("The Daily", "https://daily.example")
        assert storage.queue.enqueue(publication.id, None, _urls(6), now=NOW) == 6

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    worker = subprocess.run([sys.executable, "-c", _WORKER, storage_url], env=env, timeout=60)
    assert worker.returncode == -signal.SIGKILL

    with open_storage(storage_url) as storage:
        # Three stored; the fourth died uncommitted, so it and the rest are still pending.
        assert storage.stats()["articles"] == 3
        left = [e.url for e in storage.queue.pending()]
        assert left == [f"https://daily.example/opinion/{i}" for i in range(4, 7)]
        assert storage.queue.enqueue(publication.id, None, _urls(6), now=NOW) == 0
        for entry in storage.queue.pending():
            storage.articles.save(
                make_article(int(entry.url.rsplit("/", 1)[1])),
                publication_id=publication.id,
                fetched_at=NOW,
                queue_id=entry.id,
            )
        assert storage.queue.pending() == []
        stored = sorted(a.url or "" for a in storage.articles.iter_all())
        assert stored == sorted(f"https://daily.example/opinion/{i}" for i in range(1, 7))
