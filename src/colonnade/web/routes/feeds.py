"""Atom feeds for every list page: the front page, each columnist, publication, edition,
language, and any search. Each holds the newest `page_size` columns as excerpts linking to
the column's page here and to the original."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import escape

from colonnade.errors import NotFound
from colonnade.store import ArticleFilter, StoredArticle
from colonnade.web import atom, params, text, urls
from colonnade.web.names import country_name, language_name
from colonnade.web.routes.common import columnist_by_slug, publication_by_slug, site_of
from colonnade.web.site import SITE_NAME, Site

router = APIRouter(tags=["feeds"])
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed"}
}


def _entry(site: Site, base: str, article: StoredArticle) -> atom.Entry:
    link = base + urls.article(article)
    original = urls.original(article)
    limit = 0 if site.settings.show_full_text else site.settings.excerpt_chars
    body = text.excerpt(article.text, limit)
    more = (
        f'<p><a href="{escape(original)}">Continue reading at {escape(article.publication)}</a></p>'
    )
    return atom.Entry(
        id=link,
        title=article.title or "Untitled",
        link=link,
        original=original,
        published=article.published_at,
        updated=article.updated_at or article.published_at or article.first_seen_at,
        authors=article.authors,
        publication=article.publication,
        summary=text.summary(article.description, article.excerpt, article.text),
        content_html=str(text.sanitize(str(body.html) + more)),
        category=article.kind,
        language=article.language,
    )


def _feed(
    request: Request,
    site: Site,
    *,
    title: str,
    page_path: str,
    articles: Sequence[StoredArticle],
    subtitle: str | None = None,
) -> Response:
    base = site.base_url(request)
    query = request.url.query
    feed_url = base + request.url.path + (f"?{query}" if query else "")
    body = atom.render(
        title=f"{title} · {SITE_NAME}",
        feed_url=feed_url,
        page_url=base + page_path,
        subtitle=subtitle,
        entries=[_entry(site, base, a) for a in articles],
    )
    return Response(body, media_type=ATOM_TYPE)


def _latest(site: Site, where: ArticleFilter) -> Sequence[StoredArticle]:
    return site.storage.article_page(where, limit=site.page_size).articles


@router.get("/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def latest_feed(
    request: Request, country: str | None = None, language: str | None = None
) -> Response:
    """The newest columns, optionally of one edition (country) and language."""
    site = site_of(request)
    where = ArticleFilter(country=params.country(country), language=params.language(language))
    page = urls.with_query("/", country=where.country, language=where.language)
    return _feed(
        request, site, title="Latest columns", page_path=page, articles=_latest(site, where)
    )


@router.get("/columnists/{slug}/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def columnist_feed(request: Request, slug: str) -> Response:
    """A columnist's newest columns, wherever they were published."""
    site = site_of(request)
    found = columnist_by_slug(site, slug, "There is no columnist at this address.")
    articles = _latest(site, ArticleFilter(columnist_id=found.id))
    return _feed(request, site, title=found.name, page_path=urls.columnist(slug), articles=articles)


@router.get("/publications/{slug}/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def publication_feed(request: Request, slug: str) -> Response:
    """A publication's newest columns."""
    site = site_of(request)
    found = publication_by_slug(site, slug, "There is no publication at this address.")
    articles = _latest(site, ArticleFilter(publication_id=found.id))
    return _feed(
        request, site, title=found.name, page_path=urls.publication(slug), articles=articles
    )


@router.get("/editions/{country}/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def edition_feed(request: Request, country: str, language: str | None = None) -> Response:
    """The newest columns of one country's publications."""
    site = site_of(request)
    code = params.country(country)
    if code is None:
        raise NotFound("There is no edition for this country.")
    where = ArticleFilter(country=code, language=params.language(language))
    return _feed(
        request,
        site,
        title=f"{country_name(code)} edition",
        page_path=urls.edition(code),
        articles=_latest(site, where),
    )


@router.get("/languages/{code}/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def language_feed(request: Request, code: str) -> Response:
    """The newest columns in one language."""
    site = site_of(request)
    checked = params.language(code)
    if checked is None:
        raise NotFound("There is no such language.")
    return _feed(
        request,
        site,
        title=f"Columns in {language_name(checked)}",
        page_path=urls.language(checked),
        articles=_latest(site, ArticleFilter(language=checked)),
    )


@router.get("/search/feed.atom", responses=_ATOM_RESPONSE, response_class=Response)
def search_feed(
    request: Request,
    q: str = Query("", max_length=500),
    columnist: str | None = None,
    publication: str | None = None,
    country: str | None = None,
    language: str | None = None,
    kind: str | None = None,
    since: str | None = Query(None, alias="from"),
    until: str | None = Query(None, alias="to"),
) -> Response:
    """The newest columns matching a search (words and/or filters), to follow it."""
    site = site_of(request)
    checked = params.filters(
        site.storage,
        country_code=country,
        language_code=language,
        publication_slug=publication,
        columnist_ref=columnist,
        kind_name=kind,
        since=since,
        until=until,
    )
    if q.strip():
        found = site.storage.search_page(q, checked.where, order="newest", limit=site.page_size)
        articles: Sequence[StoredArticle] = [hit.article for hit in found.hits]
    else:
        articles = _latest(site, checked.where)
    query = request.url.query
    return _feed(
        request,
        site,
        title=f"Search: {q.strip()}" if q.strip() else "Search",
        page_path="/search" + (f"?{query}" if query else ""),
        articles=articles,
    )
