"""`colonnade columnists ...`: list them, and correct the machine by hand (merge, split)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from colonnade.cli.context import AppContext
from colonnade.store.records import Columnist


@click.group("columnists")
def columnists() -> None:
    """See columnists and correct who is who."""


def _describe(columnist: Columnist) -> str:
    where = ", ".join(a.publication.slug for a in columnist.affiliations) or "no columns"
    marks = [columnist.kind] if columnist.kind != "person" else []
    if not columnist.verified:
        marks.append("unverified")
    extra = f" ({', '.join(marks)})" if marks else ""
    return (
        f"{columnist.slug}  {columnist.name}{extra}  {columnist.article_count} column(s) in {where}"
    )


@columnists.command("list")
@click.option("--unverified", is_flag=True, help="Only those a bare name match joins somewhere.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=200, show_default=True)
@click.pass_obj
def list_(app: AppContext, unverified: bool, limit: int) -> None:
    """List columnists by name with the publications they write in."""
    if unverified:
        found = app.storage.columnists.unverified(limit=limit)
    else:
        found, _ = app.storage.columnists.page(limit=limit)
    if not found:
        click.echo("no columnists" + (" to check" if unverified else " yet"), err=True)
    for columnist in found:
        click.echo(_describe(columnist))


@columnists.command("merge")
@click.argument("keep")
@click.argument("other")
@click.pass_obj
def merge(app: AppContext, keep: str, other: str) -> None:
    """Make columnist OTHER part of KEEP (both slugs): one person. OTHER's address redirects to
    KEEP's; re-crawls and re-extraction keep the merge."""
    merged = app.storage.columnists.merge(keep, other, now=datetime.now(UTC))
    click.echo(f"merged {other} into {_describe(merged)}")


@columnists.command("split")
@click.argument("slug")
@click.option("--publication", "publication", required=True, help="Publication slug.")
@click.pass_obj
def split(app: AppContext, slug: str, publication: str) -> None:
    """Give SLUG's columns in one publication a columnist of their own: two people who share a
    name. The two are never joined again by re-crawls."""
    created = app.storage.columnists.split(slug, publication, now=datetime.now(UTC))
    click.echo(f"split {slug}: {_describe(created)}")


COMMANDS = [columnists]
