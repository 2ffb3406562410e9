"""A `ListView` (or one article) as the JSON API's models (routes/api_models.py)."""

from __future__ import annotations

from colonnade.errors import BadRequest
from colonnade.store import StoredArticle
from colonnade.web.routes.api_models import ArticleList, ArticleOut, SearchHitOut, SearchResults
from colonnade.web.site import Site
from colonnade.web.views import ListView


def article(site: Site, found: StoredArticle) -> ArticleOut:
    """One article as the site shows it: an excerpt, the text only with `show_full_text`."""
    return ArticleOut.of(
        found, excerpt_chars=site.settings.excerpt_chars, full_text=site.settings.show_full_text
    )


def article_list(site: Site, view: ListView) -> ArticleList:
    return ArticleList(
        items=[article(site, a) for a in view.page.articles],
        next_cursor=view.next_cursor,
        previous_cursor=view.previous_cursor,
        site_url=view.link(),
        feed_url=view.feed_path,
    )


def search_results(site: Site, view: ListView) -> SearchResults:
    if not view.query.words:
        raise BadRequest("q: give the words to search for")
    items = [
        SearchHitOut(
            article=article(site, hit.article),
            snippet=hit.snippet,
            highlights=hit.snippet_parts(),
            score=hit.rank,
        )
        for hit in view.page.hits
    ]
    return SearchResults(
        query=view.query.words,
        order=view.query.order,
        items=items,
        next_cursor=view.next_cursor,
        previous_cursor=view.previous_cursor,
        site_url=view.link(),
        feed_url=view.feed_path,
    )
