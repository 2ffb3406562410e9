"""Bad arguments give one line on standard error and a non-zero exit, never a traceback: an
output file that cannot be written, a database URL that cannot be read, a database in a place
where none can be made, a host name longer than DNS allows. The sweep below runs every command
of the click app, so a new command is checked without being listed here."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from colonnade.cli import cli

MALFORMED_URL = "postgresql://u@:badport/x"
UNWRITABLE_DATABASE = "sqlite:////proc/colonnade-test/missing/colonnade.db"
UNWRITABLE_FILE = "/proc/colonnade-test.out"  # /proc takes no new files, not even from root
LONG_LABEL_HOST = "a" * 64 + ".example"  # a DNS label is at most 63 characters
LONG_HOST = ".".join(["abcdefghi"] * 26) + ".example"  # 267 characters; at most 253
DUMMY = "http://127.0.0.1:9/x"  # any required value: what the command reads never matters
OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline type="rss" text="T" xmlUrl="https://daily.example/feed.xml"/></body></opml>"""
# Commands that never open the database: a bad --db is no error to them (and `eval` with no
# arguments would score every benchmark page), so they get only the bad option.
DATABASE_FREE = {"config", "eval"}


def leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from leaf_commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def command_of(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def required_values(command: click.Command, existing_file: Path) -> list[str]:
    """A value for each required argument and option, so that click lets the command run."""
    values: list[str] = []
    for param in command.params:
        if not param.required:
            continue
        value = str(existing_file) if isinstance(param.type, click.Path) else DUMMY
        values += [param.opts[0], value] if isinstance(param, click.Option) else [value]
    return values


def takes_output(command: click.Command) -> bool:
    return any("--output" in param.opts for param in command.params)


COMMANDS = list(leaf_commands(cli))


@pytest.fixture
def opml(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    return path


def invoke(args: list[str]) -> tuple[int, str]:
    """Run in-process; an exception other than click's exit would be a traceback when run."""
    result = CliRunner().invoke(cli, args, env={"COLONNADE_DATABASE_URL": None})
    unexpected = result.exc_info is not None and result.exc_info[0] is not SystemExit
    assert not unexpected, f"{args}: {result.exception!r}"
    return result.exit_code, result.output


def test_the_sweep_covers_every_command() -> None:
    assert {"export", "sources export", "sources add", "extract", "stats", "serve"} <= {
        " ".join(path) for path in COMMANDS
    }


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_fails_in_one_line_on_bad_arguments(
    path: tuple[str, ...], opml: Path, tmp_path: Path
) -> None:
    command = command_of(path)
    values = required_values(command, opml)
    good_db = f"sqlite:///{tmp_path / 'colonnade.db'}"
    cases = [["--db", good_db, *path, *values, "--no-such-option"]]
    if path[0] not in DATABASE_FREE:
        cases += [["--db", url, *path, *values] for url in (MALFORMED_URL, UNWRITABLE_DATABASE)]
    if takes_output(command):
        for output in (UNWRITABLE_FILE, str(tmp_path / "missing" / "out")):
            cases.append(["--db", good_db, *path, *values, "--output", output])
    for args in cases:
        code, output = invoke(args)
        assert code != 0, (args, output)
        assert "Traceback" not in output, (args, output)


def colonnade(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it, in its own process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLONNADE_")}
    return subprocess.run(
        [sys.executable, "-m", "colonnade", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    for part in expected:
        assert part in lines[0]


@pytest.mark.parametrize("command", [["export"], ["sources", "export"]], ids=" ".join)
def test_an_unwritable_output_is_a_one_line_error(command: list[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'colonnade.db'}"
    missing = tmp_path / "missing" / "out.txt"
    for output in (UNWRITABLE_FILE, str(missing)):
        done = colonnade("--db", db, *command, "--output", output, cwd=tmp_path)
        assert_one_line_error(done, f"cannot write {output}")
    assert not missing.parent.exists()


def test_a_malformed_database_url_is_a_one_line_error(tmp_path: Path) -> None:
    done = colonnade("--db", MALFORMED_URL, "stats", cwd=tmp_path)
    assert_one_line_error(done, f"invalid database URL {MALFORMED_URL!r}")
    hidden = colonnade("--db", "postgresql://u:secret@127.0.0.1:1x/x", "stats", cwd=tmp_path)
    assert_one_line_error(hidden, "invalid database URL")
    assert "secret" not in hidden.stderr


@pytest.mark.parametrize("host", [LONG_LABEL_HOST, LONG_HOST], ids=["label", "name"])
@pytest.mark.parametrize("command", [["sources", "add"], ["extract"]], ids=" ".join)
def test_a_host_name_too_long_for_dns_is_a_one_line_error(
    command: list[str], host: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'colonnade.db'}"
    done = colonnade("--db", db, *command, f"https://{host}/opinion", cwd=tmp_path)
    assert_one_line_error(done, "is not a host name")


def test_an_imported_feed_with_a_host_too_long_for_dns_is_skipped(tmp_path: Path) -> None:
    """Stored, it would fail every crawl; skipped, the rest of the file is imported."""
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(
        OPML.replace(
            "</body>", f'<outline type="rss" xmlUrl="https://{LONG_LABEL_HOST}/f"/></body>'
        ),
        encoding="utf-8",
    )
    code, output = invoke(
        ["--db", f"sqlite:///{tmp_path / 'c.db'}", "sources", "import", str(feeds)]
    )
    assert code == 0
    assert f"skipped https://{LONG_LABEL_HOST}/f: {LONG_LABEL_HOST!r} is not a host name" in output
    assert "imported 1 feed(s)" in output
