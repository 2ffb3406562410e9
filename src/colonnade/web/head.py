"""HEAD for every page and feed: link checkers and feed readers ask before they fetch.

FastAPI routes answer only the methods they declare, so a HEAD becomes a GET for the routes
and the server (which still knows the request was a HEAD) sends the headers without the body.
The JSON API keeps to its declared methods.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

HEAD_KEY = "colonnade.head"


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "HEAD"
            and not scope["path"].startswith("/api/")
        ):
            # A copy: the server's own scope must still say HEAD, so that it drops the body.
            scope = {**scope, "method": "GET", HEAD_KEY: True}
        await self.app(scope, receive, send)


def is_head(scope: Scope) -> bool:
    return bool(scope.get(HEAD_KEY))
