"""A small error hierarchy. Workers catch `ColonnadeError` per job, record it and carry on."""

from __future__ import annotations

ONE_LINE_CHARS = 500  # long enough for any real reason, short enough for a log line or a column


def one_line(value: object, limit: int = ONE_LINE_CHARS) -> str:
    """An exception's message or a string as its first non-blank line, whitespace collapsed and cut
    to `limit` chars with "…"; a blank exception gives its class name, a blank string "failed"."""
    text = next((" ".join(line.split()) for line in str(value).splitlines() if line.strip()), "")
    if not text:
        text = type(value).__name__ if isinstance(value, BaseException) else "failed"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ColonnadeError(Exception):
    """Base of every error Colonnade raises on purpose; its message is one readable line."""


class ConfigError(ColonnadeError):
    """A setting or command-line value is invalid."""


class FetchError(ColonnadeError):
    """A page could not be fetched: network, HTTP status, size, type or policy."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class BlockedAddress(FetchError):
    """The URL resolves to an address the SSRF guard forbids."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids fetching this URL for our user agent."""


class TooLarge(FetchError):
    """The body (after decompression) exceeds the configured maximum."""


class UnsupportedContent(FetchError):
    """The response is not a type we can use here (a PDF at an article URL, say)."""


class GoneError(FetchError):
    """HTTP 410: the resource is gone for good; a feed that says so is retired."""


class ExtractError(ColonnadeError):
    """A page could not be turned into an article (no text, not a document)."""


class FeedError(ColonnadeError):
    """A feed or sitemap could not be parsed."""


class StorageError(ColonnadeError):
    """The database is unreachable or refused an operation."""


class NotFound(ColonnadeError):
    """The asked-for record does not exist."""


class BadRequest(ColonnadeError):
    """The request is malformed."""
