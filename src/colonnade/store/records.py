"""What the Storage API hands back: small frozen dataclasses, never database rows.

Every datetime here is timezone-aware and in UTC, whichever database it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

from colonnade.dates import in_offset
from colonnade.enrich.titles import display_title
from colonnade.models import Article, iso
from colonnade.store.query import Keyset

FeedKind = Literal["rss", "sitemap", "newsmap"]
FeedStatus = Literal["active", "retired"]
QueueState = Literal["pending", "done", "failed"]
SaveStatus = Literal["new", "updated", "unchanged"]

# Search snippets carry these control characters around matched words; they never occur in
# extracted text, so callers can escape the snippet for their medium and then style the marks.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True, slots=True)
class Publication:
    id: int
    slug: str
    name: str
    homepage: str
    country: str | None
    language: str | None
    created_at: datetime
    article_count: int = 0


@dataclass(frozen=True, slots=True)
class PublicationRef:
    """The few publication facts shown next to an article or a columnist."""

    id: int
    slug: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    publication_id: int
    url: str
    kind: FeedKind
    title: str | None
    status: FeedStatus
    etag: str | None
    last_modified: str | None
    last_checked_at: datetime | None
    next_check_at: datetime | None
    interval_s: int | None
    last_new_at: datetime | None
    error_count: int
    last_error: str | None
    last_error_at: datetime | None


@dataclass(frozen=True, slots=True)
class FetchErrorRecord:
    id: int
    publication_id: int
    feed_id: int | None
    url: str
    reason: str
    at: datetime


@dataclass(frozen=True, slots=True)
class QueueItem:
    """An article URL found in a feed or sitemap, with the dates the source gave for it."""

    url: str
    published: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class QueueEntry:
    id: int
    publication_id: int
    feed_id: int | None
    url: str
    discovered_at: datetime
    state: QueueState
    attempts: int
    last_error: str | None
    hint_published: datetime | None
    hint_updated: datetime | None
    lease_owner: str | None = None  # the crawl that claimed it, until lease_until
    lease_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class SaveResult:
    id: int
    status: SaveStatus


@dataclass(frozen=True, slots=True)
class AuthorRef:
    columnist_id: int
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class CopyRef:
    """Another copy of a column: where it appeared."""

    id: int
    url: str | None
    title: str | None
    publication: str
    publication_slug: str
    published_at: datetime | None
    original: bool


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored. It reads like an `Article` (same names: `authors` are names,
    `publication` is the publication's name, `published`/`updated` are ISO 8601 strings), plus
    its id, its publication's identity, its columnists and its times as UTC datetimes."""

    id: int
    publication_id: int
    publication: str
    publication_slug: str
    country: str | None
    url: str | None
    canonical_url: str
    title: str | None
    columnists: tuple[AuthorRef, ...]  # in byline order
    published_at: datetime | None
    updated_at: datetime | None
    language: str | None
    text: str
    excerpt: str | None
    word_count: int
    paywalled: bool
    truncated: bool
    section: str | None
    kind: str | None
    image: str | None
    description: str | None
    content_hash: str
    fetched_at: datetime
    first_seen_at: datetime
    changed_at: datetime
    credits: tuple[str, ...] = ()  # wire services, desks: never columnists
    published_offset: int | None = None  # minutes east of UTC the page wrote `published` in
    updated_offset: int | None = None
    profiles: dict[str, list[str]] = field(default_factory=dict)  # by author name, as given
    cluster_id: int | None = None  # the same for every copy of one column
    original: bool = True  # the copy lists show
    copies: tuple[CopyRef, ...] = ()  # the other copies of the column (when asked for)

    @property
    def headline(self) -> str:
        """The title as lists show it: without "Opinion |" labels or the publication's name."""
        return display_title(self.title, self.publication) or "Untitled"

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columnists)

    @property
    def published_local(self) -> datetime | None:
        """`published_at` in the offset the publication wrote it in: its day is the page's."""
        return in_offset(self.published_at, self.published_offset)

    @property
    def updated_local(self) -> datetime | None:
        return in_offset(self.updated_at, self.updated_offset)

    @property
    def shown_at(self) -> datetime:
        """The time a list or page shows: the local publication time, else when first seen."""
        return self.published_local or self.first_seen_at

    @property
    def published(self) -> str | None:
        return iso(self.published_local)

    @property
    def updated(self) -> str | None:
        return iso(self.updated_local)

    @property
    def key_url(self) -> str:
        return self.canonical_url

    @property
    def publication_ref(self) -> PublicationRef:
        return PublicationRef(
            self.publication_id, self.publication_slug, self.publication, self.country
        )

    def to_article(self) -> Article:
        """The same article as the extractor's `Article` (every field it has is here)."""
        values = {f.name: getattr(self, f.name) for f in fields(Article)}
        return Article(**(values | {"authors": list(self.authors), "credits": list(self.credits)}))

    def to_dict(self) -> dict[str, Any]:
        """The `Article.to_dict()` contract plus id, times, publication identity, columnists."""
        data = self.to_article().to_dict()
        data.update(
            id=self.id,
            fetched_at=iso(self.fetched_at),
            first_seen_at=iso(self.first_seen_at),
            changed_at=iso(self.changed_at),
            publication_id=self.publication_id,
            publication_slug=self.publication_slug,
            country=self.country,
            columnists=[
                {"id": c.columnist_id, "slug": c.slug, "name": c.name} for c in self.columnists
            ],
            cluster_id=self.cluster_id,
            original=self.original,
        )
        return data


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result. `marked_snippet` wraps matched words in MARK_START/MARK_END."""

    article: StoredArticle
    rank: float  # higher is better; comparable only within one result list
    marked_snippet: str

    @property
    def snippet(self) -> str:
        return self.marked_snippet.replace(MARK_START, "").replace(MARK_END, "")

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """(text, is_match) pieces, for rendering highlights without trusting any markup."""
        parts: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.marked_snippet.split(MARK_START)):
            if i == 0:
                matched, rest = "", chunk
            else:
                matched, _, rest = chunk.partition(MARK_END)
            if matched:
                parts.append((matched, True))
            if rest:
                parts.append((rest, False))
        return parts


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A publication a columnist writes in: their first and latest column there (published,
    or first seen when the page gave no date) and how many."""

    publication: PublicationRef
    first: datetime | None
    last: datetime | None
    article_count: int


