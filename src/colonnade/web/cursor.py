"""Opaque pagination cursors: where the next (or previous) page starts, in a URL-safe token.

A cursor is base64url of a small JSON array whose first element tags the kind of list, so that
one list's cursor is refused by another (a 400):

    ["k", iso datetime, id]   newest first, the page after (older than) this article
    ["a", iso datetime, id]   newest first, the page before (newer than) it
    ["r", score, id]          by relevance, the page after (lower ranked than) this hit
    ["s", score, id]          by relevance, the page before it
    ["n", name, id]           by-name directories (columnists, publications)

The keysets are the store's (`ArticlePage.next`/`.previous`); a score is a JSON number, which
round-trips a float exactly. Clients must treat cursors as opaque.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import datetime
from typing import Any

from colonnade.errors import BadRequest
from colonnade.store import Keyset

_MAX_CHARS = 512
# Per order: the tag of a cursor to the next page, and of one to the previous page.
_TAGS = {False: ("k", "a"), True: ("r", "s")}


def _encode(value: list[Any]) -> str:
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(token: str) -> list[Any]:
    if len(token) > _MAX_CHARS:
        raise BadRequest("invalid cursor: too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadRequest("invalid cursor: not one this site made") from None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise BadRequest("invalid cursor: not one this site made")
    return value


def encode_page(key: Keyset | None, *, ranked: bool, previous: bool = False) -> str | None:
    """A cursor to the page after `key` (before it with `previous`), in a list by relevance
    when `ranked`, else newest first."""
    if key is None:
        return None
    tag = _TAGS[ranked][1 if previous else 0]
    first = float(key[0]) if ranked else key[0].isoformat()
    return _encode([tag, first, int(key[1])])


def decode_page(token: str | None, *, ranked: bool) -> tuple[Keyset | None, Keyset | None]:
    """(before, after) for `ArticleQuery` from a cursor of this kind of list, either way."""
    if not token:
        return None, None
    tag, *rest = _decode(token)
    forward, backward = _TAGS[ranked]
    if tag not in (forward, backward):
        if tag in _TAGS[not ranked]:
            raise BadRequest("invalid cursor: it belongs to another kind of list (another order)")
        raise BadRequest("invalid cursor: it belongs to another kind of list")
    key = _score_key(rest) if ranked else _date_key(rest)
    return (key, None) if tag == forward else (None, key)


def _date_key(value: list[Any]) -> Keyset:
    try:
        when, article_id = value
        parsed = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        raise BadRequest("invalid cursor: damaged") from None
    if parsed.tzinfo is None or not _is_id(article_id):
        raise BadRequest("invalid cursor: damaged")
    return parsed, article_id


def _score_key(value: list[Any]) -> Keyset:
    if len(value) != 2 or not _is_id(value[1]):
        raise BadRequest("invalid cursor: damaged")
    score = value[0]
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise BadRequest("invalid cursor: damaged")
    return float(score), value[1]


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def encode_name(key: tuple[str, int] | None) -> str | None:
    return None if key is None else _encode(["n", key[0], key[1]])


def decode_name(token: str | None) -> tuple[str, int] | None:
    if not token:
        return None
    tag, *value = _decode(token)
    if tag != "n":
        raise BadRequest("invalid cursor: it belongs to another kind of list")
    if len(value) != 2 or not isinstance(value[0], str) or not _is_id(value[1]):
        raise BadRequest("invalid cursor: damaged")
    return value[0], value[1]
