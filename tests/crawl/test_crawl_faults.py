"""Bad input from a source: the crawl goes on, the error is recorded on the source, nothing
partial is stored, and good articles from the same run are kept."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import pytest

from colonnade.config import Settings
from colonnade.pipeline import crawl_once
from colonnade.store import Storage
from colonnade.store.records import Publication

from .faultweb import FaultWeb, Route, article_html, gzip_bomb, page, rss, send

WORDS = "Councils across the region keep postponing the repairs that residents were promised."


@dataclass
class Web:
    good: FaultWeb
    bad: FaultWeb
    good_pub: Publication
    bad_pub: Publication


@pytest.fixture
def web(storage: Storage) -> Iterator[Web]:
    with FaultWeb() as good, FaultWeb() as bad:
        good.routes["/feed.xml"] = page(
            rss(good.base, [("/good-1", "Good one"), ("/good-2", "Good two")]),
            content_type="application/rss+xml",
        )
        for n in (1, 2):
            good.routes[f"/good-{n}"] = page(article_html(f"Good {n}", "Ann Writer", WORDS))
        good_pub = storage.publications.add("Good Times", good.url("/"))
        bad_pub = storage.publications.add("Bad News", bad.url("/"))
        storage.feeds.add(good_pub.id, good.url("/feed.xml"))
        storage.feeds.add(bad_pub.id, bad.url("/feed.xml"))
        yield Web(good, bad, good_pub, bad_pub)


def crawl(storage: Storage, settings: Settings, *, force: bool = False):  # type: ignore[no-untyped-def]
    return asyncio.run(crawl_once(storage, settings, force=force))


def titles(storage: Storage, pub: Publication) -> list[str]:
    return sorted(a.title or "" for a in storage.articles.iter_all() if a.publication_id == pub.id)


def errors_of(storage: Storage, pub: Publication) -> list[str]:
    return [e.reason for e in storage.errors.recent(publication_id=pub.id)]


def stall(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.send_header("Content-Length", "5000")
    h.end_headers()
    h.wfile.write(b"<?xml version='1.0'?><rss><channel><title>Stalling")
    h.wfile.flush()
    # Only the client's timeout can end this exchange before the test does.
    h.server.stop_event.wait(60)  # type: ignore[attr-defined]


def redirect_to(path: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        send(h, b"", status=302, headers={"Location": path})

    return route


def serve_bomb(w: FaultWeb) -> None:
    body = gzip_bomb(50_000_000)  # built before the crawl, so the server answers at once

    def bomb(h: BaseHTTPRequestHandler) -> None:
        send(h, body, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"})

    w.routes["/feed.xml"] = bomb


FEED_FAULTS: dict[str, tuple[Callable[[FaultWeb], None], str]] = {
    "malformed xml": (
        lambda w: w.routes.__setitem__(
            "/feed.xml",
            page(
                "<?xml version='1.0'?><rss><channel><item><title>Broken</titl></chan",
                content_type="application/rss+xml",
            ),
        ),
        r"malformed|not a feed|no usable",
    ),
    "truncated xml": (
        lambda w: w.routes.__setitem__(
            "/feed.xml",
            page(
                "<?xml version='1.0'?><rss version='2.0'><channel><title>Cut</title><item><tit",
                content_type="application/rss+xml",
            ),
        ),
        r"malformed|not a feed|no usable|lists no articles",
    ),
    "html served as feed": (
        lambda w: w.routes.__setitem__(
            "/feed.xml",
            page("<!doctype html><html><body><h1>Our opinion section</h1></body></html>"),
        ),
        r"HTML page",
    ),
    "empty 200": (
        lambda w: w.routes.__setitem__("/feed.xml", page("", content_type="application/rss+xml")),
        r"empty",
    ),
    "404": (lambda w: None, r"404"),
    "stall mid-body": (
        lambda w: w.routes.__setitem__("/feed.xml", stall),
        r"time|stalled",
    ),
    "redirect loop": (
        lambda w: w.routes.update(
            {"/feed.xml": redirect_to("/loop"), "/loop": redirect_to("/feed.xml")}
        ),
        r"redirect",
    ),
    "over size limit": (
        lambda w: w.routes.__setitem__(
            "/feed.xml",
            page(
                "<?xml version='1.0'?><rss><channel>" + "<!-- padding -->" * 40_000,
                content_type="application/rss+xml",
            ),
        ),
        r"larger|limit|too large|exceeds",
    ),
    "gzip bomb": (serve_bomb, r"larger|limit|exceeds"),
}


@pytest.mark.parametrize("fault", list(FEED_FAULTS))
def test_bad_feed_is_recorded_and_good_source_kept(
    fault: str, web: Web, storage: Storage, settings: Settings
) -> None:
    setup, reason = FEED_FAULTS[fault]
    web.bad.server.stop_event = web.bad.stop  # type: ignore[attr-defined]
    setup(web.bad)
    report = crawl(storage, settings)
    # The bad source is given up after its tries, not waited on: no URL of it is asked for more.
    assert max(web.bad.hits.values()) <= 1 + settings.retries, web.bad.hits
    assert titles(storage, web.good_pub) == ["Good 1", "Good 2"]
    assert titles(storage, web.bad_pub) == []
    recorded = errors_of(storage, web.bad_pub)
    assert len(recorded) == 1 and re.search(reason, recorded[0], re.I), recorded
    assert report.feeds_failed == 1
    [feed] = storage.feeds.all(web.bad_pub.id)
    assert feed.error_count == 1 and feed.status == "active"
    assert errors_of(storage, web.good_pub) == []


def test_gone_feed_is_retired(web: Web, storage: Storage, settings: Settings) -> None:
    web.bad.routes["/feed.xml"] = page("gone", status=410, content_type="text/plain")
    crawl(storage, settings)
    [feed] = storage.feeds.all(web.bad_pub.id)
    assert feed.status == "retired"
    assert "410" in errors_of(storage, web.bad_pub)[0]
    assert titles(storage, web.good_pub) == ["Good 1", "Good 2"]
    # A retired feed is not fetched again, even when every feed is forced.
    hits = web.bad.hits["/feed.xml"]
    crawl(storage, settings, force=True)
    assert web.bad.hits["/feed.xml"] == hits


def test_server_error_then_recovery(web: Web, storage: Storage, settings: Settings) -> None:
    feed = page(
        rss(web.bad.base, [("/fine", "Fine after all")]), content_type="application/rss+xml"
    )
    web.bad.routes["/fine"] = page(article_html("Fine after all", "Bo Lee", WORDS))
    web.bad.routes["/feed.xml"] = page("oops", status=500, content_type="text/plain")
    crawl(storage, settings)
    assert "500" in errors_of(storage, web.bad_pub)[0]
    assert web.bad.hits["/feed.xml"] == 1 + settings.retries
    web.bad.routes["/feed.xml"] = feed
    crawl(storage, settings, force=True)
    assert titles(storage, web.bad_pub) == ["Fine after all"]
    [state] = storage.feeds.all(web.bad_pub.id)
    assert state.error_count == 0


def _article_faults(w: FaultWeb) -> None:
    paths = ["/report.pdf", "/photo", "/latin1", "/broken-utf8", "/script"]
    w.routes["/feed.xml"] = page(
        rss(w.base, [(p, p.strip("/")) for p in paths]), content_type="application/rss+xml"
    )
    w.routes["/report.pdf"] = page("%PDF-1.7 binary", content_type="application/pdf")
    w.routes["/photo"] = lambda h: send(
        h, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="text/html"
    )  # mislabelled image
    cp1252 = article_html("Caf\u00e9 society \u201cquoted\u201d", "Zo\u00eb Dupr\u00e9", WORDS)
    w.routes["/latin1"] = lambda h: send(h, cp1252.encode("cp1252"))  # declared UTF-8
    broken = (
        article_html("Broken bytes", "Al Writer", WORDS)
        .encode()
        .replace(b"Paragraph 3", b"Paragraph \xff\xfe 3")
    )
    w.routes["/broken-utf8"] = lambda h: send(h, broken)
    w.routes["/script"] = page(
        article_html("&lt;script&gt;alert(1)&lt;/script&gt; Why we argue", "Cy Writer", WORDS)
    )


def test_bad_article_pages(web: Web, storage: Storage, settings: Settings) -> None:
    _article_faults(web.bad)
    report = crawl(storage, settings)
    assert titles(storage, web.good_pub) == ["Good 1", "Good 2"]
    stored = {
        a.url.rsplit("/", 1)[1]: a
        for a in storage.articles.iter_all()
        if a.publication_id == web.bad_pub.id
    }
    assert sorted(stored) == ["broken-utf8", "latin1", "script"]
    assert stored["latin1"].title == "Caf\u00e9 society \u201cquoted\u201d"
    assert stored["latin1"].authors == ("Zo\u00eb Dupr\u00e9",)
    assert "Paragraph 5 goes on." in stored["broken-utf8"].text
    assert stored["script"].title == "<script>alert(1)</script> Why we argue"
    reasons = errors_of(storage, web.bad_pub)
    assert len(reasons) == 2 and report.errors == 2
    assert any("pdf" in r.lower() for r in reasons), reasons
    assert any("image" in r.lower() or "png" in r.lower() for r in reasons), reasons
    # Nothing failed for good is fetched again on the next pass; nothing is duplicated.
    crawl(storage, settings, force=True)
    assert web.bad.hits["/report.pdf"] == 1
    assert len([a for a in storage.articles.iter_all() if a.publication_id == web.bad_pub.id]) == 3


def test_feed_dates_and_duplicate_guids(web: Web, storage: Storage, settings: Settings) -> None:
    items = "".join(
        f"<item><title>{t}</title><link>{web.bad.base}{p}</link><guid>same-guid</guid>{d}</item>"
        for p, t, d in [
            ("/no-date", "No date", ""),
            ("/bad-date", "Bad date", "<pubDate>the day after yesterday</pubDate>"),
            ("/future", "Future", "<pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate>"),
            ("/future", "Future again", "<pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate>"),
        ]
    )
    web.bad.routes["/feed.xml"] = page(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>D</title>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    for path, title in [("/no-date", "No date"), ("/bad-date", "Bad date"), ("/future", "Future")]:
        web.bad.routes[path] = page(article_html(title, "Di Writer", WORDS, date="2100-01-01"))
    crawl(storage, settings)
    stored = [a for a in storage.articles.iter_all() if a.publication_id == web.bad_pub.id]
    assert sorted(a.title for a in stored) == ["Bad date", "Future", "No date"]
    assert web.bad.hits["/future"] == 1
    for article in stored:
        assert article.published is None, (article.title, article.published)  # 2100 is refused
