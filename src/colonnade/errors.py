"""A small error hierarchy. Workers catch `ColonnadeError` per job, record it and carry on."""

from __future__ import annotations


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
