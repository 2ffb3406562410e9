"""`colonnade crawl [--once]`: check due feeds, fetch and store new articles.

Kept running, it also runs the jobs the admin API records (as `colonnade worker` does), beside
its crawl passes; `--once` runs no jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from colonnade.cli.context import AppContext
from colonnade.cli.worker import report_job, work
from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport
from colonnade.pipeline import crawl_forever, crawl_once
from colonnade.store import Storage

stderr = Console(stderr=True)


class RichProgress:
    """Two bars (feeds, pages) and a running count of stored articles and errors."""

    def __init__(self, console: Console = stderr) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[note]}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.feeds = self.progress.add_task("feeds", total=None, note="")
        self.pages = self.progress.add_task("pages", total=None, note="")

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, r: CrawlReport) -> None:
        self.progress.update(
            self.feeds,
            total=r.feeds_due,
            completed=r.feeds_checked,
            note=f"{r.urls_queued} new URLs, {r.feeds_unchanged} unchanged, "
            f"{r.feeds_failed} failed",
        )
        done = r.pages_fetched + (r.errors - r.feeds_failed)
        self.progress.update(
            self.pages,
            total=r.pages_total or None,
            completed=done,
            note=f"{r.articles_new} new, {r.articles_updated} updated, {r.errors} error(s)",
        )


def print_summary(report: CrawlReport, console: Console = stderr) -> None:
    console.print(
        f"checked {report.feeds_checked} feed(s); fetched {report.pages_fetched} page(s); "
        f"stored {report.articles_new} new and {report.articles_updated} updated article(s); "
        f"{report.errors} error(s)"
    )
    if report.failures:
        table = Table("source", "url", "error", title="Failures", title_justify="left")
        for failure in report.failures[:50]:
            table.add_row(failure.source, failure.url, failure.reason)
        console.print(table)
        if len(report.failures) > 50:
            console.print(f"... and {len(report.failures) - 50} more (see `colonnade stats`)")


def run_once(storage: Storage, settings: Settings, *, force: bool = False) -> CrawlReport:
    with RichProgress() as progress:
        report = asyncio.run(_once(storage, settings, force=force, progress=progress))
    print_summary(report)
    return report


async def _once(
    storage: Storage, settings: Settings, *, force: bool, progress: RichProgress
) -> CrawlReport:
    # SIGTERM (kill, systemd, Docker) takes Ctrl-C's path: asyncio.run cancels the pass, whose
    # cleanup drains the writer and shuts the workers down, and click reports "Aborted!".
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError):  # no add_signal_handler on Windows
        loop.add_signal_handler(signal.SIGTERM, signal.raise_signal, signal.SIGINT)
    return await crawl_once(storage, settings, force=force, progress=progress)


async def _forever(storage: Storage, settings: Settings) -> None:
    """Crawl passes and jobs until SIGINT or SIGTERM. The first signal cancels the pass in
    progress (its pages stay queued for the next start) and lets the job in progress end; a
    second one cancels that job too."""
    stop = asyncio.Event()
    crawling = asyncio.create_task(
        crawl_forever(storage, settings, on_pass=print_summary, stop=stop)
    )
    jobs = asyncio.create_task(work(storage, settings, stop=stop, on_job=report_job))

    def on_signal() -> None:
        if stop.is_set():
            jobs.cancel()
        stop.set()
        crawling.cancel()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, on_signal)
    for task in (crawling, jobs):
        try:
            await task
        except asyncio.CancelledError:
            if not stop.is_set():
                raise


@click.command("crawl")
@click.option("--once", is_flag=True, help="One pass over all due sources, then exit.")
@click.option("--force", is_flag=True, help="Check every feed now, due or not.")
@click.pass_obj
def crawl(app: AppContext, once: bool, force: bool) -> None:
    """Fetch due feeds and store new articles (keeps running unless --once).

    Exits 0 even when some sources failed: failures are reported and recorded on the source.
    Kept running, it also runs the admin API's jobs, as `colonnade worker` does.
    """
    if once:
        run_once(app.storage, app.settings, force=force)
        return
    stderr.print("crawling; press Ctrl-C to stop")
    asyncio.run(_forever(app.storage, app.settings))


COMMANDS = [crawl]
