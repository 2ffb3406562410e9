"""Each page style is served with the markup a real site of that kind has."""

from __future__ import annotations

import json
from datetime import datetime

import httpx
import lxml.html
import pytest

from colonnade.demo import DemoServer, DemoSpec, ExpectedArticle, build_web
from colonnade.demo.catalog import PAYWALLED_KEY, SCRIPT_TITLE_KEY, SYNDICATED_COPY
from colonnade.demo.dates import visible_date


def expected_by_key(server: DemoServer, spec: DemoSpec, slug: str, key: str) -> ExpectedArticle:
    path = next(a.path for a in spec.publication(slug).articles if a.key == key)
    return next(e for e in server.expected if e.publication_slug == slug and e.path == path)


def page(client: httpx.Client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content, base_url=url)


def json_ld(doc: lxml.html.HtmlElement) -> list[dict]:
    return [json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]')]


def test_every_expected_article_is_served_with_its_title_and_fictional_footer(
    server: DemoServer, client: httpx.Client
) -> None:
    for e in server.expected:
        doc = page(client, e.url or "")
        assert doc.xpath("string(//h1)") == e.title
        assert "fictional" in doc.xpath('string(//footer[@class="site-footer"])')
        assert doc.get("lang") == e.language
        body_text = doc.text_content()
        for paragraph in e.text.split("\n\n"):
            assert paragraph in body_text


