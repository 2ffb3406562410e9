"""`BodyLimit`: no request body over `max_request_bytes` reaches a route, whatever the route.

Pure ASGI middleware, so nothing is buffered on the way. A request whose Content-Length is over
the bound is answered 413 before anything reads it; a body without one (chunked) is counted as
the app reads it, and the read that goes over raises `BodyTooLarge`, which the app's error
handlers answer like any other error (JSON under /api/, else the error page). Both answers say
`Connection: close`: the server then stops taking the upload rather than reading the rest of
it only to throw it away.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from colonnade.web.errors import error_response

CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes", dict(CLOSE))


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send, BodyTooLarge(self.max_bytes))
            return

        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as exc:
            # Only when no handler in the app answered it (the routes' handlers all do).
            if started:
                raise
            await self._refuse(scope, receive, send, exc)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, exc: BodyTooLarge) -> None:
        response = error_response(Request(scope), exc.status_code, exc.detail, exc.headers)
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            # The server has already refused a malformed one; this is only belt and braces.
            return int(value) if value.isdigit() else None
    return None
