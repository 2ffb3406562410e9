"""The search page's results: words and filters in, hits (or a filtered list) and links out."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from colonnade.web import cursor, params, urls
from colonnade.web.site import Site


def search_context(
    request: Request, site: Site, q: str, form: dict[str, str], page_cursor: str | None
) -> dict[str, Any]:
    """What search.html shows. With words: matches by relevance or newest first; with only
    filters: the filtered list, newest first. BadRequest for a bad filter or cursor."""
    checked = params.filters(
        site.storage,
        country_code=form["country"],
        language_code=form["language"],
        publication_slug=form["publication"],
        columnist_ref=form["columnist"],
        kind_name=form["kind"],
        since=form["from"],
        until=form["to"],
    )
    words = q.strip()
    if not words and checked.empty:
        return {"searched": False, "links": {}, "feed_url": None, "filters_empty": True}
    hits: tuple[Any, ...] = ()
    articles: tuple[Any, ...] = ()
    if words and form["sort"] == "newest":
        result = site.storage.search_page(
            words,
            checked.where,
            order="newest",
            before=cursor.decode_keyset(page_cursor),
            limit=site.page_size,
        )
        hits, next_token = result.hits, cursor.encode_keyset(result.older)
    elif words:
        result = site.storage.search_page(
            words, checked.where, offset=cursor.decode_offset(page_cursor), limit=site.page_size
        )
        hits, next_token = result.hits, cursor.encode_offset(result.next_offset)
    else:
        page = site.storage.article_page(
            checked.where, before=cursor.decode_keyset(page_cursor), limit=site.page_size
        )
        articles, next_token = page.articles, cursor.encode_keyset(page.older)
    kept = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    return {
        "searched": True,
        "hits": hits,
        "articles": articles,
        "filters_empty": checked.empty,
        "links": {
            "older": urls.with_query("/search", **kept, cursor=next_token) if next_token else None,
            "newer": None,
            "first": urls.with_query("/search", **kept) if page_cursor else None,
        },
        # Feed readers want what is new: the search feed is newest first whatever the page's order.
        "feed_url": urls.feed(
            urls.with_query("/search", **{k: v for k, v in kept.items() if k != "sort"})
        ),
        "feed_title": f"Search: {words}" if words else "Search",
    }
