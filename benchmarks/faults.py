"""Fault benchmark: hostile publishers beside a good one, and what they cost the good one.

    .venv/bin/python benchmarks/faults.py [--articles 20] [--slow-pages 24] [--memory-mb 256]

A good publication (a feed of `--articles` columns) is crawled three times into fresh SQLite
databases, with the same settings (defaults except: private addresses allowed, no per-host
delay, 10 s total timeout per request, no retries, so a dripping page ends after 10 s;
`--memory-mb` sets `extract_memory_mb`):

- clean: the good publication alone;
- slow host: beside a publication whose pages drip one byte every 2 s (`--slow-pages` queued
  before the good ones, as an earlier pass would have left them; more than `concurrency`, 16,
  so that they could take every place in flight);
- every fault: beside the slow host, a 5 MB page of 130,000 paragraphs, a feed of 100,000
  items, a gzip bomb, a robots.txt answering 503, a 1 MB robots.txt, a sitemap index with a
  failing child, and titles with characters XML forbids.

Prints, per run, the seconds from the start of the crawl to the good publication's first stored
article and to its last, and the peak resident memory of the crawler and its extraction
workers together (sampled every 50 ms). The web runs in its own process, so its memory is not
counted. Targets (hardening issue): first article within 2 s of the clean run, peak < 600 MB.
The API's answer to generated requests is measured by benchmarks/api_fuzz.py.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import multiprocessing
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

import sqlalchemy as sa
from ingest import PeakRss

from colonnade.config import Settings
from colonnade.crawl.progress import CrawlReport
from colonnade.pipeline import crawl_once
from colonnade.store import QueueItem, Storage, open_storage
from colonnade.store.schema import articles

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(h: BaseHTTPRequestHandler, body: bytes, kind: str = "text/html", **headers: str) -> None:
    h.send_response(int(headers.pop("status", "200")))
    h.send_header("Content-Type", kind)
    h.send_header("Content-Length", str(len(body)))
    for key, value in headers.items():
        h.send_header(key.replace("_", "-"), value)
    h.end_headers()
    h.wfile.write(body)


def _article(title: str, words: str, paragraphs: int = 6) -> bytes:
    body = "".join(f"<p>{words} Paragraph {i} goes on.</p>" for i in range(paragraphs))
    return (
        f"<html lang='en'><head><title>{title}</title><meta name='author' content='Ada Good'>"
        "<meta property='article:published_time' content='2026-11-20T08:00:00+00:00'></head>"
        f"<body><article><h1>{title}</h1><p class='byline'>By Ada Good</p>{body}</article>"
        "</body></html>"
    ).encode()


def _rss(base: str, paths: list[str], title: str = "Feed") -> bytes:
    items = "".join(
        f"<item><title>{title} {p}</title><link>{base}{p}</link>"
        "<pubDate>Thu, 20 Nov 2026 08:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _drip(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(60):  # a byte every 2 s: never a read timeout, never a finished page
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(2)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        return None  # a crawler that hangs up on a hostile page is what is measured


class Site:
    """One origin: a route table on its own port."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                route = site.routes.get(self.path.split("?")[0])
                try:
                    if route is None:
                        _send(self, b"not found", "text/plain", status="404")
                    else:
                        route(self)
                except OSError:
                    pass  # the crawler gave up, as it should

            def log_message(self, *args: object) -> None:
                return None

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, body: bytes, kind: str = "text/html", **headers: str) -> None:
        self.routes[path] = lambda h: _send(h, body, kind, **headers)


def _good(articles: int) -> Site:
    site = Site()
    paths = [f"/good/{i}" for i in range(articles)]
    site.page("/feed.xml", _rss(site.base, paths, "Good"), "application/rss+xml")
    for p in paths:
        site.page(p, _article(f"Good column {p}", f"Fine words about {p}. " * 12))
    return site


def _slow(pages: int) -> Site:
    site = Site()
    for i in range(pages):
        site.routes[f"/slow/{i}"] = _drip
    return site


