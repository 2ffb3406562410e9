"""Every article list at its three addresses: an HTML page, an Atom feed and a JSON list.

One view (web/views.py, a FastAPI dependency) per list, rendered by web/render_html.py,
web/atom_out.py or web/render_json.py; `serve` registers the three routes of one view, so a
list cannot exist in one form and not in the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel

from colonnade.errors import BadRequest
from colonnade.web import atom_out, render_html, render_json, views
from colonnade.web.errors import MOVED
from colonnade.web.params import Params
from colonnade.web.routes.api_models import ArticleList, SearchResults
from colonnade.web.routes.common import site_of
from colonnade.web.site import Site
from colonnade.web.views import ListView

router = APIRouter()

View = Callable[..., ListView]
Json = Callable[[Site, ListView], BaseModel]


def serve(
    view: View,
    page: str | None,
    about: str,
    *,
    feed: str,
    api: str,
    json: Json = render_json.article_list,
    model: type[BaseModel] = ArticleList,
    responses: Mapping[int | str, dict[str, Any]] | None = None,
) -> None:
    """The page (unless `page` is None), feed and API list of `view`; `about` documents the
    feed and the API list in /openapi.json, with `responses` besides 200 and the errors every
    route answers (web/errors.py)."""
    # A default, not an Annotated alias: annotations here are strings, read in module scope.
    found_by_view = Depends(view)

    def html_page(request: Request, found: ListView = found_by_view) -> Response:
        return render_html.list_page(site_of(request), request, found)

    def atom_feed(request: Request, found: ListView = found_by_view) -> Response:
        return atom_out.feed_response(site_of(request), request, found)

    def api_list(request: Request, found: ListView = found_by_view) -> Any:
        return json(site_of(request), found)

    name = view.__name__
    if page is not None:
        router.add_api_route(page, html_page, name=f"{name}_page", include_in_schema=False)
    router.add_api_route(
        feed,
        atom_feed,
        name=f"{name}_feed",
        tags=["feeds"],
        summary=f"Feed: {about}",
        description=f"{about.capitalize()}, newest first: the first page, as Atom.",
        responses={**atom_out.RESPONSES, **(responses or {})},
        response_class=Response,
    )
    router.add_api_route(
        api,
        api_list,
        name=f"{name}_articles",
        tags=["api"],
        summary=about.capitalize(),
        description=f"{about.capitalize()}, with the list filters, `q` and `order`.",
        response_model=model,
        responses=dict(responses or {}),
    )


serve(
    views.latest,
    "/",
    "the latest articles",
    feed="/feed.atom",
    api="/api/v1/articles",
)
serve(
    views.edition,
    "/editions/{cc}",
    "the articles of one country's publications (ISO 3166-1 code)",
    feed="/editions/{cc}/feed.atom",
    api="/api/v1/editions/{cc}/articles",
)
serve(
    views.language,
    "/languages/{code}",
    "the articles in one language (ISO 639-1 code)",
    feed="/languages/{code}/feed.atom",
    api="/api/v1/languages/{code}/articles",
)
serve(
    views.columnist,
    "/columnists/{slug}",
    "a columnist's articles, wherever they were published",
    feed="/columnists/{slug}/feed.atom",
    api="/api/v1/columnists/{slug}/articles",
    responses=MOVED,
)
serve(
    views.publication,
    "/publications/{slug}",
    "a publication's articles",
    feed="/publications/{slug}/feed.atom",
    api="/api/v1/publications/{slug}/articles",
)
serve(
    views.archive_day,
    "/archive/{year}/{month}/{day}",
    "the articles of one day (UTC)",
    feed="/archive/{year}/{month}/{day}/feed.atom",
    api="/api/v1/archive/{year}/{month}/{day}/articles",
)


# The search page is its own route (below): a bad filter shows the form again, with the problem.
serve(
    views.search,
    None,
    "the articles matching words (by relevance, every match ranked, or newest first)",
    feed="/search/feed.atom",
    api="/api/v1/search",
    json=render_json.search_results,
    model=SearchResults,
)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, params: Params) -> Response:
    site = site_of(request)
    try:
        view = views.search(site, params)
    except BadRequest as exc:
        return render_html.search_problem(site, request, params, str(exc))
    form = render_html.search_form(params)
    return render_html.list_page(site, request, view, context={"form": form})