@dataclass(frozen=True, slots=True)
class Columnist:
    """A person (or an organisation: an editorial board) across the publications they write in.
    `verified` is False while a bare name match joins them in some publication (store/identity.py);
    `names` are the other names they go by; `publications` are sorted by name, `affiliations`
    newest first."""

    id: int
    slug: str
    name: str
    article_count: int
    publications: tuple[PublicationRef, ...]
    kind: str = "person"
    verified: bool = True
    names: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()


@dataclass(frozen=True, slots=True)
class Correction:
    """A merge or split of columnists by hand. `detail` names the slugs: merge {kept, merged},
    split {from, publication, new}."""

    kind: str
    at: datetime
    columnist_id: int
    detail: dict[str, str]


# What the reader site and API get back: pages of articles and their facets.


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of an article list (store/query.py's `ArticleQuery`). Each hit holds the
    article, its relevance score (0.0 when the list is newest first) and, when words were
    searched, a marked snippet. Pass `next` as `before=` for the following page and
    `previous` as `after=` for the one before; None where there is no such page."""

    hits: tuple[SearchHit, ...]
    next: Keyset | None = None
    previous: Keyset | None = None

    @property
    def articles(self) -> tuple[StoredArticle, ...]:
        return tuple(hit.article for hit in self.hits)


@dataclass(frozen=True, slots=True)
class MostRead:
    article: StoredArticle
    views: int


@dataclass(frozen=True, slots=True)
class ColumnistCount:
    """A columnist with the number of their articles in some context (a publication, say)."""

    id: int
    slug: str
    name: str
    article_count: int


@dataclass(frozen=True, slots=True)
class Facet:
    """A value of a list filter (country, language, month, day) and how many articles have it."""

    value: str
    articles: int
    publications: int = 0


@dataclass(frozen=True, slots=True)
class Neighbours:
    """What to read after an article: each byline columnist's other recent columns, and
    related columns by others."""

    more_by: tuple[tuple[AuthorRef, tuple[StoredArticle, ...]], ...]
    related: tuple[StoredArticle, ...]
