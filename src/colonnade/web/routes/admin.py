"""The administration API: add or remove sources and start a crawl, with the admin token.

`Authorization: Bearer <admin_token>`. With no token configured these answer 403
"administration disabled": the public site is read-only unless an operator opts in.
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from colonnade.web.crawls import add_source
from colonnade.web.errors import error_response
from colonnade.web.routes.api_models import PublicationOut
from colonnade.web.routes.common import publication_by_slug, site_of


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


router = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[Depends(require_admin)])


class SourceIn(BaseModel):
    url: str = Field(description="Homepage, section page or feed URL; feeds are discovered.")
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. GB.")
    language: str | None = Field(None, description="ISO 639-1, e.g. en.")


class FeedOut(BaseModel):
    url: str
    kind: str
    title: str | None


class SourceOut(BaseModel):
    publication: PublicationOut
    feeds: list[FeedOut]


class RemovedOut(BaseModel):
    slug: str
    articles_removed: int


class CrawlOut(BaseModel):
    running: bool
    started_at: datetime | None
    finished_at: datetime | None
    report: dict[str, Any]
    error: str | None


@router.post("/sources", response_model=SourceOut, status_code=201)
async def add(request: Request, source: SourceIn) -> SourceOut:
    """Add a publication: its feeds are discovered from the URL, as `colonnade sources add`."""
    site = site_of(request)
    publication, feeds = await add_source(
        site.storage,
        site.settings,
        source.url.strip(),
        name=source.name,
        country=source.country,
        language=source.language,
    )
    site.cache.clear()
    return SourceOut(
        publication=PublicationOut.of(publication),
        feeds=[FeedOut(url=f.url, kind=f.kind, title=f.title) for f in feeds],
    )


@router.delete("/sources/{slug}", response_model=RemovedOut)
def remove(request: Request, slug: str) -> RemovedOut:
    """Remove a publication with its feeds and articles."""
    site = site_of(request)
    publication = publication_by_slug(site, slug, f"no source {slug!r}")
    removed = site.storage.remove_publication(publication.id)
    site.cache.clear()
    return RemovedOut(slug=slug, articles_removed=removed)


def _status(request: Request) -> CrawlOut:
    status = site_of(request).crawls.status
    return CrawlOut(
        running=status.running,
        started_at=status.started_at,
        finished_at=status.finished_at,
        report=status.report,
        error=status.error,
    )


@router.post("/crawl", response_model=CrawlOut, status_code=202)
async def crawl(request: Request, force: bool = False) -> Any:
    """Start one crawl pass in the background (every feed with `force`); 409 if one runs."""
    site = site_of(request)
    if not await run_in_threadpool(site.crawls.start, force=force):
        return JSONResponse(
            {"detail": "a crawl is already running", **_status(request).model_dump(mode="json")},
            status_code=409,
        )
    return _status(request)


@router.get("/crawl", response_model=CrawlOut)
def crawl_status(request: Request) -> CrawlOut:
    """Whether a crawl is running, and the report of the last one."""
    return _status(request)


def install(app: Any) -> None:
    async def refused(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, AdminRefused)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(request, exc.status, str(exc), headers)

    app.add_exception_handler(AdminRefused, refused)
