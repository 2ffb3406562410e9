"""The article page: excerpt, attribution, the way to the original, and what to read next."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from colonnade.errors import NotFound
from colonnade.store import AuthorRef, StoredArticle
from colonnade.web import bots, text, urls
from colonnade.web.routes.common import site_of

router = APIRouter(include_in_schema=False)

_REF = re.compile(r"(\d{1,18})(?:-.*)?", re.DOTALL)
MORE_BY = 4
RELATED = 5


@dataclass(frozen=True, slots=True)
class MoreBy:
    columnist: AuthorRef
    articles: list[StoredArticle]


@router.get("/articles/{ref}")
def article_page(request: Request, ref: str) -> Response:
    site = site_of(request)
    match = _REF.fullmatch(ref)
    article = site.storage.articles.get(int(match.group(1))) if match else None
    if article is None:
        raise NotFound("There is no column at this address. It may have been removed.")
    expected = urls.article(article)
    if request.url.path != unquote(expected):
        # Old or shortened links (/articles/42) land on the one address of the column.
        return RedirectResponse(expected, status_code=301)
    visitor = bots.reader(request)  # None for a HEAD, a prefetch or a robot
    if visitor is not None:
        site.views.add(article.id, visitor)
    # Other columns by the first two byline names, and related ones, in one read.
    around = site.storage.articles.neighbours(
        article, columnists=2, by_columnist=MORE_BY, related=RELATED
    )
    limit = 0 if site.settings.show_full_text else site.settings.excerpt_chars
    body = text.excerpt(article.text, limit)
    context = {
        "article": article,
        "body": body,
        "original": urls.original(article),
        "more_by": [MoreBy(author, list(items)) for author, items in around.more_by if items],
        "related": around.related,
        "canonical": site.base_url(request) + expected,
        "description": text.summary(article.description, article.excerpt, article.text, 200),
        "page_lang": "en",
    }
    return site.render(request, "article.html", context)
