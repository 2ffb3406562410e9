"""The HTTP side of the demo web: one server per publication, a handler serving `Site` bytes.

Validators on every response, 304 for If-None-Match (weak comparison) and If-Modified-Since,
gzip when accepted (with a weak ETag, as nginx does), and failures injected on request.
"""

from __future__ import annotations

import logging
import socket
import sys
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import urlsplit

from colonnade.demo.site import Resource, Site

logger = logging.getLogger(__name__)

_GZIP_MIN_BYTES = 256


@dataclass(frozen=True, slots=True)
class RequestRecord:
    publication: str  # slug
    method: str
    path: str  # with the query string, as requested
    status: int
    conditional: bool  # the request carried If-None-Match or If-Modified-Since
    gzip: bool
    user_agent: str


class Owner(Protocol):
    """What the handler needs from `DemoServer`."""

    gzip: bool

    def _take_failure(self, slug: str, path: str) -> tuple[int, str | None] | None: ...

    def _record(self, record: RequestRecord) -> None: ...

    def _track(self, conn: socket.socket, add: bool) -> None: ...


class PublicationServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], owner: Owner, slug: str) -> None:
        super().__init__(address, _Handler)
        self.owner = owner
        self.slug = slug
        self.site: Site | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        # socketserver prints tracebacks to stderr; a client hanging up is routine here.
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            logger.debug("%s: client %s went away: %s", self.slug, client_address, exc)
        else:
            logger.exception("%s: error serving %s", self.slug, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ColonnadeDemo/1.0"
    sys_version = ""
    timeout = 30  # idle keep-alive connections give their thread back
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (40 ms a request on Linux).
    disable_nagle_algorithm = True
    server: PublicationServer

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._track(self.connection, False)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s %s", self.server.slug, format % args)

    def _serve(self, *, head: bool) -> None:
        owner, site = self.server.owner, self.server.site
        assert site is not None
        parts = urlsplit(self.path)
        path = parts.path or "/"
        failure = owner._take_failure(self.server.slug, self.path)
        if failure is not None:
            status, retry_after = failure
            extra = [("Retry-After", retry_after)] if retry_after else []
            self._send(status, b"injected failure\n", "text/plain; charset=utf-8", extra, head)
            return
        resource = site.lookup(path, parts.query) or site.not_found()
        if resource.status == 301:
            assert resource.location is not None
            location = [("Location", resource.location)]
            self._send(301, b"", "text/html; charset=utf-8", location, head)
            return
        validators = [("Last-Modified", resource.last_modified)]
        use_gzip = (
            owner.gzip
            and resource.status == 200
            and len(resource.body) >= _GZIP_MIN_BYTES
            and _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        )
        # The gzip variant gets a weak ETag (as nginx does), so the two bodies never share one.
        etag = f"W/{resource.etag}" if use_gzip else resource.etag
        validators.append(("ETag", etag))
        if resource.status == 200 and self._not_modified(resource):
            self._send(304, b"", None, [*validators, ("Vary", "Accept-Encoding")], head)
            return
        body = resource.gzipped() if use_gzip else resource.body
        extra = [
            *validators,
            ("Vary", "Accept-Encoding"),
            ("Cache-Control", "public, max-age=0, must-revalidate"),
        ]
        if use_gzip:
            extra.append(("Content-Encoding", "gzip"))
        self._send(resource.status, body, resource.content_type, extra, head, gzip=use_gzip)

    def _not_modified(self, resource: Resource) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            return _etag_matches(inm, resource.etag)
        ims = self.headers.get("If-Modified-Since")
        if not ims:
            return False
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            return False
        return resource.modified.replace(microsecond=0) <= since

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: list[tuple[str, str]],
        head: bool,
        *,
        gzip: bool = False,
    ) -> None:
        # Recorded before the response goes out, so a client that has it can also see the record.
        self._log(status, gzip)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304 and body:
            self.wfile.write(body)

    def _log(self, status: int, gzip: bool) -> None:
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        self.server.owner._record(
            RequestRecord(
                publication=self.server.slug,
                method=self.command,
                path=self.path,
                status=status,
                conditional=conditional,
                gzip=gzip,
                user_agent=self.headers.get("User-Agent", ""),
            )
        )


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2), as If-None-Match requires."""
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))


def _accepts_gzip(header: str) -> bool:
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip()
            return not (q.startswith("q=") and _float(q[2:]) == 0.0)
    return False


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0
