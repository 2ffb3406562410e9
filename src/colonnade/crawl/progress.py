"""What a crawl reports while it runs, and what it has done when it ends.

The crawl only counts; the command line decides how to show it (a Rich display, plain lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(slots=True)
class Failure:
    source: str  # publication name
    url: str
    reason: str


@dataclass(slots=True)
class CrawlReport:
    feeds_due: int = 0
    feeds_checked: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    urls_queued: int = 0
    pages_total: int = 0
    pages_fetched: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    copies: int = 0  # syndicated copies naming an original crawled at another publication
    errors: int = 0
    failures: list[Failure] = field(default_factory=list)
    extract_ms: list[float] = field(default_factory=list)  # per page, in the worker

    @property
    def articles_stored(self) -> int:
        return self.articles_new + self.articles_updated


class ProgressSink(Protocol):
    def update(self, report: CrawlReport) -> None: ...


class NoProgress:
    def update(self, report: CrawlReport) -> None:
        return None
