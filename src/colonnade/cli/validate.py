"""Click callbacks that turn bad option values into one-line usage errors, and the check of a
URL's host name before anything is fetched."""

from __future__ import annotations

from urllib.parse import urlsplit

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


# RFC 1035: a name DNS can carry is at most 253 characters, each label (between dots) 1 to 63.
MAX_HOST_CHARS = 253
MAX_LABEL_CHARS = 63


def check_host_name(url: str) -> None:
    """BadRequest when the host of `url` is too long for DNS: the resolver would fail on it
    with an encoding error rather than an answer. Other bad URLs are the fetcher's to refuse."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return
    if host is None or ":" in host:  # no host, or an IPv6 address
        return
    if not _dns_name(host):
        raise BadRequest(
            f"{host!r} is not a host name DNS can look up: at most {MAX_HOST_CHARS} characters, "
            f"1 to {MAX_LABEL_CHARS} between dots"
        )


def _dns_name(host: str) -> bool:
    try:
        name = host.rstrip(".").encode("idna")  # refuses an empty or over-long label
    except UnicodeError:
        return False
    labels = name.split(b".")
    return len(name) <= MAX_HOST_CHARS and all(0 < len(x) <= MAX_LABEL_CHARS for x in labels)
