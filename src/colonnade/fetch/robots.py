"""robots.txt: fetched once per origin, cached, and obeyed through protego.

Outcomes of fetching /robots.txt (after redirects), following RFC 9309 except where noted:
- 2xx: the rules apply; cached for `ttl`.
- 4xx (missing, forbidden): no rules, everything allowed; cached for `ttl`.
- 5xx, network failure, or a file too large: everything allowed, with a warning, retried after
  `failure_ttl`. (RFC 9309 says to assume "disallow all"; we prefer to keep crawling a site whose
  robots.txt is broken, and say so in the log.)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from protego import Protego

from colonnade.errors import FetchError

log = logging.getLogger(__name__)

DEFAULT_TTL = 3600.0
FAILURE_TTL = 600.0
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
# A Crawl-delay of an hour would park a whole crawl pass on one host; beyond this cap we go faster.
CRAWL_DELAY_CAP = 60.0
_PRUNE_ABOVE = 10_000

Download = Callable[[str], Awaitable[str]]


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: "Colonnade/0.1 (+url)" ->
    "colonnade". Matching the whole string would let "User-agent: github" match our URL."""
    first = user_agent.strip().split()[0] if user_agent.strip() else "*"
    return first.split("/")[0].lower()


@dataclass(frozen=True, slots=True)
class Robots:
    """The rules of one origin; `parser` None means no rules (everything allowed)."""

    origin: str
    agent: str
    parser: Protego | None = None

    def allows(self, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, self.agent)

    @property
    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.agent)
        return None if delay is None else min(float(delay), CRAWL_DELAY_CAP)

    @property
    def sitemaps(self) -> list[str]:
        if self.parser is None:
            return []
        base = f"{self.origin}/robots.txt"
        return list(dict.fromkeys(urljoin(base, s.strip()) for s in self.parser.sitemaps))


class RobotsCache:
    def __init__(
        self,
        download: Download,
        user_agent: str,
        *,
        ttl: float = DEFAULT_TTL,
        failure_ttl: float = FAILURE_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._download = download
        self.agent = agent_token(user_agent)
        self.ttl = ttl
        self.failure_ttl = failure_ttl
        self._clock = clock
        self._entries: dict[str, tuple[float, Robots]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, origin: str) -> Robots:
        """The rules for origin ("scheme://host:port"), downloading them at most once per TTL."""
        cached = self._fresh(origin)
        if cached is not None:
            return cached
        # One download per origin even when many requests to it start at once.
        async with self._locks.setdefault(origin, asyncio.Lock()):
            cached = self._fresh(origin)
            if cached is not None:
                return cached
            robots, ttl = await self._load(origin)
            if len(self._entries) > _PRUNE_ABOVE:
                self._prune()
            self._entries[origin] = (self._clock() + ttl, robots)
            return robots

    def _fresh(self, origin: str) -> Robots | None:
        entry = self._entries.get(origin)
        if entry is not None and entry[0] > self._clock():
            return entry[1]
        return None

    async def _load(self, origin: str) -> tuple[Robots, float]:
        url = f"{origin}/robots.txt"
        try:
            text = await self._download(url)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                log.debug("no robots.txt at %s (HTTP %s): everything allowed", url, exc.status)
                return Robots(origin, self.agent), self.ttl
            log.warning("robots.txt unavailable, treating %s as allowed: %s", origin, exc)
            return Robots(origin, self.agent), self.failure_ttl
        return Robots(origin, self.agent, Protego.parse(text)), self.ttl

    def _prune(self) -> None:
        now = self._clock()
        for origin, (expires, _) in list(self._entries.items()):
            if expires <= now:
                del self._entries[origin]
                lock = self._locks.get(origin)
                if lock is not None and not lock.locked():
                    del self._locks[origin]
