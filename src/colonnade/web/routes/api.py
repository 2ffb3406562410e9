"""The public JSON API under /api/v1/: articles, columnists, publications, search, most read.

Read-only and cookie-less. Lists are cursor-paged: `next_cursor` of one response is the
`cursor` of the next request; newest-first lists are keyset pages underneath, so deep pages
cost what the first costs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from colonnade.errors import NotFound
from colonnade.store import (
    ArticleFilter,
    ArticlePage,
    Facet,
    StoredArticle,
)
from colonnade.web import cursor, params
from colonnade.web.names import country_name, language_name
from colonnade.web.routes.api_models import (
    ArticleList,
    ArticleOut,
    ColumnistList,
    ColumnistOut,
    FacetOut,
    MostReadOut,
    PublicationList,
    PublicationOut,
    SearchHitOut,
    SearchResults,
)
from colonnade.web.routes.common import columnist_by_slug, publication_by_slug, site_of
from colonnade.web.site import Site

router = APIRouter(prefix="/api/v1", tags=["api"])

MAX_LIMIT = 100
_LIMIT = Query(None, ge=1, le=MAX_LIMIT, description="Items per page (default: page_size).")
_CURSOR = "The `next_cursor` (or `previous_cursor`) of a previous response."


def list_filters(
    request: Request,
    country: str | None = Query(None, description="Publication country, e.g. GB."),
    language: str | None = Query(None, description="Article language, e.g. en."),
    publication: str | None = Query(None, description="Publication slug."),
    columnist: str | None = Query(None, description="Columnist slug (or name)."),
    kind: str | None = Query(None, description="opinion, editorial, ..."),
    since: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD (UTC)."),
    until: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD (UTC)."),
) -> params.Filters:
    return params.filters(
        site_of(request).storage,
        country_code=country,
        language_code=language,
        publication_slug=publication,
        columnist_ref=columnist,
        kind_name=kind,
        since=since,
        until=until,
    )


Filters = Annotated[params.Filters, Depends(list_filters)]


def _out(site: Site, article: StoredArticle) -> ArticleOut:
    return ArticleOut.of(
        article,
        excerpt_chars=site.settings.excerpt_chars,
        full_text=site.settings.show_full_text,
    )


def _size(site: Site, limit: int | None) -> int:
    return min(limit or site.page_size, MAX_LIMIT)


def _article_list(
    site: Site, where: ArticleFilter, token: str | None, limit: int | None
) -> ArticleList:
    before, after = cursor.decode_position(token)
    page: ArticlePage = site.storage.article_page(
        where, before=before, after=after, limit=_size(site, limit)
    )
    return ArticleList(
        items=[_out(site, a) for a in page.articles],
        next_cursor=cursor.encode_keyset(page.older),
        previous_cursor=cursor.encode_keyset(page.newer, newer=True),
    )


@router.get("/articles", response_model=ArticleList)
def list_articles(
    request: Request,
    checked: Filters,
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> ArticleList:
    """Articles newest first (publication date, else first seen), with optional filters."""
    return _article_list(site_of(request), checked.where, page_cursor, limit)


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(request: Request, article_id: int) -> ArticleOut:
    """One article."""
    site = site_of(request)
    found = site.storage.get_article(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    return _out(site, found)


@router.get("/columnists", response_model=ColumnistList)
def list_columnists(
    request: Request,
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> ColumnistList:
    """Columnists by name, with their article counts and publications."""
    site = site_of(request)
    found, next_key = site.storage.columnists_page(
        after=cursor.decode_name(page_cursor), limit=_size(site, limit)
    )
    return ColumnistList(
        items=[ColumnistOut.of(c) for c in found], next_cursor=cursor.encode_name(next_key)
    )


@router.get("/columnists/{slug}", response_model=ColumnistOut)
def get_columnist(request: Request, slug: str) -> ColumnistOut:
    """One columnist."""
    found = columnist_by_slug(site_of(request), slug, f"no columnist {slug!r}")
    return ColumnistOut.of(found)


@router.get("/columnists/{slug}/articles", response_model=ArticleList)
def columnist_articles(
    request: Request,
    slug: str,
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> ArticleList:
    """A columnist's articles, newest first."""
    site = site_of(request)
    found = columnist_by_slug(site, slug, f"no columnist {slug!r}")
    return _article_list(site, ArticleFilter(columnist_id=found.id), page_cursor, limit)


