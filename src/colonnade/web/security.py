"""Headers every response carries: a Content-Security-Policy with no inline scripts or
styles, no MIME sniffing, no framing, and a referrer policy that tells publishers which site
sent a reader (the origin only, never the page)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
