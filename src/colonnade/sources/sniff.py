"""What kind of document a body is, judged from its first element, not from its Content-Type.

Servers label feeds text/html and HTML pages application/rss+xml often enough that the header
is only a hint; the root element is what the parsers will actually see.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

Kind = Literal["feed", "jsonfeed", "sitemap", "html", "text", "empty", "unknown"]

_HEAD_BYTES = 4096
# Everything that may legally come before the root element of an XML or HTML document.
_PROLOG = re.compile(
    rb"""\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*""", re.S | re.I
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html", re.I)
_FEED_ROOTS = {b"rss", b"feed", b"rdf", b"channel"}
_SITEMAP_ROOTS = {b"urlset", b"sitemapindex"}
_JSON_FEED = re.compile(rb"""\A\s*\{.*?["']version["']\s*:\s*["']https?://jsonfeed\.org""", re.S)
_URL_LINE = re.compile(rb"\Ahttps?://\S+\Z")


def _head(body: bytes) -> bytes:
    """The first few kilobytes as ASCII-compatible bytes (UTF-16 re-encoded), without a BOM."""
    head = body[:_HEAD_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8) :]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head


def root_element(body: bytes) -> str | None:
    """Local name of the first element (lower case), e.g. 'rss', 'urlset', 'html'; else None."""
    head = _head(body)
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() if prolog else 0 :]
    match = _ROOT.match(rest)
    return match.group(2).decode("ascii").lower() if match else None


def is_url_list(body: bytes) -> bool:
    """True for a plain-text sitemap: every non-blank line of the head is one http(s) URL."""
    lines = [line.strip() for line in _head(body).splitlines()]
    # The last line of the head may be cut mid-URL; judge it only when the head is the whole body.
    if len(body) > _HEAD_BYTES and lines:
        lines = lines[:-1]
    lines = [line for line in lines if line]
    return bool(lines) and all(_URL_LINE.match(line) for line in lines)


def sniff(body: bytes) -> Kind:
    if not body.strip():
        return "empty"
    head = _head(body)
    if _JSON_FEED.match(head):
        return "jsonfeed"
    root = root_element(body)
    if root is None:
        if _HTML_DOCTYPE.search(head):
            return "html"
        return "text" if is_url_list(body) else "unknown"
    root_bytes = root.encode()
    if root_bytes in _FEED_ROOTS:
        return "feed"
    if root_bytes in _SITEMAP_ROOTS:
        return "sitemap"
    if root_bytes in {b"html", b"head", b"body"} or _HTML_DOCTYPE.search(head):
        return "html"
    return "unknown"
