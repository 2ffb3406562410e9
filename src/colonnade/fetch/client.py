"""The asyncio HTTP client the crawler fetches with: polite, bounded and safe.

One `Fetcher.fetch()` reads top to bottom as:

    for each hop (the URL, then at most `max_redirects` redirect targets):
        SSRF guard -> robots.txt -> per-host slot -> GET, streamed and bounded in size and time
        (429, 5xx and network errors: back off and try again, `retries` times)
    -> FetchedPage (2xx, or 304 with an empty body) or a FetchError subclass

Every error is a `FetchError` subclass whose message is one line naming the URL and the reason;
no httpx exception escapes.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType

import httpx

from colonnade.config import Settings
from colonnade.errors import BlockedAddress, FetchError, GoneError, one_line
from colonnade.fetch.body import read_body, read_prefix, unpack_gzip_file
from colonnade.fetch.charset import decode_body
from colonnade.fetch.content import ACCEPT_HEADERS, Accept, is_textual
from colonnade.fetch.decompress import GZIP_MAGIC
from colonnade.fetch.politeness import Clock, Politeness, Sleep, origin_of
from colonnade.fetch.retry import RETRY_STATUSES, RetryPolicy
from colonnade.fetch.robots import MAX_ROBOTS_BYTES, RobotsCache
from colonnade.fetch.ssrf import AddressGuard, guarded_transport
from colonnade.models import FetchedPage

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class TransientError(FetchError):
    """A network failure (timeout, refused or broken connection) that another try may cure."""


@dataclass(slots=True)
class _Reply:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = field(default=b"", repr=False)


@dataclass(frozen=True, slots=True)
class _Ask:
    """How one request is made, on every hop: what it accepts, whether robots.txt is asked,
    how often it is tried, and its body limit (over it an error, or with `truncate` a cut)."""

    accept: Accept
    obey_robots: bool
    retries: int
    limit: int
    truncate: bool = False


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):  # chains are short; the bound guards against cycles
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Fetcher:
    """Fetch pages and feeds politely. Use as `async with Fetcher(settings) as fetcher:`.

    `transport` replaces the HTTP transport (then only the pre-request SSRF check applies, not
    the connect-time one); `guard` replaces the SSRF guard built from the settings (to permit a
    known network or resolve names differently); `retry` tunes backoff and the Retry-After cap;
    `clock` and `sleep` are where every delay, backoff and cache expiry reads the time and waits
    (tests pass a fake pair to check them without waiting).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        guard: AddressGuard | None = None,
        retry: RetryPolicy | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.guard = guard or AddressGuard(
            settings.allow_private_addresses, resolve_timeout=settings.connect_timeout
        )
        self.retry = retry or RetryPolicy()
        self.politeness = Politeness(
            concurrency=settings.concurrency,
            per_host_concurrency=settings.per_host_concurrency,
            per_host_delay=settings.per_host_delay,
            clock=clock,
            sleep=sleep,
        )
        self.robots = RobotsCache(self._download_robots, settings.user_agent, clock=clock)
        self._clock = clock
        self._sleep = sleep
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        transport = self._transport or guarded_transport(
            self.guard, max_connections=max(1, s.concurrency)
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=s.connect_timeout,
                read=s.read_timeout,
                write=s.read_timeout,
                pool=s.total_timeout,
            ),
            # Only codings whose inflation we can bound (see decompress.py).
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = "page",
    ) -> FetchedPage:
        """GET url. accept: "page" (HTML article), "feed" (RSS/Atom/sitemap, gzip sitemaps are
        decompressed) or "any" (no content checks). 304 comes back as a page, not an error."""
        if accept not in ACCEPT_HEADERS:
            raise ValueError(f"accept must be one of {sorted(ACCEPT_HEADERS)}, not {accept!r}")
        headers = {"Accept": ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = self._clock()
        s = self.settings
        ask = _Ask(accept, s.obey_robots, s.retries, s.max_body_bytes)
        reply = await self._follow(url, headers, ask)
        page = self._page(url, reply, accept)
        log.debug(
            "GET %s -> %s, %d bytes in %.2f s",
            url,
            page.status,
            len(page.body),
            self._clock() - started,
        )
        return page

    async def robots_sitemaps(self, url: str) -> list[str]:
        """Sitemap: URLs in the robots.txt of url's origin (whether or not robots are obeyed)."""
        await self.guard.check_url(url)
        robots = await self.robots.get(origin_of(url))
        return robots.sitemaps

    # -- one request, hop by hop ---------------------------------------------------------------

    async def _follow(self, url: str, headers: dict[str, str], ask: _Ask) -> _Reply:
        current = url
        seen = {_without_fragment(url)}
        for _ in range(max(0, self.settings.max_redirects) + 1):
            reply = await self._hop(current, headers, ask)
            if reply.status not in REDIRECT_STATUSES:
                return reply
            target = _redirect_target(current, reply)
            if _without_fragment(target) in seen:
                raise FetchError(f"redirect loop: {current} -> {target} (from {url})", url=url)
            seen.add(_without_fragment(target))
            current = target
        raise FetchError(f"more than {self.settings.max_redirects} redirects from {url}", url=url)

    async def _hop(self, url: str, headers: dict[str, str], ask: _Ask) -> _Reply:
        """One URL: checks, then up to ask.retries + 1 tries. Returns 2xx, 304 or 3xx replies."""
        await self.guard.check_url(url)
        origin = origin_of(url)
        delay = self.settings.per_host_delay
        if ask.obey_robots:
            robots = await self.robots.get(origin)
            refusal = robots.refusal(url)
            if refusal is not None:
                raise refusal
            delay = max(delay, robots.crawl_delay or 0.0)
        tries = max(0, ask.retries) + 1
        for attempt in range(1, tries + 1):
            try:
                async with self.politeness.slot(origin, delay):
                    reply = await self._exchange(url, headers, ask)
            except TransientError as exc:
                if attempt == tries:
                    suffix = f" (after {tries} tries)" if tries > 1 else ""
                    raise TransientError(f"{exc}{suffix}", url=url) from None
                wait = self.retry.backoff(attempt)
                log.info("retrying %s in %.2f s: %s", url, wait, exc)
                await self._sleep(wait)
                continue
            if reply.status not in RETRY_STATUSES:
                return _check_status(reply)
            if attempt == tries:
                break
            retry_after = self.retry.retry_after(reply.headers.get("retry-after"))
            if retry_after is not None:
                # The whole host asked for a pause, not only this request.
                self.politeness.defer(origin, retry_after)
                log.info("HTTP %s at %s: retrying after %.1f s", reply.status, url, retry_after)
            else:
                wait = self.retry.backoff(attempt)
                log.info("HTTP %s at %s: retrying in %.2f s", reply.status, url, wait)
                await self._sleep(wait)
        status = reply.status
        if tries > 1:
            message = f"HTTP {status} after {tries} tries: {url}"
        else:
            message = f"{_status_line(status)}: {url}"
        raise FetchError(message, url=url, status=status)

    async def _exchange(self, url: str, headers: dict[str, str], ask: _Ask) -> _Reply:
        """One HTTP exchange within the total deadline; httpx errors become FetchErrors."""
        if self._client is None:
            raise RuntimeError("use 'async with Fetcher(settings) as fetcher:'")
        s = self.settings
        try:
            async with asyncio.timeout(s.total_timeout):
                async with self._client.stream("GET", url, headers=headers) as response:
                    reply = _Reply(url, response.status_code, dict(response.headers.items()))
                    if 200 <= reply.status < 300 and ask.truncate:
                        reply.body = await read_prefix(response, url, ask.limit)
                    elif 200 <= reply.status < 300:
                        reply.body = await read_body(response, url, ask.accept, ask.limit)
                        if response.headers.get("content-encoding"):
                            reply.headers.pop("content-encoding", None)
                            reply.headers.pop("content-length", None)
                    return reply
        except TimeoutError:
            raise FetchError(
                f"timed out after {s.total_timeout} s (whole request) fetching {url}", url=url
            ) from None
        except httpx.ConnectTimeout:
            raise TransientError(
                f"timed out after {s.connect_timeout} s connecting to {url}", url=url
            ) from None
        except httpx.PoolTimeout:
            raise TransientError(f"timed out waiting for a connection to {url}", url=url) from None
        except httpx.TimeoutException:
            raise TransientError(
                f"timed out after {s.read_timeout} s reading {url}", url=url
            ) from None
        except httpx.ConnectError as exc:
            if _caused_by(exc, ssl.SSLError):
                # A bad certificate will not get better on a second try.
                raise FetchError(f"TLS failed for {url}: {one_line(exc)}", url=url) from None
            raise TransientError(f"cannot connect to {url}: {one_line(exc)}", url=url) from None
        except httpx.TransportError as exc:
            # Broken connections, protocol violations: often a server restarting.
            if isinstance(exc, httpx.UnsupportedProtocol):
                raise FetchError(f"unsupported URL {url}: {one_line(exc)}", url=url) from None
            raise TransientError(
                f"connection failed fetching {url}: {one_line(exc)}", url=url
            ) from None
        except BlockedAddress as exc:
            if exc.url is not None:
                raise
            raise BlockedAddress(f"blocked {url}: {exc}", url=url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"cannot fetch {url}: {one_line(exc)}", url=url) from None

    def _page(self, url: str, reply: _Reply, accept: Accept) -> FetchedPage:
        headers, body = reply.headers, reply.body
        if accept == "feed" and body.startswith(GZIP_MAGIC):
            # A gzip file (sitemap.xml.gz), not a Content-Encoding: unpack it, same limit.
            body = unpack_gzip_file(body, reply.url, self.settings.max_body_bytes, reply.status)
            headers = {**headers, "content-type": "application/xml"}
            headers.pop("content-length", None)
        content_type = headers.get("content-type")
        encoding = None
        if body and (accept != "any" or is_textual(content_type)):
            encoding = decode_body(body, content_type)[1]
        return FetchedPage(
            url=url,
            final_url=reply.url,
            status=reply.status,
            headers=headers,
            body=body,
            fetched_at=datetime.now(UTC),
            encoding=encoding,
        )

    async def _download_robots(self, url: str) -> str:
        """The first MAX_ROBOTS_BYTES of a robots.txt, whatever `max_body_bytes` is: RFC 9309
        asks for at least that much to be parsed, and a longer file to be cut, not ignored."""
        ask = _Ask("any", obey_robots=False, retries=0, limit=MAX_ROBOTS_BYTES, truncate=True)
        reply = await self._follow(url, {"Accept": "text/plain,*/*;q=0.1"}, ask)
        return reply.body.decode("utf-8-sig", errors="replace")


def _check_status(reply: _Reply) -> _Reply:
    status = reply.status
    if 200 <= status < 300 or status == 304 or status in REDIRECT_STATUSES:
        return reply
    if status == 410:
        raise GoneError(f"HTTP 410 Gone: {reply.url}", url=reply.url, status=status)
    raise FetchError(f"{_status_line(status)}: {reply.url}", url=reply.url, status=status)


def _status_line(status: int) -> str:
    phrase = httpx.codes.get_reason_phrase(status)
    return f"HTTP {status} {phrase}" if phrase else f"HTTP {status}"


def _redirect_target(current: str, reply: _Reply) -> str:
    location = reply.headers.get("location", "").strip()
    if not location:
        raise FetchError(
            f"HTTP {reply.status} redirect without a Location: {current}",
            url=current,
            status=reply.status,
        )
    try:
        return str(httpx.URL(current).join(location))
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(
            f"bad redirect Location {location!r} ({one_line(exc)}): {current}", url=current
        ) from None


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def fetch_sync(url: str, settings: Settings, *, accept: Accept = "page") -> FetchedPage:
    """Fetch one URL from synchronous code (the `colonnade extract URL` command)."""

    async def run() -> FetchedPage:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, accept=accept)

    return asyncio.run(run())


__all__ = ["Fetcher", "TransientError", "fetch_sync"]
