"""Helpers every page route shares: the Site, list pages with their pager links."""

from __future__ import annotations

from fastapi import Request

from colonnade.errors import NotFound
from colonnade.store import ArticleFilter, ArticlePage, Columnist, Publication
from colonnade.web import cursor, urls
from colonnade.web.site import Site


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def columnist_by_slug(site: Site, slug: str, missing: str) -> Columnist:
    """The columnist at this slug, or NotFound(missing). Only the slug counts: the store would
    also take a digit string as an id."""
    found = site.storage.get_columnist(slug)
    if found is None or found.slug != slug:
        raise NotFound(missing)
    return found


def publication_by_slug(site: Site, slug: str, missing: str) -> Publication:
    """The publication at this slug, or NotFound(missing)."""
    found = site.storage.get_publication(slug)
    if found is None or found.slug != slug:
        raise NotFound(missing)
    return found


def article_page(
    site: Site,
    where: ArticleFilter,
    *,
    before: str | None,
    after: str | None,
    cache: bool = False,
) -> ArticlePage:
    """One page of a newest-first list from the page's `before`/`after` cursors. The first
    page of a few much-visited lists (front page, editions) may come from the cache."""
    older, newer = cursor.decode_keyset(before), cursor.decode_keyset(after)
    if cache and older is None and newer is None:
        return site.cache.get_or_compute(
            ("first-page", where, site.page_size),
            lambda: site.storage.article_page(where, limit=site.page_size),
        )
    return site.storage.article_page(where, before=older, after=newer, limit=site.page_size)


def pager_links(request: Request, page: ArticlePage) -> dict[str, str | None]:
    """Links to the older and newer pages (and back to the first), keeping other parameters."""
    kept = {k: v for k, v in request.query_params.items() if k not in ("before", "after")}
    path = request.url.path
    older = cursor.encode_keyset(page.older)
    newer = cursor.encode_keyset(page.newer)
    return {
        "older": urls.with_query(path, **kept, before=older) if older else None,
        "newer": urls.with_query(path, **kept, after=newer) if newer else None,
        "first": urls.with_query(path, **kept) if newer else None,
    }


def feed_for(request: Request) -> str:
    """The Atom feed of the page being served, with its filters (not its cursors)."""
    kept = {k: v for k, v in request.query_params.items() if k not in ("before", "after", "cursor")}
    return urls.feed(urls.with_query(request.url.path, **kept))
