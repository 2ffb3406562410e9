"""`colonnade eval`: score the extractor (and installed peers) on benchmark pages."""

from __future__ import annotations

import sys

import click


@click.command(
    "eval",
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": [],
    },
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_(args: tuple[str, ...]) -> None:
    """Extraction quality side by side with peers (same flags as benchmarks/extraction.py;
    `colonnade eval --help` lists them)."""
    from colonnade.evaluation.command import main

    sys.exit(main(list(args)))


COMMANDS = [eval_]
