"""The administration API: ask for a source to be added or removed, or for a crawl pass, with
the admin token. The site only reads: each request is checked, recorded as a job and answered
`202` with the job's status URL; `colonnade worker` (or a running `colonnade crawl`) does it.

`Authorization: Bearer <admin_token>`. With no token configured these answer 403
"administration disabled": the public site is read-only unless an operator opts in.

`AdminGate` checks the token before the app sees the request, so a refused request's body is
never read: parsing comes after authentication. It also logs every failed login and refuses an
address with too many recent failures (429); `require_admin` checks again on every route.
"""

from __future__ import annotations

import hmac
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from colonnade.errors import BadRequest, NotFound
from colonnade.store.jobs import Job, JobKind
from colonnade.store.naming import country_code, language_code
from colonnade.web.errors import error_response, responses
from colonnade.web.routes.api_models import ColumnistOut
from colonnade.web.routes.common import publication_by_slug, site_of

log = logging.getLogger(__name__)

PREFIX = "/api/v1/admin"
# Failed logins one client address may make in FAILURE_WINDOW seconds before it is refused.
MAX_FAILURES = 10
FAILURE_WINDOW = 60.0


class AdminRefused(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def check_token(token: str, authorization: str) -> AdminRefused | None:
    """Why a request with this Authorization header is refused, or None when it is not."""
    if not token:
        return AdminRefused(403, "administration disabled: set COLONNADE_ADMIN_TOKEN to enable it")
    scheme, _, given = authorization.partition(" ")
    # Constant-time: the comparison must not tell an attacker how much of a guess was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        return AdminRefused(401, "a valid 'Authorization: Bearer <admin token>' is required")
    return None


def require_admin(request: Request) -> None:
    refusal = check_token(site_of(request).settings.admin_token, _authorization(request))
    if refusal is not None:
        raise refusal


def _authorization(request: Request) -> str:
    return request.headers.get("authorization", "")


class FailedLogins:
    """Failed admin logins per client address in a sliding window of `window` seconds."""

    def __init__(
        self,
        limit: int = MAX_FAILURES,
        window: float = FAILURE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
        max_addresses: int = 10_000,
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.max_addresses = max_addresses
        self._times: dict[str, deque[float]] = {}

    def retry_after(self, address: str) -> float:
        """Seconds until `address` may try again; 0 when it may now."""
        now = self.clock()
        times = self._recent(address, now)
        # At most `limit` are kept: the oldest leaving the window lets the address in again.
        return times[0] + self.window - now if len(times) >= self.limit else 0.0

    def record(self, address: str) -> None:
        now = self.clock()
        self._times.setdefault(address, deque(maxlen=self.limit)).append(now)
        if len(self._times) > self.max_addresses:
            # Many addresses (an IPv6 range, say) must not grow this without bound: forget
            # the expired, then the longest-known ones.
            for known in list(self._times):
                self._recent(known, now)
            while len(self._times) > self.max_addresses:
                del self._times[next(iter(self._times))]

    def _recent(self, address: str, now: float) -> deque[float]:
        """The address's failures still in the window (an address with none is forgotten)."""
        times = self._times.get(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._times.pop(address, None)
        return times


class AdminGate:
    """Pure ASGI middleware: an administration request is checked before the app reads it.

    The token, then the address's failed logins (`app.state.admin_logins`, a `FailedLogins`):
    a refusal is answered at once with `Connection: close`, so the server stops reading the
    body too, and a failed login is logged in one line (address, method, path; never the
    token), escaped so that a path cannot forge log lines."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_admin_path(scope):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        response = refused_response(request, refusal)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

    def _refusal(self, request: Request) -> AdminRefused | None:
        refusal = check_token(site_of(request).settings.admin_token, _authorization(request))
        if refusal is not None and refusal.status != 401:
            return refusal  # administration disabled: there is nothing to log into
        logins: FailedLogins = request.app.state.admin_logins
        address = request.client.host if request.client else "unknown"
        wait = logins.retry_after(address)
        if wait > 0:
            # Even a right token: while refused, an address learns nothing from its guesses.
            seconds = max(1, math.ceil(wait))
            message = f"too many failed administration logins: try again in {seconds} s"
            return AdminRefused(429, message, retry_after=seconds)
        if refusal is not None:
            logins.record(address)
            given = "no token" if not _authorization(request) else "a wrong token"
            log.warning(
                "failed admin login from %r: %s %r with %s",
                address,
                request.method,
                request.scope["path"][:300],
                given,
            )
        return refusal


def _is_admin_path(scope: Scope) -> bool:
    # As the router sees it: without the root path the app may be mounted under.
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root + "/"):
        path = path[len(root) :]
    return path == PREFIX or path.startswith(PREFIX + "/")


def refused_response(request: Request, refusal: AdminRefused) -> Response:
    headers: dict[str, str] = {}
    if refusal.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if refusal.retry_after is not None:
        headers["Retry-After"] = str(refusal.retry_after)
    return error_response(request, refusal.status, str(refusal), headers)


router = APIRouter(
    prefix=PREFIX,
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=responses(401, 403, 429),
)


class SourceIn(BaseModel):
    url: str = Field(description="Homepage, section page or feed URL; feeds are discovered.")
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. GB.")
    language: str | None = Field(None, description="ISO 639-1, e.g. en.")


class JobOut(BaseModel):
    id: int
    kind: str = Field(description="add_source, remove_source or crawl.")
    state: str = Field(description="pending, running, done or failed.")
    params: dict[str, Any]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    result: dict[str, Any] | None = Field(description="What the job did, once done.")
    error: str | None = Field(description="Why it failed, in one line.")
    status_url: str

    @classmethod
    def of(cls, job: Job) -> JobOut:
        return cls(
            id=job.id,
            kind=job.kind,
            state=job.state,
            params=dict(job.params),
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            attempts=job.attempts,
            result=dict(job.result) if job.result is not None else None,
            error=job.error,
            status_url=f"{PREFIX}/jobs/{job.id}",
        )


def _submit(request: Request, kind: JobKind, params: dict[str, Any]) -> JSONResponse:
    job = site_of(request).storage.jobs.submit(kind, params, now=datetime.now(UTC))
    out = JobOut.of(job)
    return JSONResponse(
        out.model_dump(mode="json"), status_code=202, headers={"Location": out.status_url}
    )


def _http_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRequest(f"{url!r} is not an http(s) URL")
    return url


@router.post("/sources", response_model=JobOut, status_code=202)
def add(request: Request, source: SourceIn) -> JSONResponse:
    """Add a publication: a worker discovers its feeds from the URL, as `colonnade sources add`."""
    # Checked here, so a typo is a 400 now rather than a failed job later.
    params = {
        "url": _http_url(source.url),
        "name": (source.name or "").strip() or None,
        "country": country_code(source.country),
        "language": language_code(source.language),
    }
    return _submit(request, "add_source", params)


@router.delete("/sources/{slug}", response_model=JobOut, status_code=202)
def remove(request: Request, slug: str) -> JSONResponse:
    """Remove a publication with its feeds and articles (404 if there is none at this slug)."""
    publication_by_slug(site_of(request), slug, f"no source {slug!r}")
    return _submit(request, "remove_source", {"slug": slug})


@router.post("/crawl", response_model=JobOut, status_code=202)
def crawl(request: Request, force: bool = False) -> JSONResponse:
    """One crawl pass over the due feeds (every feed with `force`)."""
    return _submit(request, "crawl", {"force": force})


@router.get("/jobs", response_model=list[JobOut])
def recent_jobs(request: Request, limit: int = Query(20, ge=1, le=100)) -> list[JobOut]:
    """The newest jobs first, whatever their state."""
    return [JobOut.of(job) for job in site_of(request).storage.jobs.recent(limit)]


@router.get("/jobs/{job_id}", response_model=JobOut)
def job_status(request: Request, job_id: int) -> JobOut:
    """A job's state, with its result once done or its error once failed."""
    job = site_of(request).storage.jobs.get(job_id)
    if job is None:
        raise NotFound(f"no job {job_id}")
    return JobOut.of(job)


class CorrectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str = Field(description="merge or split.")
    at: datetime
    columnist_id: int = Field(description="The columnist kept (merge) or split from (split).")
    detail: dict[str, str] = Field(
        description="merge: kept, merged (slugs); split: from, publication, new (slugs)."
    )


class IdentityOut(BaseModel):
    unverified: list[ColumnistOut] = Field(
        description="Columnists a bare name match joins in some publication: check, then "
        "`colonnade columnists split` them or leave them; evidence found later verifies them."
    )
    corrections: list[CorrectionOut] = Field(description="Merges and splits by hand, newest first.")


@router.get("/columnists", response_model=IdentityOut)
def identity(request: Request, limit: int = Query(100, ge=1, le=1000)) -> IdentityOut:
    """Who is who: the unverified joins to check and the corrections made by hand."""
    found = site_of(request).storage.columnists
    return IdentityOut(
        unverified=[ColumnistOut.of(c) for c in found.unverified(limit=limit)],
        corrections=[CorrectionOut.model_validate(c) for c in found.corrections(limit=limit)],
    )


def install(app: Any) -> None:
    async def refused(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, AdminRefused)
        return refused_response(request, exc)

    app.add_exception_handler(AdminRefused, refused)
    app.state.admin_logins = FailedLogins()
