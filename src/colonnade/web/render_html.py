"""A `ListView` as an HTML page: the list's template, its pager and feed links, and what each
kind of page shows beside the list (most read, an edition's publications, ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from colonnade.codes import language_name
from colonnade.web import urls
from colonnade.web.params import ListParams
from colonnade.web.site import Site
from colonnade.web.views import ListView, Resource


def list_page(
    site: Site,
    request: Request,
    view: ListView,
    *,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    if request.url.path != unquote(view.path):
        # /editions/gb, /archive/2024/5/1: one address per list.
        return RedirectResponse(urls.with_query(view.path, **request.query_params), 301)
    template, extra = _KINDS[view.resource]
    shown: dict[str, Any] = {
        "view": view,
        "heading": view.title,
        "page": view.page,
        "links": pager(view),
        "feed_url": view.feed_path,
        "feed_title": view.title,
    }
    shown.update(extra(site, view))
    shown.update(context or {})
    return site.render(request, template, shown, status_code=status_code)


def pager(view: ListView) -> dict[str, str | None]:
    """Links to the next and previous pages (and back to the first), keeping the parameters."""
    following, preceding = view.next_cursor, view.previous_cursor
    return {
        "older": view.link(cursor=following) if following else None,
        "newer": view.link(cursor=preceding) if preceding else None,
        "first": view.link() if view.cursor else None,
    }


def _latest(site: Site, view: ListView) -> dict[str, Any]:
    return {
        "most_read": site.most_read(),
        "countries": site.countries(),
        "languages": site.languages(),
        "country": view.query.country,
        "language": view.query.language,
        "section": "home",
    }


def _edition(site: Site, view: ListView) -> dict[str, Any]:
    code = view.query.country or ""
    publications, _ = site.storage.publications.page(country=code, limit=200)
    count = view.facet.publications if view.facet else len(publications)
    name = view.title.removesuffix(" edition")
    return {
        "intro": f"The latest columns from {count} publications in {name}.",
        "crumbs": [("Editions", "/editions")],
        "language_choices": site.languages(),
        "language": view.query.language,
        "form_action": view.path,
        "side_title": "Publications",
        "side_links": [
            (p.name, urls.publication(p.slug), language_name(p.language) if p.language else "")
            for p in publications
        ],
        "section": "editions",
    }


def _language(_site: Site, _view: ListView) -> dict[str, Any]:
    return {
        "crumbs": [("Languages", "/editions#languages")],
        "page_lang": "en",
        "section": "editions",
    }


def _day(_site: Site, view: ListView) -> dict[str, Any]:
    when = view.day
    assert when is not None
    month = when.strftime("%B")
    return {
        "crumbs": [
            ("Archive", "/archive"),
            (f"{month} {when.year}", urls.archive_month(when.year, when.month)),
        ],
        "section": "archive",
    }


def _columnist(_site: Site, view: ListView) -> dict[str, Any]:
    return {
        "columnist": view.columnist,
        "feed_title": f"{view.title}: columns",
        "section": "columnists",
    }


def _publication(site: Site, view: ListView) -> dict[str, Any]:
    found = view.publication
    assert found is not None
    return {
        "publication": found,
        "columnists": site.storage.publications.columnists(found.id, limit=40),
        "feed_title": f"{found.name}: columns",
        "section": "publications",
    }


def _search(site: Site, view: ListView) -> dict[str, Any]:
    words = view.query.words
    return {
        "q": words,
        "quick_q": words,
        "searched": view.searched,
        "hits": view.page.hits if words else (),
        "articles": () if words else view.page.articles,
        "filters_empty": not view.query.filtered,
        "feed_url": view.feed_path if view.searched else None,
        "countries": site.countries(),
        "languages": site.languages(),
        "section": "search",
    }


_KINDS: dict[Resource, tuple[str, Callable[[Site, ListView], dict[str, Any]]]] = {
    "latest": ("home.html", _latest),
    "edition": ("listing.html", _edition),
    "language": ("listing.html", _language),
    "day": ("listing.html", _day),
    "columnist": ("columnist.html", _columnist),
    "publication": ("publication.html", _publication),
    "search": ("search.html", _search),
}


def search_problem(site: Site, request: Request, params: ListParams, problem: str) -> Response:
    """The search page saying what was wrong (a 400), above the form as it was filled in."""
    context = {
        "q": params.q,
        "quick_q": params.q,
        "form": search_form(params),
        "problem": problem,
        "searched": False,
        "countries": site.countries(),
        "languages": site.languages(),
        "section": "search",
    }
    return site.render(request, "search.html", context, status_code=400)


def search_form(params: ListParams) -> dict[str, str]:
    """The search form's fields as the reader filled them in."""
    form = {name: value or "" for name, value in params.raw().items()}
    form["country"] = form["country"].upper()
    form["language"] = form["language"].lower()
    form["order"] = "newest" if params.order == "newest" else "relevance"
    return form
