"""Headers every response carries: a Content-Security-Policy with no inline scripts or
styles, no MIME sniffing, no framing, and a referrer policy that tells publishers which site
sent a reader (the origin only, never the page). And `PublicHost`: with `public_url` set, no
address the site writes is taken from the Host header a client sent."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from colonnade.errors import ConfigError

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Public, read-only, cookie-less: other sites' scripts may read the API and the feeds.
_OPEN = b"access-control-allow-origin"


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task or body buffering, unlike BaseHTTPMiddleware).

    It also turns an unexpected exception into `fallback(scope)`'s response (a friendly 500
    page), so that response carries these headers too: Starlette's own last-resort handler
    sits outside every middleware."""

    def __init__(self, app: ASGIApp, fallback: Callable[[Scope], Response] | None = None) -> None:
        self.app = app
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        shareable = (path.startswith("/api/v1/") and not path.startswith("/api/v1/admin")) or (
            path.endswith(".atom") or path == "/openapi.json"
        )
        private = path.startswith("/api/v1/admin")

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(h for h in HEADERS if h[0] not in names)
                if shareable:
                    headers.append((_OPEN, b"*"))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", _cache_control(message["status"], private)))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started or self.fallback is None:
                raise
            log.exception("error on %s", path)
            await self.fallback(scope)(scope, receive, send_with_headers)


def _cache_control(status: int, private: bool) -> bytes:
    if private or status >= 400:
        return b"no-store"
    # Short: the site changes with every crawl, and a view is only counted when a page is
    # actually served.
    return b"public, max-age=60"


class PublicHost:
    """Pure ASGI middleware: with a public URL configured, every request is seen by the app as
    made to it (its scheme, and its host in place of the Host header).

    So every absolute address built from a request (Starlette's trailing-slash redirects,
    `request.base_url`) names the public host, never one a client or a misrouted proxy put in
    the Host header: a cache in front would otherwise keep and serve such a redirect."""

    def __init__(self, app: ASGIApp, origin: tuple[str, bytes] | None) -> None:
        self.app = app
        self.origin = origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.origin is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scheme, host = self.origin
        headers = [(b"host", host)] + [h for h in scope["headers"] if h[0] != b"host"]
        # A copy, as in head.py: the server's own scope keeps what the client sent.
        await self.app({**scope, "scheme": scheme, "headers": headers}, receive, send)


def public_origin(public_url: str) -> tuple[str, bytes] | None:
    """('https', b'columns.example') from 'https://columns.example/'; None when empty; a
    ConfigError when it is no http(s) URL with a host (raised by `create_app`, at startup)."""
    if not public_url.strip():
        return None
    try:
        parts = urlsplit(public_url.strip())
        if parts.scheme in ("http", "https") and parts.hostname:
            return parts.scheme, parts.netloc.rpartition("@")[2].encode("idna")
    except (ValueError, UnicodeError):
        pass
    raise ConfigError(f"COLONNADE_PUBLIC_URL={public_url!r} is not an http(s) URL with a host")
