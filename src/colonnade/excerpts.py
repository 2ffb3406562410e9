"""Cutting text short: excerpts, summaries and teasers end at a sentence or a word, never mid-word.

One rule for the extractor's excerpt, feed summaries and the site's teasers: whitespace is
collapsed; text within the limit is returned whole; longer text is cut to at most `limit`
characters, at the last sentence end when asked for (no ellipsis then: the sentence is whole),
else at the last space in the second half of the window, marked with an ellipsis. Text without
a space there (a long URL, Chinese or Japanese) is cut where the limit falls.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
# Western sentence ends need a following space ("3.5" is not an end); CJK ones do not.
_SENTENCE_END = re.compile(r"[.!?…।][\"'”’»)\]]*(?=\s|$)|[。！？][」』”）]*")
_TRAILING = " ,;:.-–—"  # left before an ellipsis they would read as ",…" or ".…"


def shorten(text: str, limit: int, *, sentences: bool = False) -> str:
    """`text` with whitespace collapsed, cut to at most `limit` characters when longer.

    With `sentences`, a cut at the end of a sentence is preferred when one ends past the first
    third of the limit.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if sentences:
        end = _last_sentence_end(text, limit)
        if end >= limit // 3:
            return text[:end].strip()
    cut = text[: max(1, limit - len(ELLIPSIS))]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + ELLIPSIS


def _last_sentence_end(text: str, limit: int) -> int:
    """Where the last sentence ending within `limit` characters ends; 0 when none does.

    'U.S. policy': a full stop followed by a lower-case word does not end a sentence.
    """
    ends = [
        match.end()
        for match in _SENTENCE_END.finditer(text[: limit + 1])
        if match.end() <= limit and not text[match.end() : match.end() + 2].strip()[:1].islower()
    ]
    return ends[-1] if ends else 0
