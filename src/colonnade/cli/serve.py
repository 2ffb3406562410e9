"""`colonnade serve`: the reader web site, JSON API and feeds."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext


def run_site(app: AppContext, host: str, port: int) -> None:
    import uvicorn

    from colonnade.web.app import create_app

    site = create_app(app.storage, app.settings)
    click.echo(f"serving on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    uvicorn.run(site, host=host, port=port, log_level="warning")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.pass_obj
def serve(app: AppContext, host: str, port: int) -> None:
    """Serve the web site and API from the database."""
    run_site(app, host, port)


COMMANDS = [serve]
