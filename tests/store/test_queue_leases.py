"""Queue leases: two crawls never claim one entry; a dead crawl's claims lapse."""

from __future__ import annotations

from datetime import timedelta

from colonnade.store import Publication, QueueItem, Storage

from .conftest import NOW, make_article, race


def _queue(storage: Storage, publication: Publication, n: int) -> None:
    items = [QueueItem(f"https://daily.example/opinion/{i}") for i in range(n)]
    storage.queue.enqueue(publication.id, None, items, now=NOW)


def test_a_claimed_entry_is_not_claimed_again_until_its_lease_ends(
    storage: Storage, publication: Publication
) -> None:
    _queue(storage, publication, 3)
    first = storage.queue.claim("crawl-a", lease_s=60, now=NOW)
    assert [e.lease_owner for e in first] == ["crawl-a"] * 3
    assert first[0].lease_until == NOW + timedelta(seconds=60)
    assert storage.queue.claim("crawl-b", lease_s=60, now=NOW + timedelta(seconds=59)) == []
    assert storage.queue.lease_holders(now=NOW) == ["crawl-a"]
    # crawl-a died: once its lease is over, another crawl takes the entries over.
    later = storage.queue.claim("crawl-b", lease_s=60, now=NOW + timedelta(seconds=61))
    assert [e.id for e in later] == [e.id for e in first]
    assert {e.lease_owner for e in later} == {"crawl-b"}


def test_renew_keeps_the_lease_and_release_gives_it_back(
    storage: Storage, publication: Publication
) -> None:
    _queue(storage, publication, 2)
    storage.queue.claim("crawl-a", lease_s=60, now=NOW)
    assert storage.queue.renew("crawl-a", lease_s=60, now=NOW + timedelta(seconds=50)) == 2
    assert storage.queue.claim("crawl-b", now=NOW + timedelta(seconds=70)) == []
    assert storage.queue.release("crawl-a") == 2
    assert len(storage.queue.claim("crawl-b", now=NOW + timedelta(seconds=70))) == 2


def test_finished_and_failed_entries_hold_no_lease(
    storage: Storage, publication: Publication
) -> None:
    _queue(storage, publication, 3)
    done, failed, retried = storage.queue.claim("crawl-a", lease_s=60, now=NOW)
    article = make_article(1)
    storage.articles.save(article, publication_id=publication.id, fetched_at=NOW, queue_id=done.id)
    storage.queue.mark_failed(failed.id, "HTTP 404", retry=False)
    storage.queue.mark_failed(retried.id, "HTTP 503", retry=True)
    for entry in (done, failed, retried):
        row = storage.queue.get(entry.id)
        assert row is not None and row.lease_owner is None and row.lease_until is None
    # The one to retry is pending again and claimable at once, by any crawl.
    assert [e.id for e in storage.queue.claim("crawl-b", now=NOW)] == [retried.id]


def test_claims_of_one_publication_leave_the_others(
    storage: Storage, publication: Publication
) -> None:
    other = storage.publications.add("Other Gazette", "https://other.example/")
    _queue(storage, publication, 2)
    storage.queue.enqueue(other.id, None, [QueueItem("https://other.example/a")], now=NOW)
    mine = storage.queue.claim("crawl-a", publication_id=other.id, now=NOW)
    assert [e.url for e in mine] == ["https://other.example/a"]
    assert len(storage.queue.claim("crawl-b", now=NOW)) == 2


def test_claims_racing_from_two_connections_never_overlap(
    storage_url: str, storage: Storage, publication: Publication
) -> None:
    _queue(storage, publication, 400)

    def crawl(own: Storage, n: int) -> list[int]:
        ids: list[int] = []
        for _ in range(5):
            ids += [e.id for e in own.queue.claim(f"crawl-{n}", now=NOW)]
        return ids

    claimed = race(storage_url, 4, crawl)
    every = [i for ids in claimed.values() for i in ids]
    assert len(claimed) == 4
    assert len(every) == len(set(every)) == 400
