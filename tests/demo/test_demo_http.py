"""HTTP behaviour a crawler relies on: validators, 304s, gzip, redirects, errors, concurrency."""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import socket
import struct
import subprocess
import sys
import time
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import httpx
import pytest

from colonnade.demo import DemoServer, build_web


def first_url(server: DemoServer, slug: str) -> str:
    return next(e.url for e in server.expected if e.publication_slug == slug and e.url)


def test_each_publication_listens_on_its_own_loopback_port(server: DemoServer) -> None:
    bases = [server.base_url(i) for i in range(len(server.spec.publications))]
    assert len(set(bases)) == len(bases)
    assert all(b.startswith("http://127.0.0.1:") for b in bases)
    names = [p.name for p in server.publications]
    assert names == [p.name for p in server.spec.publications]
    name, homepage, country, language, feed = server.publications[0]
    assert (name, country, language) == ("The Meridian Ledger", "US", "en")
    assert homepage == bases[0] + "/" and feed == bases[0] + "/opinion/feed.atom"


def test_responses_carry_validators_and_answer_if_none_match(
    server: DemoServer, client: httpx.Client
) -> None:
    for pub in server.publications:
        for url in (
            first_url(server, server.locate(pub.homepage_url)[0]),
            pub.homepage_url,
            pub.feed_url,
        ):
            if url is None:
                continue
            first = client.get(url, headers={"Accept-Encoding": "identity"})
            etag, modified = first.headers["etag"], first.headers["last-modified"]
            assert first.status_code == 200 and etag.startswith('"')
            again = client.get(url, headers={"If-None-Match": etag})
            assert again.status_code == 304 and again.content == b""
            assert again.headers["etag"].removeprefix("W/") == etag
            # Weak and listed forms match too (RFC 9110 weak comparison).
            listed = client.get(url, headers={"If-None-Match": f'"nope", W/{etag}'})
            assert listed.status_code == 304
            other = client.get(url, headers={"If-None-Match": '"something-else"'})
            assert other.status_code == 200 and other.content == first.content
            assert parsedate_to_datetime(modified).tzinfo is not None


def test_if_modified_since_compares_dates(server: DemoServer, client: httpx.Client) -> None:
    url = first_url(server, "faro-del-sur")
    modified = parsedate_to_datetime(client.get(url).headers["last-modified"])
    same = client.get(url, headers={"If-Modified-Since": format_datetime(modified, usegmt=True)})
    assert same.status_code == 304
    earlier = format_datetime(modified - timedelta(seconds=1), usegmt=True)
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match wins: a stale ETag means 200 even when the date alone would say 304.
    both = client.get(
        url,
        headers={
            "If-None-Match": '"stale"',
            "If-Modified-Since": format_datetime(modified, usegmt=True),
        },
    )
    assert both.status_code == 200
    assert client.get(url, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_gzip_when_accepted_with_a_weak_etag(server: DemoServer) -> None:
    url = first_url(server, "alpenblick-zeitung")
    with socket.create_connection((server.host, httpx.URL(url).port), timeout=5) as raw:
        path = httpx.URL(url).raw_path.decode()
        raw.sendall(
            f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := raw.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])
    assert headers["Content-Encoding"] == "gzip" and headers["ETag"].startswith('W/"')
    assert headers["Vary"] == "Accept-Encoding"
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(body) == plain.content
    refused = httpx.get(url, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers


def test_head_sends_headers_only(server: DemoServer, client: httpx.Client) -> None:
    url = first_url(server, "courrier-du-lac")
    head = client.head(url, headers={"Accept-Encoding": "identity"})
    get = client.get(url, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]


def test_unknown_paths_are_404_and_slashless_blog_paths_redirect(
    server: DemoServer, client: httpx.Client
) -> None:
    base = server.base_url("courrier-du-lac")
    missing = client.get(base + "/no/such/page/")
    assert missing.status_code == 404 and "fictional" in missing.text
    url = first_url(server, "courrier-du-lac")
    moved = client.get(url.rstrip("/"))
    assert moved.status_code == 301 and moved.headers["location"] == url
    number = next(
        a.number
        for a in server.spec.publication("courrier-du-lac").articles
        if url.endswith(a.path)
    )
    shortlink = client.get(f"{base}/?p={number}")
    assert shortlink.status_code == 301 and shortlink.headers["location"] == url


def test_sixteen_concurrent_clients_get_every_article(server: DemoServer) -> None:
    urls = server.article_urls()
    with (
        httpx.Client(limits=httpx.Limits(max_connections=16)) as http,
        concurrent.futures.ThreadPoolExecutor(16) as pool,
    ):
        statuses = list(pool.map(lambda u: http.get(u).status_code, urls * 3))
    assert statuses == [200] * len(urls) * 3


def test_requests_are_logged(fresh_server: DemoServer, client: httpx.Client) -> None:
    url = first_url(fresh_server, "meridian-ledger")
    client.get(url, headers={"User-Agent": "demo-test"})
    etag = client.get(url).headers["etag"]
    client.get(url, headers={"If-None-Match": etag})
    hits = fresh_server.hits(url)
    assert [(h.status, h.conditional) for h in hits] == [(200, False), (200, False), (304, True)]
    assert hits[0].user_agent == "demo-test" and hits[0].method == "GET"
    fresh_server.clear_requests()
    assert fresh_server.requests == []


def test_stop_closes_ports_even_with_idle_keepalive_connections() -> None:
    server = DemoServer(build_web(publications=2, articles_per_publication=1)).start()
    url = server.publications[0].homepage_url
    http = httpx.Client()
    assert http.get(url).status_code == 200  # leaves a keep-alive connection open
    server.stop()
    try:
        http.get(url, timeout=2)
    except httpx.TransportError:
        pass
    else:
        raise AssertionError("server still answering after stop()")
    finally:
        http.close()
    server.stop()  # idempotent


def test_clients_hanging_up_print_no_tracebacks(
    fresh_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    port = httpx.URL(fresh_server.publications[0].homepage_url).port
    for _ in range(3):
        conn = socket.create_connection((fresh_server.host, port or 0), timeout=5)
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        # SO_LINGER 0: close with a reset, as a crawler aborting a connection does.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
    assert httpx.get(fresh_server.publications[0].homepage_url).status_code == 200
    time.sleep(0.3)  # let the handler threads of the reset connections finish
    assert "Traceback" not in capsys.readouterr().err


def test_runs_standalone_in_its_own_process(tmp_path: Path) -> None:
    manifest = tmp_path / "expected.json"
    command = [
        sys.executable,
        "-m",
        "colonnade.demo",
        "--publications",
        "3",
        "--articles",
        "2",
        "--manifest",
        str(manifest),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            lines = [proc.stdout.readline() for _ in range(4)]
            assert lines[-1].strip() == "ready"
            pubs = [json.loads(line) for line in lines[:3]]
            assert [p["name"] for p in pubs] == [
                "The Meridian Ledger",
                "Nordwind Rundschau",
                "Le Courrier du Lac",
            ]
            expected = json.loads(manifest.read_text("utf-8"))
            assert len(expected) == 6
            assert httpx.get(expected[0]["url"]).status_code == 200
        finally:
            proc.terminate()
