"""The shapes of the JSON API, as Pydantic models: they validate nothing coming in (the store
already did) but give /openapi.json precise, documented schemas."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from colonnade.store import Columnist, Publication, StoredArticle
from colonnade.web import text, urls


class ColumnistRef(BaseModel):
    id: int
    slug: str
    name: str


class PublicationRef(BaseModel):
    id: int
    slug: str
    name: str
    country: str | None


class ArticleOut(BaseModel):
    id: int
    title: str | None
    columnists: list[ColumnistRef] = Field(description="In byline order.")
    authors: list[str] = Field(description="Byline names, one per entry.")
    publication: PublicationRef
    url: str | None = Field(description="The page as fetched.")
    canonical_url: str
    original_url: str = Field(description="Where to read the whole column: the publication.")
    site_url: str = Field(description="This column's page on this site (a path).")
    published: datetime | None
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

    @classmethod
    def of(cls, article: StoredArticle, *, excerpt_chars: int, full_text: bool) -> ArticleOut:
        pub = article.publication_ref
        return cls(
            id=article.id,
            title=article.title,
            columnists=[
                ColumnistRef(id=c.columnist_id, slug=c.slug, name=c.name)
                for c in article.columnists
            ],
            authors=list(article.authors),
            publication=PublicationRef(
                id=pub.id, slug=pub.slug, name=pub.name, country=pub.country
            ),
            url=article.url,
            canonical_url=article.canonical_url,
            original_url=urls.original(article),
            site_url=urls.article(article),
            published=article.published_at,
            updated=article.updated_at,
            first_seen=article.first_seen_at,
            language=article.language,
            kind=article.kind,
            section=article.section,
            description=article.description,
            excerpt="\n\n".join(text.excerpt(article.text, excerpt_chars).paragraphs),
            text=article.text if full_text else None,
            word_count=article.word_count,
            paywalled=article.paywalled,
            image=article.image,
        )


class ArticleList(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next (older) page.")
    previous_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the previous (newer) page."
    )


class SearchHitOut(BaseModel):
    article: ArticleOut
    snippet: str = Field(description="Plain text around the matched words.")
    highlights: list[tuple[str, bool]] = Field(
        description="The snippet in pieces: (text, is a matched word)."
    )
    score: float = Field(description="Higher is better; comparable within one result list.")


class SearchResults(BaseModel):
    query: str
    order: str
    items: list[SearchHitOut]
    next_cursor: str | None


class ColumnistOut(BaseModel):
    id: int
    slug: str
    name: str
    article_count: int
    publications: list[PublicationRef]
    site_url: str
    feed_url: str

    @classmethod
    def of(cls, columnist: Columnist) -> ColumnistOut:
        return cls(
            id=columnist.id,
            slug=columnist.slug,
            name=columnist.name,
            article_count=columnist.article_count,
            publications=[
                PublicationRef(id=p.id, slug=p.slug, name=p.name, country=p.country)
                for p in columnist.publications
            ],
            site_url=urls.columnist(columnist.slug),
            feed_url=urls.feed(urls.columnist(columnist.slug)),
        )


class ColumnistList(BaseModel):
    items: list[ColumnistOut]
    next_cursor: str | None


class PublicationOut(BaseModel):
    id: int
    slug: str
    name: str
    homepage: str
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    language: str | None = Field(description="ISO 639-1.")
    article_count: int
    site_url: str
    feed_url: str

    @classmethod
    def of(cls, publication: Publication) -> PublicationOut:
        return cls(
            id=publication.id,
            slug=publication.slug,
            name=publication.name,
            homepage=publication.homepage,
            country=publication.country,
            language=publication.language,
            article_count=publication.article_count,
            site_url=urls.publication(publication.slug),
            feed_url=urls.feed(urls.publication(publication.slug)),
        )


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
