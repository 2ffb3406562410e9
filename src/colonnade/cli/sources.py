"""`colonnade sources ...`: add (with feed discovery), list, remove, OPML import/export."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from colonnade.cli.context import AppContext
from colonnade.cli.output import write_output
from colonnade.cli.validate import check_host_name, country_code, language_code
from colonnade.errors import BadRequest, ColonnadeError
from colonnade.fetch import Fetcher
from colonnade.sources.add import add_source
from colonnade.sources.opml import OpmlSource, parse_opml, write_opml
from colonnade.store.records import Feed, Publication


@click.group("sources")
def sources() -> None:
    """Manage the publications and feeds that are crawled."""


async def _add(app: AppContext, url: str, **kwargs: str | None) -> tuple[Publication, list[Feed]]:
    async with Fetcher(app.settings) as fetcher:
        publication, feeds, _ = await add_source(app.storage, fetcher, url, **kwargs)
    return publication, feeds


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Publication name (default: from the site).")
@click.option("--country", callback=country_code, help="ISO 3166-1 alpha-2 code, e.g. GB.")
@click.option("--language", callback=language_code, help="ISO 639-1 code, e.g. en.")
@click.pass_obj
def add(
    app: AppContext, url: str, name: str | None, country: str | None, language: str | None
) -> None:
    """Add a publication by its homepage, a section page or a feed URL; feeds are discovered."""
    if not url.startswith(("http://", "https://")):
        raise BadRequest(f"{url!r} is not an http(s) URL")
    check_host_name(url)
    publication, feeds = asyncio.run(_add(app, url, name=name, country=country, language=language))
    click.echo(f"added {publication.name} [{publication.slug}] with {len(feeds)} feed(s):")
    for feed in feeds:
        click.echo(f"  {feed.kind:8} {feed.url}")


@sources.command("list")
@click.pass_obj
def list_(app: AppContext) -> None:
    """List publications with their feeds and the state of each."""
    storage = app.storage
    publications = storage.publications.all()
    if not publications:
        click.echo("no sources yet: add one with `colonnade sources add URL`", err=True)
        return
    for pub in publications:
        where = " ".join(x for x in (pub.country, pub.language) if x)
        click.echo(f"{pub.slug}  {pub.name}  {pub.homepage}  {where}".rstrip())
        for feed in storage.feeds.all(pub.id):
            state: str = feed.status
            if feed.last_error:
                state += f", last error: {feed.last_error}"
            click.echo(f"    {feed.kind:8} {feed.url}  ({state})")


def _find(app: AppContext, ref: str) -> Publication:
    key: int | str = int(ref) if ref.isdigit() else ref
    publication = app.storage.publications.get(key)
    if publication is None:
        for pub in app.storage.publications.all():
            if pub.homepage.rstrip("/") == ref.rstrip("/"):
                return pub
        raise BadRequest(f"no source {ref!r}: see `colonnade sources list`")
    return publication


@sources.command("remove")
@click.argument("ref")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def remove(app: AppContext, ref: str, yes: bool) -> None:
    """Remove a publication (by slug, id or homepage) with its feeds and articles."""
    publication = _find(app, ref)
    if not yes:
        click.confirm(f"remove {publication.name} and all its articles?", abort=True)
    removed = app.storage.publications.remove(publication.id)
    click.echo(f"removed {publication.name} and {removed} article(s)")


@sources.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_(app: AppContext, file: Path) -> None:
    """Import publications and feeds from an OPML file (no network needed)."""
    entries = parse_opml(file.read_bytes())
    storage = app.storage
    added = 0
    for entry in entries:
        try:
            homepage = entry.homepage or _origin(entry.feed_url)
            check_host_name(entry.feed_url)
            check_host_name(homepage)
            publication = storage.publications.add(
                entry.name or homepage,
                homepage,
                country=entry.country,
                language=entry.language,
            )
            storage.feeds.add(publication.id, entry.feed_url, kind="rss", title=entry.name)
            added += 1
        except ColonnadeError as exc:
            click.echo(f"skipped {entry.feed_url}: {exc}", err=True)
    click.echo(f"imported {added} feed(s) from {file}")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@sources.command("export")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_obj
def export(app: AppContext, output: Path | None) -> None:
    """Export all publications and their feeds as OPML."""
    storage = app.storage
    items = [
        OpmlSource(
            name=pub.name,
            feed_url=feed.url,
            homepage=pub.homepage,
            country=pub.country,
            language=pub.language,
        )
        for pub in storage.publications.all()
        for feed in storage.feeds.all(pub.id)
    ]
    text = write_opml(items)
    if output:
        write_output(output, lambda out: out.write(text))
        click.echo(f"wrote {len(items)} feed(s) to {output}", err=True)
    else:
        click.echo(text, nl=False)


COMMANDS = [sources]
