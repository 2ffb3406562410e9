"""Every error becomes a friendly page (or, under /api/, a JSON body): never a traceback.

Colonnade's own errors map to statuses (NotFound 404, BadRequest 400, StorageError 503;
Moved, an old columnist slug, 301);
FastAPI's parameter validation becomes a 400 as well, so a reader sees one kind of "bad
request" page whatever was wrong with the address.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from colonnade.errors import BadRequest, FeedError, FetchError, NotFound, StorageError

log = logging.getLogger(__name__)


class Moved(Exception):
    """An address names something by an old slug (a columnist merged into another): answered
    301 to the same address with the current slug, under /api/ as well as on pages."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__(f"moved: {old!r} is now {new!r}")
        self.old, self.new = old, new


TITLES = {
    400: "That address does not work",
    401: "Not authorised",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed here",
    409: "Busy",
    422: "Cannot use that",
    500: "Something went wrong",
    502: "Could not reach the publication",
    503: "Temporarily unavailable",
}
MESSAGES = {
    404: "There is no page at this address. It may have moved, or the column was removed.",
    500: "The page could not be made. The problem was logged; please try again later.",
    503: "The collection cannot be read just now. Please try again in a moment.",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    site = request.app.state.site
    context: dict[str, Any] = {
        "status": status,
        "title": TITLES.get(status, "Error"),
        "message": message,
    }
    response = site.render(request, "error.html", context, status_code=status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def server_error(scope: Scope) -> Response:
    """The 500 page, for the security middleware to send when a route raised a bug."""
    return error_response(Request(scope), 500, MESSAGES[500])


def install(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and message == "Not Found":
            message = MESSAGES[404]
        return error_response(request, exc.status_code, message, exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return error_response(request, 400, "; ".join(problems) or "invalid request")

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc) or MESSAGES[404])

    async def bad_request(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def feed_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 422, f"no usable feed: {exc}")

    async def fetch_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 502, str(exc))

    async def storage_error(request: Request, exc: Exception) -> Response:
        log.error("storage error on %s: %s", request.url.path, exc)
        return error_response(request, 503, MESSAGES[503])

    async def moved(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Moved)
        old, new = quote(exc.old, safe=""), quote(exc.new, safe="")
        path = "/".join(new if part == old else part for part in request.url.path.split("/"))
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(path + query, status_code=301)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Moved, moved)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(BadRequest, bad_request)
    app.add_exception_handler(FeedError, feed_error)
    app.add_exception_handler(FetchError, fetch_error)
    app.add_exception_handler(StorageError, storage_error)
