"""discover() against a real HTTP server on 127.0.0.1, through the real Fetcher."""

from __future__ import annotations

import asyncio

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from colonnade.config import Settings
from colonnade.errors import BlockedAddress, FeedError, RobotsDisallowed
from colonnade.fetch import Fetcher
from colonnade.sources.discover import (
    DiscoveredFeed,
    Discovery,
    belongs_to_section,
    discover,
    section_path,
)

SETTINGS = Settings().with_(allow_private_addresses=True, per_host_delay=0, retries=0)
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


def rss(title: str, *paths: str, link: str = "/") -> str:
    items = "".join(
        f"<item><title>{p}</title><link>{p}</link><guid>{p}</guid></item>" for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{link}</link>{items}</channel></rss>"
    )


def atom(title: str, *paths: str) -> str:
    entries = "".join(
        f'<entry><title>{p}</title><link href="{p}"/><id>{p}</id></entry>' for p in paths
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'


def page(head: str = "", lang: str = "en", title: str = "Page") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>{head}</head>'
        "<body><p>Hi</p></body></html>"
    )


def alternate(kind: str, title: str | None, href: str) -> str:
    title_attr = f' title="{title}"' if title else ""
    return f'<link rel="alternate" type="{kind}"{title_attr} href="{href}">'


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    httpserver.no_handler_status_code = 404  # what a real site answers for unknown paths
    return httpserver


def serve(server: HTTPServer, path: str, body: str | bytes, content_type: str = HTML) -> None:
    server.expect_request(path).respond_with_data(body, content_type=content_type)


def run(url: str) -> Discovery:
    async def go() -> Discovery:
        async with Fetcher(SETTINGS) as fetcher:
            return await discover(url, fetcher)

    return asyncio.run(go())


def requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def test_rel_alternate_feed_with_relative_href(site: HTTPServer) -> None:
    head = (
        '<meta property="og:site_name" content="Example Times">'
        + alternate("application/rss+xml", "Example Times", "rss/main.xml")
        + alternate("application/atom+xml", "Example Times (Atom)", "/atom/main")
        + alternate("application/rss+xml", "Comments Feed", "/comments/feed/")
        + '<link rel="alternate" hreflang="fr" href="/fr/">'
    )
    serve(site, "/", page(head, lang="en-GB", title="Example Times | Home"))
    serve(site, "/rss/main.xml", rss("Example Times", "/a", "/b"), RSS)
    # The same articles again in Atom: one feed offered twice, not two feeds.
    serve(site, "/atom/main", atom("Example Times", "/a", "/b"), "application/atom+xml")

    found = run(site.url_for("/"))

    assert found.feeds == [DiscoveredFeed(site.url_for("/rss/main.xml"), "rss", "Example Times")]
    assert found.name == "Example Times"
    assert found.language == "en"
    assert found.homepage == site.url_for("/")
    assert "/comments/feed/" not in requested(site)
    assert not any(p.startswith(("/feed", "/rss.xml", "/sitemap")) for p in requested(site))


def test_common_path_after_redirect_stops_at_the_first_feed(site: HTTPServer) -> None:
    serve(site, "/", page(title="Daily Planet – News and views"))
    site.expect_request("/feed").respond_with_response(
        Response(status=301, headers={"Location": "/feed/"})
    )
    serve(site, "/feed/", rss("Daily Planet", "/story-1"), RSS)

    found = run(site.url_for("/"))

    assert found.feeds == [DiscoveredFeed(site.url_for("/feed/"), "rss", "Daily Planet")]
    assert found.name == "Daily Planet"
    paths = requested(site)
    assert "/rss" not in paths and "/rss.xml" not in paths and "/atom.xml" not in paths


def test_common_path_found_even_when_the_homepage_refuses_us(site: HTTPServer) -> None:
    site.expect_request("/").respond_with_data("denied", status=403)
    serve(site, "/rss.xml", rss("Guarded Gazette", "/x"), RSS)
    found = run(site.url_for("/"))
    assert [f.url for f in found.feeds] == [site.url_for("/rss.xml")]


