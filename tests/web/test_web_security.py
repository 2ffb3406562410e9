"""Security: headers on every response, no inline script or style, escaping of everything a
publisher or visitor supplies, sanitised HTML, FTS syntax that cannot break search, no
cookies, and errors that never show a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import httpx
import lxml.html

from colonnade.config import Settings
from colonnade.store import ArticlePage, ArticleQuery, Storage, open_storage
from colonnade.store.articles import Articles
from colonnade.store.fulltext import MAX_WORDS
from colonnade.web import text, urls
from colonnade.web.security import CSP

from .conftest import Site
from .corpus import HOSTILE_NAME, HOSTILE_TITLE
from .webserver import serving

REQUIRED_CSP = [
    "default-src 'self'",
    "img-src 'self' https: data:",
    "style-src 'self'",
    "script-src 'self'",
    "frame-ancestors 'none'",
]

HOSTILE_QUERIES = [
    '"',
    '"unbalanced',
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "budget*",
    "(((",
    ")))",
    "a OR",
    "AND NOT",
    "-x",
    "title:foo",
    "^start",
    "a & b | !c",
    "foo:* <-> bar",
    "\\",
    "'; DROP TABLE articles; --",
    "🙂",
    " ".join(["word"] * (MAX_WORDS + 10)),
]


def all_paths(site: Site) -> list[str]:
    hostile = site.storage.articles.get(site.corpus.ids["hostile"])
    assert hostile is not None
    return [
        "/",
        "/?country=FR",
        urls.article(hostile),
        "/columnists/jane-doe",
        "/columnists",
        "/publications",
        "/publications/the-daily",
        "/editions",
        "/editions/GB",
        "/languages/en",
        "/archive",
        "/archive/2024/05",
        "/archive/2024/05/01",
        "/search?q=budget",
        "/search?q=%3Cscript%3E",
        "/nope",
        "/search?from=bad",
    ]


def test_every_response_carries_the_security_headers(site: Site) -> None:
    paths = [
        *all_paths(site),
        "/feed.atom",
        "/api/v1/articles",
        "/api/v1/articles/0",
        "/openapi.json",
        "/static/site.css",
    ]
    for path in paths:
        response = site.client.get(path)
        csp = response.headers["content-security-policy"]
        for directive in REQUIRED_CSP:
            assert directive in csp, (path, directive)
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert response.headers["x-frame-options"] == "DENY", path
    assert CSP.startswith("default-src 'self'")


def test_no_page_has_inline_script_style_or_event_handler(site: Site) -> None:
    for path in all_paths(site):
        doc = lxml.html.fromstring(site.client.get(path).text)
        for script in doc.iter("script"):
            assert script.get("src"), f"inline <script> on {path}"
        assert not list(doc.iter("style")), f"<style> on {path}"
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            assert "style" not in element.attrib, (path, element.tag)
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, (path, element.tag, handlers)
        for image in doc.iter("img"):
            assert image.get("alt") is not None, (path, image.get("src"))


def test_no_cookie_is_ever_set(site: Site) -> None:
    for path in [*all_paths(site), "/feed.atom", "/api/v1/articles", "/api/v1/admin/crawl"]:
        response = site.client.get(path)
        assert "set-cookie" not in response.headers, path
    assert not site.client.cookies


def test_titles_and_names_with_markup_show_as_text(site: Site) -> None:
    hostile = site.storage.articles.get(site.corpus.ids["hostile"])
    assert hostile is not None
    response = site.client.get(urls.article(hostile))
    assert '<script>alert("title")' not in response.text
    assert "&lt;script&gt;" in response.text
    doc = lxml.html.fromstring(response.text)
    assert doc.cssselect("h1")[0].text_content() == HOSTILE_TITLE
    assert [a.text_content() for a in doc.cssselect(".reading .byline a")] == [HOSTILE_NAME]
    assert not doc.xpath("//img[@onerror]") and not doc.xpath("//b")
    # The same title in a list, a feed and the API.
    listing = site.client.get("/").text
    assert "<script>alert" not in listing
    feed = site.client.get("/feed.atom").text
    assert "<script>alert" not in feed.replace("&lt;script&gt;", "")
    api = site.client.get(f"/api/v1/articles/{hostile.id}").json()
    assert api["title"] == HOSTILE_TITLE


def test_reflected_input_is_escaped(site: Site) -> None:
    probe = '<script>alert("q")</script>"><img src=x onerror=alert(2)>'
    for path in (
        f"/search?q={quote(probe)}",
        f"/search?q=x&columnist={quote(probe)}",
        f"/columnists/{quote(probe, safe='')}",
        f"/?country={quote(probe)}",
    ):
        response = site.client.get(path)
        assert response.status_code < 500, path
        assert "<script>alert" not in response.text, path
        assert "<img src=x" not in response.text, path


def test_fts_syntax_in_search_never_fails(site: Site) -> None:
    for query in HOSTILE_QUERIES:
        for path in ("/search", "/api/v1/search", "/search/feed.atom"):
            for extra in ({}, {"sort": "newest"}, {"order": "newest"}):
                response = site.client.get(path, params={"q": query, **extra})
                assert response.status_code == 200, (path, query, response.text[:200])


def test_overlong_search_is_a_400_not_a_500(site: Site) -> None:
    assert site.client.get("/search", params={"q": "a" * 5000}).status_code == 400
    assert site.client.get("/api/v1/search", params={"q": "a" * 5000}).status_code == 400


def test_sanitize_keeps_the_allow_list_only() -> None:
    dirty = (
        '<p style="color:red" onclick="x()">Hi <script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">ok</a>'
        '<img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>'
        "<mark>kept</mark><!-- note --></p>"
    )
    clean = str(text.sanitize(dirty))
    doc = lxml.html.fragment_fromstring(clean, create_parent="div")
    assert not doc.xpath("//script|//img|//iframe|//@style|//@onclick")
    assert "alert" not in clean and "note" not in clean
    links = doc.xpath("//a")
    assert [a.get("href") for a in links] == [None, "https://ok.example/"]
    assert all("noopener" in a.get("rel") for a in links)
    assert doc.xpath("//mark")[0].text == "kept"


def test_plain_text_paragraphs_are_escaped_before_sanitising() -> None:
    html = str(text.paragraphs_html(["<b>bold?</b> & more", "second"]))
    assert html == "<p>&lt;b&gt;bold?&lt;/b&gt; &amp; more</p><p>second</p>"


class FailingArticles(Articles):
    """A real article store whose lists fail as a bug would: to show the 500 page."""

    def find(self, query: ArticleQuery) -> ArticlePage:
        raise RuntimeError("a bug with a secret in its message: hunter2")


def test_a_bug_gives_a_friendly_500_without_traceback(tmp_path: Path) -> None:
    opened = open_storage(f"sqlite:///{tmp_path / 'x.db'}")
    failing = Storage(opened.db.engine)
    failing.articles = FailingArticles(failing.db)
    from colonnade.web.app import create_app

    try:
        with serving(create_app(failing, Settings(cache_seconds=0))) as base:
            page = httpx.get(base + "/")
            api = httpx.get(base + "/api/v1/articles")
    finally:
        opened.close()
    assert page.status_code == 500 and api.status_code == 500
    for response in (page, api):
        assert "hunter2" not in response.text and "Traceback" not in response.text
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "Something went wrong" in page.text
    assert api.json() == {"detail": page_message(page.text)}


def page_message(html: str) -> str:
    return lxml.html.fromstring(html).cssselect(".error-page p")[1].text_content()


def test_an_unreadable_database_gives_a_503_page(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    storage = open_storage(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE articles")
    from colonnade.web.app import create_app

    try:
        with serving(create_app(storage, Settings(cache_seconds=0))) as base:
            response = httpx.get(base + "/")
    finally:
        storage.close()
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.text
    assert "no such table" not in response.text
