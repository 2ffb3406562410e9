"""`colonnade demo`, the README's first command, and the adding of its publications."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from colonnade.cli import cli
from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.demo.adding import add_publications
from colonnade.demo.server import ServedPublication
from colonnade.errors import ColonnadeError
from colonnade.store import open_storage


def test_demo_crawls_the_sample_web_and_says_what_it_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = CliRunner().invoke(
        cli, ["--db", url, "demo", "--no-serve"], env={"COLONNADE_EXTRACT_WORKERS": "1"}
    )
    assert result.exit_code == 0, result.output
    with open_storage(url) as storage:
        stats = storage.stats()
    assert stats["publications"] == 6
    assert stats["articles"] > 0
    # One line per publication added, with the kinds of feed found, then the totals.
    added = [line for line in result.output.splitlines() if line.startswith("  ") and "):" in line]
    assert len(added) == 6
    assert f"stored {stats['articles']} articles" in result.output


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unreachable() -> ServedPublication:
    home = f"http://127.0.0.1:{_closed_port()}/"
    return ServedPublication("Nobody Home", home, "GB", "en", None)


def _settings() -> Settings:
    return Settings(allow_private_addresses=True, per_host_delay=0.0, retries=0)


def test_a_publication_that_cannot_be_added_is_reported_and_the_rest_are_added(
    tmp_path: Path,
) -> None:
    lines: list[str] = []
    with DemoServer(build_web()) as server, open_storage(f"sqlite:///{tmp_path / 'a.db'}") as st:
        wanted = [_unreachable(), *server.publications]
        asyncio.run(add_publications(st, _settings(), wanted, report=lines.append))
        assert len(st.publications.all()) == len(server.publications)
    assert lines[0].startswith("  could not add Nobody Home: ")
    assert len(lines) == 1 + len(server.publications)


def test_without_a_report_the_first_failure_is_raised(tmp_path: Path) -> None:
    with open_storage(f"sqlite:///{tmp_path / 'b.db'}") as storage, pytest.raises(ColonnadeError):
        asyncio.run(add_publications(storage, _settings(), [_unreachable()]))
