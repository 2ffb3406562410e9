"""`colonnade config`: the effective settings and where each comes from."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext
from colonnade.config import SETTINGS


@click.command("config")
@click.pass_obj
def config(app: AppContext) -> None:
    """Print every setting, its effective value and its environment variable."""
    helps = {s.name: s.help for s in SETTINGS}
    for name, value, env_var in app.settings.as_rows():
        if name == "database_url" and not app.settings.database_url:
            value = f"{app.settings.resolved_database_url()!r} (default)"
        click.echo(f"{name} = {value}\n    {env_var}: {helps[name]}")


COMMANDS = [config]
