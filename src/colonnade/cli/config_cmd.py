"""`colonnade config`: the effective settings and where each comes from, with nothing secret."""

from __future__ import annotations

import re
from typing import Any

import click

from colonnade.cli.context import AppContext
from colonnade.config import SETTINGS, Setting, markdown_table
from colonnade.links import MASK

# A setting, or a query parameter of a URL, whose name holds one of these is a secret.
SECRET_WORDS = ("token", "password", "passwd", "pwd", "secret")
_SECRET_NAME = "|".join(SECRET_WORDS)
# `scheme://user:PASSWORD@host`, the password read as SQLAlchemy reads it (up to the first
# "@", "/", "?" and "#" included, as people write them unencoded) and as urlsplit does (up to
# the last "@" of the host part): the longer wins, so neither reading shows any of it.
_USERINFO = re.compile(
    r"^(?P<head>[a-z][a-z0-9+.-]*://[^:/?#]*:)(?P<password>[^@]*(?:@[^@/?#]*(?=@))*)@", re.I
)
_QUERY_SECRET = re.compile(rf"(?P<key>[?&;][^=&#]*(?:{_SECRET_NAME})[^=&#]*=)[^&#]*", re.I)


def is_secret(setting: Setting) -> bool:
    return setting.secret or any(word in setting.name.lower() for word in SECRET_WORDS)


def masked_url(value: str) -> str:
    """`value` with any password in it shown as ***: `postgresql://user:***@host/db`, and
    `?password=***` (or sslpassword, token, ...) in its query."""
    value = _USERINFO.sub(
        lambda m: f"{m['head']}{MASK}@" if m["password"] else m.group(0), value, count=1
    )
    return _QUERY_SECRET.sub(lambda m: f"{m['key']}{MASK}", value)


def shown(setting: Setting, value: Any) -> str:
    """The value as printed: `***` for a secret that is set, passwords inside URLs masked."""
    if is_secret(setting) and value:
        return MASK
    if isinstance(value, str):
        return repr(masked_url(value))
    return repr(value)


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
        value = shown(setting, getattr(app.settings, setting.name))
        if setting.name == "database_url" and not app.settings.database_url:
            value = f"{shown(setting, app.settings.resolved_database_url())} (default)"
        click.echo(f"{setting.name} = {value}\n    {setting.env_var}: {setting.help}")


COMMANDS = [config]
