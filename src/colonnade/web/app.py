"""`create_app(storage, settings)`: the reader's ASGI application (FastAPI).

Every article list is one view (web/views.py) served three ways by routes/lists.py: an HTML
page, an Atom feed and a JSON list under /api/v1/. Besides them: the article page
(routes/pages_articles.py), the directories (routes/directories.py), the rest of the JSON API
(routes/api.py) and the token-guarded administration API (routes/admin.py), all reading
through one `Storage`. Routes are plain `def` functions: FastAPI runs them in its thread pool,
where the synchronous store belongs. Before any of them, `params.checked_address` refuses an
address no record can match (a number beyond 64 bits, a control character). The OpenAPI
document is at /openapi.json; the interactive /docs page is off because it loads scripts from
a CDN.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from colonnade import __version__
from colonnade.config import Settings
from colonnade.store import Storage
from colonnade.web import errors, params
from colonnade.web.body_limit import BodyLimit
from colonnade.web.head import HeadAsGet
from colonnade.web.routes import admin, api, directories, lists, pages_articles
from colonnade.web.security import PublicHost, SecurityHeaders, public_origin
from colonnade.web.site import STATIC, Site
from colonnade.web.validators import Validators

log = logging.getLogger(__name__)

GZIP_MIN_BYTES = 500  # below this, compression saves less than its headers cost

DESCRIPTION = """Opinion columns from publishers worldwide: articles, columnists,
publications and search. Every article list (all articles, an edition, a language, a
columnist, a publication, a day, a search) takes the same filters (`country`, `language`,
`publication`, `columnist`, `kind`, `from`, `to`, `q`, `order`) and is paged with opaque
cursors: pass the `next_cursor` of one response as `cursor` to get the next page. Article
text beyond the excerpt is included only where the site is configured to show full text.
Atom feeds exist for every list (`/feed.atom`, `/columnists/{slug}/feed.atom`, ...). The
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
        dependencies=[Depends(params.checked_address)],
    )
    app.state.site = site
    # The first added runs innermost: an answer passes them in this order on its way out.
    app.add_middleware(Validators)  # ETag, 304; inside HeadAsGet: a HEAD gets the GET's ETag
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(admin.AdminGate)
    app.add_middleware(PublicHost, origin=public_origin(settings.public_url))
    # Level 6: nearly all of 9's saving on pages of text, at a fraction of its time.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    app.add_middleware(SecurityHeaders, fallback=errors.server_error)
    errors.install(app)
    admin.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (api, admin, lists, pages_articles, directories):
        app.include_router(module.router)
    return app
