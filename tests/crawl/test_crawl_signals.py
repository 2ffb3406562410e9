"""A `colonnade crawl` stopped by a signal leaves no process behind.

SIGTERM (what systemd, Docker and Kubernetes send) stops the crawl the way Ctrl-C does: the pass
is cancelled, the writer drains, the extraction workers are shut down, and the exit status is
the same. SIGKILL allows no cleanup, so the workers must notice their parent's death on their
own. Each test runs a real crawl in a subprocess against a slow local site and watches the
process tree with psutil.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psutil
import pytest

from colonnade.store import open_storage

from .faultweb import FaultWeb, article_html, rss, send

WORDS = "The city council has promised a new bridge for the third time this decade."
ARTICLES = 200
SLOW_SECONDS = 1.0  # per article page: a whole pass would outlast BOUND
BOUND = 60.0  # generous: only a hang should reach it


def slow_article(n: int) -> object:
    body = article_html(f"Slow {n}", "Ann Writer", WORDS).encode()

    def route(h: BaseHTTPRequestHandler) -> None:
        time.sleep(SLOW_SECONDS)
        send(h, body)

    return route


@pytest.fixture
def site() -> Iterator[FaultWeb]:
    with FaultWeb() as web:
        items = [(f"/a/{n}", f"Slow {n}") for n in range(ARTICLES)]
        web.routes["/feed.xml"] = lambda h: send(
            h, rss(web.base, items).encode(), content_type="application/rss+xml"
        )
        for n in range(ARTICLES):
            web.routes[f"/a/{n}"] = slow_article(n)  # type: ignore[assignment]
        yield web


def start_crawl(
    site: FaultWeb, tmp_path: Path, *options: str
) -> tuple[subprocess.Popen[bytes], str]:
    url = f"sqlite:///{tmp_path / 'colonnade.db'}"
    with open_storage(url) as storage:
        pub = storage.publications.add("Slow Times", site.url("/"))
        storage.feeds.add(pub.id, site.url("/feed.xml"))
    env = dict(os.environ)
    env.update(
        {
            "COLONNADE_DATABASE_URL": url,
            "COLONNADE_ALLOW_PRIVATE_ADDRESSES": "1",
            "COLONNADE_PER_HOST_DELAY": "0",
            "COLONNADE_EXTRACT_WORKERS": "2",
            "COLONNADE_CONCURRENCY": "2",
        }
    )
    log = (tmp_path / "crawl.log").open("wb")
    command = [sys.executable, "-m", "colonnade", "crawl", *options]
    return subprocess.Popen(command, env=env, stdout=log, stderr=log), url


def stored(url: str) -> int:
    with open_storage(url) as storage:
        return int(storage.stats()["articles"])


Pid = tuple[int, float]  # pid and start time: a pid the kernel reused is another process


def descendants(pid: int) -> set[Pid]:
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return set()
    found = set()
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            found.add((child.pid, child.create_time()))
    return found


def running(pids: set[Pid]) -> set[Pid]:
    """Those still running (a zombie has stopped; only its parent's wait remains)."""
    alive = set()
    for pid, created in pids:
        try:
            process = psutil.Process(pid)
            if process.create_time() == created and process.status() != psutil.STATUS_ZOMBIE:
                alive.add((pid, created))
        except psutil.NoSuchProcess:
            pass
    return alive


def crawl_until_extracting(
    site: FaultWeb, tmp_path: Path, *options: str
) -> tuple[subprocess.Popen[bytes], set[Pid]]:
    """A crawl that has stored an article (so its workers run) and has many pages to go; and
    every process it started meanwhile."""
    crawl, url = start_crawl(site, tmp_path, *options)
    seen: set[Pid] = set()
    deadline = time.monotonic() + BOUND
    while stored(url) < 1 or not seen:
        assert crawl.poll() is None, (tmp_path / "crawl.log").read_text()
        assert time.monotonic() < deadline, "the crawl stored nothing"
        seen |= descendants(crawl.pid)
        time.sleep(0.05)
    seen |= descendants(crawl.pid)
    assert stored(url) < ARTICLES, "the crawl ended before the signal could prove anything"
    return crawl, seen


def wait_gone(pids: set[Pid]) -> set[Pid]:
    deadline = time.monotonic() + BOUND
    while running(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return running(pids)


def describe(pids: set[Pid]) -> list[str]:
    out = []
    for pid, _ in pids:
        with contextlib.suppress(psutil.NoSuchProcess):
            out.append(f"{pid}: {' '.join(psutil.Process(pid).cmdline())[:160]}")
    return out


def kill_leftovers(pids: set[Pid]) -> None:
    """Do not leave a failed test's processes to the next one."""
    for pid, _ in running(pids):
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).kill()


@pytest.mark.parametrize(
    ("options", "sig", "status"),
    [
        (["--once"], signal.SIGINT, 1),  # click's "Aborted!"
        (["--once"], signal.SIGTERM, 1),  # the same as Ctrl-C
        ([], signal.SIGTERM, 0),  # kept running, a signal is how it is meant to stop
    ],
    ids=["once-SIGINT", "once-SIGTERM", "forever-SIGTERM"],
)
def test_a_stop_signal_ends_the_crawl_and_all_its_processes(
    site: FaultWeb, tmp_path: Path, options: list[str], sig: signal.Signals, status: int
) -> None:
    crawl, children = crawl_until_extracting(site, tmp_path, *options)
    try:
        crawl.send_signal(sig)
        try:
            code = crawl.wait(timeout=BOUND)
        except subprocess.TimeoutExpired:
            crawl.kill()
            pytest.fail(f"the crawl did not stop within {BOUND:g} s of {sig.name}")
        output = (tmp_path / "crawl.log").read_text()
        assert code == status, output
        assert "Traceback" not in output, output
        left = wait_gone(children)
        assert not left, describe(left)
    finally:
        kill_leftovers(children)


def test_a_killed_crawl_takes_its_workers_with_it(site: FaultWeb, tmp_path: Path) -> None:
    crawl, children = crawl_until_extracting(site, tmp_path, "--once")
    try:
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=BOUND)
        left = wait_gone(children)
        assert not left, describe(left)
    finally:
        kill_leftovers(children)
