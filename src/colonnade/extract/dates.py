"""Find when an article was first published and when it was last updated, with a time zone.

Order of trust: JSON-LD, meta tags, <time datetime> elements, the URL (/2026/01/09/), dates
written in date-like page elements (several languages), and only then htmldate's heuristics.
A date without a time zone is taken as UTC; a date without a time as midnight. Dates before
1995 or more than two days in the future are refused: they come from copyright lines, event
listings and broken templates, not from publication.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser
from lxml.html import HtmlElement

from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PageMeta, in_bad_context
from colonnade.extract.strings import squash

logger = logging.getLogger(__name__)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)

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

_TZINFOS = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "IST": 5.5,
        "CET": 1,
        "CEST": 2,
        "MEZ": 1,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "WET": 0,
        "WEST": 1,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "JST": 9,
        "KST": 9,
        "AEST": 10,
        "AEDT": 11,
    }.items()
}

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner janvier janv enero ene gennaio genn gen janeiro januari",
        "february feb februar feber février févr fevrier fév febrero febbraio fevereiro fev "
        "februari",
        "march mar märz maerz mär mrz mars marzo março marco maart mrt",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mag maio mei",
        "june jun juni juin junio giugno giu junho",
        "july jul juli juillet juil julio luglio lug julho",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre settembre set setembro",
        "october oct oktober okt octobre octubre ottobre ott outubro out",
        "november nov novembre noviembre novembro",
        "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_TIME = (
    r"(?:[,\s]+(?:um|à|a las|alle|at|om|kl\.?|-)?\s*(\d{1,2})[:.h](\d{2})(?:\s*([ap])\.?m\.?)?)?"
)

_TEXT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 9 January 2026, 9. Januar 2026, 9 janvier 2026, 9 de enero de 2026, 1er mars 2026
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+"
            rf"(?:de\s+|del\s+)?(\d{{4}})\b{_TIME}",
            re.I,
        ),
        "dmy",
    ),
    # January 9, 2026
    (
        re.compile(
            rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b{_TIME}", re.I
        ),
        "mdy",
    ),
    # 2026-01-09
    (re.compile(rf"\b(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\b{_TIME}"), "ymd"),
    # 09.01.2026 (also 09/01/2026 and 09-01-2026: day first, as most of the world writes it)
    (re.compile(rf"\b(\d{{1,2}})[./-](\d{{1,2}})[./-](\d{{4}})\b{_TIME}"), "dmy-numeric"),
]
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
) -> Dates:
    now = now or datetime.now(UTC)
    published = (
        _first_valid([jsonld.published, *meta.all(*PUBLISHED_META)], now)
        or _from_time_elements(meta, ("datepublished", "pubdate", "published", "publish"), now)
        or _from_time_elements(meta, ("",), now)
        or from_url(url, now)
        or _from_page_text(tree, language, now)
        or _from_htmldate(tree, url, now)
    )
    updated = _first_valid([jsonld.modified, *meta.all(*UPDATED_META)], now) or _from_time_elements(
        meta, ("datemodified", "updated", "modified"), now
    )
    if published and updated and updated < published:
        updated = None
    return Dates(published, updated)


def parse_date(value: str | None, now: datetime | None = None) -> datetime | None:
    """Parse one date string; None unless it is a plausible publication date."""
    value = squash(value)
    if not value or len(value) > 80:
        return None
    dt = _parse(value)
    if dt is None:
        found = parse_text_date(value)
        dt = found
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt if plausible(dt, now) else None


def plausible(dt: datetime, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    return EARLIEST <= dt <= now + FUTURE_SLACK


def _parse(value: str) -> datetime | None:
    if value.isdigit():
        if len(value) in (10, 13):  # Unix time in seconds or milliseconds
            seconds = int(value) / (1000 if len(value) == 13 else 1)
            return datetime.fromtimestamp(seconds, UTC)
        if len(value) == 8:
            value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
        else:
            return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        pass
    # dateutil fills missing fields from today, so it only sees values with day, month and year.
    if len(re.findall(r"\d+", value)) < 3 or not re.search(r"\d{4}", value):
        return None
    try:
        return dateutil_parser.parse(value, tzinfos=_TZINFOS, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_text_date(text: str, language: str | None = None) -> datetime | None:
    """The first date written out in `text`, in any of the supported languages."""
    best: tuple[int, datetime] | None = None
    for pattern, order in _TEXT_PATTERNS:
        for match in pattern.finditer(text):
            dt = _from_match(match, order, language)
            if dt is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), dt)
                break
    return best[1] if best else None


def _from_match(match: re.Match[str], order: str, language: str | None) -> datetime | None:
    groups = match.groups()
    a, b, c = groups[:3]
    try:
        if order == "dmy":
            day, month, year = int(a), _MONTHS[b.casefold().rstrip(".")], int(c)
        elif order == "mdy":
            month, day, year = _MONTHS[a.casefold().rstrip(".")], int(b), int(c)
        elif order == "ymd":
            year, month, day = int(a), int(b), int(c)
        else:
            day, month, year = int(a), int(b), int(c)
            if month > 12 and day <= 12:
                day, month = month, day
            elif language == "en" and "/" in match.group(0) and day <= 12:
                return None  # 01/09/2026 in English: January or September? Do not guess.
        hour = int(groups[3]) if groups[3] else 0
        minute = int(groups[4]) if groups[4] else 0
        if groups[5] and groups[5].lower() == "p" and hour < 12:
            hour += 12
        return datetime(year, month, day, hour, minute, tzinfo=UTC)
    except (KeyError, ValueError):
        return None


def _first_valid(values: list[str | None], now: datetime) -> datetime | None:
    for value in values:
        dt = parse_date(value, now)
        if dt is not None:
            return dt
    return None


def _from_time_elements(meta: PageMeta, hints: tuple[str, ...], now: datetime) -> datetime | None:
    for value, hint, text in meta.time_elements:
        if not any(h in hint.replace("-", "").replace("_", "") for h in hints):
            continue
        dt = parse_date(value, now) or parse_date(text, now)
        if dt is not None:
            return dt
    return None


def from_url(url: str | None, now: datetime | None = None) -> datetime | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        dt = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        return None
    return dt if plausible(dt, now) else None


def _from_page_text(tree: HtmlElement, language: str | None, now: datetime) -> datetime | None:
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
        dt = parse_text_date(text, language)
        if dt is not None and plausible(dt, now):
            return dt
        if checked > 50:
            break
    return None


def _from_htmldate(tree: HtmlElement, url: str | None, now: datetime) -> datetime | None:
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
    return parse_date(found, now) if found else None
