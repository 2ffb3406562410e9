"""robots.txt, feeds and sitemaps: valid XML, and together they lead to every expected article."""

from __future__ import annotations

from datetime import datetime

import feedparser
import httpx
from lxml import etree
from protego import Protego

from colonnade.demo import DemoServer, DemoSpec
from colonnade.demo.catalog import PRIVATE_KEY

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


def xml(client: httpx.Client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response.headers["content-type"]
    return etree.fromstring(response.content)


def sitemap_locs(client: httpx.Client, url: str) -> list[str]:
    root = xml(client, url)
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        return [
            loc
            for child in root.iter(f"{SITEMAP_NS}loc")
            for loc in sitemap_locs(client, child.text or "")
        ]
    return [loc.text or "" for loc in root.iter(f"{SITEMAP_NS}loc")]


def test_robots_txt_disallows_private_and_names_sitemaps(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    for pub, served in zip(spec.publications, server.publications, strict=True):
        response = client.get(served.homepage_url + "robots.txt")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        robots = Protego.parse(response.text)
        assert not robots.can_fetch(served.homepage_url + "private/x", "Colonnade/0.1")
        assert robots.can_fetch(served.homepage_url, "Colonnade/0.1")
        assert not robots.can_fetch(served.homepage_url, "ExampleScraperBot")
        assert list(robots.sitemaps) == server.sitemap_urls(pub.slug)
    minimal = spec.publication("faro-del-sur")
    assert [u.rsplit("/", 1)[1] for u in server.sitemap_urls(minimal.slug)] == [
        "sitemap.xml",
        "sitemap-news.xml",
    ]


def test_feeds_parse_and_list_articles_newest_first(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    for pub, served in zip(spec.publications, server.publications, strict=True):
        if served.feed_url is None:
            continue
        root = xml(client, served.feed_url)
        parsed = feedparser.parse(client.get(served.feed_url).content)
        assert not parsed.bozo, (pub.slug, parsed.get("bozo_exception"))
        links = [entry.link for entry in parsed.entries]
        expected = {e.url for e in server.expected if e.publication_slug == pub.slug}
        assert expected <= set(links)
        dates = [datetime(*entry.published_parsed[:6]) for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)
        titles = {e.url: e.title for e in server.expected if e.publication_slug == pub.slug}
        assert all(
            entry.title == titles[entry.link] for entry in parsed.entries if entry.link in titles
        )
        if pub.style == "newspaper":
            assert root.tag == f"{ATOM_NS}feed"
        else:
            assert root.tag == "rss"


def test_feeds_name_every_author(server: DemoServer, client: httpx.Client) -> None:
    by_url = {e.url: e for e in server.expected}
    atom = feedparser.parse(client.get(server.publications[0].feed_url or "").content)
    for entry in atom.entries:
        if entry.link in by_url:
            assert [a.name for a in entry.authors] == list(by_url[entry.link].authors)
    rss = xml(client, server.publications[2].feed_url or "")
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    for item in rss.iter("item"):
        assert [c.text for c in item.iter(dc)] == list(by_url[item.findtext("link")].authors)


def test_private_article_is_in_the_feed_but_robots_forbids_it(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    slug, key = PRIVATE_KEY
    private = next(a for a in spec.publication(slug).articles if a.key == key)
    url = server.url(slug, private.path)
    feed = feedparser.parse(client.get(server.publications[0].feed_url or "").content)
    assert url in [entry.link for entry in feed.entries]
    assert url not in server.article_urls()
    assert url not in sitemap_locs(client, server.sitemap_urls(slug)[0])
    robots = Protego.parse(client.get(server.url(slug, "/robots.txt")).text)
    assert not robots.can_fetch(url, "Colonnade/0.1")
    assert client.get(url).status_code == 200  # robots.txt is advice; only politeness stops it


def test_sitemaps_list_every_article_of_their_site(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    for pub in spec.publications:
        if not pub.sitemap_paths:
            continue
        locs = sitemap_locs(client, server.sitemap_urls(pub.slug)[0])
        expected = {e.url for e in server.expected if e.publication_slug == pub.slug}
        assert expected <= set(locs), pub.slug
        assert set(locs) - expected <= {server.url(pub.slug, "/")}  # the homepage, at most


def test_google_news_sitemap_has_recent_articles_with_offsets(
    server: DemoServer, client: httpx.Client
) -> None:
    root = xml(client, server.sitemap_urls("faro-del-sur")[1])
    by_url = {e.url: e for e in server.expected}
    entries = list(root.iter(f"{SITEMAP_NS}url"))
    assert 1 <= len(entries) < 10
    for entry in entries:
        e = by_url[entry.findtext(f"{SITEMAP_NS}loc")]
        assert entry.findtext(f".//{NEWS_NS}publication_date") == e.published
        assert entry.findtext(f".//{NEWS_NS}title") == e.title
        assert entry.findtext(f".//{NEWS_NS}language") == "es"


def test_every_expected_article_is_discoverable_from_robots_feeds_or_sitemaps(
    server: DemoServer, client: httpx.Client
) -> None:
    found: set[str] = set()
    for served in server.publications:
        if served.feed_url:
            found.update(
                e.link for e in feedparser.parse(client.get(served.feed_url).content).entries
            )
        robots = Protego.parse(client.get(served.homepage_url + "robots.txt").text)
        for sitemap in robots.sitemaps:
            found.update(sitemap_locs(client, sitemap))
    assert set(server.article_urls()) <= found
