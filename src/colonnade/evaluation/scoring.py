"""Scores one extraction against its gold annotation, and averages scores over a data set.

The body score mirrors scrapinghub/article-extraction-benchmark's evaluate.py exactly, so our
figures on its pages are comparable with the ones published for it:

- tokens are the ``\\w+`` matches of the text, case kept (the benchmark does not lowercase);
- shingles are runs of 4 consecutive tokens, counted as a multiset; a text of 1-3 tokens is one
  short shingle, an empty text has none;
- per page, true positives are the shingle counts both sides share (min of the two counts);
  precision and recall are computed per page and averaged over pages: precision only over pages
  whose output has shingles, recall only over pages whose gold has shingles; F1 is the harmonic
  mean of the two averages (not an average of per-page F1).

The title, author and date comparators are ours (the fundus gold has these fields).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from colonnade import dates

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")
_BY_PREFIX = re.compile(r"^by\s+")


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    # A text shorter than one shingle still counts as one (shorter) shingle, as in the benchmark.
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count))


@dataclass(frozen=True, slots=True)
class Overlap:
    """Shingle counts of one page: shared (tp), only in the output (fp), only in the gold (fn)."""

    tp: int
    fp: int
    fn: int

    @property
    def has_output(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def has_gold(self) -> bool:
        return self.tp + self.fn > 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.has_output else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.has_gold else 0.0


def overlap(gold: str | None, output: str | None) -> Overlap:
    true, pred = shingles(gold), shingles(output)
    tp = sum((true & pred).values())
    return Overlap(tp=tp, fp=sum(pred.values()) - tp, fn=sum(true.values()) - tp)


@dataclass(frozen=True, slots=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


def body_score(overlaps: Iterable[Overlap]) -> BodyScore:
    """Average per-page precision and recall the way the benchmark does; F1 of the averages.

    A page with empty output is left out of the precision average but counts (as 0) in recall;
    a page with empty gold is left out of recall. An average over no pages is 0.
    """
    items = list(overlaps)
    precisions = [o.precision for o in items if o.has_output]
    recalls = [o.recall for o in items if o.has_gold]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BodyScore(precision=precision, recall=recall, f1=f1)


def normalize(text: str) -> str:
    """NFKC, case folding and whitespace folding: what two titles must agree on to be equal."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def same_title(gold: str | None, output: str | None) -> bool:
    if gold is None or output is None:
        return False
    return normalize(gold) == normalize(output)


def _author_key(name: str) -> str:
    return _BY_PREFIX.sub("", normalize(name))


def same_authors(gold: Sequence[str] | None, output: Sequence[str] | None) -> bool:
    """Equal as sets of normalised names, a leading "By" dropped.

    `output` None means the extractor has no author field at all, which is always wrong; an
    empty list is right exactly when the gold names nobody (fundus writes None or []).
    """
    if output is None:
        return False
    gold_names = {key for name in gold or () if (key := _author_key(name))}
    output_names = {key for name in output if (key := _author_key(name))}
    return gold_names == output_names


def _parse_when(value: str | date) -> date | datetime | None:
    if isinstance(value, date):  # datetime is a date too
        return value
    return dates.read(value)  # as written: offsets kept, naive values left naive


def same_day(gold: str | date | None, output: str | date | None) -> bool:
    """Whether `output` falls on the gold's calendar day, the day as written in the gold.

    When both carry a UTC offset the output is first moved to the gold's offset, so
    "2025-02-03T00:30+02:00" matches a gold "2025-02-02 23:30+01:00" (the same instant); when
    either is naive or a bare date, the days are compared as written.
    """
    if gold is None or output is None:
        return False
    want, got = _parse_when(gold), _parse_when(output)
    if want is None or got is None:
        return False
    if isinstance(want, datetime) and isinstance(got, datetime):
        if want.tzinfo is not None and got.tzinfo is not None:
            got = got.astimezone(want.tzinfo)
        return want.date() == got.date()
    want_day = want.date() if isinstance(want, datetime) else want
    got_day = got.date() if isinstance(got, datetime) else got
    return want_day == got_day
