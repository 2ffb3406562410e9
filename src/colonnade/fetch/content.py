"""Is this response something the caller can use? Judged by Content-Type, then by the bytes.

Servers mislabel: a PDF served as text/html, a sitemap served as application/octet-stream. So the
declared type is checked as soon as the headers arrive (to avoid downloading a video), and the
first bytes are sniffed as soon as they arrive.
"""

from __future__ import annotations

from typing import Literal

Accept = Literal["page", "feed", "any"]

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
