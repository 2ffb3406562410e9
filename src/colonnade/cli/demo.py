"""`colonnade demo`: crawl the generated sample web on 127.0.0.1 with the real pipeline."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import click

from colonnade.cli.context import AppContext
from colonnade.cli.crawl import run_once
from colonnade.cli.serve import run_site
from colonnade.demo import DemoServer, build_web
from colonnade.demo.adding import add_publications
from colonnade.store import ArticleQuery


def _echo(line: str) -> None:
    click.echo(line, err=True)


@click.command("demo")
@click.option(
    "--serve/--no-serve",
    "serve_site",
    default=True,
    show_default=True,
    help="Serve the reader site after the crawl.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.pass_obj
def demo(app: AppContext, serve_site: bool, host: str, port: int) -> None:
    """Serve a fictional sample web on 127.0.0.1, crawl it, and show what was stored.

    Uses a fresh database in a temporary folder unless --db or COLONNADE_DATABASE_URL is given.
    """
    # The sample web lives on 127.0.0.1, so the demo turns the SSRF guard off for itself.
    app.settings = app.settings.with_(allow_private_addresses=True, per_host_delay=0.0)
    with tempfile.TemporaryDirectory(prefix="colonnade-demo-") as folder:
        if not app.settings.database_url:
            url = f"sqlite:///{Path(folder) / 'demo.db'}"
            app.settings = app.settings.with_(database_url=url)
        with DemoServer(build_web()) as server:
            click.echo(f"sample web: {len(server.publications)} fictional publications", err=True)
            storage = app.storage
            asyncio.run(add_publications(storage, app.settings, server.publications, report=_echo))
            run_once(storage, app.settings)
            stats = storage.stats()
            click.echo(
                f"stored {stats['articles']} articles by {stats['columnists']} columnists "
                f"from {stats['publications']} publications in {app.settings.database_url}"
            )
            for hit in storage.articles.find(ArticleQuery(limit=5)).articles:
                click.echo(f"  {hit.title}  ({', '.join(hit.authors)}; {hit.publication})")
            if serve_site:
                run_site(app, host, port)


COMMANDS = [demo]
