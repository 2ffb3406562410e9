"""Columnist and publication pages, and their directories."""

from __future__ import annotations

from itertools import groupby

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from colonnade.store import ArticleFilter
from colonnade.web import cursor, names, urls
from colonnade.web.routes.common import (
    article_page,
    columnist_by_slug,
    feed_for,
    pager_links,
    publication_by_slug,
    site_of,
)

router = APIRouter(include_in_schema=False)

DIRECTORY_PAGE = 100


@router.get("/columnists")
def columnists(request: Request, page_cursor: str | None = Query(None, alias="cursor")) -> Response:
    site = site_of(request)
    after = cursor.decode_name(page_cursor)
    found, next_key = site.storage.columnists_page(after=after, limit=DIRECTORY_PAGE)
    token = cursor.encode_name(next_key)
    return site.render(
        request,
        "columnists.html",
        {
            "columnists": found,
            "next_url": urls.with_query("/columnists", cursor=token) if token else None,
            "first_url": "/columnists" if after else None,
            "section": "columnists",
        },
    )


@router.get("/columnists/{slug}")
def columnist(
    request: Request, slug: str, before: str | None = None, after: str | None = None
) -> Response:
    site = site_of(request)
    found = columnist_by_slug(site, slug, "There is no columnist at this address.")
    page = article_page(site, ArticleFilter(columnist_id=found.id), before=before, after=after)
    return site.render(
        request,
        "columnist.html",
        {
            "columnist": found,
            "page": page,
            "links": pager_links(request, page),
            "feed_url": feed_for(request),
            "feed_title": f"{found.name}: columns",
            "section": "columnists",
        },
    )


@router.get("/publications")
def publications(request: Request) -> Response:
    site = site_of(request)
    ordered = sorted(
        site.publications(), key=lambda p: (names.country_name(p.country), p.name.casefold())
    )
    groups = [(country, list(items)) for country, items in groupby(ordered, lambda p: p.country)]
    return site.render(request, "publications.html", {"groups": groups, "section": "publications"})


@router.get("/publications/{slug}")
def publication(
    request: Request, slug: str, before: str | None = None, after: str | None = None
) -> Response:
    site = site_of(request)
    found = publication_by_slug(site, slug, "There is no publication at this address.")
    page = article_page(site, ArticleFilter(publication_id=found.id), before=before, after=after)
    return site.render(
        request,
        "publication.html",
        {
            "publication": found,
            "columnists": site.storage.publication_columnists(found.id, limit=40),
            "page": page,
            "links": pager_links(request, page),
            "feed_url": feed_for(request),
            "feed_title": f"{found.name}: columns",
            "section": "publications",
        },
    )
