"""What a publication's HTML page says about itself: name, language and advertised feeds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import lxml.html
from lxml import etree

from colonnade.codes import language_code
from colonnade.fetch.charset import decode_body
from colonnade.links import absolute_url, hostname
from colonnade.sources.text import clean_text

# Types under which sites advertise feeds we can parse; text/xml and application/xml are old
# but still common labels for RSS. JSON Feed is left out: feedparser cannot read it.
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»:\-]\s+|\s*[|»]\s*")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_COMMENTS_FEED = re.compile(r"(?:^|/)comments?(?:/|$)|\bcomments?\s+feed\b", re.I)


@dataclass(frozen=True, slots=True)
class FeedLink:
    url: str
    title: str | None


@dataclass(slots=True)
class PageMeta:
    name: str | None = None
    language: str | None = None
    feeds: list[FeedLink] = field(default_factory=list)  # in page order, comment feeds left out


def _squash(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.lower())


def clean_site_name(
    title: str | None, url: str, *, otherwise: Literal["first", "last", "whole"] = "first"
) -> str | None:
    """The publication's name out of a title such as 'Opinion | The Example Times'.

    The part that matches the host name wins ('The Guardian' on theguardian.com). Failing that,
    `otherwise` decides: homepages start with the site name, section pages end with it, and a
    feed's title is best kept whole.
    """
    title = clean_text(title)
    if not title:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) <= 1:
        return title
    host = _squash(hostname(url).split(".")[0]) if hostname(url) else ""
    if host:
        for part in parts:
            squashed = _squash(part)
            if squashed and (squashed in host or host in squashed):
                return part
    if otherwise == "whole":
        return title
    return parts[-1] if otherwise == "last" else parts[0]


def _meta(doc: lxml.html.HtmlElement, attr: str, value: str) -> str | None:
    for el in doc.iter("meta"):
        if (el.get(attr) or "").strip().lower() == value:
            content = clean_text(el.get("content"))
            if content:
                return content
    return None


def _language(doc: lxml.html.HtmlElement) -> str | None:
    candidates = [
        doc.get("lang"),
        doc.get("xml:lang"),  # XHTML; the HTML parser keeps the prefix in the attribute name
        _meta(doc, "http-equiv", "content-language"),
        _meta(doc, "property", "og:locale"),
    ]
    for candidate in candidates:
        language = language_code(candidate, strict=False)
        if language:
            return language
    return None


def _feed_links(doc: lxml.html.HtmlElement, base: str) -> list[FeedLink]:
    links: list[FeedLink] = []
    seen: set[str] = set()
    for el in doc.iter("link", "a"):
        rel = (el.get("rel") or "").lower().split()
        kind = (el.get("type") or "").split(";")[0].strip().lower()
        if not ({"alternate", "feed"} & set(rel)) or kind not in FEED_TYPES:
            continue
        url = absolute_url(el.get("href"), base)
        title = clean_text(el.get("title"))
        if not url or url in seen:
            continue
        # Comment feeds list readers' remarks, not articles.
        if _COMMENTS_FEED.search(url.split("?")[0]) or _COMMENTS_FEED.search(title or ""):
            continue
        seen.add(url)
        links.append(FeedLink(url, title))
    return links


def read_page_meta(
    body: bytes, url: str, content_type: str | None = None, *, section: bool = False
) -> PageMeta:
    """Name, language and feed links of an HTML page fetched from `url` (final URL)."""
    text, _ = decode_body(body, content_type)
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return PageMeta()
    base_el = next(iter(doc.iter("base")), None)
    base = absolute_url(base_el.get("href"), url) if base_el is not None else None
    title_el = next(iter(doc.iter("title")), None)
    title = title_el.text_content() if title_el is not None else None
    name = (
        _meta(doc, "property", "og:site_name")
        or _meta(doc, "name", "application-name")
        or clean_site_name(title, url, otherwise="last" if section else "first")
    )
    return PageMeta(name=name, language=_language(doc), feeds=_feed_links(doc, base or url))
