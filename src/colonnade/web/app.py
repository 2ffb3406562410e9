"""`create_app(storage, settings)`: the reader's ASGI application (FastAPI).

HTML pages (routes/pages_*.py), Atom feeds (routes/feeds.py), the JSON API under /api/v1/
(routes/api.py) and the token-guarded administration API (routes/admin.py), all reading
through one `Storage`. Routes are plain `def` functions: FastAPI runs them in its thread pool,
where the synchronous store belongs. The OpenAPI document is at /openapi.json; the
interactive /docs page is off because it loads scripts from a CDN.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from colonnade import __version__
from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web import errors
from colonnade.web.head import HeadAsGet
from colonnade.web.routes import admin, api, feeds, pages_articles, pages_lists, pages_people
from colonnade.web.security import SecurityHeaders
from colonnade.web.site import STATIC, Site

log = logging.getLogger(__name__)

DESCRIPTION = """Opinion columns from publishers worldwide: articles, columnists,
publications and search. Lists are newest first and paged with opaque cursors: pass the
`next_cursor` of one response as `cursor` to get the next page. Article text beyond the
excerpt is included only where the site is configured to show full text. Atom feeds exist for
every list page of the site (`/feed.atom`, `/columnists/{slug}/feed.atom`, ...). The
administration endpoints need `Authorization: Bearer <admin token>`."""


def create_app(storage: Storage, settings: Settings) -> FastAPI:
    site = Site(storage, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        site.views.start()
        try:
            yield
        finally:
            await run_in_threadpool(site.views.stop)

    app = FastAPI(
        title="Colonnade",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.site = site
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders, fallback=errors.server_error)
    errors.install(app)
    admin.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (api, admin, feeds, pages_articles, pages_people, pages_lists):
        app.include_router(module.router)
    return app