def test_news_sitemap_from_robots_preferred_over_a_general_sitemap(site: HTTPServer) -> None:
    serve(site, "/", page())
    robots = (
        "User-agent: *\nDisallow: /private/\n"
        f"Sitemap: {site.url_for('/sitemaps/everything.xml')}\n"
        f"Sitemap: {site.url_for('/sitemaps/latest.xml')}\n"
    )
    serve(site, "/robots.txt", robots, "text/plain")
    serve(
        site,
        "/sitemaps/everything.xml",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url_for('/old')}</loc></url></urlset>",
        "application/xml",
    )
    # Named like any sitemap; its news:news elements make it the news sitemap.
    serve(
        site,
        "/sitemaps/latest.xml",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{site.url_for('/today')}</loc><news:news>"
        "<news:publication_date>2024-06-01T10:00:00Z</news:publication_date>"
        "<news:title>Today</news:title></news:news></url></urlset>",
        "application/xml",
    )

    found = run(site.url_for("/"))

    # The news sitemap comes first; the general one is kept for the backlog.
    assert found.feeds == [
        DiscoveredFeed(site.url_for("/sitemaps/latest.xml"), "newsmap"),
        DiscoveredFeed(site.url_for("/sitemaps/everything.xml"), "sitemap"),
    ]


def test_plain_sitemap_at_the_usual_path(site: HTTPServer) -> None:
    serve(site, "/", page())
    serve(
        site,
        "/sitemap.xml",
        f"<urlset><url><loc>{site.url_for('/a')}</loc></url></urlset>",
        "application/xml",
    )
    found = run(site.url_for("/"))
    assert found.feeds == [DiscoveredFeed(site.url_for("/sitemap.xml"), "sitemap")]


def test_news_child_of_a_sitemap_index(site: HTTPServer) -> None:
    serve(site, "/", page())
    serve(site, "/robots.txt", f"Sitemap: {site.url_for('/sitemap_index.xml')}\n", "text/plain")
    serve(
        site,
        "/sitemap_index.xml",
        f"<sitemapindex><sitemap><loc>{site.url_for('/sitemap-posts.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url_for('/sitemap-news.xml')}</loc></sitemap></sitemapindex>",
        "application/xml",
    )
    serve(
        site,
        "/sitemap-news.xml",
        '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{site.url_for('/n1')}</loc><news:news><news:title>N</news:title>"
        "</news:news></url></urlset>",
        "application/xml",
    )
    found = run(site.url_for("/"))
    assert found.feeds == [
        DiscoveredFeed(site.url_for("/sitemap-news.xml"), "newsmap"),
        DiscoveredFeed(site.url_for("/sitemap_index.xml"), "sitemap"),
    ]
    assert "/sitemap-posts.xml" not in requested(site)


def test_feed_url_given_directly(site: HTTPServer) -> None:
    body = rss("Opinion – Example Times", "/opinion/1", link="https://example.test/")
    body = body.replace("<channel>", "<channel><language>fr-CA</language>")
    serve(site, "/opinion/feed.xml", body, "text/xml")

    found = run(site.url_for("/opinion/feed.xml"))

    assert found.homepage == "https://example.test/"
    # The part of the feed's title that matches the site's host name is the publication.
    assert found.name == "Example Times"
    assert found.language == "fr"
    assert found.feeds == [
        DiscoveredFeed(site.url_for("/opinion/feed.xml"), "rss", "Opinion – Example Times")
    ]
    assert requested(site) == ["/robots.txt", "/opinion/feed.xml"]


def test_sitemap_url_given_directly(site: HTTPServer) -> None:
    serve(
        site,
        "/news.xml",
        '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{site.url_for('/n')}</loc><news:news/></url></urlset>",
        "application/xml",
    )
    found = run(site.url_for("/news.xml"))
    assert found.feeds == [DiscoveredFeed(site.url_for("/news.xml"), "newsmap")]
    assert found.homepage == site.url_for("/")


