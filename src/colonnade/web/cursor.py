"""Opaque pagination cursors: what the next page starts after, in a URL-safe token.

A cursor is base64url of a small JSON array, tagged by kind so that one list's cursor is
refused by another: ["k", iso datetime, id] for "older than" in newest-first lists (["a", ...]
for "newer than"), ["n", name, id] for by-name lists, ["o", offset] for relevance-ranked
search. Clients must treat them as opaque.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from colonnade.errors import BadRequest
from colonnade.store import Keyset

_MAX_CHARS = 512


def _encode(value: list[Any]) -> str:
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(token: str, kind: str) -> list[Any]:
    if len(token) > _MAX_CHARS:
        raise BadRequest("invalid cursor: too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadRequest("invalid cursor: not one this site made") from None
    if not isinstance(value, list) or not value or value[0] != kind:
        raise BadRequest("invalid cursor: it belongs to another kind of list")
    return value[1:]


def encode_keyset(key: Keyset | None, *, newer: bool = False) -> str | None:
    """A cursor for the page older than `key` (newer than it with `newer`)."""
    if key is None:
        return None
    return _encode(["a" if newer else "k", key[0].isoformat(), key[1]])


def decode_keyset(token: str | None) -> Keyset | None:
    """The key of an "older than" cursor."""
    if not token:
        return None
    return _keyset(_decode(token, "k"))


def decode_position(token: str | None) -> tuple[Keyset | None, Keyset | None]:
    """(before, after) from a cursor of either direction."""
    if not token:
        return None, None
    newer = _kind(token) == "a"
    key = _keyset(_decode(token, "a" if newer else "k"))
    return (None, key) if newer else (key, None)


def _kind(token: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value[0] if isinstance(value, list) and value else None


def _keyset(value: list[Any]) -> Keyset:
    try:
        when, article_id = value
        parsed = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        raise BadRequest("invalid cursor: damaged") from None
    if parsed.tzinfo is None or not isinstance(article_id, int):
        raise BadRequest("invalid cursor: damaged")
    return parsed, article_id


def encode_name(key: tuple[str, int] | None) -> str | None:
    return None if key is None else _encode(["n", key[0], key[1]])


def decode_name(token: str | None) -> tuple[str, int] | None:
    if not token:
        return None
    value = _decode(token, "n")
    if len(value) != 2 or not isinstance(value[0], str) or not isinstance(value[1], int):
        raise BadRequest("invalid cursor: damaged")
    return value[0], value[1]


def encode_offset(offset: int | None) -> str | None:
    return None if offset is None else _encode(["o", offset])


def decode_offset(token: str | None) -> int:
    if not token:
        return 0
    value = _decode(token, "o")
    if len(value) != 1 or not isinstance(value[0], int) or value[0] < 0:
        raise BadRequest("invalid cursor: damaged")
    return int(value[0])
