"""Every error becomes a friendly page (or, under /api/, a JSON body): never a traceback.

Colonnade's own errors map to statuses (NotFound 404, BadRequest 400, StorageError 503;
Moved, an old columnist slug, 301);
FastAPI's parameter validation becomes a 400 as well, so a reader sees one kind of "bad
request" page whatever was wrong with the address.

/openapi.json says so: `install` replaces the 422 FastAPI would document with the 400 sent,
and documents on every operation the errors any route can answer (400 and 503; 404 where the
path has parts, 413 where the request has a body), as `ErrorOut` under /api/ and as an HTML
page elsewhere (the feeds). A route declares the others it answers with `responses(...)`
(`MOVED` for the 301 of an old columnist slug).
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
from colonnade.web.routes.api_models import ErrorOut

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
# What each error status means, in /openapi.json.
ANSWERS = {
    400: "A parameter cannot be used: malformed or out of range, holding a control character, "
    "a `from` after `to`, or a cursor that is damaged or belongs to another list.",
    401: "No valid `Authorization: Bearer <admin token>`.",
    403: "Administration is disabled: no admin token is configured.",
    404: "Nothing at this address: no such article, columnist, publication, edition, language, "
    "day or job, or a part (a number beyond 64 bits, a control character) that names nothing.",
    413: "The request body is larger than `max_request_bytes`.",
    429: "Too many failed administration logins from this address: see `Retry-After`.",
    503: "The collection cannot be read just now; try again in a moment.",
}
# On every operation: any query parameter may hold a control character (params.checked_address)
# and any route reads the database; only an address with parts can name nothing, and only a
# request with a body can send too much of it (web/body_limit.py).
_EVERY_OPERATION = (400, 503)
_WITH_PATH_PARTS = (404,)
_WITH_BODY = (413,)

MOVED: dict[int | str, dict[str, Any]] = {
    301: {
        "description": "An old slug of a columnist merged into another: `Location` is the same "
        "address with the current slug.",
        "headers": {
            "Location": {"description": "The current address.", "schema": {"type": "string"}}
        },
    }
}
"""The `responses=` of a route that finds a columnist by slug (routes/common.columnist_by_slug)."""


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a JSON route (or router) answering these error statuses besides
    those every operation is documented with (the administration's 401, 403 and 429)."""
    return {status: {"model": ErrorOut, "description": ANSWERS[status]} for status in statuses}


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


def _wants_json(request: Request) -> bool:
    return _is_api(request.url.path)


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    if _wants_json(request):
        body = ErrorOut(detail=message).model_dump()
        return JSONResponse(body, status_code=status, headers=headers)
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


_REF = "#/components/schemas/"


def _schema_of(answer: dict[str, Any] | None) -> Any:
    return (answer or {}).get("content", {}).get("application/json", {}).get("schema")


def _documented(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's OpenAPI document with the errors these handlers answer (in place)."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorOut"] = ErrorOut.model_json_schema(ref_template=_REF + "{model}")
    as_json = {"application/json": {"schema": {"$ref": _REF + "ErrorOut"}}}
    as_page = {"text/html": {"schema": {"type": "string"}}}
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            statuses = _EVERY_OPERATION + (_WITH_PATH_PARTS if "{" in path else ())
            statuses += _WITH_BODY if "requestBody" in operation else ()
            answers = operation.setdefault("responses", {})
            if _schema_of(answers.get("422")) == {"$ref": _REF + "HTTPValidationError"}:
                del answers["422"]  # FastAPI's own: the validation handler answers 400 instead
            for status in statuses:
                answers.setdefault(
                    str(status),
                    {
                        "description": ANSWERS[status],
                        "content": as_json if _is_api(path) else as_page,
                    },
                )
            operation["responses"] = dict(sorted(answers.items()))
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    return document


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

    made = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _documented(made())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Moved, moved)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(BadRequest, bad_request)
    app.add_exception_handler(FeedError, feed_error)
    app.add_exception_handler(FetchError, fetch_error)
    app.add_exception_handler(StorageError, storage_error)
