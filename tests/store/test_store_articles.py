"""Saving and reading articles: upsert by key URL, columnists, times, removal."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from colonnade.errors import NotFound
from colonnade.models import Article
from colonnade.store import ArticleQuery, Publication, QueueItem, Storage

from .conftest import NOW, make_article


def test_saving_twice_keeps_one_row_and_reports_unchanged(
    storage: Storage, publication: Publication
) -> None:
    first = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW)
    later = NOW + timedelta(hours=1)
    second = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=later)
    assert (first.status, second.status, second.id) == ("new", "unchanged", first.id)
    stored = storage.articles.get(first.id)
    assert stored is not None
    assert (stored.fetched_at, stored.first_seen_at, stored.changed_at) == (later, NOW, NOW)
    assert storage.stats()["articles"] == 1


def test_changed_text_is_an_update_of_the_same_row(
    storage: Storage, publication: Publication
) -> None:
    first = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW)
    later = NOW + timedelta(hours=2)
    changed = make_article(1, text="A corrected text.", image="https://daily.example/i.jpg")
    second = storage.articles.save(changed, publication_id=publication.id, fetched_at=later)
    assert (second.status, second.id) == ("updated", first.id)
    stored = storage.articles.get(first.id)
    assert stored is not None
    assert (stored.text, stored.image, stored.changed_at, stored.first_seen_at) == (
        "A corrected text.",
        "https://daily.example/i.jpg",
        later,
        NOW,
    )
    # each hashed field on its own makes an update
    for change in (
        {"title": "New"},
        {"authors": ["Jane Doe", "Ann Roe"]},
        {"updated": "2024-05-02T00:00:00Z"},
    ):
        assert (
            storage.articles.save(
                make_article(1, text="A corrected text.", **change),
                publication_id=publication.id,
                fetched_at=later,
            ).status
            == "updated"
        )


def test_a_newly_seen_canonical_url_is_the_same_article(
    storage: Storage, publication: Publication
) -> None:
    plain = make_article(1, url="https://daily.example/opinion/1?utm=rss")
    first = storage.articles.save(plain, publication_id=publication.id, fetched_at=NOW)
    with_canonical = make_article(1, url=plain.url, canonical_url="https://daily.example/opinion/1")
    second = storage.articles.save(with_canonical, publication_id=publication.id, fetched_at=NOW)
    assert (second.id, second.status) == (first.id, "unchanged")
    stored = storage.articles.get(first.id)
    assert stored is not None and stored.canonical_url == "https://daily.example/opinion/1"
    # another tracking URL naming the same canonical: still the one article
    other = make_article(
        1, url="https://daily.example/opinion/1?from=home", canonical_url=stored.canonical_url
    )
    assert (
        storage.articles.save(other, publication_id=publication.id, fetched_at=NOW).id == first.id
    )
    # the same fetched URL without a canonical does not throw the known canonical away
    storage.articles.save(
        make_article(1, url=plain.url), publication_id=publication.id, fetched_at=NOW
    )
    again = storage.articles.get(first.id)
    assert again is not None and again.canonical_url == "https://daily.example/opinion/1"
    assert again.url == plain.url
    assert storage.stats()["articles"] == 1


def test_authors_become_linked_columnists(storage: Storage, publication: Publication) -> None:
    other = storage.publications.add("The Weekly", "https://weekly.example", country="US")
    one = make_article(1, authors=["Jane Doe", " José   Martí ", "jane doe", ""])
    two = make_article(2, url="https://weekly.example/2", authors=["José Martí"])
    first = storage.articles.save(one, publication_id=publication.id, fetched_at=NOW)
    storage.articles.save(two, publication_id=other.id, fetched_at=NOW)

    stored = storage.articles.get(first.id)
    assert stored is not None
    assert stored.authors == ("Jane Doe", "José Martí")
    assert [c.slug for c in stored.columnists] == ["jane-doe", "jose-marti"]

    jose = storage.columnists.get("jose-marti")
    assert jose is not None and jose.name == "José Martí" and jose.article_count == 2
    assert [p.slug for p in jose.publications] == ["the-daily", "the-weekly"]
    assert storage.columnists.get(jose.id) == jose
    assert [(c.slug, c.article_count) for c in storage.columnists.page(limit=200)[0]] == [
        ("jane-doe", 1),
        ("jose-marti", 2),
    ]
    assert storage.columnists.get("nobody") is None


def test_a_corrected_byline_leaves_no_orphan_columnist(
    storage: Storage, publication: Publication
) -> None:
    storage.articles.save(
        make_article(1, authors=["Jnae Doe"]), publication_id=publication.id, fetched_at=NOW
    )
    storage.articles.save(
        make_article(1, authors=["Jane Doe"]), publication_id=publication.id, fetched_at=NOW
    )
    assert [c.slug for c in storage.columnists.page(limit=200)[0]] == ["jane-doe"]


def test_times_are_instants_in_utc_and_keep_the_offset_the_page_wrote(
    storage: Storage, publication: Publication
) -> None:
    kolkata = timezone(timedelta(hours=5, minutes=30))
    fetched = datetime(2024, 3, 10, 23, 59, 59, 999999, tzinfo=kolkata)
    article = make_article(1, published="2024-03-10T23:30:00.250000+05:30", updated="2024-03-11")
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=fetched)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    assert stored.fetched_at == fetched and stored.fetched_at.tzinfo is UTC
    assert stored.fetched_at.isoformat() == "2024-03-10T18:29:59.999999+00:00"
    # The instant sorts lists; the page's offset gives the day and time the page showed.
    assert stored.published_at == datetime(2024, 3, 10, 18, 0, 0, 250000, tzinfo=UTC)
    assert stored.published == "2024-03-10T23:30:00.250000+05:30"
    assert stored.updated == "2024-03-11T00:00:00+00:00"


def test_a_time_after_midnight_east_of_utc_stays_on_its_day(
    storage: Storage, publication: Publication
) -> None:
    article = make_article(1, published="2026-01-09T00:30:00+01:00")
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    assert stored.published_at == datetime(2026, 1, 8, 23, 30, tzinfo=UTC)
    assert stored.published_local is not None and stored.published_local.day == 9
    assert stored.to_dict()["published"] == "2026-01-09T00:30:00+01:00"


def test_credits_are_stored_beside_the_authors_and_never_become_columnists(
    storage: Storage, publication: Publication
) -> None:
    article = make_article(1)
    article.authors, article.credits = ["Jane Doe"], ["Reuters", "Staff"]
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    assert (stored.authors, stored.credits) == (("Jane Doe",), ("Reuters", "Staff"))
    assert stored.to_dict()["credits"] == ["Reuters", "Staff"]
    names = [c.name for c in storage.columnists.page(limit=50)[0]]
    assert "Reuters" not in names and "Jane Doe" in names


def test_unreadable_dates_are_dropped_not_fatal(storage: Storage, publication: Publication) -> None:
    saved = storage.articles.save(
        make_article(1, published="last Tuesday"), publication_id=publication.id, fetched_at=NOW
    )
    stored = storage.articles.get(saved.id)
    assert stored is not None and stored.published is None


def test_markup_in_fields_is_stored_verbatim(storage: Storage, publication: Publication) -> None:
    title = "<script>alert('x')</script> & \"quotes\" ' ; DROP TABLE articles; --"
    saved = storage.articles.save(
        make_article(1, title=title, text="ab <b>bold</b>"),
        publication_id=publication.id,
        fetched_at=NOW,
    )
    stored = storage.articles.get(saved.id)
    assert stored is not None
    assert stored.title == title and stored.text == "ab <b>bold</b>"


def test_to_dict_keeps_the_article_contract(storage: Storage, publication: Publication) -> None:
    article = make_article(
        1, excerpt="Short.", paywalled=True, section="Opinion", kind="opinion", language="EN-gb"
    )
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    data = stored.to_dict()
    assert set(Article().to_dict()) <= set(data)
    assert data["authors"] == ["Jane Doe"] and data["publication"] == "The Daily"
    assert (data["id"], data["fetched_at"], data["language"], data["paywalled"]) == (
        saved.id,
        NOW.isoformat(),
        "en",
        True,
    )
    assert data["columnists"] == [
        {"id": stored.columnists[0].columnist_id, "slug": "jane-doe", "name": "Jane Doe"}
    ]
    assert stored.to_article().word_count == 9  # counted from the text when not given


def test_iter_articles_streams_every_row_in_id_order(
    storage: Storage, publication: Publication
) -> None:
    ids = [
        storage.articles.save(make_article(n), publication_id=publication.id, fetched_at=NOW).id
        for n in range(7)
    ]
    assert [a.id for a in storage.articles.iter_all(batch=3)] == ids
    assert [a.id for a in storage.articles.iter_all(batch=7)] == ids
    assert [a.id for a in storage.articles.iter_all(batch=0)] == ids
    assert storage.articles.get(max(ids) + 1) is None


def test_recent_articles_newest_first_with_filters(
    storage: Storage, publication: Publication
) -> None:
    other = storage.publications.add("The Weekly", "https://weekly.example")
    old = storage.articles.save(
        make_article(1, published="2024-01-01T00:00:00Z"),
        publication_id=publication.id,
        fetched_at=NOW,
    )
    new = storage.articles.save(
        make_article(2, published="2024-04-01T00:00:00Z", authors=["Ann Roe"]),
        publication_id=publication.id,
        fetched_at=NOW,
    )
    undated = storage.articles.save(
        make_article(3, published=None, language="fr", url="https://weekly.example/3"),
        publication_id=other.id,
        fetched_at=NOW,
    )

    def ids(**where: Any) -> list[int]:
        return [a.id for a in storage.articles.find(ArticleQuery(**where)).articles]

    assert ids() == [undated.id, new.id, old.id]
    first = storage.articles.find(ArticleQuery(limit=1))
    assert [
        a.id for a in storage.articles.find(ArticleQuery(limit=1, before=first.next)).articles
    ] == [new.id]
    assert ids(publication_id=publication.id) == [new.id, old.id]
    assert ids(language="fr") == [undated.id]
    ann = storage.columnists.get("ann-roe")
    assert ann is not None
    assert ids(columnist_id=ann.id) == [new.id]


def test_remove_publication_cascades(storage: Storage, publication: Publication) -> None:
    other = storage.publications.add("The Weekly", "https://weekly.example")
    feed = storage.feeds.add(publication.id, "https://daily.example/rss")
    storage.queue.enqueue(publication.id, feed.id, [QueueItem("https://daily.example/q")], now=NOW)
    storage.errors.record(
        publication_id=publication.id, url=feed.url, reason="x", at=NOW, feed_id=feed.id
    )
    for n in range(3):
        storage.articles.save(
            make_article(n, authors=["Jane Doe"]), publication_id=publication.id, fetched_at=NOW
        )
    kept = storage.articles.save(
        make_article(
            9, url="https://weekly.example/9", authors=["Ann Roe"], title="Budget", text="Tax."
        ),
        publication_id=other.id,
        fetched_at=NOW,
    )

    assert storage.publications.remove(publication.id) == 3
    assert storage.stats() == {
        "publications": 1,
        "feeds": 0,
        "feeds_retired": 0,
        "articles": 1,
        "columnists": 1,
        "queue_pending": 0,
        "queue_failed": 0,
        "errors": 0,
    }
    assert [c.slug for c in storage.columnists.page(limit=200)[0]] == ["ann-roe"]
    assert storage.articles.find(ArticleQuery(text="column")).hits == ()
    assert [a.id for a in storage.articles.find(ArticleQuery(text="budget")).articles] == [kept.id]
    with pytest.raises(NotFound):
        storage.publications.remove(publication.id)


def test_concurrent_saves_of_the_same_articles_make_one_row_each(
    storage: Storage, publication: Publication
) -> None:
    statuses: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for n in range(8):
                article = make_article(n, authors=["Jane Doe", f"Guest {n}"])
                statuses.append(
                    storage.articles.save(
                        article, publication_id=publication.id, fetched_at=NOW
                    ).status
                )
        except BaseException as exc:  # reported below, with the thread's own failure
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(statuses).count("new") == 8 and len(statuses) == 32
    assert storage.stats()["articles"] == 8
    assert storage.stats()["columnists"] == 9
