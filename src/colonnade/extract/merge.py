"""Combine trafilatura's blocks with a second opinion (readability's pick, or the publisher's
JSON-LD `articleBody`) by agreement.

- Where both agree on the core of the article (70 % of trafilatura's text is also in the second
  source), what only trafilatura kept at the end of the text (author bios, newsletter prompts,
  teasers for the next article) is dropped, and so are short lines only it kept at the start
  (kickers, datelines).
- Where trafilatura returned the whole page as one block and readability's paragraphs lie inside
  it, readability's paragraphs are the article.

Agreement is measured on word 4-grams, so punctuation, spacing and block boundaries do not
matter. Nothing is ever added from the second source: it can only confirm trafilatura's text.
(Taking readability's text when it is longer was tried and rejected: it brings in comment
threads and teaser lists as often as it recovers missing paragraphs.)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from colonnade.extract.body import Block

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_N = 4
# Share of trafilatura's text that readability must also hold before it may trim anything.
CORE_AGREEMENT = 0.7
# A trailing (or short leading) block is dropped when less than this share of it is in the
# second source.
TRAIL_COVERAGE = 0.2
LEAD_MAX_CHARS = 100
# A single trafilatura block is split into readability's paragraphs when they lie inside it and
# make up this share of it.
SUPERSET_COVERAGE = 0.9
FLAT_MIN_BLOCKS = 3
FLAT_MIN_SHARE = 0.5


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _grams(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    if len(tokens) < _N:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + _N]) for i in range(len(tokens) - _N + 1)]


def merge(first: list[Block], second: list[tuple[str, str]]) -> list[Block]:
    """trafilatura's `first` blocks, corrected by readability's `second` where they agree."""
    if not first or not second:
        return first
    second_tokens = _tokens(" ".join(text for _, text in second))
    second_grams = set(_grams(second_tokens))
    second_text = f" {' '.join(second_tokens)} "
    coverage = []
    weights = []
    for block in first:
        tokens = _tokens(block.text)
        grams = _grams(tokens)
        if len(tokens) < _N:
            # Too short for 4-grams: present when the words appear in this order.
            covered = 1.0 if f" {' '.join(tokens)} " in second_text else 0.0
        else:
            covered = sum(g in second_grams for g in grams) / len(grams)
        coverage.append(covered)
        weights.append(len(grams))
    total = sum(weights) or 1
    agreement = sum(c * w for c, w in zip(coverage, weights, strict=True)) / total

    if len(first) == 1 and len(second) >= FLAT_MIN_BLOCKS:
        flat = _flattened(first[0], second, second_tokens)
        if flat is not None:
            return flat
    if agreement < CORE_AGREEMENT:
        return first
    end = len(first)
    while end > 1 and coverage[end - 1] < TRAIL_COVERAGE:
        end -= 1
    # At the start only short lines go (kickers, datelines, reading times): readability often
    # leaves out a long opening paragraph that belongs to the article.
    start = 0
    while (
        start < end - 1
        and coverage[start] < TRAIL_COVERAGE
        and len(first[start].text) <= LEAD_MAX_CHARS
    ):
        start += 1
    return first[start:end]


def _flattened(
    block: Block, second: list[tuple[str, str]], tokens: list[str]
) -> list[Block] | None:
    """trafilatura sometimes returns a whole page as one block (tables for layout, text between
    `<br>`s); when readability found paragraphs inside that block, its paragraphs are the
    article and the rest of the block was the page around it."""
    first_tokens = _tokens(block.text)
    first_grams = set(_grams(first_tokens))
    second_grams = _grams(tokens)
    inside = sum(g in first_grams for g in second_grams) / max(1, len(second_grams))
    if inside >= SUPERSET_COVERAGE and len(tokens) >= FLAT_MIN_SHARE * len(first_tokens):
        return [Block(_kind(tag), text) for tag, text in second]
    return None


def _kind(tag: str) -> str:
    if tag.startswith("h"):
        return "head"
    if tag == "li":
        return "list"
    if tag == "blockquote":
        return "quote"
    return "p"
