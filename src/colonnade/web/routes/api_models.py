"""The shapes of the JSON API, as Pydantic models: they validate nothing coming in (the store
already did) but give /openapi.json precise, documented schemas."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, computed_field

from colonnade.store import Columnist, Publication, StoredArticle
from colonnade.web import text, urls


class ColumnistRef(BaseModel):
    id: int
    slug: str
    name: str


class PublicationRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str
    country: str | None


class CopyOut(BaseModel):
    """Another copy of the same column."""

    id: int
    publication: str
    publication_slug: str
    url: str | None = Field(description="The copy as fetched.")
    site_url: str = Field(description="Its page on this site (a path).")
    published: datetime | None = Field(description="UTC.")
    original: bool


class ArticleOut(BaseModel):
    id: int
    title: str | None
    columnists: list[ColumnistRef] = Field(description="In byline order.")
    authors: list[str] = Field(description="Byline names, one per entry.")
    credits: list[str] = Field(
        description="Wire services, desks or the publication the byline credits; never columnists."
    )
    publication: PublicationRef
    url: str | None = Field(description="The page as fetched.")
    canonical_url: str
    original_url: str = Field(description="Where to read the whole column: the publication.")
    site_url: str = Field(description="This column's page on this site (a path).")
    published: datetime | None = Field(description="With the offset the publication wrote.")
    updated: datetime | None
    first_seen: datetime
    language: str | None = Field(description="ISO 639-1.")
    kind: str | None = Field(description="opinion, editorial, analysis, letter...")
    section: str | None
    description: str | None
    excerpt: str = Field(description="The first paragraphs, as on the column's page.")
    text: str | None = Field(
        description="The whole text; null unless the site is set to show full text."
    )
    word_count: int
    paywalled: bool
    image: str | None
    cluster_id: int | None = Field(
        description="The same for every copy of one column (syndicated or republished)."
    )
    original: bool = Field(description="True on the one copy of a column that lists show.")
    copies: list[CopyOut] = Field(description="The column's other copies, the original first.")

    @classmethod
    def of(cls, article: StoredArticle, *, excerpt_chars: int, full_text: bool) -> ArticleOut:
        same = {name: getattr(article, name) for name in _AS_STORED}
        return cls(
            **same,
            columnists=[
                ColumnistRef(id=c.columnist_id, slug=c.slug, name=c.name)
                for c in article.columnists
            ],
            authors=list(article.authors),
            credits=list(article.credits),
            publication=PublicationRef.model_validate(article.publication_ref),
            original_url=urls.original(article),
            site_url=urls.article(article),
            published=article.published_local,
            updated=article.updated_local,
            first_seen=article.first_seen_at,
            excerpt="\n\n".join(text.excerpt(article.text, excerpt_chars).paragraphs),
            text=article.text if full_text else None,
            copies=[
                CopyOut(
                    id=c.id,
                    publication=c.publication,
                    publication_slug=c.publication_slug,
                    url=c.url,
                    site_url=urls.article(c),
                    published=c.published_at,
                    original=c.original,
                )
                for c in article.copies
            ],
        )


# The fields of ArticleOut that are the stored article's, under the same name.
_AS_STORED = (
    "id",
    "title",
    "url",
    "canonical_url",
    "language",
    "kind",
    "section",
    "description",
    "word_count",
    "paywalled",
    "image",
    "cluster_id",
    "original",
)

_NEXT = "Pass as `cursor` for the next page (older, or lower ranked); null on the last."
_PREVIOUS = "Pass as `cursor` for the previous page; null on the first."
_SITE_URL = "The same list as a page of this site (a path)."
_FEED_URL = "The same list as an Atom feed, newest first (a path)."


class ArticleList(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None = Field(description=_NEXT)
    previous_cursor: str | None = Field(default=None, description=_PREVIOUS)
    site_url: str = Field(description=_SITE_URL)
    feed_url: str = Field(description=_FEED_URL)


class SearchHitOut(BaseModel):
    article: ArticleOut
    snippet: str = Field(description="Plain text around the matched words.")
    highlights: list[tuple[str, bool]] = Field(
        description="The snippet in pieces: (text, is a matched word)."
    )
    score: float = Field(description="Higher is better; comparable within one result list.")


class SearchResults(BaseModel):
    query: str
    order: str = Field(description="relevance or newest.")
    items: list[SearchHitOut]
    next_cursor: str | None = Field(description=_NEXT)
    previous_cursor: str | None = Field(default=None, description=_PREVIOUS)
    site_url: str = Field(description=_SITE_URL)
    feed_url: str = Field(description=_FEED_URL)


class _Linked(BaseModel):
    """A record with a page on this site and the Atom feed of that page."""

    model_config = ConfigDict(from_attributes=True)

    def page_path(self) -> str:
        raise NotImplementedError

    @computed_field(description="Its page on this site (a path).")  # type: ignore[prop-decorator]
    @property
    def site_url(self) -> str:
        return self.page_path()

    @computed_field(description="The Atom feed of its page (a path).")  # type: ignore[prop-decorator]
    @property
    def feed_url(self) -> str:
        return urls.feed(self.page_path())


class AffiliationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    publication: PublicationRef
    first: datetime | None = Field(description="Their first column there (UTC).")
    last: datetime | None = Field(description="Their latest column there (UTC).")
    article_count: int


class ColumnistOut(_Linked):
    id: int
    slug: str
    name: str
    kind: str = Field(description="person, or organisation (an editorial board).")
    verified: bool = Field(
        description="False while a bare name match (no shared profile URL, no correction by "
        "hand) joins them in some publication."
    )
    names: list[str] = Field(description="Other names they go by.")
    article_count: int
    publications: list[PublicationRef]
    affiliations: list[AffiliationOut] = Field(description="Where they write, newest first.")

    def page_path(self) -> str:
        return urls.columnist(self.slug)

    @classmethod
    def of(cls, columnist: Columnist) -> ColumnistOut:
        return cls.model_validate(columnist)


class ColumnistList(BaseModel):
    items: list[ColumnistOut]
    next_cursor: str | None


class PublicationOut(_Linked):
    id: int
    slug: str
    name: str
    homepage: str
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    language: str | None = Field(description="ISO 639-1.")
    article_count: int

    def page_path(self) -> str:
        return urls.publication(self.slug)

    @classmethod
    def of(cls, publication: Publication) -> PublicationOut:
        return cls.model_validate(publication)


class PublicationList(BaseModel):
    items: list[PublicationOut]
    next_cursor: str | None


class MostReadOut(BaseModel):
    article: ArticleOut
    views: int


class FacetOut(BaseModel):
    code: str
    name: str
    articles: int
    publications: int


class ErrorOut(BaseModel):
    """What every error under /api/ answers, whatever its status (web/errors.py)."""

    detail: str = Field(description="What was wrong, in one sentence a person can act on.")