def _hostile() -> dict[str, str]:
    """The other faults, each on its own origin; returns name -> feed or sitemap URL."""
    feeds: dict[str, str] = {}
    big = Site()  # 5 MB of 130,000 paragraphs
    paragraphs = "".join(f"<p>Word{i % 97} and a few more words.</p>" for i in range(130_000))
    big.page("/feed.xml", _rss(big.base, ["/huge"], "Huge"), "application/rss+xml")
    html = f"<html><body><article><h1>Huge</h1>{paragraphs}</article></body></html>"
    big.page("/huge", html.encode())
    feeds["huge page"] = big.base + "/feed.xml"

    many = Site()  # a feed of 100,000 items, relative links: 3.6 MB, within max_body_bytes
    items = "".join(f"<item><link>/m/{i}</link></item>" for i in range(100_000))
    many.page("/feed.xml", f"<rss version='2.0'><channel><title>Many</title>{items}</channel></rss>"
              .encode(), "application/rss+xml")  # fmt: skip
    feeds["100,000-item feed"] = many.base + "/feed.xml"

    bomb = Site()  # a page that inflates to 200 MB
    bomb.page("/feed.xml", _rss(bomb.base, ["/bomb"], "Bomb"), "application/rss+xml")
    bomb.page("/bomb", gzip.compress(b"<p>" + b"a" * 200_000_000, 9), Content_Encoding="gzip")
    feeds["gzip bomb"] = bomb.base + "/feed.xml"

    down = Site()  # robots.txt answers 503
    down.page("/robots.txt", b"busy", "text/plain", status="503")
    down.page("/feed.xml", _rss(down.base, ["/a"], "Down"), "application/rss+xml")
    feeds["robots 503"] = down.base + "/feed.xml"

    huge_robots = Site()  # 1 MB of robots.txt, its one rule past 500 KiB
    huge_robots.page("/robots.txt", b"# pad\n" * 180_000 + b"User-agent: *\nDisallow: /\n",
                     "text/plain")  # fmt: skip
    huge_robots.page("/feed.xml", _rss(huge_robots.base, ["/r"], "Robots"), "application/rss+xml")
    huge_robots.page("/r", _article("Robots", "Words past the cut. " * 12))
    feeds["1 MB robots.txt"] = huge_robots.base + "/feed.xml"

    maps = Site()  # a sitemap index whose second child fails
    maps.page("/sitemap.xml", (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{maps.base}/s1.xml</loc></sitemap>"
        f"<sitemap><loc>{maps.base}/broken.xml</loc></sitemap></sitemapindex>"
    ).encode(), "application/xml")  # fmt: skip
    maps.page("/s1.xml", (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{maps.base}/mapped</loc></url></urlset>"
    ).encode(), "application/xml")  # fmt: skip
    maps.page("/broken.xml", b"oops", "text/plain", status="500")
    maps.page("/mapped", _article("Mapped", "Words from a sitemap. " * 12))
    feeds["sitemap index, one child failing"] = maps.base + "/sitemap.xml"

    odd = Site()  # titles with characters XML 1.0 forbids
    odd.page("/feed.xml", _rss(odd.base, ["/odd"], "Odd \uffff\ufffe title"), "application/rss+xml")
    odd.page("/odd", _article("Odd \uffff title \u202e", "Words with odd marks. " * 12))
    feeds["forbidden characters"] = odd.base + "/feed.xml"
    return feeds


def serve(articles: int, slow_pages: int, conn: Connection) -> None:
    """Runs in its own process, so the web's memory is not counted as the crawler's."""
    good, slow = _good(articles), _slow(slow_pages)
    conn.send((good.base, slow.base, _hostile()))
    conn.recv()  # until the benchmark is done


class FirstAndLast:
    """Seconds from the start to the good publication's first and last stored article."""

    def __init__(self, storage: Storage, publication_id: int, expected: int) -> None:
        self.started = time.perf_counter()
        self.storage = storage
        self.publication_id = publication_id
        self.expected = expected
        self.stored = 0
        self.first: float | None = None
        self.last: float | None = None

    def update(self, report: CrawlReport) -> None:
        if self.last is not None or not report.articles_new:
            return
        with self.storage.db.read() as conn:
            query = sa.select(sa.func.count()).where(
                articles.c.publication_id == self.publication_id
            )
            self.stored = conn.execute(query).scalar_one()
        now = time.perf_counter() - self.started
        if self.first is None and self.stored:
            self.first = now
        if self.stored >= self.expected:
            self.last = now


def run(
    name: str,
    web_pid: int,
    settings: Settings,
    good: str,
    articles: int,
    slow: tuple[str, int] | None,
    hostile: dict[str, str],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        storage = open_storage(f"sqlite:///{Path(folder) / 'faults.db'}")
        pub = storage.publications.add("Good Daily", good + "/")
        storage.feeds.add(pub.id, good + "/feed.xml")
        if slow:
            base, pages = slow
            slow_pub = storage.publications.add("Dripping Times", base + "/")
            items = [QueueItem(f"{base}/slow/{i}") for i in range(pages)]
            storage.queue.enqueue(slow_pub.id, None, items)
        for label, url in hostile.items():
            hostile_pub = storage.publications.add(label.title(), url.rsplit("/", 1)[0] + "/")
            kind = "sitemap" if url.endswith("sitemap.xml") else "rss"
            storage.feeds.add(hostile_pub.id, url, kind=kind)
        progress = FirstAndLast(storage, pub.id, articles)
        with PeakRss(exclude=web_pid) as rss:
            report = asyncio.run(crawl_once(storage, settings, progress=progress))
        elapsed = time.perf_counter() - progress.started
        storage.close()
    first = f"{progress.first:.2f} s" if progress.first is not None else "never"
    last = f"{progress.last:.2f} s" if progress.last is not None else "never"
    print(
        f"{name:<12} good host: first article {first}, all {articles} {last}; "
        f"whole pass {elapsed:.1f} s ({report.articles_new} articles, {report.errors} errors); "
        f"peak RSS {rss.peak / 2**20:.0f} MB (the crawler alone {rss.peak_self / 2**20:.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--slow-pages", type=int, default=24)
    parser.add_argument(
        "--memory-mb", type=int, default=Settings().extract_memory_mb, help="extract_memory_mb"
    )
    args = parser.parse_args()
    settings = Settings().with_(
        allow_private_addresses=True,
        per_host_delay=0.0,
        total_timeout=10.0,
        retries=0,
        extract_memory_mb=args.memory_mb,
    )
    here, there = multiprocessing.Pipe()
    web = multiprocessing.Process(target=serve, args=(args.articles, args.slow_pages, there))
    web.daemon = True
    web.start()
    good, slow, hostile = here.recv()
    slow_case = (slow, args.slow_pages)
    pid = web.pid or 0
    run("clean", pid, settings, good, args.articles, None, {})
    run("slow host", pid, settings, good, args.articles, slow_case, {})
    run("every fault", pid, settings, good, args.articles, slow_case, hostile)
    here.send("stop")
    web.join(5)


if __name__ == "__main__":
    main()
