"""What the administration API sets in motion: adding a source (feed discovery, as
`colonnade sources add` does) and a crawl pass in the background.

The site itself never fetches; these hand the work to colonnade.sources and
colonnade.pipeline. A crawl runs in its own thread with its own event loop, because the
pipeline calls the (synchronous) store between awaits and would stall page serving if it
shared the server's loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from colonnade.config import Settings
from colonnade.errors import BadRequest
from colonnade.store import Feed, Publication, Storage
from colonnade.store.naming import country_code, language_code

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CrawlStatus:
    running: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    report: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class CrawlRunner:
    def __init__(self, storage: Storage, settings: Settings) -> None:
        self.storage = storage
        self.settings = settings
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.status = CrawlStatus()

    def start(self, *, force: bool = False) -> bool:
        """Start one crawl pass; False when one is already running."""
        with self._lock:
            if self.status.running:
                return False
            self.status = CrawlStatus(running=True, started_at=datetime.now(UTC))
            self._thread = threading.Thread(
                target=self._run, args=(force,), name="admin-crawl", daemon=True
            )
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self, force: bool) -> None:
        from colonnade.pipeline import crawl_once

        report: dict[str, Any] = {}
        error = None
        try:
            result = asyncio.run(crawl_once(self.storage, self.settings, force=force))
            report = _report_dict(result)
        except Exception as exc:  # reported through the status endpoint, never lost
            log.exception("background crawl failed")
            error = str(exc) or type(exc).__name__
        with self._lock:
            self.status = CrawlStatus(
                running=False,
                started_at=self.status.started_at,
                finished_at=datetime.now(UTC),
                report=report,
                error=error,
            )


def _report_dict(report: Any) -> dict[str, Any]:
    if not dataclasses.is_dataclass(report) or isinstance(report, type):
        return {}
    data = dataclasses.asdict(report)
    data.pop("extract_ms", None)  # one number per page: too long for a status
    return data


async def add_source(
    storage: Storage,
    settings: Settings,
    url: str,
    *,
    name: str | None,
    country: str | None,
    language: str | None,
) -> tuple[Publication, list[Feed]]:
    """Discover the feeds of a homepage, section page or feed URL and record the publication
    with them, as `colonnade sources add` does."""
    from starlette.concurrency import run_in_threadpool

    from colonnade.fetch import Fetcher
    from colonnade.sources.add import record_source
    from colonnade.sources.discover import discover

    if not url.startswith(("http://", "https://")):
        raise BadRequest(f"{url!r} is not an http(s) URL")
    # Checked before any fetching, so a typo costs no request to the publisher.
    country, language = country_code(country), language_code(language)
    async with Fetcher(settings) as fetcher:
        found = await discover(url, fetcher)

    def record() -> tuple[Publication, list[Feed]]:
        return record_source(storage, found, name=name, country=country, language=language)

    return await run_in_threadpool(record)
