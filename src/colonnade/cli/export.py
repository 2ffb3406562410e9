"""`colonnade export --format jsonl|csv`: every stored article, one per line.

Data goes to standard output (or --output, written to a temporary file and renamed into place
only when complete: cli/output.py); progress and messages go to standard error, never into the data.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from colonnade.cli.context import AppContext
from colonnade.cli.output import write_output

CSV_LIST_SEPARATOR = "; "


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        count += 1
    return count


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_obj
def export(app: AppContext, fmt: str, output: Path | None) -> None:
    """Export every stored article with its metadata."""
    rows = (a.to_dict() for a in app.storage.articles.iter_all())
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if output is None:
        count = writer(rows, sys.stdout)
        sys.stdout.flush()
    else:
        count = write_output(output, lambda out: writer(rows, out))
    click.echo(f"exported {count} article(s)" + (f" to {output}" if output else ""), err=True)


COMMANDS = [export]
