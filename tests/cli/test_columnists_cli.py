"""`colonnade columnists list|merge|split`: corrections by hand from the command line, on a
real database, with one-line errors for bad slugs."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from click.testing import CliRunner

from colonnade.cli import cli
from colonnade.models import Article
from colonnade.store import open_storage

NOW = datetime(2026, 12, 3, tzinfo=UTC)


def _fill(url: str) -> None:
    """Jane Doe in two British papers (joined by name: unverified) and in a German one."""
    with open_storage(url) as storage:
        for n, (name, country, language) in enumerate(
            [("The Daily", "GB", "en"), ("The Herald", "GB", "en"), ("Die Zeitung", "DE", "de")]
        ):
            host = name.lower().replace(" ", "") + ".example"
            pub = storage.publications.add(
                name, f"https://{host}", country=country, language=language
            )
            column = Article(
                url=f"https://{host}/opinion/{n}",
                title=f"Column {n}",
                authors=["Jane Doe"],
                text=f"Paragraph one of column {n}.\n\nParagraph two.",
            )
            storage.articles.save(column, publication_id=pub.id, fetched_at=NOW)


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", url, "columnists", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_list_merge_and_split(storage_url: str) -> None:
    _fill(storage_url)
    code, out = _run(storage_url, "list")
    assert code == 0
    assert out.splitlines() == [
        "jane-doe  Jane Doe (unverified)  2 column(s) in the-daily, the-herald",
        "jane-doe-die-zeitung  Jane Doe  1 column(s) in die-zeitung",
    ]
    assert _run(storage_url, "list", "--unverified")[1].splitlines()[0].startswith("jane-doe ")

    code, out = _run(storage_url, "split", "jane-doe", "--publication", "the-herald")
    assert code == 0 and out.startswith("split jane-doe: jane-doe-the-herald  Jane Doe  1 column")
    code, out = _run(storage_url, "merge", "jane-doe", "jane-doe-die-zeitung")
    assert code == 0
    # Both columns were first seen at the same time: affiliations then go by name.
    assert out.strip() == (
        "merged jane-doe-die-zeitung into jane-doe  Jane Doe  2 column(s) in die-zeitung, the-daily"
    )
    listed = _run(storage_url, "list")[1].splitlines()
    assert [line.split()[0] for line in listed] == ["jane-doe", "jane-doe-the-herald"]
    assert "unverified" not in "".join(listed)
    with open_storage(storage_url) as storage:
        assert [c.kind for c in storage.columnists.corrections()] == ["merge", "split"]


def test_a_bad_slug_is_a_one_line_error(storage_url: str) -> None:
    _fill(storage_url)
    for args in (
        ["merge", "jane-doe", "nobody"],
        ["split", "jane-doe", "--publication", "nowhere"],
        ["split", "jane-doe-die-zeitung", "--publication", "die-zeitung"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "colonnade", "--db", storage_url, "columnists", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
        assert len(errors) == 1, result.stderr
    with open_storage(storage_url) as storage:
        assert storage.columnists.corrections() == []
        assert len(storage.columnists.page()[0]) == 2


def test_clusters_rebuild_reports_what_it_found(storage_url: str) -> None:
    text = " ".join(f"word{i % 50} thing{i % 7} item{i}" for i in range(120))
    with open_storage(storage_url, cluster_copies=False) as storage:
        for n, name in enumerate(("The Daily", "The Herald")):
            host = name.lower().replace(" ", "") + ".example"
            pub = storage.publications.add(name, f"https://{host}", country="GB", language="en")
            column = Article(url=f"https://{host}/c/{n}", title="A column", text=text)
            storage.articles.save(column, publication_id=pub.id, fetched_at=NOW)
    result = CliRunner().invoke(cli, ["--db", storage_url, "clusters", "rebuild"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == (
        "rebuilt clusters of 2 articles: 0 in clusters of copies before, 2 now; 1 changed cluster"
    )
