"""robots.txt: fetched once per origin, cached, and obeyed through protego.

Outcomes of fetching /robots.txt (after redirects), following RFC 9309 except where noted:
- 2xx: the rules apply; a file over `MAX_ROBOTS_BYTES` is cut there and its first part obeyed
  (RFC 9309 section 2.5); cached for `ttl`.
- 4xx (missing, forbidden): no rules, everything allowed (section 2.3.1.3); cached for `ttl`.
- 5xx: the site is "unreachable" and nothing on it is fetched (section 2.3.1.4), with a warning;
  asked again after `failure_ttl`.
- Network failure or an unusable body: everything allowed, with a warning, asked again after
  `failure_ttl`. (RFC 9309 says to assume "disallow all" here too; we keep crawling a site whose
  robots.txt could not be read at all, and say so in the log.)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from protego import Protego

from colonnade.errors import FetchError, RobotsDisallowed

log = logging.getLogger(__name__)

DEFAULT_TTL = 3600.0
FAILURE_TTL = 600.0
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: parse at least the first 500 KiB (512,000 bytes)
# A Crawl-delay of an hour would park a whole crawl pass on one host; beyond this cap we go faster.
CRAWL_DELAY_CAP = 60.0
_PRUNE_ABOVE = 10_000

# Returns the text of at most the first MAX_ROBOTS_BYTES bytes of the file at the URL.
Download = Callable[[str], Awaitable[str]]


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: "Colonnade/0.1 (+url)" ->
    "colonnade". Matching the whole string would let "User-agent: github" match our URL."""
    first = user_agent.strip().split()[0] if user_agent.strip() else "*"
    return first.split("/")[0].lower()


@dataclass(frozen=True, slots=True)
class Robots:
    """The rules of one origin; `parser` None means no rules (everything allowed), unless
    `server_error` holds the 5xx status robots.txt answered (then nothing is allowed)."""

    origin: str
    agent: str
    parser: Protego | None = None
    server_error: int | None = None

    def allows(self, url: str) -> bool:
        if self.server_error is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, self.agent)

    def refusal(self, url: str) -> RobotsDisallowed | None:
        """The error saying why url may not be fetched, or None when it may.

        A refusal caused by a 5xx carries that status, so a crawl tries the URL again later, as
        it does after any 5xx."""
        if self.server_error is not None:
            return RobotsDisallowed(
                f"robots.txt disallows {url}: the site's robots.txt answered HTTP "
                f"{self.server_error}, so nothing there is fetched until it can be read",
                url=url,
                status=self.server_error,
            )
        if not self.allows(url):
            return RobotsDisallowed(f"robots.txt disallows {url}", url=url)
        return None

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
            status = exc.status or 0
            if 400 <= status < 500:
                log.debug("no robots.txt at %s (HTTP %s): everything allowed", url, status)
                return Robots(origin, self.agent), self.ttl
            if 500 <= status < 600:
                log.warning(
                    "robots.txt at %s answered HTTP %s: nothing there is fetched", url, status
                )
                return Robots(origin, self.agent, server_error=status), self.failure_ttl
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
