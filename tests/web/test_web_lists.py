"""Each list is one view in three forms: the HTML page, the Atom feed and the JSON list show
the same articles, take the same filters, and refuse the same unknown things."""

from __future__ import annotations

import re
from typing import Any

import feedparser
import lxml.html
import pytest

from .conftest import Site

# (page, feed, API list) of every list; each takes the same query parameters.
LISTS = [
    ("/", "/feed.atom", "/api/v1/articles"),
    ("/editions/GB", "/editions/GB/feed.atom", "/api/v1/editions/GB/articles"),
    ("/languages/en", "/languages/en/feed.atom", "/api/v1/languages/en/articles"),
    (
        "/columnists/jane-doe",
        "/columnists/jane-doe/feed.atom",
        "/api/v1/columnists/jane-doe/articles",
    ),
    (
        "/publications/the-daily",
        "/publications/the-daily/feed.atom",
        "/api/v1/publications/the-daily/articles",
    ),
    ("/archive/2024/05/02", "/archive/2024/05/02/feed.atom", "/api/v1/archive/2024/05/02/articles"),
    ("/search?q=column", "/search/feed.atom?q=column", "/api/v1/search?q=column"),
]
_ID = re.compile(r"/articles/(\d+)-")


def get(site: Site, path: str, params: dict[str, Any]) -> Any:
    """GET `path` (which may carry a query) with `params` added."""
    base, _, query = path.partition("?")
    given = dict(pair.split("=") for pair in query.split("&")) if query else {}
    response = site.client.get(base, params={**given, **params})
    assert response.status_code == 200, (path, response.text[:300])
    return response


def page_ids(site: Site, path: str, **params: Any) -> list[int]:
    response = get(site, path, params)
    doc = lxml.html.fromstring(response.text)
    return [int(_ID.search(a.get("href")).group(1)) for a in doc.cssselect(".card-title a")]  # type: ignore[union-attr]


def feed_ids(site: Site, path: str, **params: Any) -> list[int]:
    response = get(site, path, params)
    parsed = feedparser.parse(response.content)
    return [int(_ID.search(e.link).group(1)) for e in parsed.entries]  # type: ignore[union-attr]


def api_ids(site: Site, path: str, **params: Any) -> list[int]:
    response = get(site, path, params)
    items = response.json()["items"]
    return [item["article"]["id"] if "article" in item else item["id"] for item in items]


@pytest.mark.parametrize(("html", "atom", "api"), LISTS)
def test_the_three_forms_of_a_list_show_the_same_articles(
    site: Site, html: str, atom: str, api: str
) -> None:
    shown = page_ids(site, html, order="newest")  # a feed is newest first: compare so
    assert shown, html
    assert feed_ids(site, atom) == shown
    assert api_ids(site, api, order="newest") == shown


@pytest.mark.parametrize(("html", "atom", "api"), LISTS)
def test_every_list_takes_the_same_filters(site: Site, html: str, atom: str, api: str) -> None:
    editorial = site.corpus.ids["editorial"]
    for path, read in ((html, page_ids), (atom, feed_ids), (api, api_ids)):
        found = read(site, path, kind="editorial", order="newest")
        if path.startswith(("/columnists", "/api/v1/columnists")):
            assert found == [], path  # the editorial has no byline
        else:
            assert found == [editorial], path


def test_filters_combine_with_the_resource(site: Site) -> None:
    german = site.corpus.ids["german"]
    for read, path in (
        (page_ids, "/columnists/jane-doe"),
        (feed_ids, "/columnists/jane-doe/feed.atom"),
        (api_ids, "/api/v1/columnists/jane-doe/articles"),
    ):
        assert read(site, path, language="de") == [german], path
        assert read(site, path, country="DE") == [german], path
    # What the address fixes, a parameter does not change.
    gb = api_ids(site, "/api/v1/editions/GB/articles", country="FR")
    assert gb == api_ids(site, "/api/v1/editions/GB/articles")


NOT_HERE = [
    "/editions/JP",
    "/editions/France",
    "/languages/ja",
    "/languages/xx",
    "/columnists/nobody",
    "/publications/nothing",
    "/archive/2024/02/30",
    "/archive/2024/13/01",
]


def test_what_is_not_here_is_a_404_in_all_three_forms(site: Site) -> None:
    for path in NOT_HERE:
        api = "/api/v1" + path + "/articles"
        for address in (path, path + "/feed.atom", api):
            assert site.client.get(address).status_code == 404, address
        assert "detail" in site.client.get(api).json()


def test_search_pages_by_relevance_with_keyset_cursors_both_ways(site: Site) -> None:
    first = site.client.get("/api/v1/search", params={"q": "column", "limit": 4}).json()
    assert first["order"] == "relevance" and first["previous_cursor"] is None
    second = site.client.get(
        "/api/v1/search", params={"q": "column", "limit": 4, "cursor": first["next_cursor"]}
    ).json()
    assert not {h["article"]["id"] for h in first["items"]} & {
        h["article"]["id"] for h in second["items"]
    }
    scores = [h["score"] for h in first["items"] + second["items"]]
    assert scores == sorted(scores, reverse=True)
    back = site.client.get(
        "/api/v1/search", params={"q": "column", "limit": 4, "cursor": second["previous_cursor"]}
    ).json()
    assert [h["article"]["id"] for h in back["items"]] == [
        h["article"]["id"] for h in first["items"]
    ]


def test_a_cursor_of_one_order_is_refused_by_the_other(site: Site) -> None:
    ranked = site.client.get("/api/v1/search", params={"q": "column", "limit": 2}).json()
    newest = site.client.get(
        "/api/v1/search", params={"q": "column", "limit": 2, "order": "newest"}
    ).json()
    for order, token in (("newest", ranked["next_cursor"]), ("relevance", newest["next_cursor"])):
        params = {"q": "column", "order": order, "cursor": token}
        response = site.client.get("/api/v1/search", params=params)
        assert response.status_code == 400, order
        assert "another kind of list" in response.json()["detail"]
        page = site.client.get("/search", params=params)
        assert page.status_code == 400 and "invalid cursor" in page.text
    listed = site.client.get("/api/v1/articles", params={"cursor": ranked["next_cursor"]})
    assert listed.status_code == 400


def test_lists_link_their_other_forms(site: Site) -> None:
    body = site.client.get("/api/v1/editions/GB/articles", params={"language": "en"}).json()
    assert body["site_url"] == "/editions/GB?language=en"
    assert body["feed_url"] == "/editions/GB/feed.atom?language=en"
    assert site.client.get("/editions/gb").headers["location"] == "/editions/GB"
