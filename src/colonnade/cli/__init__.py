"""`colonnade` command line: a click group; each command group lives in its own module.

Errors Colonnade raises on purpose become one line on standard error ("Error: ...") and exit
status 1; click's own usage errors exit 2. A traceback means a bug.
"""

from __future__ import annotations

import importlib
import logging

import click

from colonnade import __version__
from colonnade.cli.context import AppContext
from colonnade.errors import ColonnadeError


class ColonnadeGroup(click.Group):
    """Turns Colonnade's own errors into click's one-line `Error: ...` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ColonnadeError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=ColonnadeGroup)
@click.option(
    "--db",
    "database_url",
    metavar="URL",
    default=None,
    help="Database URL (sqlite:///file.db or postgresql://...). Env: COLONNADE_DATABASE_URL.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="colonnade")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, verbose: int) -> None:
    """Gather, understand and serve opinion columns."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura warns for every page without text; the crawl reports those itself.
    logging.getLogger("trafilatura").setLevel(max(level, logging.ERROR))
    ctx.obj = AppContext.create(database_url)
    ctx.call_on_close(ctx.obj.close)


# The modules whose COMMANDS make up the command line, imported when it is built.
_COMMAND_MODULES = (
    "clusters",
    "columnists",
    "config_cmd",
    "crawl",
    "demo",
    "eval_cmd",
    "export",
    "extract",
    "search",
    "serve",
    "sources",
    "stats",
    "worker",
)


def _register() -> None:
    for name in _COMMAND_MODULES:
        for command in importlib.import_module(f"colonnade.cli.{name}").COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="colonnade")
