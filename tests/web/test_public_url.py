"""With `public_url` set, no address the site writes comes from the Host header a client sent:
not the Atom feeds' ids and links, not a redirect's Location, not a page's canonical link."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from colonnade.config import Settings
from colonnade.errors import ConfigError
from colonnade.store import open_storage
from colonnade.web.app import create_app

from .conftest import Site

PUBLIC = "https://columns.example"
EVIL = {"Host": "evil.example"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SiteWith = Callable[..., AbstractContextManager[Site]]


def own_addresses(feed: bytes) -> list[str]:
    """The feed's and its entries' ids, self and alternate links (not the originals)."""
    tree = lxml.etree.fromstring(feed)
    ids = tree.xpath("//a:id/text()", namespaces=ATOM)
    links = tree.xpath("//a:link[@rel!='related']/@href", namespaces=ATOM)
    return [str(x) for x in ids + links]


def test_feeds_name_only_the_public_url(site_with: SiteWith) -> None:
    with site_with(public_url=PUBLIC + "/") as site:
        for path in ("/feed.atom", "/columnists/jane-doe/feed.atom", "/search/feed.atom?q=column"):
            response = site.client.get(path, headers=EVIL)
            assert response.status_code == 200, path
            assert b"evil.example" not in response.content, path
            addresses = own_addresses(response.content)
            assert len(addresses) > 3, path
            assert all(a.startswith(PUBLIC + "/") for a in addresses), addresses
        feed = lxml.etree.fromstring(
            site.client.get("/feed.atom?language=en", headers=EVIL).content
        )
        assert feed.xpath("a:link[@rel='self']/@href", namespaces=ATOM) == [
            PUBLIC + "/feed.atom?language=en"
        ]


def test_redirects_name_only_the_public_url(site_with: SiteWith) -> None:
    with site_with(public_url=PUBLIC) as site:
        article = site.corpus.daily_ids[0]
        for path in ("/columnists/", "/publications/?country=GB", f"/articles/{article}"):
            response = site.client.get(path, headers=EVIL, follow_redirects=False)
            assert response.is_redirect, path
            location = response.headers["location"]
            assert "evil.example" not in location, (path, location)
            assert location.startswith((PUBLIC + "/", "/")), (path, location)
        slash = site.client.get("/columnists/", headers=EVIL, follow_redirects=False)
        assert slash.headers["location"] == PUBLIC + "/columnists"

        page = site.client.get(f"/articles/{article}", headers=EVIL, follow_redirects=True)
        canonical = lxml.html.fromstring(page.text).xpath("//link[@rel='canonical']/@href")
        assert len(canonical) == 1 and canonical[0].startswith(PUBLIC + "/articles/")


def test_without_public_url_the_request_host_is_used(site_with: SiteWith) -> None:
    """What docs/web.md warns of: behind a proxy or a cache, set `public_url`."""
    with site_with(public_url="") as site:
        feed = site.client.get("/feed.atom", headers=EVIL)
        assert all(a.startswith("http://evil.example/") for a in own_addresses(feed.content))


@pytest.mark.parametrize("url", ["columns.example", "ftp://columns.example", "https://"])
def test_a_public_url_without_scheme_or_host_stops_the_site(tmp_path: Path, url: str) -> None:
    storage = open_storage(f"sqlite:///{tmp_path / 'colonnade.db'}")
    try:
        with pytest.raises(ConfigError, match="COLONNADE_PUBLIC_URL"):
            create_app(storage, Settings(public_url=url))
    finally:
        storage.close()
