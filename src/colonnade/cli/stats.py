"""`colonnade stats`: what is stored, and which sources are failing."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext


@click.command("stats")
@click.option(
    "--errors",
    "n_errors",
    type=click.IntRange(0, 1000),
    default=10,
    show_default=True,
    help="How many recent errors to list.",
)
@click.pass_obj
def stats(app: AppContext, n_errors: int) -> None:
    """Counts of publications, feeds, articles, columnists, queue and errors."""
    storage = app.storage
    for key, value in storage.stats().items():
        click.echo(f"{key:16} {value}")
    errors = storage.errors.recent(limit=n_errors) if n_errors else []
    if errors:
        click.echo("\nrecent errors:")
        for err in errors:
            click.echo(f"  {err.at:%Y-%m-%d %H:%M} {err.url}\n      {err.reason}")


COMMANDS = [stats]
