"""`Site`: what every route needs (storage, settings, templates, cache, view counter), and the
cached lists that every visitor sees alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from colonnade import __version__
from colonnade.config import Settings
from colonnade.store import Facet, MostRead, Publication, Storage
from colonnade.web import names, text, urls
from colonnade.web.cache import TTLCache
from colonnade.web.counter import ViewCounter

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
MOST_READ_DAYS = 7
SITE_NAME = "Colonnade"


class Site:
    def __init__(self, storage: Storage, settings: Settings) -> None:
        self.storage = storage
        self.settings = settings
        self.page_size = max(1, settings.page_size)
        self.cache = TTLCache(settings.cache_seconds)
        self.views = ViewCounter(storage)
        # Autoescape everywhere: every template is HTML, and every value in them is text.
        self.templates = Jinja2Templates(
            env=jinja2.Environment(
                loader=jinja2.FileSystemLoader(TEMPLATES),
                autoescape=True,
                trim_blocks=True,
                lstrip_blocks=True,
                auto_reload=False,
            )
        )
        env = self.templates.env
        env.globals.update(
            urls=urls,
            site_name=SITE_NAME,
            version=__version__,
            country_name=names.country_name,
            language_name=names.language_name,
            kind_label=names.kind_label,
            summary=text.summary,
        )
        env.filters["day"] = _day
        env.filters["stamp"] = _stamp

    def render(
        self, request: Request, template: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        return self.templates.TemplateResponse(request, template, context, status_code=status_code)

    def base_url(self, request: Request) -> str:
        """Where absolute links point: the configured public URL, else this request's host."""
        configured = self.settings.public_url.strip().rstrip("/")
        return configured or str(request.base_url).rstrip("/")

    # Lists every visitor sees alike, cached for `cache_seconds`.

    def most_read(self, limit: int = 10) -> list[MostRead]:
        since = datetime.now(UTC).date() - timedelta(days=MOST_READ_DAYS - 1)
        return self.cache.get_or_compute(
            ("most_read", since, limit),
            lambda: self.storage.views.most_read(since=since, limit=limit),
        )

    def countries(self) -> list[Facet]:
        return self.cache.get_or_compute("countries", self.storage.publications.countries)

    def languages(self) -> list[Facet]:
        return self.cache.get_or_compute("languages", self.storage.articles.languages)

    def publications(self) -> list[Publication]:
        return self.cache.get_or_compute("publications", self.storage.publications.all)

    def archive_months(self) -> list[Facet]:
        return self.cache.get_or_compute("archive", self.storage.articles.archive)


def _day(when: datetime | None) -> str:
    return f"{when.day} {when:%b %Y}" if when else ""


def _stamp(when: datetime | None) -> str:
    """Day and time as the publication wrote them, with the offset: '9 January 2026, 00:30
    UTC+01:00'."""
    if when is None:
        return ""
    offset = when.utcoffset()
    z = f"{when:%z}"  # '+0100'
    zone = "UTC" if not offset else f"UTC{z[:3]}:{z[3:5]}"
    return f"{when.day} {when:%B %Y, %H:%M} {zone}"