@router.get("/publications", response_model=PublicationList)
def list_publications(
    request: Request,
    country: str | None = Query(None, description="Only this country's, e.g. GB."),
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> PublicationList:
    """Publications by name, with their article counts."""
    site = site_of(request)
    found, next_key = site.storage.publications_page(
        after=cursor.decode_name(page_cursor),
        limit=_size(site, limit),
        country=params.country(country),
    )
    return PublicationList(
        items=[PublicationOut.of(p) for p in found], next_cursor=cursor.encode_name(next_key)
    )


@router.get("/publications/{slug}", response_model=PublicationOut)
def get_publication(request: Request, slug: str) -> PublicationOut:
    """One publication."""
    found = publication_by_slug(site_of(request), slug, f"no publication {slug!r}")
    return PublicationOut.of(found)


@router.get("/publications/{slug}/articles", response_model=ArticleList)
def publication_articles(
    request: Request,
    slug: str,
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> ArticleList:
    """A publication's articles, newest first."""
    site = site_of(request)
    found = publication_by_slug(site, slug, f"no publication {slug!r}")
    return _article_list(site, ArticleFilter(publication_id=found.id), page_cursor, limit)


@router.get("/search", response_model=SearchResults)
def search(
    request: Request,
    checked: Filters,
    q: str = Query(..., max_length=500, description="Words; all must match. Taken literally."),
    order: Literal["relevance", "newest"] = "relevance",
    page_cursor: str | None = Query(None, alias="cursor", description=_CURSOR),
    limit: int | None = _LIMIT,
) -> SearchResults:
    """Full-text search with filters, by relevance (up to 1,000 results) or newest first."""
    site = site_of(request)
    size = _size(site, limit)
    if order == "newest":
        found = site.storage.search_page(
            q, checked.where, order="newest", before=cursor.decode_keyset(page_cursor), limit=size
        )
        next_cursor = cursor.encode_keyset(found.older)
    else:
        found = site.storage.search_page(
            q, checked.where, offset=cursor.decode_offset(page_cursor), limit=size
        )
        next_cursor = cursor.encode_offset(found.next_offset)
    items = [
        SearchHitOut(
            article=_out(site, hit.article),
            snippet=hit.snippet,
            highlights=hit.snippet_parts(),
            score=hit.rank,
        )
        for hit in found.hits
    ]
    return SearchResults(query=q, order=order, items=items, next_cursor=next_cursor)


@router.get("/most-read", response_model=list[MostReadOut])
def most_read(
    request: Request,
    days: int = Query(7, ge=1, le=90, description="Count views over this many days (UTC)."),
    limit: int = Query(10, ge=1, le=MAX_LIMIT),
) -> list[MostReadOut]:
    """The most viewed articles over the last `days` days, most first."""
    site = site_of(request)
    since = datetime.now(UTC).date() - timedelta(days=days - 1)
    found = site.storage.most_read(since=since, limit=limit)
    return [MostReadOut(article=_out(site, m.article), views=m.views) for m in found]


def _facets(items: Sequence[Facet], name: Callable[[str], str]) -> list[FacetOut]:
    return [
        FacetOut(code=f.value, name=name(f.value), articles=f.articles, publications=f.publications)
        for f in items
    ]


@router.get("/editions", response_model=list[FacetOut])
def editions(request: Request) -> list[FacetOut]:
    """The countries of the publications, with publication and article counts."""
    return _facets(site_of(request).countries(), country_name)


@router.get("/languages", response_model=list[FacetOut])
def languages(request: Request) -> list[FacetOut]:
    """The languages of the articles, with article counts."""
    return _facets(site_of(request).languages(), language_name)
