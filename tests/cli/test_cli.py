"""The command line as a user runs it: real demo web, real database, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from colonnade.cli import cli
from colonnade.demo import DemoServer, build_web

LOCAL = {
    "COLONNADE_ALLOW_PRIVATE_ADDRESSES": "1",
    "COLONNADE_PER_HOST_DELAY": "0",
    "COLONNADE_EXTRACT_WORKERS": "1",
}


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(build_web()) as server:
        yield server


@pytest.fixture
def run(storage_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(
            cli, ["--db", storage_url, *args], env={**LOCAL, **(env or {})}, catch_exceptions=False
        )

    return invoke


@pytest.fixture
def crawled(run, demo: DemoServer):  # type: ignore[no-untyped-def]
    for pub in demo.publications[:3]:
        result = run("sources", "add", pub.homepage_url, "--country", pub.country)
        assert result.exit_code == 0, result.output
    result = run("crawl", "--once")
    assert result.exit_code == 0, result.output
    return run


def test_sources_add_list_export_import_remove(run, demo: DemoServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pub = demo.publications[0]
    added = run("sources", "add", pub.homepage_url, "--country", pub.country.lower())
    assert added.exit_code == 0, added.output
    assert f"added {pub.name}" in added.output and "rss" in added.output
    listed = run("sources", "list")
    assert pub.name in listed.output and pub.country.upper() in listed.output
    opml = tmp_path / "feeds.opml"
    assert run("sources", "export", "--output", str(opml)).exit_code == 0
    assert pub.homepage_url.rstrip("/") in opml.read_text()
    slug = listed.output.split()[0]
    removed = run("sources", "remove", slug, "--yes")
    assert removed.exit_code == 0 and "removed" in removed.output
    assert pub.name not in run("sources", "list").output
    imported = run("sources", "import", str(opml))
    assert "imported 1 feed(s)" in imported.output
    assert pub.name in run("sources", "list").output


def test_crawl_search_export_stats(crawled) -> None:  # type: ignore[no-untyped-def]
    run = crawled
    stats = run("stats")
    articles = int(
        next(line.split()[1] for line in stats.output.splitlines() if line.startswith("articles"))
    )
    assert articles >= 20

    jsonl = run("export", "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == articles
    assert f"exported {articles} article(s)" in jsonl.stderr  # messages never in the data
    for key in (
        "id",
        "url",
        "canonical_url",
        "title",
        "authors",
        "publication",
        "published",
        "language",
        "text",
        "excerpt",
        "word_count",
        "paywalled",
        "fetched_at",
    ):
        assert key in rows[0], key
    assert isinstance(rows[0]["authors"], list)

    table = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(table) == articles and table[0]["title"] == rows[0]["title"]

    word = rows[0]["title"].split()[-1]
    found = run("search", word, "--json")
    assert found.exit_code == 0
    assert rows[0]["id"] in [json.loads(line)["id"] for line in found.stdout.splitlines()]
    hostile = run("search", '"unbalanced (NEAR* -x title:')
    assert hostile.exit_code == 0


def test_export_to_file_is_complete(crawled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "columns.jsonl"
    result = crawled("export", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) > 0
    assert list(tmp_path.glob(".columns.jsonl.*")) == []


def test_extract_a_saved_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Why bridges matter</title>"
        "<meta name='author' content='Jo Banks'></head><body><article><h1>Why bridges matter"
        "</h1>"
        + "<p>Bridges connect towns and people across rivers and valleys alike.</p>" * 8
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["extract", str(page), "--json", "--url", "https://example.com/bridges"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Why bridges matter" and data["authors"] == ["Jo Banks"]


def _colonnade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "colonnade", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "postgresql://postgres@127.0.0.1:1/nope", "stats"],
        ["--db", "mysql+nodriver://x/y", "stats"],
        ["sources", "add", "not a url"],
        ["extract", "/no/such/file.html"],
        ["export", "--format", "xml"],
        ["sources", "add", "https://example.com", "--language", "english"],
    ],
)
def test_bad_input_gets_one_line_error_not_traceback(args: list[str], tmp_path: Path) -> None:
    if "--db" not in args:
        args = ["--db", f"sqlite:///{tmp_path / 'x.db'}", *args]
    result = _colonnade(*args)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert "Error:" in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1, result.stderr
