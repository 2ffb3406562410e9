"""Find when an article was first published and when it was last updated, with a time zone.

Order of trust: JSON-LD, meta tags, <time datetime> elements, the URL (/2026/01/09/), dates
written in date-like page elements (several languages), and only then htmldate's heuristics.
Parsing and the window of plausible dates (colonnade.dates) are shared with feeds and sitemaps:
a date without a time zone is taken in the publication's zone when the caller knows it (else
UTC), the page's own offset is kept, a date without a time is midnight, and dates before
1995 or more than two days in the future are refused (copyright lines, event listings and broken
templates, not publication).
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from lxml.html import HtmlElement

from colonnade.dates import localise, parse_date, parse_text_date, plausible
from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PageMeta, in_bad_context
from colonnade.extract.strings import squash

logger = logging.getLogger(__name__)

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "article.published",
    "published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "article.created",
    "date.available",
    "displaydate",
    "date",
)
UPDATED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "article.updated",
    "modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
)

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)")
_DATE_CONTAINER = re.compile(
    r"date|time|publish|posted|dateline|byline|meta|info|datum|fecha|data", re.I
)


@dataclass(slots=True)
class Dates:
    published: datetime | None = None
    updated: datetime | None = None


def find_dates(
    tree: HtmlElement,
    jsonld: JsonLdArticle,
    meta: PageMeta,
    url: str | None,
    language: str | None = None,
    now: datetime | None = None,
    local: tzinfo | None = None,
) -> Dates:
    """`local` is the zone a time written without offset is in (the publication's)."""
    now = now or datetime.now(UTC)
    published = (
        _first_valid([jsonld.published, *meta.all(*PUBLISHED_META)], now, local)
        or _from_time_elements(
            meta, ("datepublished", "pubdate", "published", "publish"), now, local
        )
        or _from_time_elements(meta, ("",), now, local)
        or from_url(url, now, local)
        or _from_page_text(tree, language, now, local)
        or _from_htmldate(tree, url, now, local)
    )
    updated = _first_valid(
        [jsonld.modified, *meta.all(*UPDATED_META)], now, local
    ) or _from_time_elements(meta, ("datemodified", "updated", "modified"), now, local)
    if published and updated and updated < published:
        updated = None
    return Dates(published, updated)


def _first_valid(values: list[str | None], now: datetime, local: tzinfo | None) -> datetime | None:
    for value in values:
        dt = parse_date(value, now, local=local)
        if dt is not None:
            return dt
    return None


def _from_time_elements(
    meta: PageMeta, hints: tuple[str, ...], now: datetime, local: tzinfo | None
) -> datetime | None:
    for value, hint, text in meta.time_elements:
        if not any(h in hint.replace("-", "").replace("_", "") for h in hints):
            continue
        dt = parse_date(value, now, local=local) or parse_date(text, now, local=local)
        if dt is not None:
            return dt
    return None


def from_url(
    url: str | None, now: datetime | None = None, local: tzinfo | None = None
) -> datetime | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        dt = localise(datetime(int(match[1]), int(match[2]), int(match[3])), local)
    except ValueError:
        return None
    return dt if plausible(dt, now) else None


def _from_page_text(
    tree: HtmlElement, language: str | None, now: datetime, local: tzinfo | None
) -> datetime | None:
    """A date written in a small element whose class or id says it holds a date."""
    body = tree.find(".//body")
    if body is None:
        return None
    checked = 0
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if not _DATE_CONTAINER.search(marker) or in_bad_context(element):
            continue
        text = squash(element.text_content())
        if not text or len(text) > 200:
            continue
        checked += 1
        written = parse_text_date(text, language)
        if written is not None and plausible(dt := localise(written, local), now):
            return dt
        if checked > 50:
            break
    return None


def _from_htmldate(
    tree: HtmlElement, url: str | None, now: datetime, local: tzinfo | None
) -> datetime | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    try:
        found = find_date(
            copy.deepcopy(tree),
            url=url,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
    except Exception as exc:  # htmldate raises a variety of errors on odd pages
        logger.debug("htmldate failed: %s", exc)
        return None
    return parse_date(found, now, local=local) if found else None
