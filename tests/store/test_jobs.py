"""Jobs: submitted once, claimed by one worker at a time, re-claimable when a lease runs out.

Time is passed in: every `now` below is NOW plus a known offset, never the wall clock.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from colonnade.store import Storage, open_storage
from colonnade.store.jobs import MAX_ATTEMPTS, Job, one_line

from .conftest import NOW

LEASE = timedelta(minutes=1)


def claim(storage: Storage, worker: str, seconds: float = 0) -> Job | None:
    return storage.jobs.claim(worker, now=NOW + timedelta(seconds=seconds), lease=LEASE)


def test_a_submitted_job_is_pending_and_an_identical_pending_one_is_reused(
    storage: Storage,
) -> None:
    job = storage.jobs.submit("crawl", {"force": True}, now=NOW)
    assert (job.kind, job.state, job.attempts) == ("crawl", "pending", 0)
    assert job.params == {"force": True}
    assert job.created_at == NOW and job.started_at is None and job.result is None
    assert storage.jobs.get(job.id) == job
    assert storage.jobs.submit("crawl", {"force": True}, now=NOW).id == job.id
    other = storage.jobs.submit("crawl", {"force": False}, now=NOW)
    assert other.id != job.id
    assert [j.id for j in storage.jobs.recent()] == [other.id, job.id]
    assert storage.jobs.get(other.id + 100) is None


def test_claims_take_the_oldest_job_once(storage: Storage) -> None:
    first = storage.jobs.submit("add_source", {"url": "https://a.example/"}, now=NOW)
    second = storage.jobs.submit("add_source", {"url": "https://b.example/"}, now=NOW)
    taken = claim(storage, "w1")
    assert taken is not None and taken.id == first.id
    assert (taken.state, taken.worker, taken.attempts) == ("running", "w1", 1)
    assert taken.started_at == NOW and taken.lease_expires_at == NOW + LEASE
    again = claim(storage, "w2")
    assert again is not None and again.id == second.id
    assert claim(storage, "w3") is None
    # Once a job has started, the same request makes a new job rather than joining it.
    assert storage.jobs.submit("add_source", {"url": "https://a.example/"}, now=NOW).id > second.id


def test_finish_and_fail_record_the_outcome(storage: Storage) -> None:
    storage.jobs.submit("crawl", {"force": False}, now=NOW)
    storage.jobs.submit("remove_source", {"slug": "gone"}, now=NOW)
    ok, bad = claim(storage, "w"), claim(storage, "w")
    assert ok is not None and bad is not None
    assert storage.jobs.finish(ok, {"articles_new": 3}, now=NOW + timedelta(seconds=5))
    assert storage.jobs.fail(bad, "no source 'gone'\nTraceback: noise", now=NOW)
    done, failed = storage.jobs.get(ok.id), storage.jobs.get(bad.id)
    assert done is not None and failed is not None
    assert (done.state, done.result, done.finished_at) == (
        "done",
        {"articles_new": 3},
        NOW + timedelta(seconds=5),
    )
    assert done.finished and done.lease_expires_at is None
    assert (failed.state, failed.error) == ("failed", "no source 'gone'")
    # A finished job is nobody's to finish again.
    assert not storage.jobs.finish(ok, {}, now=NOW) and not storage.jobs.fail(bad, "x", now=NOW)
    assert claim(storage, "w", 3600) is None


def test_a_job_whose_lease_ran_out_is_claimed_again(storage: Storage) -> None:
    job = storage.jobs.submit("crawl", {"force": False}, now=NOW)
    held = claim(storage, "killed")
    assert held is not None
    assert claim(storage, "other", LEASE.total_seconds() - 1) is None  # still leased
    retaken = claim(storage, "other", LEASE.total_seconds())
    assert retaken is not None and retaken.id == job.id
    assert (retaken.worker, retaken.attempts) == ("other", 2)
    # The first worker, if it was only slow, has lost the job: its outcome is not recorded.
    assert not storage.jobs.finish(held, {"late": True}, now=NOW)
    assert not storage.jobs.renew(held, now=NOW, lease=LEASE)
    assert storage.jobs.finish(retaken, {"articles_new": 1}, now=NOW)
    stored = storage.jobs.get(job.id)
    assert stored is not None and stored.result == {"articles_new": 1}


def test_renewing_keeps_a_long_job(storage: Storage) -> None:
    storage.jobs.submit("crawl", {"force": True}, now=NOW)
    held = claim(storage, "w1")
    assert held is not None
    assert storage.jobs.renew(held, now=NOW + timedelta(seconds=50), lease=LEASE)
    assert claim(storage, "w2", 100) is None  # renewed until NOW + 110 s
    assert claim(storage, "w2", 110) is not None


def test_a_job_that_outlives_its_workers_is_given_up(storage: Storage) -> None:
    job = storage.jobs.submit("crawl", {"force": False}, now=NOW)
    later = storage.jobs.submit("crawl", {"force": True}, now=NOW)
    offset = 0.0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        taken = claim(storage, f"w{attempt}", offset)
        assert taken is not None and (taken.id, taken.attempts) == (job.id, attempt)
        offset += LEASE.total_seconds()
    # The last worker died too: the job fails instead of being run a fourth time.
    taken = claim(storage, "next", offset)
    assert taken is not None and taken.id == later.id
    given_up = storage.jobs.get(job.id)
    assert given_up is not None and given_up.state == "failed"
    assert given_up.error == f"abandoned: its worker stopped during each of {MAX_ATTEMPTS} attempts"


def test_two_workers_never_take_the_same_job(storage_url: str) -> None:
    """Two workers, each with its own connection pool, as two processes would have."""
    count = 40
    with open_storage(storage_url) as setup:
        ids = {setup.jobs.submit("crawl", {"n": n}, now=NOW).id for n in range(count)}
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def run(name: str) -> None:
        with open_storage(storage_url) as own:
            start.wait()
            while (job := own.jobs.claim(name, now=NOW, lease=LEASE)) is not None:
                claimed[name].append(job.id)

    threads = [threading.Thread(target=run, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    together = claimed["a"] + claimed["b"]
    assert sorted(together) == sorted(ids)  # every job once, none twice
    with open_storage(storage_url) as check:
        states = {job.state for job in check.jobs.recent(limit=count)}
    assert states == {"running"}


def test_an_error_is_kept_to_one_short_line() -> None:
    assert one_line("\n  first line  \nsecond") == "first line"
    assert one_line("") == "failed"
    long = one_line("x" * 2000)
    assert len(long) == 500 and long.endswith("…")
