"""Is this text another copy of that column? Sketches to find candidates, and the check that
decides. Pure functions; store/clusters.py keeps the keys in the database and the clusters.

A text is compared by its words (case-folded, NFKC) as overlapping 5-word shingles, the main
text only (the extractor has removed the page around it). Candidates come from three kinds
of keys, each stored as (band, bucket) rows so that finding them is an indexed look-up on
any database, incremental, and nothing lives only in memory:

- the hash of the whole normalised text (exact copies);
- MinHash LSH over the shingles (rensa's R-MinHash, 120 permutations in 20 bands of 6 rows): two
  texts with Jaccard similarity 0.6 share a band with probability 0.61, 0.7 with 0.92, 0.8
  with 0.998. Light edits, an intro line, a bio or a dropped paragraph leave a column above
  0.8; a copy below 0.6 is not a near copy;
- content-defined anchors: the 8-word phrases among the first 200 words whose hash is 0 mod
  8 (up to 8), so that a teaser (the opening of a paywalled or truncated copy) shares keys
  with the full column wherever an intro line shifts it.

A candidate is a copy (`same_column`) when both have at least MIN_WORDS words and either
their shingles' Jaccard similarity is at least NEAR, or the shorter is at least CONTAINED
contained in the longer and begins where the longer begins (within INTRO_WORDS words): a
teaser. That keeps apart two columns on one subject (low overlap), two columns sharing a
quoted paragraph and a wire paragraph quoted inside a column (the small part is neither most
of the column nor its opening), and short pieces that share boilerplate (too short).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np
from rensa import RMinHash

SHINGLE_WORDS = 5
NUM_PERM = 120
BANDS = 20
ROWS = NUM_PERM // BANDS
MIN_WORDS = 40
SHORT_WORDS = 150  # below it, boilerplate is a large share of a text: ask for more overlap
NEAR_SHORT = 0.85
TEASER_WORDS = 60
MAX_WORDS = 20_000  # a longer text is compared by its first 20,000 words
NEAR = 0.6
CONTAINED = 0.75
INTRO_WORDS = 80
SHARED_OPENING = 5  # shingles: a passage of 9 words or more
ANCHOR_WORDS = 200
ANCHOR_PHRASE = 8
ANCHOR_MOD = 8
MAX_ANCHORS = 8

EXACT_BAND = 100
ANCHOR_BAND = 101

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case and compatibility forms folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _hash64(value: str) -> int:
    """A stable signed 64-bit hash (Python's own `hash` changes from process to process)."""
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a rolling hash over word hashes mod 2**64


_WORD_HASHES: dict[str, int] = {}  # a language's words repeat: hash each once per process
_MAX_CACHED_WORDS = 500_000


def _word_hash(word: str) -> int:
    found = _WORD_HASHES.get(word)
    if found is None:
        if len(_WORD_HASHES) >= _MAX_CACHED_WORDS:
            _WORD_HASHES.clear()
        found = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return found


def _word_hashes(tokens: list[str]) -> np.ndarray:
    return np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))


def url_key(url: str) -> int:
    """A URL as a key: scheme, `www.`, fragment, trailing slash and case of the host aside."""
    bare = url.strip().split("#", 1)[0]
    bare = re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", bare, flags=re.I).rstrip("/")
    host, _, rest = bare.partition("/")
    return _hash64(f"{host.lower()}/{rest}")


def shingles(tokens: list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the overlapping `size`-word phrases, in text order (uint64)."""
    words_ = _word_hashes(tokens)
    if len(words_) < size:
        return words_[:1].copy() if len(words_) else words_
    count = len(words_) - size + 1
    found = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            found = found * _MULTIPLIER + words_[k : k + count]
    return found


def _minhash(values: np.ndarray) -> np.ndarray:
    """The MinHash signature (rensa's R-MinHash) of a set of 64-bit hashes."""
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(values, [0, len(values)], NUM_PERM, 1)
    return np.asarray(matrix.to_rows()[0], dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Text:
    """A text ready to compare: its words, its shingles in order and as a sorted set."""

    tokens: list[str]
    shingles: np.ndarray
    unique: np.ndarray

    @classmethod
    def of(cls, text: str) -> Text:
        tokens = words(text)[:MAX_WORDS]
        found = shingles(tokens)
        return cls(tokens, found, np.unique(found))

    @property
    def long_enough(self) -> bool:
        return len(self.tokens) >= MIN_WORDS


def _signed(value: np.uint64) -> int:
    return int(np.array(value, dtype=np.uint64).view(np.int64))


def keys(text: Text) -> list[tuple[int, int]]:
    """The (band, bucket) keys a copy of this text shares with it; none for a short text."""
    if not text.long_enough:
        return []
    found = [(EXACT_BAND, _hash64(" ".join(text.tokens)))]
    signature = _minhash(text.shingles)
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        found.append((band, _hash64(",".join(str(int(v)) for v in rows))))
    opening = shingles(text.tokens[:ANCHOR_WORDS], ANCHOR_PHRASE)
    chosen = opening[opening % np.uint64(ANCHOR_MOD) == 0]
    anchors = list(dict.fromkeys(_signed(h) for h in chosen))[:MAX_ANCHORS]
    found.extend((ANCHOR_BAND, h) for h in anchors)
    return found


def text_keys(text: str) -> list[tuple[int, int]]:
    """`keys` of a text as stored: what an extraction worker computes for the writer."""
    return keys(Text.of(text))


def same_column(a: Text, b: Text) -> float | None:
    """How alike two texts are (0-1) when one is a copy of the other, else None."""
    if not (a.long_enough and b.long_enough):
        return None
    if a.tokens == b.tokens:
        return 1.0
    shared = len(np.intersect1d(a.unique, b.unique, assume_unique=True))
    jaccard = shared / (len(a.unique) + len(b.unique) - shared)
    short = min(len(a.tokens), len(b.tokens)) < SHORT_WORDS
    if jaccard >= (NEAR_SHORT if short else NEAR):
        return jaccard
    small, large = (a, b) if len(a.unique) <= len(b.unique) else (b, a)
    if len(small.tokens) < TEASER_WORDS or shared / len(small.unique) < CONTAINED:
        return None
    # A teaser is the column's opening: the two openings (each perhaps after an intro line
    # or a standfirst of up to INTRO_WORDS words) share a passage.
    together = np.isin(small.shingles[:INTRO_WORDS], large.shingles[:INTRO_WORDS]).sum()
    if together < SHARED_OPENING:
        return None
    return shared / len(small.unique) * 0.99  # below an exact copy of the same length
