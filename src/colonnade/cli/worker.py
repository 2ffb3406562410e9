"""`colonnade worker [--once]`: run the jobs the admin API records (add or remove a source, a
crawl pass) through the same library functions the other commands use.

One job at a time, oldest first. A job's lease is renewed while it runs; a worker killed
mid-job leaves it to be claimed again once the lease runs out. A job that raises is recorded
as failed with a one-line error, and the worker carries on with the next.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import secrets
import signal
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from colonnade.cli.context import AppContext
from colonnade.config import Settings
from colonnade.errors import BadRequest, ColonnadeError, NotFound
from colonnade.fetch import Fetcher
from colonnade.pipeline import crawl_once
from colonnade.sources.add import add_source
from colonnade.store import Storage
from colonnade.store.jobs import Job

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
POLL_SECONDS = 2.0
FAILURES_KEPT = 20  # of a crawl's failures, in the job's result (all are in fetch_errors)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def worker_name() -> str:
    """Unique per process: host, pid and a random tag (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


async def work(
    storage: Storage,
    settings: Settings,
    *,
    once: bool = False,
    stop: asyncio.Event | None = None,
    poll: float = POLL_SECONDS,
    lease: timedelta = LEASE,
    clock: Clock = utc_now,
    on_job: Callable[[Job], None] | None = None,
) -> int:
    """Claim and run jobs until `stop` is set (with `once`: until none is left); returns how
    many ran. `on_job` gets each job as it ended."""
    name = worker_name()
    stop = stop or asyncio.Event()
    ran = 0
    while not stop.is_set():
        job = await asyncio.to_thread(storage.jobs.claim, name, now=clock(), lease=lease)
        if job is None:
            if once:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=poll)
            continue
        ended = await run_claimed(storage, settings, job, lease=lease, clock=clock)
        ran += 1
        if on_job:
            on_job(ended)
    return ran


async def run_claimed(
    storage: Storage, settings: Settings, job: Job, *, lease: timedelta, clock: Clock
) -> Job:
    """Run one claimed job, keeping its lease alive, and record its result or error."""
    keeper = asyncio.create_task(_keep_lease(storage, job, lease=lease, clock=clock))
    try:
        result = await execute(storage, settings, job)
    except Exception as exc:
        if isinstance(exc, ColonnadeError):
            error = str(exc) or type(exc).__name__
        else:  # a bug: logged with its traceback, the job still fails cleanly
            log.exception("job %d (%s) failed", job.id, job.kind)
            error = f"{type(exc).__name__}: {exc}"
        await asyncio.to_thread(storage.jobs.fail, job, error, now=clock())
    else:
        await asyncio.to_thread(storage.jobs.finish, job, result, now=clock())
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper
    ended = await asyncio.to_thread(storage.jobs.get, job.id)
    return ended or job


async def _keep_lease(storage: Storage, job: Job, *, lease: timedelta, clock: Clock) -> None:
    while True:
        await asyncio.sleep(lease.total_seconds() / 3)
        held = await asyncio.to_thread(storage.jobs.renew, job, now=clock(), lease=lease)
        if not held:
            log.warning("job %d: lease lost to another worker", job.id)
            return


async def execute(storage: Storage, settings: Settings, job: Job) -> dict[str, Any]:
    """Do what the job asks; its result, as JSON-ready values."""
    params = job.params
    if job.kind == "add_source":
        async with Fetcher(settings) as fetcher:
            publication, feeds, _ = await add_source(
                storage,
                fetcher,
                params["url"],
                name=params.get("name"),
                country=params.get("country"),
                language=params.get("language"),
            )
        return {
            "publication": {
                "id": publication.id,
                "slug": publication.slug,
                "name": publication.name,
                "homepage": publication.homepage,
                "country": publication.country,
                "language": publication.language,
            },
            "feeds": [{"url": f.url, "kind": f.kind, "title": f.title} for f in feeds],
        }
    if job.kind == "remove_source":
        slug = params["slug"]
        found = await asyncio.to_thread(storage.publications.by_slug, slug)
        if found is None:
            raise NotFound(f"no source {slug!r}")
        removed = await asyncio.to_thread(storage.publications.remove, found.id)
        return {"slug": slug, "articles_removed": removed}
    if job.kind == "crawl":
        report = await crawl_once(storage, settings, force=bool(params.get("force")))
        data = dataclasses.asdict(report)
        data.pop("extract_ms", None)  # one number per page: not a summary
        data["failures"] = data["failures"][:FAILURES_KEPT]
        return data
    raise BadRequest(f"unknown job kind {job.kind!r}")


def describe(job: Job) -> str:
    """One line for the terminal: what the job did, or why it failed."""
    head = f"job {job.id} {job.kind}"
    if job.state == "failed":
        return f"{head} failed: {job.error}"
    result = job.result or {}
    if job.kind == "add_source" and "publication" in result:
        pub = result["publication"]
        return f"{head}: added {pub['name']} [{pub['slug']}] with {len(result['feeds'])} feed(s)"
    if job.kind == "remove_source" and "slug" in result:
        return f"{head}: removed {result['slug']} and {result['articles_removed']} article(s)"
    if job.kind == "crawl" and "articles_new" in result:
        return (
            f"{head}: stored {result['articles_new']} new and {result['articles_updated']} "
            f"updated article(s); {result['errors']} error(s)"
        )
    return f"{head}: {job.state}"


def report_job(job: Job) -> None:
    click.echo(describe(job), err=job.state == "failed")


async def _forever(storage: Storage, settings: Settings, poll: float) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await work(storage, settings, stop=stop, poll=poll, on_job=report_job)


@click.command("worker")
@click.option("--once", is_flag=True, help="Run the jobs waiting now, then exit.")
@click.option(
    "--poll",
    type=click.FloatRange(min=0.1),
    default=POLL_SECONDS,
    show_default=True,
    help="Seconds between looks for new jobs.",
)
@click.pass_obj
def worker(app: AppContext, once: bool, poll: float) -> None:
    """Run the jobs the admin API records: add or remove a source, a crawl pass.

    Keeps running unless --once. Exits 0 even when a job failed: its error is recorded on the
    job (GET /api/v1/admin/jobs/ID) and printed.
    """
    if once:
        ran = asyncio.run(work(app.storage, app.settings, once=True, on_job=report_job))
        if not ran:
            click.echo("no jobs waiting", err=True)
        return
    click.echo("running jobs; press Ctrl-C to stop", err=True)
    asyncio.run(_forever(app.storage, app.settings, poll))


COMMANDS = [worker]
