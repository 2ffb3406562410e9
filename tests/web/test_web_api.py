"""The JSON API under /api/v1/ and its OpenAPI description."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from colonnade.store import ArticleQuery

from .conftest import Site
from .corpus import LONG_TEXT


def get(site: Site, path: str, status: int = 200, **params: Any) -> Any:
    # httpx replaces a query string in `path` with `params`, even empty ones.
    response = site.client.get(path, params=params) if params else site.client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"] == "application/json"
    return response.json()


def walk(site: Site, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor-paged list."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        body = get(site, path, **params, **({"cursor": cursor} if cursor else {}))
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursor never ended")


def test_articles_are_newest_first_and_walk_by_cursor_without_gaps(site: Site) -> None:
    items = walk(site, "/api/v1/articles", limit=4)
    everything = site.storage.articles.find(ArticleQuery(limit=200)).articles
    assert [i["id"] for i in items] == [a.id for a in everything]
    first = items[0]
    assert {"id", "title", "columnists", "publication", "original_url", "excerpt"} <= set(first)


def test_previous_cursor_goes_back_a_page(site: Site) -> None:
    first = get(site, "/api/v1/articles", limit=3)
    assert first["previous_cursor"] is None
    second = get(site, "/api/v1/articles", limit=3, cursor=first["next_cursor"])
    back = get(site, "/api/v1/articles", limit=3, cursor=second["previous_cursor"])
    assert [i["id"] for i in back["items"]] == [i["id"] for i in first["items"]]


def test_article_filters(site: Site) -> None:
    french = get(site, "/api/v1/articles", country="FR")["items"]
    assert [i["title"] for i in french] == ["Le budget du port, encore"]
    assert french[0]["publication"] == {
        "id": site.corpus.quotidien.id,
        "slug": "le-quotidien",
        "name": "Le Quotidien",
        "country": "FR",
    }
    roe = walk(site, "/api/v1/articles", columnist="john-roe")
    assert len(roe) == 6 and all(i["authors"] == ["John Roe"] for i in roe)
    editorials = get(site, "/api/v1/articles", kind="editorial")["items"]
    assert [i["title"] for i in editorials] == ["Our view on harbour budgets"]
    march = get(site, "/api/v1/articles", **{"from": "2024-03-01", "to": "2024-03-31"})
    assert [i["title"] for i in march["items"]] == ["Der Haushalt des Hafens"]


def test_one_article_has_an_excerpt_and_no_full_text_by_default(site: Site) -> None:
    body = get(site, f"/api/v1/articles/{site.corpus.ids['long']}")
    assert body["text"] is None
    assert body["excerpt"].startswith("First paragraph") and "SECRET" not in body["excerpt"]
    assert body["authors"] == ["Jane Doe", "Ann Other"]
    assert [c["slug"] for c in body["columnists"]] == ["jane-doe", "ann-other"]
    assert body["original_url"] == "https://daily.example/opinion/20"
    assert body["site_url"].startswith(f"/articles/{site.corpus.ids['long']}-")


def test_full_text_in_the_api_follows_the_setting(
    site_with: Callable[..., AbstractContextManager[Site]],
) -> None:
    with site_with(show_full_text=True) as full:
        body = get(full, f"/api/v1/articles/{full.corpus.ids['long']}")
    assert body["text"] == LONG_TEXT


def test_columnists_and_publications(site: Site) -> None:
    names = [c["name"] for c in walk(site, "/api/v1/columnists", limit=2)]
    assert names == sorted(names) and len(names) == len(site.storage.columnists.page(limit=200)[0])
    jane = get(site, "/api/v1/columnists/jane-doe")
    assert [p["slug"] for p in jane["publications"]] == ["die-zeitung", "the-daily"]
    assert jane["feed_url"] == "/columnists/jane-doe/feed.atom"
    theirs = walk(site, "/api/v1/columnists/jane-doe/articles", limit=3)
    assert len(theirs) == jane["article_count"]
    pubs = walk(site, "/api/v1/publications", limit=2)
    assert [p["slug"] for p in pubs] == ["die-zeitung", "le-quotidien", "the-daily"]
    assert [p["slug"] for p in get(site, "/api/v1/publications", country="FR")["items"]] == [
        "le-quotidien"
    ]
    daily = get(site, "/api/v1/publications/the-daily")
    assert daily["article_count"] == len(walk(site, "/api/v1/publications/the-daily/articles"))


def test_search_by_relevance_and_by_date(site: Site) -> None:
    hits = get(site, "/api/v1/search", q="harbour budgets")["items"]
    assert {h["article"]["title"] for h in hits} == {
        "The long argument about harbour budgets",
        "Our view on harbour budgets",
    }
    assert hits[0]["score"] >= hits[1]["score"]
    newest = walk(site, "/api/v1/search", q="transport", order="newest", limit=5)
    titles = [h["article"]["title"] for h in newest]
    assert titles == [f"Column {n} on transport" for n in range(11, -1, -1)]
    ranked = walk(site, "/api/v1/search", q="transport", limit=5)
    assert sorted(h["article"]["id"] for h in ranked) == sorted(h["article"]["id"] for h in newest)
    french = get(site, "/api/v1/search", q="budget", language="fr")["items"]
    assert french[0]["highlights"][:2] == [["Le port et son ", False], ["budget", True]]


def test_editions_and_languages(site: Site) -> None:
    editions = get(site, "/api/v1/editions")
    assert editions[0] == {
        "code": "GB",
        "name": "United Kingdom",
        "articles": len(site.storage.articles.find(ArticleQuery(country="GB", limit=200)).articles),
        "publications": 1,
    }
    assert {e["code"] for e in editions} == {"GB", "FR", "DE"}
    assert {lang["name"] for lang in get(site, "/api/v1/languages")} == {
        "English",
        "French",
        "German",
    }


API_ERRORS = [
    ("/api/v1/articles/999999", 404),
    ("/api/v1/articles/abc", 400),
    ("/api/v1/columnists/nobody", 404),
    ("/api/v1/publications/nothing", 404),
    ("/api/v1/articles?cursor=not-a-cursor", 400),
    ("/api/v1/articles?limit=0", 400),
    ("/api/v1/articles?limit=1000", 400),
    ("/api/v1/articles?country=France", 400),
    ("/api/v1/articles?from=2024-13-01", 400),
    ("/api/v1/articles?order=sideways", 400),
    ("/api/v1/search", 400),
    ("/api/v1/search?q=", 400),
    ("/api/v1/search?q=x&order=sideways", 400),
    ("/api/v1/editions/JP/articles", 404),
    ("/api/v1/languages/xx/articles", 404),
    ("/api/v1/nothing-here", 404),
]


def test_errors_are_json_with_a_detail(site: Site) -> None:
    # One server for the whole table: each case only reads.
    for path, status in API_ERRORS:
        body = get(site, path, status=status)
        assert isinstance(body["detail"], str) and body["detail"], path


def test_a_cursor_from_one_list_is_refused_by_another(site: Site) -> None:
    names = get(site, "/api/v1/columnists", limit=1)["next_cursor"]
    body = get(site, "/api/v1/articles", status=400, cursor=names)
    assert "another kind of list" in body["detail"]


def test_openapi_describes_the_api(site: Site) -> None:
    spec = get(site, "/openapi.json")
    paths = spec["paths"]
    for path in (
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/columnists",
        "/api/v1/columnists/{slug}",
        "/api/v1/publications",
        "/api/v1/search",
        "/api/v1/most-read",
        "/api/v1/admin/sources",
        "/columnists/{slug}/feed.atom",
    ):
        assert path in paths, path
    assert "/" not in paths and "/search" not in paths  # HTML pages are not API
    assert site.client.get("/docs").status_code == 404  # it would load scripts from a CDN
