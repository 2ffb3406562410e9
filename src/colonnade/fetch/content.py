"""What a body is: judged by its Content-Type, then by its bytes (the one home of sniffing).

Servers mislabel: a PDF served as text/html, a sitemap served as application/octet-stream, a
feed labelled text/html and an HTML page labelled application/rss+xml. So the declared type is
checked as soon as the headers arrive (to avoid downloading a video), the first bytes are sniffed
for binary formats as soon as they arrive (`sniffed_kind`), and the parsers decide by what the
document is (`sniff`, from its first element): a header is only a hint.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

Accept = Literal["page", "feed", "any"]
Kind = Literal[
    "feed", "jsonfeed", "json", "sitemap", "html", "xml", "text", "binary", "empty", "unknown"
]

ACCEPT_HEADERS: dict[str, str] = {
    "page": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
    "application/feed+json;q=0.8,*/*;q=0.1",
    "any": "*/*",
}

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "",
    }
)
GZIP_TYPES = frozenset(
    {
        "application/gzip",
        "application/x-gzip",
        "application/x-gunzip",
        "application/gzip-compressed",
        "gzip/document",
    }
)
# Served for anything by misconfigured hosts; for feeds the bytes decide.
GENERIC_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/download",
        "application/force-download",
    }
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"\x1a\x45\xdf\xa3", "a WebM/Matroska video"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x1f\x8b", "gzip data"),
)
SNIFF_BYTES = 16


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def declared_type_problem(content_type: str | None, accept: Accept) -> str | None:
    """Why the declared type is unusable for `accept`, or None."""
    kind = media_type(content_type)
    if accept == "any":
        return None
    allowed = PAGE_TYPES if accept == "page" else FEED_TYPES | GZIP_TYPES | GENERIC_TYPES
    if kind in allowed or (accept == "feed" and kind.endswith("+xml")):
        return None
    return f"unsupported content type {kind} for a {accept}"


def sniffed_kind(head: bytes) -> str | None:
    """What binary format the first bytes announce (None: nothing recognised)."""
    head = head.lstrip(b" \t\r\n")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime video"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    return None


def is_textual(content_type: str | None) -> bool:
    kind = media_type(content_type)
    return (
        kind == ""
        or kind.startswith("text/")
        or kind.endswith(("+xml", "/xml", "+json", "/json", "javascript"))
    )


_HEAD_BYTES = 4096
# Everything that may legally come before the root element of an XML or HTML document.
_PROLOG = re.compile(
    rb"""\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*""", re.S | re.I
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html", re.I)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_HTML_ROOTS = frozenset({"html", "head", "body"})
_OTHER_XML_ROOTS = frozenset({"opml", "svg"})
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
    """What kind of document `body` is, from its first bytes and first element.

    'xml' is another XML vocabulary (OPML, SVG); 'json' is JSON that is not a JSON Feed;
    'binary' a format `sniffed_kind` recognises; 'text' a plain list of URLs.
    """
    if not body.strip():
        return "empty"
    head = _head(body)
    if sniffed_kind(head[:SNIFF_BYTES]):
        return "binary"
    if _JSON_FEED.match(head):
        return "jsonfeed"
    if head.lstrip()[:1] in (b"{", b"["):
        return "json"
    root = root_element(body)
    if root is None:
        if _HTML_DOCTYPE.search(head):
            return "html"
        return "text" if is_url_list(body) else "unknown"
    if root in _FEED_ROOTS:
        return "feed"
    if root in _SITEMAP_ROOTS:
        return "sitemap"
    if root in _HTML_ROOTS or _HTML_DOCTYPE.search(head):
        return "html"
    return "xml" if root in _OTHER_XML_ROOTS else "unknown"
