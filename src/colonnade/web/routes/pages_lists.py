"""List pages: the front page, editions (countries), languages, the archive and search."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from colonnade.errors import BadRequest, NotFound
from colonnade.store import ArticleFilter
from colonnade.web import params, urls
from colonnade.web.names import country_name, language_name
from colonnade.web.routes.common import article_page, feed_for, pager_links, site_of
from colonnade.web.routes.search_page import search_context

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(
    request: Request,
    country: str | None = None,
    language: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Response:
    site = site_of(request)
    where = ArticleFilter(country=params.country(country), language=params.language(language))
    page = article_page(site, where, before=before, after=after, cache=True)
    parts = [
        country_name(where.country) + " edition" if where.country else "",
        "in " + language_name(where.language) if where.language else "",
    ]
    heading = "Latest columns" + (": " + " ".join(p for p in parts if p) if any(parts) else "")
    return site.render(
        request,
        "home.html",
        {
            "heading": heading,
            "page": page,
            "links": pager_links(request, page),
            "most_read": site.most_read(),
            "countries": site.countries(),
            "languages": site.languages(),
            "country": where.country,
            "language": where.language,
            "feed_url": feed_for(request),
            "section": "home",
        },
    )


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


@router.get("/editions/{country}")
def edition(
    request: Request,
    country: str,
    language: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Response:
    site = site_of(request)
    code = params.country(country)
    known = {c.value: c for c in site.countries()}
    if code is None or code not in known:
        raise NotFound("There is no edition for this country yet.")
    if country != code:
        return RedirectResponse(urls.with_query(urls.edition(code), **request.query_params), 301)
    where = ArticleFilter(country=code, language=params.language(language))
    page = article_page(site, where, before=before, after=after, cache=True)
    publications, _ = site.storage.publications_page(country=code, limit=200)
    name = country_name(code)
    return site.render(
        request,
        "listing.html",
        {
            "heading": f"{name} edition",
            "intro": f"The latest columns from {known[code].publications} publications in {name}.",
            "crumbs": [("Editions", "/editions")],
            "page": page,
            "links": pager_links(request, page),
            "feed_url": feed_for(request),
            "feed_title": f"{name} edition",
            "language_choices": site.languages(),
            "language": where.language,
            "form_action": urls.edition(code),
            "side_title": "Publications",
            "side_links": [
                (p.name, urls.publication(p.slug), language_name(p.language) if p.language else "")
                for p in publications
            ],
            "section": "editions",
        },
    )


@router.get("/languages/{code}")
def language(
    request: Request, code: str, before: str | None = None, after: str | None = None
) -> Response:
    site = site_of(request)
    checked = params.language(code)
    known = {f.value: f for f in site.languages()}
    if checked is None or checked not in known:
        raise NotFound("There are no columns in this language yet.")
    where = ArticleFilter(language=checked)
    page = article_page(site, where, before=before, after=after, cache=True)
    name = language_name(checked)
    return site.render(
        request,
        "listing.html",
        {
            "heading": f"Columns in {name}",
            "crumbs": [("Languages", "/editions#languages")],
            "page": page,
            "links": pager_links(request, page),
            "feed_url": feed_for(request),
            "feed_title": f"Columns in {name}",
            "page_lang": "en",
            "section": "editions",
        },
    )


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
    _check_month(year, month)
    entries = []
    for facet in site.storage.archive((year, month)):
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


@router.get("/archive/{year}/{month}/{day}")
def archive_day(
    request: Request,
    year: int,
    month: int,
    day: int,
    before: str | None = None,
    after: str | None = None,
) -> Response:
    site = site_of(request)
    _check_month(year, month)
    try:
        when = date(year, month, day)
    except ValueError:
        raise NotFound("There is no such day.") from None
    if when == date.max:
        raise NotFound("There is no such day.")
    where = ArticleFilter(
        since=params.midnight(when), until=params.midnight(date.fromordinal(when.toordinal() + 1))
    )
    page = article_page(site, where, before=before, after=after)
    return site.render(
        request,
        "listing.html",
        {
            "heading": f"{when.day} {calendar.month_name[month]} {year}",
            "crumbs": [
                ("Archive", "/archive"),
                (f"{calendar.month_name[month]} {year}", urls.archive_month(year, month)),
            ],
            "page": page,
            "links": pager_links(request, page),
            "section": "archive",
        },
    )


def _check_month(year: int, month: int) -> None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise NotFound("There is no such month.")


@router.get("/search")
def search(
    request: Request,
    q: str = Query("", max_length=500),
    columnist: str | None = None,
    publication: str | None = None,
    country: str | None = None,
    language: str | None = None,
    kind: str | None = None,
    since: str | None = Query(None, alias="from"),
    until: str | None = Query(None, alias="to"),
    sort: str = "relevance",
    page_cursor: str | None = Query(None, alias="cursor"),
) -> Response:
    site = site_of(request)
    form = {
        "columnist": columnist or "",
        "publication": publication or "",
        "country": (country or "").upper(),
        "language": (language or "").lower(),
        "kind": kind or "",
        "from": since or "",
        "to": until or "",
        "sort": "newest" if sort == "newest" else "relevance",
    }
    context: dict[str, Any] = {
        "q": q,
        "quick_q": q,
        "form": form,
        "countries": site.countries(),
        "languages": site.languages(),
        "section": "search",
    }
    try:
        context.update(search_context(request, site, q, form, page_cursor))
    except BadRequest as exc:
        context.update(problem=str(exc), searched=False)
        return site.render(request, "search.html", context, status_code=400)
    return site.render(request, "search.html", context)
