"""Click callbacks that turn bad option values into one-line usage errors."""

from __future__ import annotations

import re

import click


def country_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise click.BadParameter(f"{value!r} is not an ISO 3166-1 alpha-2 code such as GB")
    return value.upper()


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise click.BadParameter(f"{value!r} is not an ISO 639-1 code such as en")
    return value.lower()
