"""Search snippets made from the text already loaded for the results.

The database's own snippet functions read every match's index entries a second time (FTS5) or
re-parse the whole text (ts_headline); for a page of results whose texts are in hand anyway,
finding the words in Python is cheaper and is the same on both databases. Words are matched as
the full-text index matches them: case- and accent-insensitively, whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from colonnade.store.records import MARK_END, MARK_START

WINDOW_WORDS = 24
LEAD_WORDS = 3  # words of context kept before the first match
_CHARS_PER_WORD = 8  # generous: a window of characters surely holds `window` words
_WORD = re.compile(r"[^\W_]+")
_WORD_CHAR = re.compile(r"[^\W_]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"\s+")
# Character -> its folded form, always one character, so folded text keeps every offset.
_FOLDED: dict[int, str] = {}


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) == 1:
        return base
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold(text: str) -> str:
    """Lowercased, accents dropped, character for character (same length as `text`)."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) == len(text):  # every character lowered to one: only accents are left
        return _NON_ASCII.sub(_fold_match, lowered)
    for char in set(text):
        if ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_char(char)
    return text.translate(_FOLDED)


def _fold_match(match: re.Match[str]) -> str:
    char = match.group()
    folded = _FOLDED.get(ord(char))
    if folded is None:
        folded = _FOLDED[ord(char)] = _fold_char(char)
    return folded


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    # No look-behind: a pattern that starts with its words lets `re` skip ahead to their first
    # letters; whether a match starts a word is checked on the few matches (`_hits`).
    return re.compile(rf"(?:{alternatives})(?![^\W_])")


def _hits(pattern: re.Pattern[str], folded: str) -> list[int]:
    """Where the words occur in `folded` as whole words."""
    return [
        start
        for match in pattern.finditer(folded)
        if not ((start := match.start()) and _WORD_CHAR.match(folded, start - 1))
    ]


def marked_snippet(text: str, words: Iterable[str], window: int = WINDOW_WORDS) -> str:
    """About `window` words of `text` around the densest run of `words`, each match wrapped in
    MARK_START/MARK_END, with '…' where text was cut. '' when no word occurs."""
    wanted = tuple(sorted({fold(w) for w in words if w}))
    if not wanted or not text:
        return ""
    hits = _hits(_pattern(wanted), fold(text))
    if not hits:
        return ""
    # The densest run of matches within about a window's worth of characters; the earliest of
    # equals. Only the text around it is then cut into words: a long text costs no more.
    span = window * _CHARS_PER_WORD
    best, best_count, right = hits[0], 0, 0
    for left, start in enumerate(hits):
        while right < len(hits) and hits[right] < start + span:
            right += 1
        if right - left > best_count:
            best, best_count = start, right - left
    lo, hi = max(0, best - span), min(len(text), best + 2 * span)
    tokens = list(_WORD.finditer(text, lo, hi))
    if lo > 0 and tokens and tokens[0].start() == lo:
        tokens = tokens[1:]  # may be the tail of a word cut by `lo`
    if hi < len(text) and tokens and tokens[-1].end() == hi:
        tokens = tokens[:-1]
    at = next(i for i, t in enumerate(tokens) if t.start() >= best)
    last = min(len(tokens), max(0, at - LEAD_WORDS) + window)
    first = max(0, last - window)  # near the end, a full window reaches further back
    marked = set(hits)
    pieces: list[str] = []
    for i in range(first, last):
        token = tokens[i]
        if i > first:
            pieces.append(_SPACES.sub(" ", text[tokens[i - 1].end() : token.start()]))
        word = token.group()
        pieces.append(f"{MARK_START}{word}{MARK_END}" if token.start() in marked else word)
    before = _WORD.search(text, 0, tokens[first].start()) is not None
    end = tokens[last - 1].end()
    # Cut text ends in '…'; the text's own end keeps its final punctuation.
    after = _WORD.search(text, end) is not None
    ending = "…" if after else _SPACES.sub(" ", text[end:]).rstrip()
    return ("…" if before else "") + "".join(pieces) + ending
