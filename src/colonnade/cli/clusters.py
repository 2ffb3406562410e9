"""`colonnade clusters rebuild`: find the syndicated copies among all stored articles again."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext


@click.group("clusters")
def clusters() -> None:
    """Syndicated copies: one column, shown once."""


@clusters.command("rebuild")
@click.pass_obj
def rebuild(app: AppContext) -> None:
    """Recompute which articles are copies of one column, from their stored text. Needed once
    after upgrading a database made before copies were found; safe to stop and run again."""
    storage = app.storage
    total = storage.stats()["articles"]

    def progress(done: int) -> None:
        click.echo(f"  {done:,} of {total:,} articles", err=True)

    result = storage.articles.rebuild_clusters(progress=progress)
    click.echo(
        f"rebuilt clusters of {result.articles:,} articles: "
        f"{result.copies_before:,} in clusters of copies before, {result.copies_after:,} now; "
        f"{result.moved:,} changed cluster"
    )


COMMANDS = [clusters]
