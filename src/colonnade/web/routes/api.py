"""The public JSON API under /api/v1/, apart from the article lists (routes/lists.py): one
article, the columnist and publication directories, most read, editions and languages.

Read-only and cookie-less. Directories are cursor-paged by name: `next_cursor` of one response
is the `cursor` of the next request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from colonnade.codes import country_code, country_name, language_name
from colonnade.errors import NotFound
from colonnade.store import Facet
from colonnade.web import cursor, render_json
from colonnade.web.errors import MOVED
from colonnade.web.params import CURSOR, MAX_LIMIT
from colonnade.web.routes.api_models import (
    ArticleOut,
    ColumnistList,
    ColumnistOut,
    FacetOut,
    MostReadOut,
    PublicationList,
    PublicationOut,
)
from colonnade.web.routes.common import columnist_by_slug, publication_by_slug, site_of

router = APIRouter(prefix="/api/v1", tags=["api"])

_LIMIT = Query(None, ge=1, le=MAX_LIMIT, description="Items per page (default: page_size).")
Cursor = Annotated[
    str | None,
    CURSOR,
    Query(alias="cursor", description="Opaque: the `next_cursor` of a previous response."),
]


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(request: Request, article_id: int) -> ArticleOut:
    """One article."""
    site = site_of(request)
    found = site.storage.articles.get(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    return render_json.article(site, found)


@router.get("/columnists", response_model=ColumnistList)
def list_columnists(
    request: Request, page_cursor: Cursor = None, limit: int | None = _LIMIT
) -> ColumnistList:
    """Columnists by name, with their article counts and publications."""
    site = site_of(request)
    found, next_key = site.storage.columnists.page(
        after=cursor.decode_name(page_cursor), limit=limit or site.page_size
    )
    return ColumnistList(
        items=[ColumnistOut.of(c) for c in found], next_cursor=cursor.encode_name(next_key)
    )


@router.get("/columnists/{slug}", response_model=ColumnistOut, responses=MOVED)
def get_columnist(request: Request, slug: str) -> ColumnistOut:
    """One columnist."""
    return ColumnistOut.of(columnist_by_slug(site_of(request), slug, f"no columnist {slug!r}"))


@router.get("/publications", response_model=PublicationList)
def list_publications(
    request: Request,
    country: str | None = Query(None, description="Only this country's, e.g. GB."),
    page_cursor: Cursor = None,
    limit: int | None = _LIMIT,
) -> PublicationList:
    """Publications by name, with their article counts."""
    site = site_of(request)
    found, next_key = site.storage.publications.page(
        after=cursor.decode_name(page_cursor),
        limit=limit or site.page_size,
        country=country_code(country),
    )
    return PublicationList(
        items=[PublicationOut.of(p) for p in found], next_cursor=cursor.encode_name(next_key)
    )


@router.get("/publications/{slug}", response_model=PublicationOut)
def get_publication(request: Request, slug: str) -> PublicationOut:
    """One publication."""
    found = publication_by_slug(site_of(request), slug, f"no publication {slug!r}")
    return PublicationOut.of(found)


@router.get("/most-read", response_model=list[MostReadOut])
def most_read(
    request: Request,
    days: int = Query(7, ge=1, le=90, description="Count views over this many days (UTC)."),
    limit: int = Query(10, ge=1, le=MAX_LIMIT),
) -> list[MostReadOut]:
    """The most viewed articles over the last `days` days, most first."""
    site = site_of(request)
    since = datetime.now(UTC).date() - timedelta(days=days - 1)
    found = site.storage.views.most_read(since=since, limit=limit)
    return [MostReadOut(article=render_json.article(site, m.article), views=m.views) for m in found]


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
