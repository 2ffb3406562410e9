"""The directory pages: editions and languages, columnists A-Z, publications by edition, and
the archive's months and days. (The lists they lead to are in routes/lists.py.)"""

from __future__ import annotations

import calendar
from datetime import date
from itertools import groupby

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from colonnade.codes import country_name
from colonnade.web import cursor, urls, views
from colonnade.web.routes.common import site_of

router = APIRouter(include_in_schema=False)

DIRECTORY_PAGE = 100


@router.get("/editions")
def editions(request: Request) -> Response:
    site = site_of(request)
    return site.render(
        request,
        "editions.html",
        {"countries": site.countries(), "languages": site.languages(), "section": "editions"},
    )


@router.get("/languages")
def languages(request: Request) -> Response:
    return editions(request)


@router.get("/columnists")
def columnists(request: Request, page_cursor: str | None = Query(None, alias="cursor")) -> Response:
    site = site_of(request)
    after = cursor.decode_name(page_cursor)
    found, next_key = site.storage.columnists.page(after=after, limit=DIRECTORY_PAGE)
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


@router.get("/publications")
def publications(request: Request) -> Response:
    site = site_of(request)
    ordered = sorted(
        site.publications(), key=lambda p: (country_name(p.country), p.name.casefold())
    )
    groups = [(country, list(items)) for country, items in groupby(ordered, lambda p: p.country)]
    return site.render(request, "publications.html", {"groups": groups, "section": "publications"})


@router.get("/archive")
def archive(request: Request) -> Response:
    site = site_of(request)
    entries = []
    for facet in site.archive_months():
        year, month = (int(part) for part in facet.value.split("-"))
        label = f"{calendar.month_name[month]} {year}"
        entries.append((label, urls.archive_month(year, month), facet.articles))
    return site.render(
        request,
        "archive.html",
        {"heading": "Archive", "entries": entries, "crumbs": [], "section": "archive"},
    )


@router.get("/archive/{year}/{month}")
def archive_month(request: Request, year: int, month: int) -> Response:
    site = site_of(request)
    views.check_month(year, month)
    entries = []
    for facet in site.storage.articles.archive((year, month)):
        day = date.fromisoformat(facet.value)
        entries.append(
            (f"{day.day} {calendar.month_name[month]}", urls.archive_day(day), facet.articles)
        )
    return site.render(
        request,
        "archive.html",
        {
            "heading": f"{calendar.month_name[month]} {year}",
            "entries": entries,
            "crumbs": [("Archive", "/archive")],
            "section": "archive",
        },
    )
