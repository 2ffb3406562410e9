"""Ingest benchmark: crawl a generated local web into a fresh SQLite database and print figures.

    .venv/bin/python benchmarks/ingest.py [--publications 50] [--articles 40] [--workers 0]

Prints articles/s end to end, extraction ms/page (p50, p95, measured inside the workers),
peak RSS of the crawler and its worker processes together, database bytes per article, and
the time of a second crawl of every feed with nothing new (conditional GET, no re-extraction).
Discovery (adding the sources) happens before the clock starts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import statistics
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import psutil

from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.demo.adding import add_publications
from colonnade.pipeline import crawl_once
from colonnade.store import open_storage


def serve_web(publications: int, articles: int, conn: Connection) -> None:
    """Runs in its own process, so the web's memory is not counted as the crawler's."""
    with DemoServer(build_web(publications=publications, articles_per_publication=articles)) as s:
        conn.send((s.publications, len(s.expected)))
        conn.recv()  # until the benchmark is done


class PeakRss:
    """Samples the resident memory of this process and its children every 50 ms."""

    def __init__(self, exclude: int) -> None:
        self.exclude = exclude
        self.peak = 0
        self.peak_self = 0  # this process alone (the crawler without its workers)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                if proc.pid == self.exclude:
                    continue
                with contextlib.suppress(psutil.Error):
                    rss = proc.memory_info().rss
                    total += rss
                    if proc.pid == me.pid:
                        self.peak_self = max(self.peak_self, rss)
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publications", type=int, default=50)
    parser.add_argument("--articles", type=int, default=40, help="articles per publication")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: cores)")
    args = parser.parse_args()

    settings = Settings().with_(
        allow_private_addresses=True,
        per_host_delay=0.0,
        extract_workers=args.workers,
        max_articles_per_feed=max(200, args.articles * 2),
    )
    here, there = multiprocessing.Pipe()
    web = multiprocessing.Process(
        target=serve_web, args=(args.publications, args.articles, there), daemon=True
    )
    web.start()
    pubs, served = here.recv()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        storage = open_storage(f"sqlite:///{db}")
        asyncio.run(add_publications(storage, settings, pubs))
        feeds = len(storage.feeds.all())

        with PeakRss(exclude=web.pid or 0) as rss:
            started = time.perf_counter()
            first = asyncio.run(crawl_once(storage, settings))
            first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = asyncio.run(crawl_once(storage, settings, force=True))
        second_s = time.perf_counter() - started

        articles = storage.stats()["articles"]
        storage.close()  # checkpoints the WAL into the main file
        size = sum(p.stat().st_size for p in Path(folder).glob("bench.db*"))
    here.send("stop")
    web.join(5)

    ms = first.extract_ms
    print(f"web: {args.publications} publications, {feeds} feeds, {served} articles served")
    print(
        f"first crawl: {articles} articles stored in {first_s:.1f} s "
        f"= {articles / first_s:.1f} articles/s end to end "
        f"({first.errors} errors, {first.pages_fetched} pages fetched)"
    )
    print(
        f"extraction: p50 {percentile(ms, 50):.1f} ms/page, p95 {percentile(ms, 95):.1f} "
        f"ms/page ({len(ms)} pages)"
    )
    print(f"peak RSS (crawler + workers): {rss.peak / 2**20:.0f} MB")
    print(f"database: {size / articles:,.0f} bytes/article ({size / 2**20:.1f} MB)")
    print(
        f"second crawl, nothing new: {second_s:.2f} s = {100 * second_s / first_s:.1f}% of "
        f"the first ({second.feeds_unchanged}/{second.feeds_checked} feeds unchanged, "
        f"{second.pages_fetched} pages fetched)"
    )


if __name__ == "__main__":
    main()
