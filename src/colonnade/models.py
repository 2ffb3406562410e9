"""The values that flow through the pipeline: FetchedPage in, Article out.

Every source (live HTTP, sitemap, archive) yields a `FetchedPage`; extraction turns one into an
`Article`. Both are plain dataclasses so they pickle cheaply across worker processes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class FetchedPage:
    """One HTTP response (or archive record), fully read and size-checked."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    encoding: str | None = None  # the charset used to decode `text`, once decided

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class Article:
    """An extracted article. `to_dict()` is the stable contract other tools rely on."""

    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # wire services, desks, the publication
    # Profile URLs (author pages, JSON-LD url/sameAs) by author name: what joins a person's
    # bylines across publications. Authors without any are left out.
    profiles: dict[str, list[str]] = field(default_factory=dict)
    publication: str | None = None
    published: str | None = None  # ISO 8601 with offset
    updated: str | None = None
    language: str | None = None  # ISO 639-1
    text: str = ""  # paragraphs separated by blank lines
    excerpt: str | None = None
    word_count: int = 0
    paywalled: bool = False
    truncated: bool = False
    section: str | None = None
    kind: str | None = None  # opinion, editorial, analysis, news, letter
    image: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def key_url(self) -> str | None:
        """The URL an article is unique by: canonical when known, else the fetched one."""
        return self.canonical_url or self.url


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None
