"""Evaluates extractors on a data set: run every page, score it, sum the scores up per extractor."""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from colonnade.evaluation import scoring
from colonnade.evaluation.datasets import Case
from colonnade.evaluation.peers import Extraction, Extractor
from colonnade.evaluation.runner import DEFAULT_TIMEOUT, Outcome, Task, run

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageResult:
    """One page scored for one extractor. A field the data set does not annotate is None."""

    dataset: str
    case_id: str
    extractor: str
    overlap: scoring.Overlap
    title_ok: bool | None
    authors_ok: bool | None
    date_ok: bool | None
    seconds: float
    names_given: bool = False  # the extractor named someone
    gold_names: bool = False  # the gold names someone
    error: str | None = None
    timed_out: bool = False

    @property
    def crashed(self) -> bool:
        return self.error is not None


@dataclass(frozen=True, slots=True)
class Summary:
    """One extractor on one data set: one row of the report."""

    dataset: str
    extractor: str
    pages: int
    body: scoring.BodyScore
    title: float | None
    authors: float | None
    date: float | None
    ms_median: float
    ms_mean: float
    crashes: int
    timeouts: int
    author_precision: float | None = None
    author_recall: float | None = None

    def figures(self) -> dict[str, float]:
        """The quality figures a baseline can pin a floor under."""
        figures = {
            "body_precision": self.body.precision,
            "body_recall": self.body.recall,
            "body_f1": self.body.f1,
        }
        for name in ("title", "authors", "date"):
            value = getattr(self, name)
            if value is not None:
                figures[f"{name}_accuracy"] = value
        for name in ("author_precision", "author_recall"):
            if (value := getattr(self, name)) is not None:
                figures[name] = value
        return figures


def score_page(case: Case, extractor: str, outcome: Outcome) -> PageResult:
    got = outcome.extraction or Extraction(text="")
    gold = case.gold
    # A crash leaves no answer at all, so every annotated field of the page counts as wrong.
    return PageResult(
        dataset=case.dataset,
        case_id=case.id,
        extractor=extractor,
        overlap=scoring.overlap(gold.text, got.text),
        title_ok=None if gold.title is None else scoring.same_title(gold.title, got.title),
        authors_ok=None
        if gold.authors is None
        else scoring.same_authors(gold.authors, got.authors),
        date_ok=None if gold.published is None else scoring.same_day(gold.published, got.published),
        seconds=outcome.seconds,
        names_given=bool(got.authors),
        gold_names=bool(gold.authors),
        error=outcome.error,
        timed_out=outcome.timed_out,
    )


def _accuracy(flags: Sequence[bool | None]) -> float | None:
    known = [flag for flag in flags if flag is not None]
    return sum(known) / len(known) if known else None


def summarize(dataset: str, extractor: str, pages: Sequence[PageResult]) -> Summary:
    millis = [page.seconds * 1000 for page in pages] or [0.0]
    return Summary(
        dataset=dataset,
        extractor=extractor,
        pages=len(pages),
        body=scoring.body_score(page.overlap for page in pages),
        title=_accuracy([page.title_ok for page in pages]),
        authors=_accuracy([page.authors_ok for page in pages]),
        date=_accuracy([page.date_ok for page in pages]),
        # Precision: of the pages where the extractor names someone, the share named exactly
        # right; recall: of the pages whose gold names someone, the share named exactly right.
        author_precision=_accuracy([p.authors_ok for p in pages if p.names_given]),
        author_recall=_accuracy([p.authors_ok for p in pages if p.gold_names]),
        ms_median=statistics.median(millis),
        ms_mean=statistics.fmean(millis),
        crashes=sum(page.crashed for page in pages),
        timeouts=sum(page.timed_out for page in pages),
    )


def evaluate(
    cases: Sequence[Case],
    extractors: Sequence[str | tuple[str, Extractor]],
    *,
    jobs: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[PageResult], None] | None = None,
) -> tuple[list[Summary], list[PageResult]]:
    """Run each extractor over every case; return one summary per extractor and every page.

    An extractor is a registered name (see `peers.EXTRACTORS`) or a (label, callable) pair.
    All cases must come from one data set.
    """
    datasets = {case.dataset for case in cases}
    if len(datasets) > 1:
        raise ValueError(f"cases from several data sets: {sorted(datasets)}")
    dataset = datasets.pop() if datasets else ""
    named = [(e, e) if isinstance(e, str) else e for e in extractors]

    def tasks() -> Iterator[Task]:
        # Extractor by extractor, so each worker keeps running the same library while it can;
        # a generator, so only the pages being worked on are in memory.
        for label, fn in named:
            for index, case in enumerate(cases):
                yield Task(key=(label, index), extractor=fn, html=case.read_html(), url=case.url)

    by_extractor: dict[str, list[PageResult]] = {label: [] for label, _ in named}
    for outcome in run(tasks(), jobs=jobs, timeout=timeout):
        label, index = outcome.key
        result = score_page(cases[index], label, outcome)
        if result.crashed:
            logger.info("%s crashed on %s: %s", label, result.case_id, result.error)
        by_extractor[label].append(result)
        if progress:
            progress(result)
    pages = [page for label, _ in named for page in sorted(by_extractor[label], key=_order)]
    summaries = [summarize(dataset, label, by_extractor[label]) for label, _ in named]
    return summaries, pages


def _order(page: PageResult) -> str:
    return page.case_id
