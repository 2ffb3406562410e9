"""`colonnade worker --once` runs what the admin API recorded: a source of the demo web
(127.0.0.1) added, crawled and removed through jobs, end to end; failures and lost leases."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from colonnade.cli import cli
from colonnade.demo import DemoServer, build_web
from colonnade.store import Storage, open_storage

LOCAL = {
    "COLONNADE_ALLOW_PRIVATE_ADDRESSES": "1",
    "COLONNADE_PER_HOST_DELAY": "0",
    "COLONNADE_EXTRACT_WORKERS": "1",
    "COLONNADE_RETRIES": "0",
}
TOKEN = "worker test token"

Worker = Callable[[], Result]


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(build_web()) as server:
        yield server


@pytest.fixture
def worker(storage_url: str) -> Worker:
    def run() -> Result:
        result = CliRunner().invoke(
            cli, ["--db", storage_url, "worker", "--once"], env=LOCAL, catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return result

    return run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def admin(storage_url: str, tmp_path: Path) -> Iterator[httpx.Client]:
    """`colonnade serve` in a process of its own on the worker's database, as deployed."""
    port = free_port()
    env = {**os.environ, "COLONNADE_ADMIN_TOKEN": TOKEN, "COLONNADE_CACHE_SECONDS": "0"}
    command = [sys.executable, "-m", "colonnade", "--db", storage_url, "serve", "--port", str(port)]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
            _wait_until_serving(client, process, tmp_path / "serve.log")
            yield client
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_until_serving(client: httpx.Client, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60  # a bound on start-up, not a measurement
    while process.poll() is None and time.monotonic() < deadline:
        try:
            client.get("/api/v1/admin/jobs").raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"`colonnade serve` did not start: {log.read_text()[-2000:]}")


def test_a_source_is_added_crawled_and_removed_through_jobs(
    admin: httpx.Client, worker: Worker, demo: DemoServer
) -> None:
    served = demo.publications[0]
    added = admin.post(
        "/api/v1/admin/sources", json={"url": served.homepage_url, "country": served.country}
    ).json()
    assert added["state"] == "pending"
    ran = worker()
    assert f"job {added['id']} add_source: added {served.name}" in ran.output
    job = admin.get(added["status_url"]).json()
    assert (job["state"], job["attempts"], job["error"]) == ("done", 1, None)
    publication = job["result"]["publication"]
    assert (publication["name"], publication["country"]) == (served.name, served.country)
    assert [feed["url"] for feed in job["result"]["feeds"]] == [served.feed_url]
    slug = publication["slug"]
    assert admin.get(f"/publications/{slug}").status_code == 200

    crawl = admin.post("/api/v1/admin/crawl").json()
    ran = worker()
    assert f"job {crawl['id']} crawl: stored" in ran.output
    crawled = admin.get(crawl["status_url"]).json()
    assert crawled["state"] == "done", crawled
    stored = crawled["result"]["articles_new"]
    assert stored > 0 and "extract_ms" not in crawled["result"]
    listed = admin.get("/api/v1/articles", params={"limit": 100}).json()["items"]
    assert len(listed) == stored
    assert {item["publication"]["name"] for item in listed} == {served.name}

    removal = admin.delete(f"/api/v1/admin/sources/{slug}").json()
    worker()
    removed = admin.get(removal["status_url"]).json()
    assert removed["state"] == "done"
    assert removed["result"] == {"slug": slug, "articles_removed": stored}
    assert admin.get(f"/publications/{slug}").status_code == 404
    assert "no jobs waiting" in worker().output


def test_a_failed_job_records_one_line_and_the_next_job_still_runs(
    admin: httpx.Client, worker: Worker, httpserver: HTTPServer
) -> None:
    httpserver.no_handler_status_code = 404  # no robots.txt, as a real site: all allowed
    httpserver.expect_request("/").respond_with_data(
        "<html><body>No feeds here</body></html>", content_type="text/html"
    )
    bad = admin.post("/api/v1/admin/sources", json={"url": httpserver.url_for("/")}).json()
    after = admin.post("/api/v1/admin/crawl").json()
    ran = worker()
    failed = admin.get(bad["status_url"]).json()
    assert failed["state"] == "failed" and failed["result"] is None
    assert "no feed" in failed["error"] and "\n" not in failed["error"]
    assert f"job {bad['id']} add_source failed: {failed['error']}" in ran.output
    assert admin.get(after["status_url"]).json()["state"] == "done"


def test_a_job_left_by_a_killed_worker_is_run_again(
    storage_url: str, admin: httpx.Client, worker: Worker
) -> None:
    with open_storage(storage_url) as storage:
        gone = _remove_job_taken_by_a_dead_worker(storage)
    worker()
    job = admin.get(f"/api/v1/admin/jobs/{gone}").json()
    assert (job["state"], job["attempts"]) == ("done", 2)
    assert job["result"] == {"slug": "the-daily", "articles_removed": 0}


def _remove_job_taken_by_a_dead_worker(storage: Storage) -> int:
    """A removal claimed an hour ago with a one-minute lease, by a worker that never returned."""
    storage.publications.add("The Daily", "https://daily.example/")
    job = storage.jobs.submit("remove_source", {"slug": "the-daily"}, now=datetime.now(UTC))
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    claimed = storage.jobs.claim("dead", now=an_hour_ago, lease=timedelta(minutes=1))
    assert claimed is not None and claimed.id == job.id
    return job.id


def test_a_running_crawl_also_runs_jobs(storage_url: str, tmp_path: Path) -> None:
    """`colonnade crawl` (kept running) works through jobs beside its passes."""
    with open_storage(storage_url) as storage:
        storage.publications.add("The Daily", "https://daily.example/")
        command = [sys.executable, "-m", "colonnade", "--db", storage_url, "crawl"]
        with (tmp_path / "crawl.log").open("w") as log:
            process = subprocess.Popen(
                command, env={**os.environ, **LOCAL}, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                job = storage.jobs.submit("remove_source", {"slug": "the-daily"}, now=_now())
                deadline = time.monotonic() + 60  # a bound on waiting, not a measurement
                while not (ended := storage.jobs.get(job.id)) or not ended.finished:
                    assert process.poll() is None, (tmp_path / "crawl.log").read_text()
                    assert time.monotonic() < deadline, "the crawl did not run the job"
                    time.sleep(0.1)
            finally:
                process.terminate()
                process.wait(timeout=30)
        assert ended.state == "done" and storage.publications.all() == []
    assert f"job {job.id} remove_source: removed the-daily" in (tmp_path / "crawl.log").read_text()


def _now() -> datetime:
    return datetime.now(UTC)
