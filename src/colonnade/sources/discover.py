"""Find the feeds of a publication from its homepage, a section page or a feed URL.

Order, cheapest and most reliable first, stopping as soon as something good is found:
1. the URL itself is a feed or a sitemap;
2. feeds the page advertises with <link rel="alternate">;
3. common feed paths under the section, then under the site's root;
4. Google News sitemaps, then ordinary sitemaps, named in robots.txt or at the usual paths.
Every candidate is fetched and parsed before it is accepted. A section page (/opinion/) prefers
feeds that belong to that section over the site-wide feed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import urljoin, urlsplit

from colonnade.errors import BlockedAddress, FeedError, FetchError, RobotsDisallowed
from colonnade.fetch.content import Accept, sniff
from colonnade.links import absolute_url, hostname, origin
from colonnade.models import FetchedPage
from colonnade.sources.feeds import ParsedFeed, parse_feed
from colonnade.sources.pagemeta import FeedLink, PageMeta, clean_site_name, read_page_meta
from colonnade.sources.sitemaps import ParsedSitemap, parse_sitemap

log = logging.getLogger(__name__)

FeedKind = Literal["rss", "sitemap", "newsmap"]

MAX_ADVERTISED = 4  # advertised feeds fetched to verify; sites list dozens of category feeds
MAX_SITEMAP_FETCHES = 5
# Tried in this order under the section and then under the root; stop at the first that works.
# "feed" before "feed/": WordPress redirects the first to the second, so one fetch covers both.
COMMON_FEED_PATHS = ("feed", "rss", "rss.xml", "feed.xml", "atom.xml", "index.xml", "feed/")
COMMON_SITEMAP_PATHS = ("/news-sitemap.xml", "/sitemap.xml")
_DUPLICATE_OVERLAP = 0.8  # an RSS and an Atom version of one feed list the same articles


class PageFetcher(Protocol):
    """The part of colonnade.fetch.Fetcher that discovery needs."""

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = "page",
    ) -> FetchedPage: ...

    async def robots_sitemaps(self, url: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    url: str
    kind: FeedKind
    title: str | None = None


@dataclass(slots=True)
class Discovery:
    homepage: str
    name: str | None
    language: str | None
    feeds: list[DiscoveredFeed] = field(default_factory=list)  # best first


@dataclass(slots=True)
class _Verified:
    feed: DiscoveredFeed
    urls: frozenset[str]  # entry URLs, to spot the same feed offered twice


def section_path(url: str) -> str:
    """'/opinion/' for https://x.com/opinion or /opinion/index.html; '/' for a homepage."""
    path = urlsplit(url).path or "/"
    segments = [s for s in path.split("/") if s]
    if segments and "." in segments[-1]:
        segments = segments[:-1]  # a file such as index.html names the page, not a section
    return "/" + "".join(f"{s}/" for s in segments)


def belongs_to_section(feed_url: str, title: str | None, section: str) -> bool:
    """Whether a feed is the section's own: under its path, or named by its last segment."""
    if section == "/":
        return True
    path = urlsplit(feed_url).path.lower()
    if path.startswith(section.lower()):
        return True
    key = re.escape(section.strip("/").split("/")[-1].lower())
    word = re.compile(rf"(?<![a-z0-9]){key}(?![a-z0-9])")
    return bool(word.search(path) or word.search((title or "").lower()))


def _looks_news(url: str) -> bool:
    return "news" in urlsplit(url).path.lower()


class _Discoverer:
    def __init__(self, fetcher: PageFetcher) -> None:
        self.fetcher = fetcher
        self.tried: set[str] = set()

    async def get(self, url: str, accept: Accept) -> FetchedPage | None:
        if url in self.tried:
            return None
        self.tried.add(url)
        try:
            page = await self.fetcher.fetch(url, accept=accept)
        except FetchError as exc:
            log.debug("discovery: %s: %s", url, exc)
            return None
        self.tried.add(page.final_url)
        return page

    async def verify_feed(self, url: str, title: str | None = None) -> _Verified | None:
        page = await self.get(url, "feed")
        if page is None:
            return None
        try:
            parsed = parse_feed(page.body, page.final_url)
        except FeedError as exc:
            log.debug("discovery: %s", exc)
            return None
        feed = DiscoveredFeed(page.final_url, "rss", parsed.title or title)
        return _Verified(feed, frozenset(e.url for e in parsed.entries))

    async def advertised(self, links: list[FeedLink], section: str) -> list[_Verified]:
        # Section feeds first, so the fetch budget goes to the likeliest candidates.
        ranked = sorted(
            links, key=lambda link: not belongs_to_section(link.url, link.title, section)
        )
        found: list[_Verified] = []
        for link in ranked[:MAX_ADVERTISED]:
            verified = await self.verify_feed(link.url, link.title)
            if verified and not _is_duplicate(verified, found):
                found.append(verified)
        return found

    async def guess(self, base: str, section: str = "/") -> _Verified | None:
        for path in COMMON_FEED_PATHS:
            verified = await self.verify_feed(urljoin(base, path))
            # /opinion/feed may redirect to the site-wide feed: that is not the section's own.
            if verified and belongs_to_section(verified.feed.url, verified.feed.title, section):
                return verified
        return None

    async def sitemaps(self, page_url: str) -> list[DiscoveredFeed]:
        try:
            listed = await self.fetcher.robots_sitemaps(page_url)
        except FetchError as exc:
            log.debug("discovery: robots.txt of %s: %s", page_url, exc)
            listed = []
        root = origin(page_url)
        candidates = _unique([*listed, *(urljoin(root, p) for p in COMMON_SITEMAP_PATHS)])
        candidates.sort(key=lambda u: not _looks_news(u))  # stable: robots order kept otherwise
        # The contents decide what is a news sitemap, not the name, so every candidate within
        # the budget is looked at. Both kinds are kept: the news sitemap is fresh (two days at
        # most, by Google's rules), the general one lets a new source start with a backlog.
        budget = MAX_SITEMAP_FETCHES
        news: DiscoveredFeed | None = None
        general: DiscoveredFeed | None = None
        for candidate in candidates:
            if budget <= 0 or (news and general):
                break
            budget -= 1
            parsed, final_url = await self.sitemap(candidate)
            if parsed is None:
                continue
            if parsed.is_news:
                news = news or DiscoveredFeed(final_url, "newsmap")
                continue
            if parsed.is_index and news is None:
                # An index whose child is a news sitemap: point at that child, not the archive.
                for child in [c for c in parsed.sitemaps if _looks_news(c)][:1]:
                    budget -= 1
                    child_parsed, child_url = await self.sitemap(child)
                    if child_parsed is not None and child_parsed.is_news:
                        news = DiscoveredFeed(child_url, "newsmap")
            if general is None and (parsed.entries or parsed.sitemaps):
                general = DiscoveredFeed(final_url, "sitemap")
        return [f for f in (news, general) if f]

    async def sitemap(self, url: str) -> tuple[ParsedSitemap | None, str]:
        page = await self.get(url, "feed")
        if page is None:
            return None, url
        try:
            return parse_sitemap(page.body, page.final_url), page.final_url
        except FeedError as exc:
            log.debug("discovery: %s", exc)
            return None, page.final_url


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if u))


