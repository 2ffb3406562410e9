"""Due feeds are claimed: two crawls never check one feed; an unfinished claim is given back."""

from __future__ import annotations

from datetime import timedelta

from colonnade.store import Feed, Publication, Storage

from .conftest import NOW, race


def _feeds(storage: Storage, publication: Publication, n: int) -> list[Feed]:
    return [
        storage.feeds.add(publication.id, f"https://daily.example/feed{i}.xml") for i in range(n)
    ]


def _checked(storage: Storage, feed: Feed, next_check_at: object) -> None:
    storage.feeds.record_check(
        feed.id,
        checked_at=NOW,
        etag=None,
        last_modified=None,
        new_items=0,
        interval_s=3600,
        next_check_at=next_check_at,  # type: ignore[arg-type]
    )


def test_a_claimed_feed_is_not_due_again_until_its_claim_lapses(
    storage: Storage, publication: Publication
) -> None:
    made = _feeds(storage, publication, 3)
    claimed = storage.feeds.claim_due(NOW, lease_s=60)
    assert [f.id for f in claimed] == [f.id for f in made]
    assert all(f.next_check_at is None for f in claimed)  # as they were before the claim
    assert storage.feeds.claim_due(NOW + timedelta(seconds=59), lease_s=60) == []
    assert storage.feeds.due(NOW + timedelta(seconds=59)) == []
    # The crawl that claimed them died without a word: after the claim, they are due again.
    later = storage.feeds.claim_due(NOW + timedelta(seconds=60), lease_s=60)
    assert [f.id for f in later] == [f.id for f in made]


def test_a_check_sets_the_next_check_and_release_gives_back_only_the_unchecked(
    storage: Storage, publication: Publication
) -> None:
    first, second = _feeds(storage, publication, 2)
    _checked(storage, second, NOW - timedelta(minutes=5))  # due five minutes ago
    claimed = storage.feeds.claim_due(NOW)
    assert {f.id for f in claimed} == {first.id, second.id}
    _checked(storage, first, NOW + timedelta(hours=1))
    assert storage.feeds.release(claimed, now=NOW) == 1
    assert storage.feeds.get(first.id).next_check_at == NOW + timedelta(hours=1)  # type: ignore[union-attr]
    assert storage.feeds.get(second.id).next_check_at == NOW - timedelta(minutes=5)  # type: ignore[union-attr]
    assert [f.id for f in storage.feeds.due(NOW)] == [second.id]


def test_claims_racing_from_four_connections_never_overlap(
    storage_url: str, storage: Storage, publication: Publication
) -> None:
    made = _feeds(storage, publication, 60)
    claimed = race(storage_url, 4, lambda own, _: [f.id for f in own.feeds.claim_due(NOW)])
    every = [i for ids in claimed.values() for i in ids]
    assert len(claimed) == 4
    assert sorted(every) == sorted(f.id for f in made)  # each feed claimed once, none lost
