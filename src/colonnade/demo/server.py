"""`DemoServer`: every fictional publication on its own 127.0.0.1 port, from pre-rendered bytes.

One `ThreadingHTTPServer` per publication (a crawler keys politeness by host:port; see
handler.py), all accepted by a single selector thread so that starting and stopping fifty of
them costs milliseconds, with one thread per keep-alive connection. This module adds the life
cycle, addresses, the expected-articles manifest, and changes to a running web.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import NamedTuple
from urllib.parse import urlsplit

from colonnade.demo.build import next_articles
from colonnade.demo.handler import PublicationServer, RequestRecord
from colonnade.demo.site import Site
from colonnade.demo.spec import DemoPublication, DemoSpec, ExpectedArticle

logger = logging.getLogger(__name__)

__all__ = ["DemoServer", "RequestRecord", "ServedPublication"]


class ServedPublication(NamedTuple):
    name: str
    homepage_url: str
    country: str
    language: str
    feed_url: str | None


class DemoServer:
    """Serve a `DemoSpec`; use as a context manager or call start() and stop()."""

    def __init__(self, spec: DemoSpec, *, host: str = "127.0.0.1", gzip: bool = True) -> None:
        self.spec = spec
        self.host = host
        self.gzip = gzip
        self._servers: dict[str, PublicationServer] = {}
        self._sites: dict[str, Site] = {}
        self._base: dict[str, str] = {}
        self._by_port: dict[int, str] = {}
        self._failures: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
        self._connections: set[socket.socket] = set()
        self._records: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._stopping = threading.Event()

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> DemoServer:
        if self._thread is not None:
            return self
        try:
            for pub in self.spec.publications:
                server = PublicationServer((self.host, 0), self, pub.slug)
                self._servers[pub.slug] = server
                port = server.server_address[1]
                self._base[pub.slug] = f"http://{self.host}:{port}"
                self._by_port[port] = pub.slug
            names = {p.slug: p.name for p in self.spec.publications}
            for pub in self.spec.publications:
                site = Site(pub, self._base[pub.slug], self.url, names)
                self._sites[pub.slug] = site
                self._servers[pub.slug].site = site
        except BaseException:
            self._close_servers()
            raise
        self._wake_r, self._wake_w = socket.socketpair()
        self._stopping.clear()
        self._thread = threading.Thread(target=self._accept_loop, name="demo-web", daemon=True)
        self._thread.start()
        logger.info(
            "demo web: %d publications, %d articles", len(self._servers), self.spec.article_count
        )
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        assert self._wake_w is not None
        self._wake_w.send(b"x")
        self._thread.join(timeout=5)
        self._thread = None
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # wake handler threads blocked on idle keep-alive sockets
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._close_servers()
        for sock in (self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()
        self._wake_r = self._wake_w = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _close_servers(self) -> None:
        for server in self._servers.values():
            server.server_close()
        self._servers.clear()

    def _accept_loop(self) -> None:
        selector = selectors.DefaultSelector()
        assert self._wake_r is not None
        selector.register(self._wake_r, selectors.EVENT_READ, None)
        for server in self._servers.values():
            server.socket.setblocking(False)
            selector.register(server.socket, selectors.EVENT_READ, server)
        try:
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=1.0):
                    if key.data is None:
                        return
                    self._accept(key.data)
        finally:
            selector.close()

    @staticmethod
    def _accept(server: PublicationServer) -> None:
        try:
            request, address = server.get_request()
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            logger.debug("accept failed", exc_info=True)
            return
        request.setblocking(True)
        server.process_request(request, address)  # ThreadingMixIn: one thread per connection

    # -- addresses ------------------------------------------------------------------------------

    @property
    def publications(self) -> list[ServedPublication]:
        """(name, homepage_url, country, language, feed_url or None) per publication."""
        out = []
        for pub in self.spec.publications:
            feed = self.url(pub.slug, pub.feed_path) if pub.feed_path else None
            out.append(
                ServedPublication(
                    pub.name, self.url(pub.slug, "/"), pub.country, pub.language, feed
                )
            )
        return out

    def base_url(self, pub: str | DemoPublication | int) -> str:
        """ "http://127.0.0.1:PORT" of a publication given by slug, spec object or index."""
        self._require_started()
        return self._base[self._slug(pub)]

    def url(self, pub: str | DemoPublication | int, path: str) -> str:
        return self.base_url(pub) + path

    def sitemap_urls(self, pub: str | DemoPublication | int) -> list[str]:
        publication = self.spec.publication(self._slug(pub))
        return [self.url(publication.slug, p) for p in publication.sitemap_paths]

    def site(self, pub: str | DemoPublication | int) -> Site:
        self._require_started()
        return self._sites[self._slug(pub)]

    def locate(self, url: str) -> tuple[str, str]:
        """(publication slug, path) of an absolute URL on this server."""
        parts = urlsplit(url)
        slug = self._by_port.get(parts.port or 0)
        if slug is None or parts.hostname != self.host:
            raise KeyError(f"{url} is not served by this demo server")
        return slug, parts.path or "/"

    def _slug(self, pub: str | DemoPublication | int) -> str:
        if isinstance(pub, DemoPublication):
            return pub.slug
        if isinstance(pub, int):
            return self.spec.publications[pub].slug
        return pub

    def _require_started(self) -> None:
        if not self._base:
            raise RuntimeError("DemoServer is not started")

    # -- what a crawl should find ---------------------------------------------------------------

    @property
    def expected(self) -> list[ExpectedArticle]:
        """The manifest with absolute URLs, including articles added since start."""
        self._require_started()
        return [e for pub in self.spec.publications for e in self._sites[pub.slug].expected()]

    def article_urls(self) -> list[str]:
        return [e.url for e in self.expected if e.url]

    # -- changing a running web -----------------------------------------------------------------

    def add_articles(
        self, n: int = 1, *, publication: str | DemoPublication | int | None = None
    ) -> list[ExpectedArticle]:
        """Publish `n` new articles in one publication, or in every one when None."""
        self._require_started()
        slugs = (
            [self._slug(publication)]
            if publication is not None
            else [p.slug for p in self.spec.publications]
        )
        added: list[ExpectedArticle] = []
        for slug in slugs:
            site = self._sites[slug]
            articles = next_articles(site.pub, site.articles, n, self.spec.seed)
            site.add(articles)
            added += [site.expected_article(a) for a in articles]
        return added

    def update_article(self, url: str) -> ExpectedArticle:
        """Append a correction to an article: new body, dateModified, ETag and Last-Modified."""
        slug, path = self.locate(url)
        site = self._sites[slug]
        return site.expected_article(site.update(path))

    def remove_article(self, url: str, *, status: int = 410) -> None:
        """Take an article down; it then answers `status` (410 Gone or 404)."""
        slug, path = self.locate(url)
        self._sites[slug].remove(path, status)

    def fail(
        self, url: str, status: int = 503, *, times: int = 1, retry_after: str | None = None
    ) -> None:
        """Answer the next `times` requests for `url` with `status` (429/5xx to test retries)."""
        key = self.locate(url)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        with self._lock:
            self._failures.setdefault((key[0], path), []).extend([(status, retry_after)] * times)

    def _take_failure(self, slug: str, path: str) -> tuple[int, str | None] | None:
        with self._lock:
            queue = self._failures.get((slug, path))
            if not queue:
                return None
            return queue.pop(0)

    # -- request log ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear_requests(self) -> None:
        with self._lock:
            self._records.clear()

    def hits(self, url: str) -> list[RequestRecord]:
        slug, path = self.locate(url)
        return [r for r in self.requests if r.publication == slug and r.path == path]

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def __iter__(self) -> Iterator[ServedPublication]:
        return iter(self.publications)
