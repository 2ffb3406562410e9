"""A running demo web can change: new articles, corrections, removals, injected failures."""

from __future__ import annotations

import re
from urllib.parse import quote

import feedparser
import httpx
import lxml.html
import pytest

from colonnade.demo import DemoServer, build_web


def etags(client: httpx.Client, urls: list[str]) -> dict[str, str]:
    return {u: client.get(u).headers["etag"] for u in urls}


def test_add_articles_changes_indexes_but_not_existing_pages(
    fresh_server: DemoServer, client: httpx.Client
) -> None:
    server = fresh_server
    before = server.article_urls()
    pages = etags(client, before)
    indexes = [p.homepage_url for p in server.publications]
    indexes += [p.feed_url for p in server.publications if p.feed_url]
    indexes += [u for p in server.spec.publications for u in server.sitemap_urls(p.slug)]
    index_tags = etags(client, indexes)

    added = server.add_articles(2)

    assert len(added) == 2 * len(server.spec.publications)
    assert set(server.article_urls()) == set(before) | {e.url for e in added}
    for url, tag in pages.items():  # a second crawl of old pages costs one 304 each
        assert client.get(url, headers={"If-None-Match": tag}).status_code == 304
    changed = [
        u
        for u, tag in index_tags.items()
        if client.get(u, headers={"If-None-Match": tag}).status_code == 200
    ]
    assert len(changed) == len(indexes)
    for e in added:
        response = client.get(e.url or "")
        assert response.status_code == 200
        assert lxml.html.fromstring(response.content).xpath("string(//h1)") == e.title
        assert e.published > max(
            x.published for x in server.spec.expected if x.publication_slug == e.publication_slug
        )
    for served in server.publications:
        if served.feed_url:
            links = [x.link for x in feedparser.parse(client.get(served.feed_url).content).entries]
            new = [e.url for e in added if e.publication == served.name]
            assert links[:2] == sorted(new, key=links.index)


def test_add_articles_to_one_publication_is_deterministic() -> None:
    runs = []
    for _ in range(2):
        with DemoServer(build_web()) as server:
            added = server.add_articles(3, publication="harbour-lantern")
            runs.append([(e.path, e.title, e.authors, e.text) for e in added])
            assert {e.publication_slug for e in added} == {"harbour-lantern"}
    assert runs[0] == runs[1]
    assert len({title for _, title, _, _ in runs[0]}) == 3


def test_update_article_changes_validators_and_text(
    fresh_server: DemoServer, client: httpx.Client
) -> None:
    e = next(x for x in fresh_server.expected if x.publication_slug == "alpenblick-zeitung")
    first = client.get(e.url or "")
    updated = fresh_server.update_article(e.url or "")
    assert updated.updated is not None and updated.text.startswith(e.text)
    assert updated.text.endswith("korrigiert.")
    again = client.get(e.url or "", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200 and "Aktualisierung:" in again.text
    assert again.headers["last-modified"] != first.headers["last-modified"]
    assert updated in fresh_server.expected


@pytest.mark.parametrize("status", [410, 404])
def test_removed_articles_answer_gone_or_not_found(
    fresh_server: DemoServer, client: httpx.Client, status: int
) -> None:
    url = fresh_server.article_urls()[3]
    fresh_server.remove_article(url, status=status)
    assert client.get(url).status_code == status
    assert url not in fresh_server.article_urls()
    feed = fresh_server.publications[0].feed_url or ""
    assert url not in client.get(feed).text


def test_injected_failures_happen_the_asked_number_of_times(
    fresh_server: DemoServer, client: httpx.Client
) -> None:
    feed = fresh_server.publications[2].feed_url or ""
    fresh_server.fail(feed, 503, times=2, retry_after="1")
    first = client.get(feed)
    assert (first.status_code, first.headers["retry-after"]) == (503, "1")
    assert client.get(feed).status_code == 503
    assert client.get(feed).status_code == 200
    with pytest.raises(KeyError):
        fresh_server.fail("http://example.invalid/feed", 500)


def test_pages_are_identical_across_runs_apart_from_ports() -> None:
    bodies = []
    for _ in range(2):
        with (
            DemoServer(build_web(publications=8, articles_per_publication=3)) as server,
            httpx.Client() as http,
        ):
            bases = [server.base_url(p.slug) for p in server.spec.publications]
            ports = "|".join(re.escape(b) for b in bases + [quote(b, safe="") for b in bases])
            pages = {}
            for e in server.expected:
                raw = http.get(e.url or "").content.decode("utf-8", "replace")
                pages[(e.publication_slug, e.path)] = re.sub(ports, "BASE", raw)
            bodies.append(pages)
    assert bodies[0] == bodies[1]
    assert len(set(bodies[0].values())) == len(bodies[0])  # and no two pages are the same


def test_bulk_web_serves_every_article() -> None:
    spec = build_web(publications=12, articles_per_publication=6)
    with DemoServer(spec) as server, httpx.Client() as http:
        assert len(server.publications) == 12
        assert len(server.article_urls()) == 72
        assert all(http.get(u).status_code == 200 for u in server.article_urls())