def _is_duplicate(candidate: _Verified, found: list[_Verified]) -> bool:
    for other in found:
        if candidate.feed.url == other.feed.url:
            return True
        smaller = min(len(candidate.urls), len(other.urls))
        if smaller and len(candidate.urls & other.urls) >= _DUPLICATE_OVERLAP * smaller:
            return True
    return False


def _from_feed(page: FetchedPage, parsed: ParsedFeed) -> Discovery:
    homepage = parsed.link or origin(page.final_url)
    return Discovery(
        homepage=homepage,
        name=clean_site_name(parsed.title, homepage, otherwise="whole") or hostname(homepage),
        language=parsed.language,
        feeds=[DiscoveredFeed(page.final_url, "rss", parsed.title)],
    )


def _from_sitemap(page: FetchedPage, parsed: ParsedSitemap) -> Discovery:
    kind: FeedKind = "newsmap" if parsed.is_news else "sitemap"
    homepage = origin(page.final_url)
    return Discovery(homepage, hostname(homepage), None, [DiscoveredFeed(page.final_url, kind)])


async def discover(url: str, fetcher: PageFetcher) -> Discovery:
    """The publication behind `url` and its feeds, best first; FeedError when none is found.

    FetchError is raised when the URL itself is refused (blocked address, robots.txt) or the
    host cannot be reached; an HTTP error on the page alone still lets the usual paths be tried.
    """
    if absolute_url(url, None) is None:
        raise FeedError(f"{url!r} is not an http(s) URL")
    url = url.strip()
    finder = _Discoverer(fetcher)
    finder.tried.add(url)
    page_error: FetchError | None = None
    page: FetchedPage | None = None
    try:
        page = await fetcher.fetch(url, accept="any")
    except (BlockedAddress, RobotsDisallowed):
        raise
    except FetchError as exc:
        if exc.status is None:  # no answer at all: nothing else on that host will do better
            raise
        page_error = exc
        log.info("discovery: %s answered %s; trying the usual feed paths", url, exc.status)

    meta = PageMeta()
    page_url = page.final_url if page else url
    section = section_path(page_url)
    if page is not None:
        finder.tried.add(page.final_url)
        kind = sniff(page.body)
        # Given a feed or sitemap, that is the answer; if it is broken, say so rather than
        # go looking elsewhere for something the user did not ask for.
        if kind in ("feed", "jsonfeed"):
            return _from_feed(page, parse_feed(page.body, page.final_url))
        if kind == "sitemap":
            return _from_sitemap(page, parse_sitemap(page.body, page.final_url))
        if kind == "text":
            try:
                return _from_sitemap(page, parse_sitemap(page.body, page.final_url))
            except FeedError:
                pass
        content_type = page.headers.get("content-type")
        meta = read_page_meta(page.body, page.final_url, content_type, section=section != "/")

    feeds = await _find_feeds(finder, meta, page_url, section)
    if not feeds:
        feeds = await finder.sitemaps(page_url)
    if not feeds:
        reason = f" (the page itself: {page_error})" if page_error else ""
        raise FeedError(f"no feed or sitemap found at {url}{reason}")
    homepage = origin(page_url)
    return Discovery(homepage, meta.name or hostname(homepage), meta.language, feeds)


async def _find_feeds(
    finder: _Discoverer, meta: PageMeta, page_url: str, section: str
) -> list[DiscoveredFeed]:
    advertised = await finder.advertised(meta.feeds, section)
    if section == "/":
        if advertised:
            return [v.feed for v in advertised]
        guessed = await finder.guess(origin(page_url))
        return [guessed.feed] if guessed else []

    own = [v.feed for v in advertised if belongs_to_section(v.feed.url, v.feed.title, section)]
    if own:
        return own
    # The page advertises only the site-wide feed (a common template habit): look for the
    # section's own feed before settling for it.
    guessed = await finder.guess(urljoin(page_url, section), section)
    if guessed:
        return [guessed.feed]
    if advertised:
        return [v.feed for v in advertised]
    guessed = await finder.guess(origin(page_url))
    return [guessed.feed] if guessed else []
