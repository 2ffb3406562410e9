"""The administration API: ask for a source to be added or removed, or for a crawl pass, with
the admin token. The site only reads: each request is checked, recorded as a job and answered
`202` with the job's status URL; `colonnade worker` (or a running `colonnade crawl`) does it.

`Authorization: Bearer <admin_token>`. With no token configured these answer 403
"administration disabled": the public site is read-only unless an operator opts in.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from colonnade.errors import BadRequest, NotFound
from colonnade.store.jobs import Job, JobKind
from colonnade.store.naming import country_code, language_code
from colonnade.web.errors import error_response
from colonnade.web.routes.api_models import ColumnistOut
from colonnade.web.routes.common import publication_by_slug, site_of

PREFIX = "/api/v1/admin"


class AdminRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def require_admin(request: Request) -> None:
    token = site_of(request).settings.admin_token
    if not token:
        raise AdminRefused(403, "administration disabled: set COLONNADE_ADMIN_TOKEN to enable it")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Constant-time: the comparison must not tell an attacker how much of a guess was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise AdminRefused(401, "a valid 'Authorization: Bearer <admin token>' is required")


router = APIRouter(prefix=PREFIX, tags=["admin"], dependencies=[Depends(require_admin)])


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
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(request, exc.status, str(exc), headers)

    app.add_exception_handler(AdminRefused, refused)
