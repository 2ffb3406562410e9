"""The whole site on each database: SQLite and the machine's PostgreSQL serve the same pages."""

from __future__ import annotations

import httpx
import lxml.html

from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web import urls
from colonnade.web.app import create_app

from .corpus import build
from .webserver import serving

# A reader's browser: robots and HTTP libraries (httpx's own agent included) are not counted.
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BROWSER = {"User-Agent": FIREFOX}


def test_every_kind_of_page_works_on_this_database(storage: Storage) -> None:
    corpus = build(storage)
    long = storage.articles.get(corpus.ids["long"])
    assert long is not None
    app = create_app(storage, Settings(page_size=5, cache_seconds=0, excerpt_chars=150))
    with serving(app) as base, httpx.Client(base_url=base, headers=BROWSER) as client:
        article = lxml.html.fromstring(client.get(urls.article(long)).text)
        related = article.xpath("//section[h2[@id='related']]//*[contains(@class,'card-title')]/a")
        assert [a.text_content() for a in related] == ["Our view on harbour budgets"]
        app.state.site.views.flush()
        home = lxml.html.fromstring(client.get("/").text)
        assert [a.text_content() for a in home.cssselect(".most-read li > a")] == [long.title]
        months = lxml.html.fromstring(client.get("/archive").text)
        assert [s.text_content() for s in months.cssselect(".tiles strong")] == [
            "May 2024",
            "March 2024",
        ]
        days = lxml.html.fromstring(client.get("/archive/2024/03").text)
        assert [s.text_content() for s in days.cssselect(".tiles strong")] == ["22 March"]
        search = client.get("/search", params={"q": "budget", "country": "FR", "sort": "newest"})
        found = lxml.html.fromstring(search.text).cssselect(".card-title a")
        assert [a.text_content() for a in found] == ["Le budget du port, encore"]
        api = client.get("/api/v1/search", params={"q": "harbour"}).json()
        assert len(api["items"]) == 2
        partial = client.get("/api/v1/search", params={"q": "harbou"}).json()
        assert partial["items"] == []  # words match whole words only
        pages = [
            "/columnists/jane-doe",
            "/publications/the-daily",
            "/editions/GB",
            "/languages/en",
            "/columnists",
            "/publications",
            "/editions",
            "/feed.atom",
            "/api/v1/articles",
            "/api/v1/columnists",
            "/api/v1/editions",
        ]
        for path in pages:
            assert client.get(path).status_code == 200, path
        walked, cursor = [], None
        while True:
            body = client.get("/api/v1/articles", params={"cursor": cursor} if cursor else {})
            walked += [item["id"] for item in body.json()["items"]]
            cursor = body.json()["next_cursor"]
            if cursor is None:
                break
        assert len(walked) == len(set(walked)) == storage.stats()["articles"]
