"""Jobs: work the web process records and a worker runs (add or remove a source, a crawl pass).

The site only reads: the admin API `submit`s a job and answers at once, and `colonnade worker`
`claim`s it, runs it and records how it ended (`finish` or `fail`). A claim is a lease: a
worker killed mid-job leaves the job `running` with a lease that runs out, and the next claim
takes it again, up to MAX_ATTEMPTS times. Time is always passed in (`now`), never read here.

Two workers never hold the same job: a claim picks the oldest claimable row under
`FOR UPDATE SKIP LOCKED` (PostgreSQL; on SQLite the write transaction already excludes other
writers) and takes it with an UPDATE that repeats the claimable condition.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from colonnade.errors import one_line
from colonnade.store.engine import Database
from colonnade.store.schema import jobs

JobKind = Literal["add_source", "remove_source", "crawl"]
JobState = Literal["pending", "running", "done", "failed"]

MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: JobKind
    params: Mapping[str, Any]
    state: JobState
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    lease_expires_at: datetime | None
    attempts: int
    worker: str | None
    result: Mapping[str, Any] | None
    error: str | None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class Jobs:
    def __init__(self, db: Database) -> None:
        self._db = db

    def submit(self, kind: JobKind, params: Mapping[str, Any], *, now: datetime) -> Job:
        """Record a pending job; a pending job of the same kind and params is returned instead
        (it has not started, so it will do exactly what this one would)."""
        encoded = _encode(params)
        with self._db.write() as conn:
            same = conn.execute(
                sa.select(jobs)
                .where(jobs.c.state == "pending", jobs.c.kind == kind, jobs.c.params == encoded)
                .order_by(jobs.c.id)
                .limit(1)
            ).first()
            if same is not None:
                return _job(same)
            job_id = conn.execute(
                sa.insert(jobs)
                .values(kind=kind, params=encoded, state="pending", created_at=now, attempts=0)
                .returning(jobs.c.id)
            ).scalar_one()
            return _get(conn, job_id)

    def get(self, job_id: int) -> Job | None:
        with self._db.read() as conn:
            row = conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).first()
            return _job(row) if row is not None else None

    def recent(self, limit: int = 20) -> list[Job]:
        """The newest jobs first, whatever their state."""
        with self._db.read() as conn:
            rows = conn.execute(sa.select(jobs).order_by(jobs.c.id.desc()).limit(limit))
            return [_job(row) for row in rows]

    def claim(self, worker: str, *, now: datetime, lease: timedelta) -> Job | None:
        """Take the oldest pending job, or one whose worker's lease ran out; None when there is
        none. The job is `running` for `worker` until `now + lease` (see `renew`)."""
        with self._db.write() as conn:
            # A job whose worker died MAX_ATTEMPTS times is likely what kills it: stop retrying.
            conn.execute(
                sa.update(jobs)
                .where(_expired(now), jobs.c.attempts >= MAX_ATTEMPTS)
                .values(
                    state="failed",
                    finished_at=now,
                    lease_expires_at=None,
                    error=f"abandoned: its worker stopped during each of {MAX_ATTEMPTS} attempts",
                )
            )
            claimable = sa.or_(
                jobs.c.state == "pending", sa.and_(_expired(now), jobs.c.attempts < MAX_ATTEMPTS)
            )
            job_id = conn.execute(
                sa.select(jobs.c.id)
                .where(claimable)
                .order_by(jobs.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).scalar()
            if job_id is None:
                return None
            taken = conn.execute(
                sa.update(jobs)
                .where(jobs.c.id == job_id, claimable)
                .values(
                    state="running",
                    worker=worker,
                    started_at=now,
                    lease_expires_at=now + lease,
                    attempts=jobs.c.attempts + 1,
                )
            )
            if taken.rowcount != 1:
                return None
            return _get(conn, job_id)

    def renew(self, job: Job, *, now: datetime, lease: timedelta) -> bool:
        """Extend the lease of a job this worker still holds; False when it lost it."""
        with self._db.write() as conn:
            return _held(conn, job, lease_expires_at=now + lease)

    def finish(self, job: Job, result: Mapping[str, Any], *, now: datetime) -> bool:
        """Record a claimed job's result; False when its lease had passed to another worker."""
        return self._end(job, now, state="done", result=_encode(result))

    def fail(self, job: Job, error: str, *, now: datetime) -> bool:
        """Record why a claimed job failed (kept to one line); False as for `finish`."""
        return self._end(job, now, state="failed", error=one_line(error))

    def _end(self, job: Job, now: datetime, **values: Any) -> bool:
        with self._db.write() as conn:
            return _held(conn, job, finished_at=now, lease_expires_at=None, **values)


def _expired(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(jobs.c.state == "running", jobs.c.lease_expires_at <= now)


def _held(conn: Connection, job: Job, **values: Any) -> bool:
    """Update a job only while this claim of it (same worker, same attempt) still holds."""
    updated = conn.execute(
        sa.update(jobs)
        .where(
            jobs.c.id == job.id,
            jobs.c.state == "running",
            jobs.c.worker == job.worker,
            jobs.c.attempts == job.attempts,
        )
        .values(**values)
    )
    return bool(updated.rowcount == 1)


def _encode(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), sort_keys=True, separators=(",", ":"), default=str)


def _get(conn: Connection, job_id: int) -> Job:
    return _job(conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).one())


def _job(row: Row[Any]) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        params=json.loads(row.params),
        state=row.state,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        lease_expires_at=row.lease_expires_at,
        attempts=row.attempts,
        worker=row.worker,
        result=json.loads(row.result) if row.result is not None else None,
        error=row.error,
    )
