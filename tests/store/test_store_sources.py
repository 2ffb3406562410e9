"""Publications, feeds and the fetch-error log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from colonnade.errors import BadRequest, NotFound
from colonnade.store import Publication, Storage

from .conftest import NOW


def test_add_publication_is_idempotent_by_homepage(storage: Storage) -> None:
    first = storage.publications.add(
        "Le Monde", "https://www.LeMonde.fr/", country="fr", language="fr-FR"
    )
    again = storage.publications.add("Another name", "https://www.lemonde.fr")
    assert again.id == first.id
    assert (first.slug, first.homepage, first.country, first.language) == (
        "le-monde",
        "https://www.lemonde.fr",
        "FR",
        "fr",
    )
    assert first.created_at.tzinfo is UTC
    assert len(storage.publications.all()) == 1


def test_adding_again_fills_in_missing_codes_but_never_overwrites(storage: Storage) -> None:
    bare = storage.publications.add("Daily", "https://daily.example")
    filled = storage.publications.add(
        "Daily", "https://daily.example/", country="gb", language="es"
    )
    assert (bare.country, filled.id, filled.country, filled.language) == (None, bare.id, "GB", "es")
    kept = storage.publications.add("Daily", "https://daily.example", country="US", language="en")
    assert (kept.country, kept.language) == ("GB", "es")


def test_slugs_are_unique_and_readable_in_any_script(storage: Storage) -> None:
    a = storage.publications.add("El País", "https://elpais.com")
    b = storage.publications.add("El Pais", "https://elpais.example")
    c = storage.publications.add("El País!", "https://elpais.example.org")
    d = storage.publications.add("الأهرام", "https://ahram.org.eg")
    assert [a.slug, b.slug, c.slug, d.slug] == ["el-pais", "el-pais-2", "el-pais-3", "الاهرام"]
    assert storage.publications.get("el-pais-2") == b
    assert storage.publications.get(d.slug) == d


def test_get_publication_by_id_slug_or_numeric_string(storage: Storage) -> None:
    numeric = storage.publications.add("1843", "https://1843.example")
    other = storage.publications.add("Other", "https://other.example")
    assert storage.publications.get(other.id) == other
    assert storage.publications.get(str(other.id)) == other
    assert storage.publications.get("1843") == numeric  # the slug wins over id 1843
    assert storage.publications.get("nope") is None
    assert storage.publications.get(99999) is None


@pytest.mark.parametrize(
    ("homepage", "country", "language"),
    [
        ("ftp://x.example", None, None),
        ("not a url", None, None),
        ("https://x.example", "France", None),
        ("https://x.example", None, "french"),
    ],
)
def test_bad_publication_values_are_refused(
    storage: Storage, homepage: str, country: str | None, language: str | None
) -> None:
    with pytest.raises(BadRequest):
        storage.publications.add("X", homepage, country=country, language=language)
    assert storage.publications.all() == []


def test_add_feed_is_idempotent_by_url(storage: Storage, publication: Publication) -> None:
    feed = storage.feeds.add(publication.id, "https://daily.example/rss", title="Opinion")
    again = storage.feeds.add(publication.id, "https://daily.example/rss", kind="sitemap")
    assert again == feed
    assert (feed.kind, feed.status, feed.title, feed.error_count) == ("rss", "active", "Opinion", 0)
    storage.feeds.add(publication.id, "https://daily.example/sitemap.xml", kind="sitemap")
    assert [f.kind for f in storage.feeds.all(publication.id)] == ["rss", "sitemap"]
    assert storage.feeds.get(feed.id) == feed


def test_add_feed_refuses_unknown_kind_and_publication(
    storage: Storage, publication: Publication
) -> None:
    with pytest.raises(BadRequest):
        storage.feeds.add(publication.id, "https://daily.example/x", kind="atom")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        storage.feeds.add(publication.id + 1000, "https://daily.example/y")
    assert storage.feeds.all() == []


def test_due_feeds_and_recorded_checks(storage: Storage, publication: Publication) -> None:
    a = storage.feeds.add(publication.id, "https://daily.example/a")
    b = storage.feeds.add(publication.id, "https://daily.example/b")
    assert [f.id for f in storage.feeds.due(NOW)] == [a.id, b.id]

    storage.feeds.record_check(
        a.id,
        checked_at=NOW,
        etag='"v1"',
        last_modified="Wed, 01 May 2024 12:00:00 GMT",
        new_items=3,
        interval_s=900,
        next_check_at=NOW + timedelta(seconds=900),
    )
    checked = storage.feeds.get(a.id)
    assert checked is not None
    assert (checked.etag, checked.last_modified, checked.interval_s) == (
        '"v1"',
        "Wed, 01 May 2024 12:00:00 GMT",
        900,
    )
    assert checked.last_checked_at == checked.last_new_at == NOW
    assert checked.next_check_at == NOW + timedelta(seconds=900)
    assert [f.id for f in storage.feeds.due(NOW)] == [b.id]
    assert [f.id for f in storage.feeds.due(NOW + timedelta(seconds=900))] == [b.id, a.id]

    later = NOW + timedelta(hours=1)
    storage.feeds.record_check(
        a.id,
        checked_at=later,
        etag=None,
        last_modified=None,
        new_items=0,
        interval_s=1800,
        next_check_at=later,
    )
    quiet = storage.feeds.get(a.id)
    assert quiet is not None and quiet.last_new_at == NOW and quiet.last_checked_at == later


def test_errors_are_logged_counted_on_the_feed_and_can_retire_it(
    storage: Storage, publication: Publication
) -> None:
    feed = storage.feeds.add(publication.id, "https://daily.example/rss")
    storage.errors.record(
        publication_id=publication.id, url=feed.url, reason="HTTP 500", at=NOW, feed_id=feed.id
    )
    storage.errors.record(
        publication_id=publication.id,
        url=feed.url,
        reason="HTTP 410",
        at=NOW + timedelta(minutes=1),
        feed_id=feed.id,
        retire_feed=True,
    )
    storage.errors.record(
        publication_id=publication.id,
        url="https://daily.example/p/1",
        reason="timeout",
        at=NOW + timedelta(minutes=2),
    )
    failing = storage.feeds.get(feed.id)
    assert failing is not None
    assert (failing.error_count, failing.last_error, failing.status) == (2, "HTTP 410", "retired")
    assert failing.last_error_at == NOW + timedelta(minutes=1)
    assert storage.feeds.due(NOW + timedelta(days=1)) == []

    errors = storage.errors.recent()
    assert [(e.reason, e.feed_id) for e in errors] == [
        ("timeout", None),
        ("HTTP 410", feed.id),
        ("HTTP 500", feed.id),
    ]
    assert errors[0].at == NOW + timedelta(minutes=2)
    assert len(storage.errors.recent(limit=1)) == 1
    other = storage.publications.add("Other", "https://other.example")
    assert storage.errors.recent(publication_id=other.id) == []
    stats = storage.stats()
    assert (stats["errors"], stats["feeds"], stats["feeds_retired"]) == (3, 1, 1)

    storage.feeds.record_check(
        feed.id,
        checked_at=NOW,
        etag=None,
        last_modified=None,
        new_items=0,
        interval_s=60,
        next_check_at=NOW,
    )
    recovered = storage.feeds.get(feed.id)
    assert recovered is not None and recovered.error_count == 0


def test_recording_on_a_missing_feed_is_not_found_and_writes_nothing(
    storage: Storage, publication: Publication
) -> None:
    with pytest.raises(NotFound):
        storage.errors.record(
            publication_id=publication.id, url="u", reason="r", at=NOW, feed_id=12345
        )
    assert storage.errors.recent() == []  # the whole transaction was rolled back


def test_naive_datetimes_are_refused(storage: Storage, publication: Publication) -> None:
    feed = storage.feeds.add(publication.id, "https://daily.example/rss")
    with pytest.raises(ValueError, match="naive datetime"):
        storage.feeds.due(datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive datetime"):
        storage.errors.record(
            publication_id=publication.id,
            url=feed.url,
            reason="x",
            at=datetime(2024, 1, 1),
        )
