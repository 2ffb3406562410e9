"""Reading a response body: type checks, bounded decompression, sniffing."""

from __future__ import annotations

import logging

import httpx

from colonnade.errors import FetchError, TooLarge, UnsupportedContent
from colonnade.fetch.content import SNIFF_BYTES, Accept, declared_type_problem, sniffed_kind
from colonnade.fetch.decompress import (
    GZIP_MAGIC,
    SUPPORTED,
    BoundedDecoder,
    DecodeFailed,
    LimitExceeded,
    content_encodings,
    gunzip,
)

log = logging.getLogger(__name__)


async def read_body(response: httpx.Response, url: str, accept: Accept, limit: int) -> bytes:
    """The decoded body of a 2xx response, checked for type and size as it streams in."""
    status = response.status_code
    problem = declared_type_problem(response.headers.get("content-type"), accept)
    if problem:
        raise UnsupportedContent(f"{problem}: {url}", url=url, status=status)
    encodings = _encodings(response, url)
    declared = response.headers.get("content-length", "")
    if not encodings and declared.isdigit() and int(declared) > limit:
        raise TooLarge(
            f"body of {declared} bytes exceeds the {limit}-byte limit: {url}",
            url=url,
            status=status,
        )
    decoder = BoundedDecoder(encodings, limit)
    chunks: list[bytes] = []
    sniffed = accept == "any"
    try:
        async for raw in response.aiter_raw():
            chunks.append(decoder.feed(raw))
            if not sniffed and decoder.size >= SNIFF_BYTES:
                reject_binary(b"".join(chunks)[:SNIFF_BYTES], accept, url, status)
                sniffed = True
    except LimitExceeded:
        raise TooLarge(
            f"body exceeds the {limit}-byte limit (after decompression): {url}",
            url=url,
            status=status,
        ) from None
    except DecodeFailed as exc:
        raise FetchError(
            f"corrupt {', '.join(encodings)} body ({exc}): {url}", url=url, status=status
        ) from None
    body = b"".join(chunks)
    if not sniffed:
        reject_binary(body[:SNIFF_BYTES], accept, url, status)
    return body


def unpack_gzip_file(body: bytes, url: str, limit: int, status: int) -> bytes:
    """The contents of a gzip file (a .xml.gz sitemap), within `limit` bytes."""
    try:
        unpacked = gunzip(body, limit)
    except LimitExceeded:
        raise TooLarge(
            f"gzip file exceeds the {limit}-byte limit when unpacked: {url}", url=url, status=status
        ) from None
    except DecodeFailed as exc:
        raise FetchError(f"corrupt gzip file ({exc}): {url}", url=url, status=status) from None
    reject_binary(unpacked[:SNIFF_BYTES], "feed", url, status)
    return unpacked


def reject_binary(head: bytes, accept: Accept, url: str, status: int) -> None:
    if accept == "any" or (accept == "feed" and head.startswith(GZIP_MAGIC)):
        return
    kind = sniffed_kind(head)
    if kind:
        raise UnsupportedContent(f"{kind}, not a {accept}: {url}", url=url, status=status)


def _encodings(response: httpx.Response, url: str) -> list[str]:
    """The body's content encodings, in the order applied; UnsupportedContent for one we lack."""
    encodings = content_encodings(response.headers.get("content-encoding"))
    unknown = [e for e in encodings if e not in SUPPORTED]
    if unknown:
        raise UnsupportedContent(
            f"unsupported content encoding {', '.join(unknown)}: {url}",
            url=url,
            status=response.status_code,
        )
    return encodings


# A body read as a prefix goes to the decoder this many bytes at a time. Deflate turns one byte
# into at most 1032, so a decoder allowed one slice's output past the prefix never stops short.
PREFIX_SLICE = 256
DEFLATE_MAX_RATIO = 1032


async def read_prefix(response: httpx.Response, url: str, limit: int) -> bytes:
    """The first `limit` bytes of a 2xx body, decoded; the rest is not downloaded.

    The decoder may produce one slice's worth past `limit`, so that a compressed body is cut
    exactly; only a body compressed twice over can overshoot that, and then it is cut shorter.
    """
    encodings = _encodings(response, url)
    decoder = BoundedDecoder(encodings, limit + PREFIX_SLICE * DEFLATE_MAX_RATIO)
    body = bytearray()
    try:
        async for raw in response.aiter_raw():
            for start in range(0, len(raw), PREFIX_SLICE):
                body += decoder.feed(raw[start : start + PREFIX_SLICE])
                if len(body) >= limit:
                    return bytes(body[:limit])
    except LimitExceeded:
        log.info("cut %s at %d bytes, short of %d: nested compression", url, len(body), limit)
    except DecodeFailed as exc:
        raise FetchError(
            f"corrupt {', '.join(encodings)} body ({exc}): {url}",
            url=url,
            status=response.status_code,
        ) from None
    return bytes(body)
