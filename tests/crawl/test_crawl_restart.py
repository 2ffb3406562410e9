"""A crawl killed with SIGKILL and started again completes with no duplicates and nothing lost."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.fetch import Fetcher
from colonnade.sources.add import add_source
from colonnade.store import Storage, open_storage


async def _add_all(storage: Storage, settings: Settings, server: DemoServer) -> None:
    async with Fetcher(settings) as fetcher:
        for pub in server.publications:
            await add_source(storage, fetcher, pub.homepage_url)


def _crawl_command(url: str) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    env.update(
        {
            "COLONNADE_DATABASE_URL": url,
            "COLONNADE_ALLOW_PRIVATE_ADDRESSES": "1",
            "COLONNADE_PER_HOST_DELAY": "0",
            "COLONNADE_EXTRACT_WORKERS": "1",
            "COLONNADE_CONCURRENCY": "2",
        }
    )
    return [sys.executable, "-m", "colonnade", "crawl", "--once"], env


def _count(url: str) -> int:
    with open_storage(url) as storage:
        return storage.stats()["articles"]


def test_killed_crawl_resumes_without_loss_or_duplicates(
    storage_url: str, settings: Settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    with DemoServer(build_web(publications=6, articles_per_publication=25)) as demo:
        with open_storage(storage_url) as storage:
            asyncio.run(_add_all(storage, settings, demo))
        command, env = _crawl_command(storage_url)
        log = (tmp_path / "crawl.log").open("w")
        first = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while _count(storage_url) < 20:
            assert first.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "the crawl stored nothing in 60 s"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        stored_when_killed = _count(storage_url)
        assert stored_when_killed < 150, "killed too late to prove anything"

        second = subprocess.run(command, env=env, stdout=log, stderr=log, timeout=120)
        assert second.returncode == 0

        # Every page once, a syndicated copy under its own address.
        expected = {e.url if e.syndicated_from else e.canonical_url or e.url for e in demo.expected}
        with open_storage(storage_url) as storage:
            rows = list(storage.articles.iter_all())
            keys = Counter(a.canonical_url for a in rows)
            assert set(keys) == expected
            assert max(keys.values()) == 1
            stats = storage.stats()
            assert stats["queue_pending"] == 0
            assert stats["articles"] == len(expected) > stored_when_killed
