"""XML sitemaps, sitemap indexes, Google News sitemaps and plain-text URL lists -> entries.

Parsed with lxml in recover mode (publishers' sitemaps are often slightly broken) but with entity
resolution, DTD loading and network access all off, so a hostile sitemap cannot read local files
(XXE) or make us fetch anything. Gzip bodies are inflated with a hard cap against zip bombs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from colonnade.dates import parse_date
from colonnade.errors import FeedError
from colonnade.fetch.content import is_url_list, root_element
from colonnade.fetch.decompress import GZIP_MAGIC, DecodeFailed, LimitExceeded, gunzip
from colonnade.links import absolute_url
from colonnade.sources.feeds import FeedEntry
from colonnade.sources.text import clean_text

log = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps.org limit for one uncompressed sitemap


@dataclass(slots=True)
class ParsedSitemap:
    is_index: bool
    sitemaps: list[str]  # child sitemaps of an index, in document order
    entries: list[FeedEntry]
    is_news: bool = False  # a Google News sitemap (news:news elements present)
    # lastmod of each child sitemap, when given: lets a crawler skip children that did not change
    sitemap_updated: dict[str, datetime] = field(default_factory=dict)


def _inflate(body: bytes, base_url: str, max_bytes: int) -> bytes:
    try:
        return gunzip(body, max_bytes)
    except DecodeFailed as exc:
        raise FeedError(f"{base_url}: corrupt gzip data: {exc}") from None
    except LimitExceeded:
        raise FeedError(
            f"{base_url}: sitemap is larger than {max_bytes} bytes once decompressed"
        ) from None


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if _local(child) == name:
            # An unexpanded entity leaves only the text before it: a wrong value, not a short one.
            if any(isinstance(node, etree._Entity) for node in child):
                return None
            return clean_text(child.text)
    return None


def _xml_parser() -> etree.XMLParser:
    # A fresh parser per document: lxml parser objects must not be shared between threads.
    return etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _parse_xml(data: bytes, base_url: str, now: datetime | None) -> ParsedSitemap:
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"{base_url} is not a sitemap ({' '.join(str(exc).split())})") from None
    if root is None:
        raise FeedError(f"{base_url} is not a sitemap (unreadable XML)")
    kind = _local(root)
    if kind == "sitemapindex":
        children: list[str] = []
        updated: dict[str, datetime] = {}
        for item in root:
            if _local(item) != "sitemap":
                continue
            url = absolute_url(_child_text(item, "loc"), base_url)
            if url and url not in children:
                children.append(url)
                lastmod = parse_date(_child_text(item, "lastmod"), now, utc=True)
                if lastmod:
                    updated[url] = lastmod
        return ParsedSitemap(True, children, [], sitemap_updated=updated)
    if kind != "urlset":
        raise FeedError(f"{base_url} is not a sitemap (root element <{kind}>)")

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    is_news = False
    for item in root:
        if _local(item) != "url":
            continue
        url = absolute_url(_child_text(item, "loc"), base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        lastmod = parse_date(_child_text(item, "lastmod"), now, utc=True)
        entry = FeedEntry(url=url, guid=url, updated=lastmod)
        for child in item:
            if _local(child) == "news":
                is_news = True
                entry.title = _child_text(child, "title")
                entry.published = parse_date(_child_text(child, "publication_date"), now, utc=True)
        entries.append(entry)
    return ParsedSitemap(False, [], entries, is_news=is_news)


def _parse_text(data: bytes, base_url: str) -> ParsedSitemap:
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for line in data.decode("utf-8", errors="replace").splitlines():
        url = absolute_url(line.strip(), base_url) if line.strip().startswith("http") else None
        if url and url not in seen:
            seen.add(url)
            entries.append(FeedEntry(url=url, guid=url))
    return ParsedSitemap(False, [], entries)


def parse_sitemap(
    body: bytes,
    base_url: str,
    *,
    now: datetime | None = None,
    max_bytes: int = MAX_SITEMAP_BYTES,
) -> ParsedSitemap:
    """Parse a sitemap (XML, gzip-compressed XML or a text list of URLs) fetched from `base_url`.

    Raises FeedError (one line) when the body is empty, too large once inflated, or not a sitemap.
    """
    if body.startswith(GZIP_MAGIC):
        body = _inflate(body, base_url, max_bytes)
    elif len(body) > max_bytes:
        raise FeedError(f"{base_url}: sitemap is larger than {max_bytes} bytes")
    if not body.strip():
        raise FeedError(f"{base_url}: empty response")
    root = root_element(body)
    if root is None:
        if is_url_list(body):
            return _parse_text(body, base_url)
        raise FeedError(f"{base_url} is not a sitemap")
    if root == "html":
        raise FeedError(f"{base_url} is an HTML page, not a sitemap")
    parsed = _parse_xml(body, base_url, now)
    log.debug(
        "%s: %s with %d entries and %d child sitemaps",
        base_url,
        "sitemap index" if parsed.is_index else "sitemap",
        len(parsed.entries),
        len(parsed.sitemaps),
    )
    return parsed