def test_newspaper_json_ld_describes_the_article(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    pub = spec.publication("meridian-ledger")
    for e in (x for x in server.expected if x.publication_slug == pub.slug):
        doc = page(client, e.url or "")
        article = next(d for d in json_ld(doc) if d["@type"].endswith("NewsArticle"))
        assert article["headline"] == e.title
        assert [a["name"] for a in article["author"]] == list(e.authors)
        assert datetime.fromisoformat(article["datePublished"]).utcoffset() is not None
        assert article["datePublished"] == e.published
        assert article["isAccessibleForFree"] is (not e.paywalled)
        if e.kind == "editorial":
            assert article["author"][0]["@type"] == "Organization"
        else:
            assert article["@type"] == "OpinionNewsArticle"
            assert all(a["@type"] == "Person" and a["url"] for a in article["author"])
    doc = page(client, server.url(pub.slug, "/"))
    assert doc.xpath('//nav[@class="mega-menu"]//a')  # a mega menu
    assert doc.xpath('//*[@role="dialog" and @id="consent-dialog"]')
    assert doc.xpath('//section[@class="most-read"]//li')
    assert doc.xpath('//section[@class="newsletter-box"]//form')
    feed = doc.xpath('//link[@rel="alternate" and @type="application/atom+xml"]/@href')
    assert feed == [server.publications[0].feed_url]


def test_paywalled_teaser_stops_with_a_subscribe_prompt(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    e = expected_by_key(server, spec, "meridian-ledger", PAYWALLED_KEY)
    doc = page(client, e.url or "")
    article = next(d for d in json_ld(doc) if d["@type"].endswith("NewsArticle"))
    assert article["isAccessibleForFree"] is False
    assert article["hasPart"]["cssSelector"] == ".paywall"
    body = doc.xpath('//div[contains(@class, "paywall")]')[0]
    assert body.text_content().strip().startswith(e.text.split("\n\n")[0])
    assert doc.xpath('string(//p[@class="paywall-message"])') == "Subscribe to continue reading…"
    assert e.paywalled and e.word_count < 200


def test_wordpress_like_blog_has_feed_link_author_archives_comments_and_related(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    e = next(
        x
        for x in server.expected
        if x.publication_slug == "courrier-du-lac" and len(x.authors) == 2
    )
    doc = page(client, e.url or "")
    base = server.base_url("courrier-du-lac")
    assert doc.xpath('//link[@rel="alternate" and @type="application/rss+xml"]/@href')[0] == (
        base + "/feed/"
    )
    authors = doc.xpath('//a[@rel="author"]')
    assert [a.text for a in authors] == list(e.authors)
    byline = doc.xpath('string(//span[@class="byline"])').strip()
    assert byline == f"Par {e.authors[0]} et {e.authors[1]}"
    assert len(doc.xpath('//ol[@class="comment-list"]/li')) >= 2
    assert len(doc.xpath('//div[@id="jp-relatedposts"]//h4/a')) == 3
    assert doc.xpath('//div[@class="share-buttons"]//a')
    assert doc.xpath('//div[@id="cookie-notice"]')
    archive = page(client, base + authors[0].get("href"))
    assert e.title in archive.xpath("//h2/a/text()")


def test_minimal_site_has_no_feed_and_no_structured_data(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    pub = spec.publication("faro-del-sur")
    e = next(x for x in server.expected if x.publication_slug == pub.slug and len(x.authors) == 2)
    doc = page(client, e.url or "")
    assert not doc.xpath('//link[@rel="alternate"]')
    assert not json_ld(doc)
    assert not doc.xpath("//time")
    meta = doc.xpath('string(//p[@class="meta"])')
    published = datetime.fromisoformat(e.published)
    assert meta == f"Por {e.authors[0]} y {e.authors[1]} · {visible_date(published, 'es_long')}"
    assert server.publications[3].feed_url is None


def test_magazine_declares_windows_1252_and_meta_author(
    server: DemoServer, client: httpx.Client
) -> None:
    e = next(
        x
        for x in server.expected
        if x.publication_slug == "nordwind-rundschau" and len(x.authors) == 2
    )
    response = client.get(e.url or "")
    assert response.headers["content-type"] == "text/html; charset=windows-1252"
    text = response.content.decode("windows-1252")
    assert '<meta charset="windows-1252">' in text
    doc = lxml.html.fromstring(text)
    assert doc.xpath('//meta[@name="author"]/@content') == [f"{e.authors[0]} und {e.authors[1]}"]
    assert doc.xpath('string(//span[@class="article-author"])') == (
        f"Von {e.authors[0]} und {e.authors[1]}"
    )
    assert doc.xpath('//meta[@property="article:published_time"]/@content') == [e.published]
    # Boxes between paragraphs that an extractor must leave out.
    body = doc.xpath('//div[@class="article-body"]')[0]
    assert body.xpath('.//aside[@class="read-also"]') and body.xpath('.//div[@class="ad-slot"]')


@pytest.mark.parametrize(
    ("slug", "needle"),
    [
        ("meridian-ledger", ", 2026"),
        ("nordwind-rundschau", ". November 2026, "),
        ("courrier-du-lac", " novembre 2026 à "),
        ("faro-del-sur", " de noviembre de 2026"),
        ("harbour-lantern", " November 2026 "),
        ("alpenblick-zeitung", ".11.2026"),
    ],
)
def test_visible_dates_follow_each_publication_format(
    server: DemoServer, client: httpx.Client, slug: str, needle: str
) -> None:
    e = next(x for x in server.expected if x.publication_slug == slug)
    assert needle in page(client, e.url or "").text_content()


def test_script_title_is_escaped_text_everywhere(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    e = expected_by_key(server, spec, *SCRIPT_TITLE_KEY)
    raw = client.get(e.url or "").text
    assert "<script>alert(1)" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    doc = lxml.html.fromstring(raw)
    assert doc.xpath("string(//title)").startswith(e.title)
    assert doc.xpath('//meta[@property="og:title"]/@content') == [e.title]
    feed = client.get(server.publications[4].feed_url or "").text
    assert "<script>alert(1)" not in feed


def test_syndicated_copy_points_to_the_original(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    copy = expected_by_key(server, spec, *SYNDICATED_COPY)
    original = next(e for e in server.expected if e.url == copy.syndicated_from)
    assert original.publication_slug == "meridian-ledger"
    assert copy.canonical_url == original.url != copy.url
    assert (copy.title, copy.authors, copy.text) == (
        original.title,
        original.authors,
        original.text,
    )
    doc = page(client, copy.url or "")
    assert doc.xpath('//link[@rel="canonical"]/@href') == [original.url]
    assert "The Meridian Ledger" in doc.xpath('string(//span[@class="syndication"])')


def test_list_pages_linked_from_menus_are_served(
    server: DemoServer, spec: DemoSpec, client: httpx.Client
) -> None:
    for pub in spec.publications:
        doc = page(client, server.url(pub.slug, "/"))
        links = {href for href in doc.xpath("//nav//a/@href") if href.startswith("/")}
        assert links
        for href in sorted(links)[:8]:
            assert client.get(server.url(pub.slug, href)).status_code == 200, (pub.slug, href)


def test_page_weight_is_realistic(server: DemoServer, client: httpx.Client) -> None:
    sizes = [len(client.get(e.url or "").content) for e in server.expected]
    assert min(sizes) > 12_000 and max(sizes) < 80_000
    assert sum(sizes) / len(sizes) > 18_000


def test_blog_home_is_paginated_like_wordpress(client: httpx.Client) -> None:
    with DemoServer(build_web(publications=3, articles_per_publication=25)) as server:
        base = server.base_url("courrier-du-lac")
        home = page(client, base + "/")
        assert len(home.xpath("//main/article")) == 10
        assert home.xpath('//div[@class="nav-previous"]/a/@href') == ["/page/2/"]
        seen = set(home.xpath("//main/article//h2/a/@href"))
        for number in (2, 3):
            older = page(client, f"{base}/page/{number}/")
            seen.update(older.xpath("//main/article//h2/a/@href"))
        assert len(seen) == 25
        assert client.get(f"{base}/page/4/").status_code == 404
