"""`colonnade config`: the effective settings and where each comes from, with nothing secret."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext
from colonnade.config import SETTINGS, markdown_table


@click.command("config")
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the table of every setting (docs/configuration.md) instead of the values.",
)
@click.pass_obj
def config(app: AppContext, markdown: bool) -> None:
    """Print every setting, its effective value and its environment variable.

    Secrets (the admin token, any setting named for a token, password or secret) and
    passwords inside URLs are masked.
    """
    if markdown:
        click.echo(markdown_table(), nl=False)
        return
    for setting in SETTINGS:
        value = setting.show(getattr(app.settings, setting.name))
        if setting.name == "database_url" and not app.settings.database_url:
            value = f"{setting.show(app.settings.resolved_database_url())} (default)"
        click.echo(f"{setting.name} = {value}\n    {setting.env_var}: {setting.help}")


COMMANDS = [config]
