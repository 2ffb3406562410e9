"""One view per article list: its parameters checked once, one `ArticleQuery` run, one
`ListView` handed to whichever form was asked for (web/render_html.py, web/render_json.py,
web/atom_out.py).

    latest       /                   /feed.atom                   /api/v1/articles
    edition      /editions/CC        /editions/CC/feed.atom       /api/v1/editions/CC/articles
    language     /languages/xx       /languages/xx/feed.atom      /api/v1/languages/xx/articles
    columnist    /columnists/S       /columnists/S/feed.atom      /api/v1/columnists/S/articles
    publication  /publications/S     /publications/S/feed.atom    /api/v1/publications/S/articles
    day          /archive/Y/M/D      /archive/Y/M/D/feed.atom     /api/v1/archive/Y/M/D/articles
    search       /search             /search/feed.atom            /api/v1/search

The address names the resource; every list also takes the same filters, words and order as
query parameters (those the address fixes are ignored). An edition, language, columnist,
publication or day that is not here is a NotFound in all three forms.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends

from colonnade import filters
from colonnade.codes import country_code, country_name, language_code, language_name
from colonnade.errors import NotFound
from colonnade.store import ArticlePage, ArticleQuery, Columnist, Facet, Publication
from colonnade.web import cursor, urls
from colonnade.web.params import ListParams, Params
from colonnade.web.routes.common import columnist_by_slug, publication_by_slug, site_of
from colonnade.web.site import Site

Resource = Literal["latest", "edition", "language", "columnist", "publication", "day", "search"]


@dataclass(frozen=True, slots=True)
class ListView:
    """One page of one list, with what its three forms need to show and link it."""

    resource: Resource
    title: str
    path: str  # the HTML page's address, without a query
    api_path: str
    query: ArticleQuery
    page: ArticlePage
    checked: filters.Filters
    params: Mapping[str, str] = field(default_factory=dict)  # checked, for links
    cursor: str | None = None  # the cursor this page was asked with
    columnist: Columnist | None = None
    publication: Publication | None = None
    facet: Facet | None = None  # the edition's or language's counts
    day: date | None = None

    @property
    def ranked(self) -> bool:
        return self.query.ranked

    @property
    def next_cursor(self) -> str | None:
        return cursor.encode_page(self.page.next, ranked=self.ranked)

    @property
    def previous_cursor(self) -> str | None:
        return cursor.encode_page(self.page.previous, ranked=self.ranked, previous=True)

    def link(self, path: str | None = None, **extra: str | None) -> str:
        """`path` (the page's own by default) with this list's parameters and `extra`."""
        return urls.with_query(path or self.path, **{**self.params, **extra})

    @property
    def feed_path(self) -> str:
        """The list's Atom feed, with its filters (a feed is always newest first)."""
        kept = {k: v for k, v in self.params.items() if k not in ("order", "limit")}
        return urls.feed(urls.with_query(self.path, **kept))

    @property
    def searched(self) -> bool:
        """Whether there is anything to list: the search page without words or filters is
        just its form."""
        return self.resource != "search" or bool(self.query.words) or self.query.filtered


# Each view is also a FastAPI dependency: the site, the address's parts and the parameters.
SiteDep = Annotated[Site, Depends(site_of)]


def latest(site: SiteDep, params: Params) -> ListView:
    view = _list(site, "latest", params, title="", path="/", api_path="/api/v1/articles")
    parts = [
        country_name(view.query.country) + " edition" if view.query.country else "",
        "in " + language_name(view.query.language) if view.query.language else "",
    ]
    title = "Latest columns" + (": " + " ".join(p for p in parts if p) if any(parts) else "")
    return _titled(view, title)


def edition(site: SiteDep, cc: str, params: Params) -> ListView:
    code = country_code(cc, strict=False)
    facet = _known(code, site.countries(), "There is no edition for this country yet.")
    name = country_name(facet.value)
    return _list(
        site,
        "edition",
        params,
        title=f"{name} edition",
        path=urls.edition(facet.value),
        fixed={"country": facet.value},
        facet=facet,
    )


def language(site: SiteDep, code: str, params: Params) -> ListView:
    checked = language_code(code, strict=False)
    facet = _known(checked, site.languages(), "There are no columns in this language yet.")
    name = language_name(facet.value)
    return _list(
        site,
        "language",
        params,
        title=f"Columns in {name}",
        path=urls.language(facet.value),
        fixed={"language": facet.value},
        facet=facet,
    )


def columnist(site: SiteDep, slug: str, params: Params) -> ListView:
    found = columnist_by_slug(site, slug, "There is no columnist at this address.")
    return _list(
        site,
        "columnist",
        params,
        title=found.name,
        path=urls.columnist(found.slug),
        fixed={"columnist_id": found.id},
        columnist=found,
    )


def publication(site: SiteDep, slug: str, params: Params) -> ListView:
    found = publication_by_slug(site, slug, "There is no publication at this address.")
    return _list(
        site,
        "publication",
        params,
        title=found.name,
        path=urls.publication(found.slug),
        fixed={"publication_id": found.id},
        publication=found,
    )


def archive_day(site: SiteDep, year: int, month: int, day: int, params: Params) -> ListView:
    check_month(year, month)
    try:
        when = date(year, month, day)
    except ValueError:
        raise NotFound("There is no such day.") from None
    return _list(
        site,
        "day",
        params,
        title=f"{when.day} {calendar.month_name[month]} {year}",
        path=urls.archive_day(when),
        fixed={"since": filters.midnight(when), "until": filters.day_after(when)},
        day=when,
    )


def search(site: SiteDep, params: Params) -> ListView:
    view = _list(site, "search", params, title="", path="/search", api_path="/api/v1/search")
    words = view.query.words
    return _titled(view, f"Search: {words}" if words else "Search")


def _known(code: str | None, facets: list[Facet], missing: str) -> Facet:
    """The facet (edition, language) of `code` when the collection has it, else NotFound."""
    for facet in facets:
        if facet.value == code:
            return facet
    raise NotFound(missing)


def check_month(year: int, month: int) -> None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise NotFound("There is no such month.")


# Which query parameter each fixed field of the query replaces.
_FIXES = {
    "country": ("country",),
    "language": ("language",),
    "columnist_id": ("columnist",),
    "publication_id": ("publication",),
    "since": ("from", "to"),
    "until": ("from", "to"),
}
# Lists whose first page every visitor sees alike: kept for `cache_seconds`.
_CACHED: tuple[Resource, ...] = ("latest", "edition", "language")


def _list(
    site: Site,
    resource: Resource,
    params: ListParams,
    *,
    title: str,
    path: str,
    api_path: str | None = None,
    fixed: Mapping[str, Any] | None = None,
    **records: Any,
) -> ListView:
    fixed = dict(fixed or {})
    ignored = {name for key in fixed for name in _FIXES[key]}
    given = {k: v for k, v in params.raw().items() if k not in ignored}
    checked = filters.parse(
        site.storage,
        country=given.get("country"),
        language=given.get("language"),
        publication=given.get("publication"),
        columnist=given.get("columnist"),
        kind=given.get("kind"),
        since=given.get("from"),
        until=given.get("to"),
        text=params.q,
        order=params.order,
    )
    query = checked.query.with_(**fixed, limit=params.limit or site.page_size)
    before, after = cursor.decode_page(params.cursor, ranked=query.ranked)
    query = query.with_(before=before, after=after)
    if resource in _CACHED and params.cursor is None and not query.words:
        page = site.cache.get_or_compute(
            ("first-page", query), lambda: site.storage.articles.find(query)
        )
    else:
        page = site.storage.articles.find(query)
    kept = checked.params()
    if params.limit:
        kept["limit"] = str(params.limit)
    return ListView(
        resource=resource,
        title=title,
        path=path,
        api_path=api_path or f"/api/v1{path}/articles",
        query=query,
        page=page,
        checked=checked,
        params=kept,
        cursor=params.cursor,
        **records,
    )


def _titled(view: ListView, title: str) -> ListView:
    return replace(view, title=title)
