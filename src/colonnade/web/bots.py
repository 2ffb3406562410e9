"""Which requests for a page are a person reading it: not robots, prefetches or HEADs.

"Most read" counts readers. Search engines, link-preview fetchers (a link shared in a chat is
fetched by the chat's server), archivers, monitors, headless browsers and HTTP libraries are
not readers, and they say so in their user agent; an empty user agent is no browser either.
The patterns are generic words robots put in their names, plus the few fetchers whose name
lacks them. Where a browser could match by accident, the pattern is narrowed: "bot" not after
"cu" (Cubot phones write their model into the agent), WhatsApp and the HTTP libraries only at
the start (the apps' in-app browsers send Mozilla/5.0 first), no bare "pinterest" or
"facebook" (the in-app browsers carry those names). A robot that poses as a browser is counted
like one: this filter is for honest robots; repeats are handled by the counter.

A prefetch (`Sec-Purpose`/`Purpose: prefetch`, also prerender; Safari's `X-Purpose: preview`,
old Firefox's `X-Moz: prefetch`) loads a page the reader may never open, and a HEAD reads
no page at all.
"""

from __future__ import annotations

import re

from fastapi import Request

from colonnade.web.counter import Visitor
from colonnade.web.head import is_head

ROBOT_AGENT = re.compile(
    "|".join(
        (
            # Names robots give themselves: Googlebot, bingbot, DuckDuckBot-Https, AdsBot-Google,
            # Baiduspider, Yahoo! Slurp, ia_archiver, Feedfetcher-Google, YandexMetrika...
            r"(?<!cu)bot(?![a-z])",
            r"crawl",
            r"spider",
            r"slurp",
            r"archiver",
            r"fetcher",
            r"scraper",
            r"preview",  # BingPreview, Yahoo Link Preview, SkypeUriPreview, Snap URL Preview
            r"monitor",
            r"uptime",
            r"pingdom",
            r"validator",
            r"\+?https?://",  # a robot signs with its address; browsers never do
            # Link-preview and index fetchers without one of those words.
            r"facebookexternalhit",
            r"facebookcatalog",
            r"meta-externalagent",
            r"^whatsapp/",
            r"^viber/",
            r"embedly",
            r"iframely",
            r"vkshare",
            r"mediapartners-google",
            r"google-inspectiontool",
            r"googleother",
            r"yandex(?:images|metrika|favicons)",
            r"bytespider",
            r"ccbot",
            r"anthropic-ai",
            r"perplexity",
            r"chatgpt-user",
            # Headless and measuring browsers.
            r"headless",
            r"phantomjs",
            r"lighthouse",
            r"pagespeed",
            r"\bptst\b",  # WebPageTest
            # Command-line tools and HTTP libraries, as they name themselves by default.
            r"^(?:curl|wget|httpie|python-requests|python-urllib|python-httpx|aiohttp"
            r"|go-http-client|okhttp|axios|node-fetch|undici|libwww-perl|lwp-|java"
            r"|apache-httpclient|scrapy|guzzlehttp|ruby|faraday|postmanruntime|insomnia)\b",
        )
    ),
    re.IGNORECASE,
)

_PURPOSE_HEADERS = ("sec-purpose", "purpose", "x-purpose", "x-moz")
_PREFETCH = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)


def is_robot(user_agent: str) -> bool:
    """A user agent that names a robot, a headless browser or an HTTP library, or none."""
    agent = user_agent.strip()
    return not agent or ROBOT_AGENT.search(agent) is not None


def is_prefetch(request: Request) -> bool:
    """A page loaded ahead of a click that may never come."""
    return any(_PREFETCH.search(request.headers.get(name, "")) for name in _PURPOSE_HEADERS)


def reader(request: Request) -> Visitor | None:
    """The visitor reading this page, or None when the request is no reading."""
    user_agent = request.headers.get("user-agent", "")
    if is_head(request.scope) or is_prefetch(request) or is_robot(user_agent):
        return None
    address = request.client.host if request.client else ""
    return Visitor(address, user_agent)
