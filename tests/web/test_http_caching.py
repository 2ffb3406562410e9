"""Pages, feeds and API answers are compressed for clients that accept it, carry an ETag, and
answer 304 to a client that already has them; a change in the collection changes the ETag."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from colonnade.web.validators import Validators, etag_of, matches

from .conftest import Site
from .corpus import article
from .webserver import serving

ADDRESSES = ["/", "/feed.atom", "/api/v1/articles", "/columnists/jane-doe", "/editions"]


def raw_get(site: Site, path: str, encoding: str) -> tuple[httpx.Response, bytes]:
    """GET with this Accept-Encoding; the answer and its body as sent, not decompressed."""
    with httpx.Client(base_url=site.base, timeout=10) as client:
        request = client.build_request("GET", path, headers={"Accept-Encoding": encoding})
        response = client.send(request, stream=True)
        try:
            return response, b"".join(response.iter_raw())
        finally:
            response.close()


@pytest.mark.parametrize("path", ADDRESSES)
def test_an_answer_is_gzipped_for_a_client_that_accepts_it(site: Site, path: str) -> None:
    plain, plain_body = raw_get(site, path, "identity")
    packed, packed_body = raw_get(site, path, "gzip")
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert len(packed_body) < len(plain_body) / 2
    assert gzip.decompress(packed_body) == plain_body


@pytest.mark.parametrize("path", ADDRESSES)
def test_an_unchanged_answer_is_a_304(site: Site, path: str) -> None:
    first = site.client.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = site.client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    assert "content-type" not in again.headers
    other = site.client.get(path, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_head_carries_the_etag_of_get(site: Site) -> None:
    got = site.client.get("/feed.atom")
    head = site.client.head("/feed.atom")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]


def test_a_new_column_changes_the_etag_of_the_lists_it_joins(site: Site) -> None:
    before = site.client.get("/feed.atom").headers["etag"]
    fresh = article(99, "daily.example", title="A new column on the harbour")
    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    site.storage.articles.save(fresh, publication_id=site.corpus.daily.id, fetched_at=now)
    after = site.client.get("/feed.atom", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert "A new column on the harbour" in after.text
    assert after.headers["etag"] != before


def test_errors_and_redirects_have_no_etag(site: Site) -> None:
    missing = site.client.get("/articles/999999")
    assert missing.status_code == 404 and "etag" not in missing.headers
    moved = site.client.get("/columnists/", follow_redirects=False)
    assert moved.status_code in (301, 307, 308) and "etag" not in moved.headers


def test_if_none_match_is_compared_weakly_and_as_a_list() -> None:
    tag = etag_of(b"<p>body</p>")
    bare = tag.removeprefix(b"W/")
    assert matches(tag, tag)
    assert matches(bare, tag)  # a client may send it strong
    assert matches(b'"other", ' + tag, tag)
    assert matches(b"*", tag)
    assert not matches(b'W/"other"', tag)
    assert etag_of(b"<p>body</p>") == tag
    assert etag_of(b"<p>body!</p>") != tag


def test_a_streamed_answer_too_big_to_hold_goes_out_as_it_comes_untagged() -> None:
    chunks = [b"<p>" + bytes([65 + n]) * 1000 + b"</p>" for n in range(10)]

    async def stream() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    def endless(request: Request) -> Response:
        return StreamingResponse(stream(), media_type="text/html")

    def small(request: Request) -> Response:
        return HTMLResponse("<p>small</p>")

    app = Validators(
        Starlette(routes=[Route("/big", endless), Route("/small", small)]), max_buffered=4000
    )
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        big = client.get("/big", headers={"If-None-Match": "*"})
        assert big.status_code == 200
        assert big.content == b"".join(chunks)
        assert "etag" not in big.headers
        tagged = client.get("/small")
        assert tagged.headers["etag"] == etag_of(b"<p>small</p>").decode()
        assert client.get("/small", headers={"If-None-Match": "*"}).status_code == 304
