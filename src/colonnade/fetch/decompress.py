"""Decompression that stops at a size limit.

httpx inflates each network chunk in one go, so a 64 KiB chunk of a gzip bomb can become 64 MB
before anyone counts it. Here zlib is asked for at most `STEP` bytes at a time and the output is
counted as it is produced, so a bomb stops after `limit` bytes whatever its ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

STEP = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
SUPPORTED = frozenset({"gzip", "x-gzip", "deflate", "identity"})


class LimitExceeded(Exception):
    """More than `limit` bytes came out."""


class DecodeFailed(Exception):
    """The compressed data is corrupt."""


class _Inflater:
    """One gzip or deflate layer; produces output in bounded steps."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._obj: zlib._Decompress | None = self._new(raw=False)
        self._started = False  # has any input been accepted? (decides the raw-deflate retry)
        self._tail = b""  # bytes after the end of a member: another gzip member, or padding
        self.produced = 0

    def _new(self, *, raw: bool) -> zlib._Decompress:
        if self._gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)

    def feed(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        while True:
            if self._obj is None or self._obj.eof:
                data = self._after_end(data)
            if not data:
                return bytes(out)
            assert self._obj is not None
            piece = self._step(self._obj, data)
            data = self._obj.unconsumed_tail
            # zlib may still hold output when the input is used up but the step was full.
            while len(piece) == STEP and not data and not self._obj.eof:
                out += self._count(piece, limit)
                piece = self._step(self._obj, b"")
            out += self._count(piece, limit)

    def _count(self, piece: bytes, limit: int) -> bytes:
        self.produced += len(piece)
        if self.produced > limit:
            raise LimitExceeded
        return piece

    def _step(self, obj: zlib._Decompress, data: bytes) -> bytes:
        try:
            piece = obj.decompress(data, STEP)
        except zlib.error as exc:
            # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
            if self._gzip or self._started:
                raise DecodeFailed(str(exc)) from None
            self._obj = obj = self._new(raw=True)
            try:
                piece = obj.decompress(data, STEP)
            except zlib.error as exc2:
                raise DecodeFailed(str(exc2)) from None
        self._started = True
        return piece

    def _after_end(self, data: bytes) -> bytes:
        """Input for a following gzip member, or b"" while what follows the stream is padding."""
        if self._obj is not None:
            self._tail, self._obj = self._obj.unused_data, None
        self._tail += data
        if self._gzip and self._tail[:2] == GZIP_MAGIC:
            self._obj = self._new(raw=False)
            data, self._tail = self._tail, b""
            return data
        self._tail = self._tail[:2]  # enough to recognise a member whose magic is split
        return b""


class BoundedDecoder:
    """Undo a Content-Encoding chain (e.g. ["gzip"]) without ever producing over `limit` bytes."""

    def __init__(self, encodings: Sequence[str], limit: int) -> None:
        self.limit = limit
        self.size = 0
        # Encodings are listed in the order applied, so they are undone last to first.
        self._layers = [
            _Inflater(gzip=e != "deflate") for e in reversed(encodings) if e != "identity"
        ]

    def feed(self, data: bytes) -> bytes:
        for layer in self._layers:
            data = layer.feed(data, self.limit)
        self.size += len(data)
        if self.size > self.limit:
            raise LimitExceeded
        return data


def content_encodings(header: str | None) -> list[str]:
    """The codings named by a Content-Encoding header, lower-cased, in the order applied."""
    if not header:
        return []
    return [part.strip().lower() for part in header.split(",") if part.strip()]


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress a whole gzip file (a .xml.gz sitemap) within `limit` bytes of output."""
    return BoundedDecoder(["gzip"], limit).feed(data)
