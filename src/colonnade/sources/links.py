"""Absolute, fetchable URLs from the relative, padded and fragmentary ones publishers write."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit


def absolute_url(href: str | None, base: str | None) -> str | None:
    """`href` resolved against `base`, without fragment; None unless the result is http(s)."""
    if not href:
        return None
    href = href.strip()
    if not href:
        return None
    try:
        url = urljoin(base or "", href)
        url = urldefrag(url).url
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1" — an unbalanced IPv6 bracket
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def origin(url: str) -> str:
    """'https://example.com/opinion/x?y' -> 'https://example.com/'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def hostname(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
