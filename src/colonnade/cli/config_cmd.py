"""`colonnade config`: the effective settings and where each comes from."""

from __future__ import annotations

import click

from colonnade.cli.context import AppContext
from colonnade.config import SETTINGS, markdown_table, mask_url_password


@click.command("config")
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the table of every setting (docs/configuration.md) instead of the values.",
)
@click.pass_obj
def config(app: AppContext, markdown: bool) -> None:
    """Print every setting, its effective value and its environment variable.

    Secrets and passwords inside URLs are masked.
    """
    if markdown:
        click.echo(markdown_table(), nl=False)
        return
    helps = {s.name: s.help for s in SETTINGS}
    for name, value, env_var in app.settings.as_rows():
        if name == "database_url" and not app.settings.database_url:
            default = mask_url_password(app.settings.resolved_database_url())
            value = f"{default!r} (default)"
        click.echo(f"{name} = {value}\n    {env_var}: {helps[name]}")


COMMANDS = [config]
