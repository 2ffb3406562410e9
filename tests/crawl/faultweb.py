"""A small publication on 127.0.0.1 whose pages can misbehave in scripted ways.

Each route is a function given the request handler, so a test can send anything: a stall in
the middle of a body, a gzip bomb, a redirect loop, bytes that lie about their charset.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


def send(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def page(text: str, **kwargs: object) -> Route:
    body = text.encode("utf-8")
    return lambda h: send(h, body, **kwargs)  # type: ignore[arg-type]


def article_html(title: str, author: str, body_words: str, *, date: str = "2026-11-20") -> str:
    paragraphs = "".join(f"<p>{body_words} Paragraph {i} goes on.</p>" for i in range(6))
    return (
        f"<html lang='en'><head><title>{title}</title>"
        f"<meta name='author' content='{author}'>"
        f"<meta property='article:published_time' content='{date}T08:00:00+00:00'></head>"
        f"<body><article><h1>{title}</h1><p class='byline'>By {author}</p>{paragraphs}"
        "</article></body></html>"
    )


def rss(base: str, items: list[tuple[str, str]], title: str = "Test feed") -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        "<pubDate>Thu, 20 Nov 2026 08:00:00 GMT</pubDate></item>"
        for path, t in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>{base}/</link>{entries}</channel></rss>"
    )


@functools.cache
def gzip_bomb(size: int) -> bytes:
    # Built once: compressing tens of megabytes per request could outlast the client's timeout.
    return gzip.compress(b"<p>" + b"a" * size, compresslevel=9)


class FaultWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.stop = threading.Event()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                web.hits[path] = web.hits.get(path, 0) + 1
                route = web.routes.get(path)
                if route is None:
                    send(self, b"not found", status=404, content_type="text/plain")
                    return
                with contextlib.suppress(OSError):  # the client gave up, as some tests intend
                    route(self)

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FaultWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path
