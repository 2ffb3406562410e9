"""RSS 0.9x/1.0/2.0 and Atom feeds -> `ParsedFeed`, with the mess publishers make tidied up.

feedparser does the parsing (it recovers from broken XML and wrong encodings better than anything
we would write); this module decides what to trust: entries need a fetchable link, duplicates
collapse, dates must be sane, and titles and summaries come out as plain text.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import time
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from colonnade.codes import language_code
from colonnade.dates import sane_date
from colonnade.errors import FeedError, one_line
from colonnade.excerpts import shorten
from colonnade.fetch.content import sniff
from colonnade.links import absolute_url
from colonnade.sources.text import clean_text, html_to_text

log = logging.getLogger(__name__)

SUMMARY_CHARS = 2000  # a summary is a teaser; full-text feeds would otherwise fill the database
# Items read from one feed. Feeds list their newest items first and a crawl takes at most a few
# hundred per pass; parsing 100,000 items would cost half a minute of CPU for nothing.
MAX_FEED_ITEMS = 1_000

_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_ROOT = re.compile(rb"<((?:[\w.-]+:)?(rss|RDF|feed))[\s>]")


def first_items(body: bytes, limit: int = MAX_FEED_ITEMS) -> bytes:
    """The document cut after its `limit`-th item (RSS) or entry (Atom), properly closed, so
    the parser reads no further; the body itself when it has no more items than that."""
    ends = _ITEM_END.finditer(body)
    last = next(itertools.islice(ends, limit - 1, None), None) if limit > 0 else None
    root = _ROOT.search(body, 0, 4096)
    if last is None or next(ends, None) is None or root is None:
        return body
    cut = last.end()
    tag, kind = root.group(1), root.group(2)
    closing = b"</channel>" if kind == b"rss" else b""
    log.info("feed has more than %d items: reading the first %d", limit, limit)
    return body[:cut] + closing + b"</" + tag + b">"


@dataclass(slots=True)
class FeedEntry:
    """One article a feed or sitemap points at. Dates are aware UTC datetimes or None."""

    url: str
    guid: str
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: list[str] = field(default_factory=list)
    summary: str | None = None  # plain text


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    link: str | None  # the site's homepage as the feed names it
    language: str | None  # ISO 639-1
    entries: list[FeedEntry]


def _text(value: str | None, detail: Any) -> str | None:
    """A feedparser text construct as plain text; only HTML-typed values are de-tagged.

    feedparser marks a value text/html when it is declared so (Atom type="html") or when it
    looks like harmless HTML. A title that merely mentions `<script>` stays text/plain and is
    kept literally: it is words, and whoever displays it escapes it.
    """
    kind = (detail or {}).get("type", "text/plain")
    if kind in ("text/html", "application/xhtml+xml"):
        return html_to_text(value)
    return clean_text(value)


def _entry_url(entry: Any, base_url: str) -> str | None:
    # FeedBurner rewrites links to its own redirector and keeps the publisher's URL here.
    for candidate in (entry.get("feedburner_origlink"), entry.get("link")):
        url = absolute_url(candidate, base_url)
        if url:
            return url
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate":
            url = absolute_url(link.get("href"), base_url)
            if url:
                return url
    return None


def _authors(entry: Any) -> list[str]:
    names: list[str] = []
    raw = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
    if not any(raw) and entry.get("author"):
        raw = [entry.get("author")]
    for name in raw:
        text = html_to_text(name)
        if text and "@" not in text and text not in names:
            names.append(text)
    return names


def _entry(entry: Any, base_url: str, now: datetime | None) -> FeedEntry | None:
    url = _entry_url(entry, base_url)
    if url is None:
        return None
    guid = clean_text(entry.get("id")) or url
    # feedparser 6 answers a missing `updated_parsed` with `published_parsed`; ask the dict itself.
    return FeedEntry(
        url=url,
        guid=guid,
        title=_text(entry.get("title"), entry.get("title_detail")),
        published=from_struct_time(dict.get(entry, "published_parsed"), now),
        updated=from_struct_time(dict.get(entry, "updated_parsed"), now),
        authors=_authors(entry),
        summary=_summary(_text(entry.get("summary"), entry.get("summary_detail"))),
    )


def _summary(text: str | None) -> str | None:
    return shorten(text, SUMMARY_CHARS) if text else None


def from_struct_time(
    value: time.struct_time | None, now: datetime | None = None
) -> datetime | None:
    """A feedparser `*_parsed` value (already in UTC) as a sane aware datetime."""
    if value is None:
        return None
    try:
        dt = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):  # feedparser can hand back day 0 or month 13 from junk input
        return None
    return sane_date(dt, now)


def parse_feed(
    body: bytes,
    base_url: str,
    *,
    now: datetime | None = None,
    max_items: int = MAX_FEED_ITEMS,
) -> ParsedFeed:
    """Parse an RSS or Atom document fetched from `base_url`; only its first `max_items` items.

    Raises FeedError (one line) for an empty body, an HTML page, or a document that is not a
    feed or is too broken to yield any entry. A broken feed that still yields entries is kept.
    """
    kind = sniff(body)
    if kind == "empty":
        raise FeedError(f"{base_url}: empty response")
    if kind == "html":
        raise FeedError(f"{base_url} is an HTML page, not a feed")
    if kind == "jsonfeed":
        raise FeedError(f"{base_url} is a JSON Feed, which is not supported")
    if kind == "sitemap":
        raise FeedError(f"{base_url} is a sitemap, not a feed")
    # A stream, never bytes or str: feedparser treats a str that looks like a URL as one to
    # download and tries bytes as a file name, both unacceptable for untrusted input.
    parsed = feedparser.parse(
        io.BytesIO(first_items(body, max_items)),
        response_headers={"content-location": base_url, "content-type": "application/xml"},
    )
    raw_entries = parsed.get("entries") or []
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    broken = isinstance(error, xml.sax.SAXException)
    if not parsed.get("version") and not raw_entries:
        reason = f" ({one_line(error)})" if broken else ""
        raise FeedError(f"{base_url} is not a feed{reason}")

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    dropped = duplicates = 0
    for raw in raw_entries:
        entry = _entry(raw, base_url, now)
        if entry is None:
            dropped += 1
        elif entry.url in seen:
            duplicates += 1
        else:
            # Only the URL identifies an entry: CMSs reuse GUIDs across different articles,
            # and an article stored twice under two URLs is merged later by canonical URL.
            seen.add(entry.url)
            entries.append(entry)

    if broken:
        # A feed cut off mid-item still lets the loose parser recover the items before the cut.
        if not entries:
            reason = one_line(error)
            raise FeedError(f"{base_url}: malformed feed with no usable entries ({reason})")
        log.warning(
            "%s: malformed feed, kept %d recovered entries (%s)",
            base_url,
            len(entries),
            one_line(error),
        )
    if dropped or duplicates:
        log.info(
            "%s: dropped %d entries without a link and %d duplicates",
            base_url,
            dropped,
            duplicates,
        )

    feed = parsed.get("feed") or {}
    return ParsedFeed(
        title=_text(feed.get("title"), feed.get("title_detail")),
        link=absolute_url(feed.get("link"), base_url),
        language=language_code(feed.get("language"), strict=False),
        entries=entries,
    )
