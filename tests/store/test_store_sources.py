"""Publications, feeds and the fetch-error log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from colonnade.errors import BadRequest, NotFound
from colonnade.store import Publication, Storage

from .conftest import NOW


def test_add_publication_is_idempotent_by_homepage(storage: Storage) -> None:
    first = storage.add_publication(
        "Le Monde", "https://www.LeMonde.fr/", country="fr", language="fr-FR"
    )
    again = storage.add_publication("Another name", "https://www.lemonde.fr")
    assert again.id == first.id
    assert (first.slug, first.homepage, first.country, first.language) == (
        "le-monde",
        "https://www.lemonde.fr",
        "FR",
        "fr",
    )
    assert first.created_at.tzinfo is UTC
    assert len(storage.list_publications()) == 1


def test_adding_again_fills_in_missing_codes_but_never_overwrites(storage: Storage) -> None:
    bare = storage.add_publication("Daily", "https://daily.example")
    filled = storage.add_publication("Daily", "https://daily.example/", country="gb", language="es")
    assert (bare.country, filled.id, filled.country, filled.language) == (None, bare.id, "GB", "es")
    kept = storage.add_publication("Daily", "https://daily.example", country="US", language="en")
    assert (kept.country, kept.language) == ("GB", "es")


def test_slugs_are_unique_and_readable_in_any_script(storage: Storage) -> None:
    a = storage.add_publication("El País", "https://elpais.com")
    b = storage.add_publication("El Pais", "https://elpais.example")
    c = storage.add_publication("El País!", "https://elpais.example.org")
    d = storage.add_publication("الأهرام", "https://ahram.org.eg")
    assert [a.slug, b.slug, c.slug, d.slug] == ["el-pais", "el-pais-2", "el-pais-3", "الاهرام"]
    assert storage.get_publication("el-pais-2") == b
    assert storage.get_publication(d.slug) == d


def test_get_publication_by_id_slug_or_numeric_string(storage: Storage) -> None:
    numeric = storage.add_publication("1843", "https://1843.example")
    other = storage.add_publication("Other", "https://other.example")
    assert storage.get_publication(other.id) == other
    assert storage.get_publication(str(other.id)) == other
    assert storage.get_publication("1843") == numeric  # the slug wins over id 1843
    assert storage.get_publication("nope") is None
    assert storage.get_publication(99999) is None


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
        storage.add_publication("X", homepage, country=country, language=language)
    assert storage.list_publications() == []


def test_add_feed_is_idempotent_by_url(storage: Storage, publication: Publication) -> None:
    feed = storage.add_feed(publication.id, "https://daily.example/rss", title="Opinion")
    again = storage.add_feed(publication.id, "https://daily.example/rss", kind="sitemap")
    assert again == feed
    assert (feed.kind, feed.status, feed.title, feed.error_count) == ("rss", "active", "Opinion", 0)
    storage.add_feed(publication.id, "https://daily.example/sitemap.xml", kind="sitemap")
    assert [f.kind for f in storage.list_feeds(publication.id)] == ["rss", "sitemap"]
    assert storage.get_feed(feed.id) == feed


def test_add_feed_refuses_unknown_kind_and_publication(
    storage: Storage, publication: Publication
) -> None:
    with pytest.raises(BadRequest):
        storage.add_feed(publication.id, "https://daily.example/x", kind="atom")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        storage.add_feed(publication.id + 1000, "https://daily.example/y")
    assert storage.list_feeds() == []


def test_due_feeds_and_recorded_checks(storage: Storage, publication: Publication) -> None:
    a = storage.add_feed(publication.id, "https://daily.example/a")
    b = storage.add_feed(publication.id, "https://daily.example/b")
    assert [f.id for f in storage.due_feeds(NOW)] == [a.id, b.id]

    storage.record_feed_check(
        a.id,
        checked_at=NOW,
        etag='"v1"',
        last_modified="Wed, 01 May 2024 12:00:00 GMT",
        new_items=3,
        interval_s=900,
        next_check_at=NOW + timedelta(seconds=900),
    )
    checked = storage.get_feed(a.id)
    assert checked is not None
    assert (checked.etag, checked.last_modified, checked.interval_s) == (
        '"v1"',
        "Wed, 01 May 2024 12:00:00 GMT",
        900,
    )
    assert checked.last_checked_at == checked.last_new_at == NOW
    assert checked.next_check_at == NOW + timedelta(seconds=900)
    assert [f.id for f in storage.due_feeds(NOW)] == [b.id]
    assert [f.id for f in storage.due_feeds(NOW + timedelta(seconds=900))] == [b.id, a.id]

    later = NOW + timedelta(hours=1)
    storage.record_feed_check(
        a.id,
        checked_at=later,
        etag=None,
        last_modified=None,
        new_items=0,
        interval_s=1800,
        next_check_at=later,
    )
    quiet = storage.get_feed(a.id)
    assert quiet is not None and quiet.last_new_at == NOW and quiet.last_checked_at == later


def test_errors_are_logged_counted_on_the_feed_and_can_retire_it(
    storage: Storage, publication: Publication
) -> None:
    feed = storage.add_feed(publication.id, "https://daily.example/rss")
    storage.record_error(
        publication_id=publication.id, url=feed.url, reason="HTTP 500", at=NOW, feed_id=feed.id
    )
    storage.record_error(
        publication_id=publication.id,
        url=feed.url,
        reason="HTTP 410",
        at=NOW + timedelta(minutes=1),
        feed_id=feed.id,
        retire_feed=True,
    )
    storage.record_error(
        publication_id=publication.id,
        url="https://daily.example/p/1",
        reason="timeout",
        at=NOW + timedelta(minutes=2),
    )
    failing = storage.get_feed(feed.id)
    assert failing is not None
    assert (failing.error_count, failing.last_error, failing.status) == (2, "HTTP 410", "retired")
    assert failing.last_error_at == NOW + timedelta(minutes=1)
    assert storage.due_feeds(NOW + timedelta(days=1)) == []

    errors = storage.recent_errors()
    assert [(e.reason, e.feed_id) for e in errors] == [
        ("timeout", None),
        ("HTTP 410", feed.id),
        ("HTTP 500", feed.id),
    ]
    assert errors[0].at == NOW + timedelta(minutes=2)
    assert len(storage.recent_errors(limit=1)) == 1
    other = storage.add_publication("Other", "https://other.example")
    assert storage.recent_errors(publication_id=other.id) == []
    stats = storage.stats()
    assert (stats["errors"], stats["feeds"], stats["feeds_retired"]) == (3, 1, 1)

    storage.record_feed_check(
        feed.id,
        checked_at=NOW,
        etag=None,
        last_modified=None,
        new_items=0,
        interval_s=60,
        next_check_at=NOW,
    )
    recovered = storage.get_feed(feed.id)
    assert recovered is not None and recovered.error_count == 0


def test_recording_on_a_missing_feed_is_not_found_and_writes_nothing(
    storage: Storage, publication: Publication
) -> None:
    with pytest.raises(NotFound):
        storage.record_error(
            publication_id=publication.id, url="u", reason="r", at=NOW, feed_id=12345
        )
    assert storage.recent_errors() == []  # the whole transaction was rolled back


def test_naive_datetimes_are_refused(storage: Storage, publication: Publication) -> None:
    feed = storage.add_feed(publication.id, "https://daily.example/rss")
    with pytest.raises(ValueError, match="naive datetime"):
        storage.due_feeds(datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive datetime"):
        storage.record_error(
            publication_id=publication.id,
            url=feed.url,
            reason="x",
            at=datetime(2024, 1, 1),
        )