def test_broken_feed_given_directly_is_reported_not_searched_around(site: HTTPServer) -> None:
    serve(site, "/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><tit', RSS)
    with pytest.raises(FeedError, match="malformed feed"):
        run(site.url_for("/feed.xml"))
    assert requested(site) == ["/robots.txt", "/feed.xml"]


def test_section_page_prefers_its_own_advertised_feed(site: HTTPServer) -> None:
    head = alternate("application/rss+xml", "Example Times", "/feed.xml") + alternate(
        "application/rss+xml", "Opinion", "/rss/opinion.xml"
    )
    serve(site, "/opinion/", page(head, title="Opinion | Example Times"))
    serve(site, "/feed.xml", rss("Example Times", "/news/1"), RSS)
    serve(site, "/rss/opinion.xml", rss("Example Times: Opinion", "/opinion/1"), RSS)

    found = run(site.url_for("/opinion/"))

    assert [f.url for f in found.feeds] == [site.url_for("/rss/opinion.xml")]
    assert found.name == "Example Times"
    assert found.homepage == site.url_for("/")


def test_section_page_finds_its_feed_by_path_over_the_site_wide_one(site: HTTPServer) -> None:
    # The template advertises only the site-wide feed on every page.
    head = alternate("application/rss+xml", None, "/feed.xml")
    serve(site, "/comment", page(head, title="Comment — The Daily Example"))
    serve(site, "/feed.xml", rss("The Daily Example", "/news/1"), RSS)
    serve(site, "/comment/rss", rss("Comment", "/comment/1"), RSS)

    found = run(site.url_for("/comment"))

    assert [f.url for f in found.feeds] == [site.url_for("/comment/rss")]
    assert found.name == "The Daily Example"


def test_section_page_falls_back_to_the_site_wide_feed(site: HTTPServer) -> None:
    head = alternate("application/rss+xml", None, "/feed.xml")
    serve(site, "/opinion/", page(head))
    serve(site, "/feed.xml", rss("Whole site", "/news/1"), RSS)
    found = run(site.url_for("/opinion/"))
    assert [f.url for f in found.feeds] == [site.url_for("/feed.xml")]


def test_nothing_found_is_a_feed_error_after_a_bounded_search(site: HTTPServer) -> None:
    serve(site, "/", page(title="Nothing here"))
    with pytest.raises(FeedError, match=r"no feed or sitemap found at http://.*/$"):
        run(site.url_for("/"))
    assert len(requested(site)) <= 15


def test_nothing_found_on_a_section_page_stays_bounded(site: HTTPServer) -> None:
    serve(site, "/opinion/columns/", page(title="Columns"))
    with pytest.raises(FeedError, match="no feed or sitemap found"):
        run(site.url_for("/opinion/columns/"))
    assert len(requested(site)) <= 22


def test_not_an_http_url() -> None:
    with pytest.raises(FeedError, match="not an http"):
        asyncio.run(discover("ftp://example.com/feed", object()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://x.test/", "/"),
        ("https://x.test", "/"),
        ("https://x.test/opinion", "/opinion/"),
        ("https://x.test/news/opinion/index.html", "/news/opinion/"),
    ],
)
def test_section_path(url: str, section: str) -> None:
    assert section_path(url) == section


def test_belongs_to_section() -> None:
    assert belongs_to_section("https://x.test/opinion/feed/", None, "/opinion/")
    assert belongs_to_section("https://x.test/rss/opinion.xml", None, "/opinion/")
    assert belongs_to_section("https://feeds.x.test/a.xml", "X – Opinion", "/opinion/")
    assert not belongs_to_section("https://x.test/feed/", "X", "/opinion/")
    assert not belongs_to_section("https://x.test/rss/opinionated.xml", None, "/opinion/")


def test_robots_refusal_of_the_page_is_raised_not_worked_around(site: HTTPServer) -> None:
    serve(site, "/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    serve(site, "/feed", rss("Hidden", "/a"), RSS)
    with pytest.raises(RobotsDisallowed):
        run(site.url_for("/"))
    assert "/feed" not in requested(site)


def test_private_address_is_refused_without_the_setting(site: HTTPServer) -> None:
    async def go() -> Discovery:
        async with Fetcher(Settings()) as fetcher:
            return await discover(site.url_for("/"), fetcher)

    with pytest.raises(BlockedAddress):
        asyncio.run(go())
    assert requested(site) == []
