"""Time and size limits, decompression and content checks, against real sockets."""

from __future__ import annotations

import gzip
import re
import socket
import tracemalloc
import zlib

import pytest
from fetch_servers import RawServer, respond
from pytest_httpserver import HTTPServer

from colonnade.errors import FetchError, TooLarge, UnsupportedContent
from colonnade.fetch import Fetcher, TransientError
from colonnade.fetch.decompress import BoundedDecoder, LimitExceeded, gunzip

pytestmark = pytest.mark.anyio

HTML = b"<!doctype html><html><body><p>" + b"word " * 200 + b"</p></body></html>"
SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>https://example.org/opinion/1</loc></url></urlset>"
)


def _zeros_gzip(size: int) -> bytes:
    """gzip of `size` zero bytes, built without holding `size` bytes in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zeros_gzip(100 << 20)  # 100 MiB inflated, about 100 KiB on the wire


# -- timeouts --------------------------------------------------------------------------------


async def test_stall_before_headers_hits_the_read_timeout(raw_server: RawServer, settings):
    raw_server.routes["/p"] = lambda c: raw_server.pause(30)
    async with Fetcher(settings.with_(read_timeout=0.3, retries=0)) as fetcher:
        with pytest.raises(TransientError) as caught:
            await fetcher.fetch(raw_server.url("/p"))
    # The message names the limit that ended the wait: the read timeout, not the server.
    assert str(caught.value) == f"timed out after 0.3 s reading {raw_server.url('/p')}"
    assert raw_server.paths() == ["/p"]


async def test_stall_mid_body_hits_the_read_timeout(raw_server: RawServer, settings):
    def half_then_stall(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
        conn.sendall(b"<html>" + b"x" * 100)
        raw_server.pause(30)

    raw_server.routes["/p"] = half_then_stall
    async with Fetcher(settings.with_(read_timeout=0.3, retries=0)) as fetcher:
        with pytest.raises(FetchError, match=r"^timed out after 0\.3 s reading"):
            await fetcher.fetch(raw_server.url("/p"))
    assert raw_server.paths() == ["/p"]


async def test_slow_drip_body_hits_the_total_deadline(raw_server: RawServer, settings):
    def drip(conn):
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        )
        while not raw_server.stop.is_set():
            conn.sendall(b"x")  # one byte every 50 ms: never idle long enough for read_timeout
            raw_server.pause(0.05)

    raw_server.routes["/p"] = drip
    settings = settings.with_(read_timeout=0.5, total_timeout=0.8, retries=2)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(raw_server.url("/p"))
    assert raw_server.paths() == ["/p"]  # not retried: a drip would drip again
    assert str(caught.value) == (
        f"timed out after 0.8 s (whole request) fetching {raw_server.url('/p')}"
    )
    assert not isinstance(caught.value, TransientError)


async def test_connect_timeout(settings):
    # A listener whose one-connection backlog is full: further SYNs go unanswered.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(2):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        async with Fetcher(settings.with_(connect_timeout=0.3, retries=0)) as fetcher:
            with pytest.raises(TransientError, match=r"^timed out after 0\.3 s connecting to"):
                await fetcher.fetch(f"http://127.0.0.1:{port}/")
    finally:
        for s in [*fillers, listener]:
            s.close()


# -- size ------------------------------------------------------------------------------------


async def test_body_over_the_limit_is_too_large(raw_server: RawServer, settings):
    def chunked_big(conn):
        # Chunked, so no Content-Length warns in advance: the limit must hold while streaming.
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        for _ in range(50):
            conn.sendall(b"400\r\n" + b"a" * 1024 + b"\r\n")
        conn.sendall(b"0\r\n\r\n")

    raw_server.routes["/big"] = chunked_big
    async with Fetcher(settings.with_(max_body_bytes=10_000)) as fetcher:
        with pytest.raises(TooLarge, match="10000-byte limit"):
            await fetcher.fetch(raw_server.url("/big"))


async def test_declared_length_over_the_limit_fails_before_reading(raw_server, settings):
    raw_server.routes["/big"] = lambda c: respond(
        c, 200, b"a" * 20_000, {"Content-Type": "text/html"}
    )
    async with Fetcher(settings.with_(max_body_bytes=10_000)) as fetcher:
        with pytest.raises(TooLarge, match="body of 20000 bytes exceeds"):
            await fetcher.fetch(raw_server.url("/big"))


async def test_body_at_the_limit_is_fine(httpserver: HTTPServer, settings):
    body = HTML + b" " * (10_000 - len(HTML))
    httpserver.expect_request("/p").respond_with_data(body, content_type="text/html")
    async with Fetcher(settings.with_(max_body_bytes=10_000)) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/p"))
    assert page.body == body


async def test_gzip_content_encoding_is_decoded(httpserver: HTTPServer, settings):
    httpserver.expect_request("/z").respond_with_data(
        gzip.compress(HTML), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/z"))
    assert page.body == HTML
    assert "content-encoding" not in page.headers  # the body is stored decoded


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
async def test_deflate_content_encoding_both_flavours(httpserver: HTTPServer, settings, wbits):
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    data = packer.compress(HTML) + packer.flush()
    httpserver.expect_request("/d").respond_with_data(
        data, content_type="text/html", headers={"Content-Encoding": "deflate"}
    )
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/d"))
    assert page.body == HTML


async def test_gzip_bomb_stops_early_without_inflating(httpserver: HTTPServer, settings, bomb):
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    tracemalloc.start()
    try:
        async with Fetcher(settings.with_(max_body_bytes=1_000_000)) as fetcher:
            with pytest.raises(TooLarge, match="after decompression"):
                await fetcher.fetch(httpserver.url_for("/bomb"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000  # inflating a whole 64 KiB chunk at once would peak near 100 MB


async def test_corrupt_gzip_is_a_fetch_error(httpserver: HTTPServer, settings):
    httpserver.expect_request("/bad").respond_with_data(
        b"\x1f\x8b\x08\x00garbage-garbage",
        content_type="text/html",
        headers={"Content-Encoding": "gzip"},
    )
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError, match="corrupt gzip body"):
            await fetcher.fetch(httpserver.url_for("/bad"))


async def test_unrequested_content_encoding_is_refused(httpserver: HTTPServer, settings):
    httpserver.expect_request("/br").respond_with_data(
        b"\x0b\x02\x80hi\x03", content_type="text/html", headers={"Content-Encoding": "br"}
    )
    async with Fetcher(settings) as fetcher:
        with pytest.raises(UnsupportedContent, match="content encoding br"):
            await fetcher.fetch(httpserver.url_for("/br"))


def test_bounded_decoder_output_never_runs_far_past_the_limit(bomb):
    decoder = BoundedDecoder(["gzip"], 500_000)
    produced = 0
    with pytest.raises(LimitExceeded):
        for start in range(0, len(bomb), 65536):
            produced += len(decoder.feed(bomb[start : start + 65536]))
    assert produced <= 500_000


def test_bounded_decoder_handles_multi_member_gzip_split_anywhere():
    data = gzip.compress(b"first part, ") + gzip.compress(b"second part") + b"\x00\x00"
    for split in range(len(data)):
        decoder = BoundedDecoder(["gzip"], 1000)
        out = decoder.feed(data[:split]) + decoder.feed(data[split:])
        assert out == b"first part, second part", split


def test_stacked_encodings_are_undone_in_reverse():
    data = zlib.compress(gzip.compress(b"inner"))  # gzip applied first, then deflate
    assert BoundedDecoder(["gzip", "deflate"], 100).feed(data) == b"inner"


# -- content types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/pdf",
        "image/png",
        "video/mp4",
        "audio/mpeg",
        "application/octet-stream",
        "application/rss+xml",
    ],
)
async def test_pages_refuse_non_html_types(httpserver: HTTPServer, settings, content_type):
    httpserver.expect_request("/x").respond_with_data(b"whatever", content_type=content_type)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(
            UnsupportedContent,
            match=f"unsupported content type {re.escape(content_type)} for a page",
        ):
            await fetcher.fetch(httpserver.url_for("/x"))


@pytest.mark.parametrize(
    ("magic", "kind"),
    [
        (b"%PDF-1.7\n", "a PDF"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a", "a GIF image"),
    ],
)
async def test_mislabelled_binaries_are_sniffed(httpserver: HTTPServer, settings, magic, kind):
    httpserver.expect_request("/x").respond_with_data(
        magic + bytes(range(256)) * 4, content_type="text/html; charset=utf-8"
    )
    async with Fetcher(settings) as fetcher:
        with pytest.raises(UnsupportedContent, match=f"^{kind}, not a page"):
            await fetcher.fetch(httpserver.url_for("/x"))


async def test_tiny_mislabelled_pdf_is_sniffed_too(httpserver: HTTPServer, settings):
    httpserver.expect_request("/x").respond_with_data(b"%PDF", content_type="text/html")
    async with Fetcher(settings) as fetcher:
        with pytest.raises(UnsupportedContent):
            await fetcher.fetch(httpserver.url_for("/x"))


async def test_any_accepts_binaries(httpserver: HTTPServer, settings):
    png = b"\x89PNG\r\n\x1a\n" + bytes(100)
    httpserver.expect_request("/i.png").respond_with_data(png, content_type="image/png")
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/i.png"), accept="any")
    assert page.body == png
    assert page.encoding is None


@pytest.mark.parametrize(
    "content_type",
    [
        "application/rss+xml",
        "application/atom+xml",
        "text/xml",
        "application/xml; charset=utf-8",
        "text/html",
        "text/plain",
    ],
)
async def test_feeds_accept_xml_and_html(httpserver: HTTPServer, settings, content_type):
    httpserver.expect_request("/f").respond_with_data(SITEMAP, content_type=content_type)
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/f"), accept="feed")
    assert page.body == SITEMAP
    assert page.encoding == "utf-8"


async def test_feed_refuses_images(httpserver: HTTPServer, settings):
    httpserver.expect_request("/f").respond_with_data(b"GIF89a...", content_type="image/gif")
    async with Fetcher(settings) as fetcher:
        with pytest.raises(UnsupportedContent):
            await fetcher.fetch(httpserver.url_for("/f"), accept="feed")


@pytest.mark.parametrize("content_type", ["application/x-gzip", "application/octet-stream"])
async def test_gzip_sitemaps_are_unpacked(httpserver: HTTPServer, settings, content_type):
    httpserver.expect_request("/sitemap.xml.gz").respond_with_data(
        gzip.compress(SITEMAP), content_type=content_type
    )
    async with Fetcher(settings) as fetcher:
        page = await fetcher.fetch(httpserver.url_for("/sitemap.xml.gz"), accept="feed")
    assert page.body == SITEMAP
    assert page.content_type == "application/xml"
    assert page.encoding == "utf-8"


async def test_gzip_sitemap_bomb_is_too_large(httpserver: HTTPServer, settings, bomb):
    httpserver.expect_request("/s.xml.gz").respond_with_data(bomb, content_type="application/gzip")
    async with Fetcher(settings.with_(max_body_bytes=1_000_000)) as fetcher:
        with pytest.raises(TooLarge, match="when unpacked"):
            await fetcher.fetch(httpserver.url_for("/s.xml.gz"), accept="feed")


def test_gunzip_respects_the_limit():
    assert gunzip(gzip.compress(b"a" * 1000), 1000) == b"a" * 1000
    with pytest.raises(LimitExceeded):
        gunzip(gzip.compress(b"a" * 1001), 1000)
