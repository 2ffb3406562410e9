"""Click callbacks that turn bad option values into one-line usage errors."""

from __future__ import annotations

import click

from colonnade import codes
from colonnade.errors import BadRequest


def country_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return codes.country_code(value)
    except BadRequest as exc:
        raise click.BadParameter(str(exc)) from None


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return codes.language_code(value)
    except BadRequest as exc:
        raise click.BadParameter(str(exc)) from None
