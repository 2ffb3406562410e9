"""Dates: the one parser for every date Colonnade reads, and the window a real date falls in.

`read` understands ISO 8601, Unix times, RFC 822 and the forms dateutil reads (day first when
ambiguous, as most of the world writes), then dates written out in words in English, German,
French, Spanish, Italian, Portuguese and Dutch (month names from CLDR, through babel). It
returns the value as written: an offset is kept, a naive time stays naive.

`parse_date` is what pages, feeds and sitemaps go through: a naive value is taken in the zone
given (the publication's, from its country) or else as UTC, and a value outside the window is
refused. The window opens in 1995 (no news site published before
it: earlier dates are epoch zeros, defaults of 1900 and copyright lines) and closes two days
after now: time zones (UTC-12 to UTC+14) and clock skew put honest dates hours ahead, embargo
fields and typos put them months or years ahead. `to_utc` is the store's strict ISO reading.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from dateutil import parser as dateutil_parser

log = logging.getLogger(__name__)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)
MAX_CHARS = 80  # a longer value is a sentence that happens to hold numbers, not a date

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_TZINFOS = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2, "MEZ": 1,
        "MESZ": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1, "EST": -5, "EDT": -4, "CST": -6,
        "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9, "KST": 9,
        "AEST": 10, "AEDT": 11,
    }.items()
}  # fmt: skip
# The languages whose written-out dates `read` understands; es_PE adds "setiembre".
_MONTH_LOCALES = ("en", "de", "de_AT", "fr", "es", "es_PE", "it", "pt", "pt_PT", "nl")
# Spellings seen on pages that CLDR does not list (old German, short Italian and French forms).
_EXTRA_MONTHS = {"maerz": 3, "mrz": 3, "feber": 2, "genn": 1, "fév": 2}


def plausible(dt: datetime, now: datetime | None = None) -> bool:
    """Whether an aware `dt` falls in the window of real publication dates."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return EARLIEST <= dt <= now + FUTURE_SLACK


def sane_date(dt: datetime | None, now: datetime | None = None) -> datetime | None:
    """`dt` in UTC when inside the window, else None; a naive `dt` is taken as UTC (feeds that
    omit the offset mostly mean UTC, and a wrong guess costs hours, not years)."""
    if dt is None:
        return None
    dt = localise(dt).astimezone(UTC)
    return dt if plausible(dt, now) else None


def zone(name: str | None) -> tzinfo | None:
    """The IANA zone called `name` ('Europe/Berlin'), or None when there is no such zone."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def localise(dt: datetime, local: tzinfo | None = None) -> datetime:
    """`dt` with a fixed offset: an aware value as written, a naive one taken in `local`
    (UTC when None). A zone is turned into the offset it had on that day, so that the value
    prints as ISO 8601 with offset."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        return dt
    if local is None:
        return dt.replace(tzinfo=UTC)
    offset = dt.replace(tzinfo=local).utcoffset() or timedelta(0)
    return dt.replace(tzinfo=UTC if not offset else timezone(offset))


def parse_date(
    value: str | None,
    now: datetime | None = None,
    *,
    utc: bool = False,
    local: tzinfo | None = None,
) -> datetime | None:
    """A plausible publication date from `value`, or None. A naive value is taken in `local`
    (else UTC); the offset written is kept unless `utc` asks for the instant in UTC."""
    dt = read(value)
    if dt is None:
        return None
    dt = localise(dt, local)
    if not plausible(dt, now):
        return None
    return dt.astimezone(UTC) if utc else dt


def read(value: str | None, language: str | None = None) -> datetime | None:
    """`value` as a datetime exactly as written (offset kept, naive left naive), or None.

    No window is applied. `language` settles numeric dates that only English writes month
    first (see `parse_text_date`).
    """
    if not value:
        return None
    text = " ".join(value.translate(_INVISIBLE).split())
    if not text or len(text) > MAX_CHARS:
        return None
    return _read_numeric(text) or parse_text_date(text, language)


def to_utc(value: str | datetime | None) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string (or a datetime); a value without offset is
    taken as UTC. Anything but ISO 8601 is logged and gives None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        when = value
    else:
        found = _from_iso(value.strip(), extended=True)
        if found is None:
            log.warning("ignoring an unreadable date %r", value)
            return None
        when = found
    if when.tzinfo is None or when.utcoffset() is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def offset_minutes(value: str | None) -> int | None:
    """The UTC offset an ISO 8601 value was written with, in minutes east of UTC (None for no
    value, no offset, or an offset outside UTC-14 to UTC+14)."""
    if not value:
        return None
    found = _from_iso(value.strip(), extended=True)
    offset = found.utcoffset() if found is not None else None
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    return minutes if abs(minutes) <= 14 * 60 else None


def in_offset(instant: datetime | None, minutes: int | None) -> datetime | None:
    """A stored UTC instant written in the offset it was published with (UTC when unknown)."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    if not minutes:
        return instant.astimezone(UTC)
    return instant.astimezone(timezone(timedelta(minutes=minutes)))


def _from_iso(text: str, *, extended: bool = False) -> datetime | None:
    """ISO 8601 as Python reads it; `extended` adds dateutil's reading of reduced forms
    ('2026-01', '2026')."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        if not extended:
            return None
    try:
        return dateutil_parser.isoparse(text)
    except (ValueError, OverflowError):
        return None


def _read_numeric(text: str) -> datetime | None:
    if text.isdigit():
        if len(text) in (10, 13):  # Unix time in seconds or milliseconds
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            try:
                return datetime.fromtimestamp(seconds, UTC)
            except (OverflowError, OSError, ValueError):
                return None
        if len(text) != 8:
            return None
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    found = _from_iso(text)
    if found is not None:
        return found
    # dateutil fills missing fields from today, so it only sees values with day, month and year.
    if len(re.findall(r"\d+", text)) < 3 or not re.search(r"\d{4}", text):
        return None
    try:
        with warnings.catch_warnings():
            # An unknown zone name leaves a naive time, which is what the callers expect.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            return dateutil_parser.parse(text, tzinfos=_TZINFOS, dayfirst=True, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None


def _fold(text: str) -> str:
    """Lower case without accents: 'Févr.' -> 'fevr'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().rstrip("."))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Month names and abbreviations, as written and without accents -> month number."""
    months = dict(_EXTRA_MONTHS)
    for name in _MONTH_LOCALES:
        locale = Locale.parse(name)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, month in locale.months[context][width].items():
                    months[month.casefold().rstrip(".")] = number
                    months[_fold(month)] = number
    return months


_TIME = (
    r"(?:[,\s]+(?:um|à|a las|alle|at|om|kl\.?|-)?\s*(\d{1,2})[:.h](\d{2})(?:\s*([ap])\.?m\.?)?)?"
)


@lru_cache(maxsize=1)
def _text_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    names = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    return (
        # 9 January 2026, 9. Januar 2026, 9 janvier 2026, 9 de enero de 2026, 1er mars 2026
        (
            re.compile(
                rf"\b(\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s+(?:de\s+)?({names})\.?,?\s+"
                rf"(?:de\s+|del\s+)?(\d{{4}})\b{_TIME}",
                re.I,
            ),
            "dmy",
        ),
        # January 9, 2026
        (
            re.compile(
                rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b{_TIME}", re.I
            ),
            "mdy",
        ),
        # 2026-01-09
        (re.compile(rf"\b(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\b{_TIME}"), "ymd"),
        # 2026年1月9日 (Chinese, Japanese), 2026년 1월 9일 (Korean); a time may follow directly
        (
            re.compile(
                r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
                r"(?:\s*(?:\([^)]{1,3}\)|（[^）]{1,3}）)?\s*(\d{1,2})[:時시]\s*(\d{2})(?:\s*([ap])\.?m\.?)?)?"
            ),
            "ymd",
        ),
        # 09.01.2026 (also 09/01/2026 and 09-01-2026: day first, as most of the world writes it)
        (re.compile(rf"\b(\d{{1,2}})[./-](\d{{1,2}})[./-](\d{{4}})\b{_TIME}"), "dmy-numeric"),
    )


def parse_text_date(text: str, language: str | None = None) -> datetime | None:
    """The first date written out in `text` (naive), in any of the supported languages.

    '01/09/2026' is day first, except in English (`language` 'en'), where it could be either
    and is not guessed.
    """
    best: tuple[int, datetime] | None = None
    for pattern, order in _text_patterns():
        for match in pattern.finditer(text):
            dt = _from_match(match, order, language)
            if dt is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), dt)
                break
    return best[1] if best else None


def _month(name: str) -> int:
    months = _months()
    key = name.casefold().rstrip(".")
    return months[key] if key in months else months[_fold(name)]


def _from_match(match: re.Match[str], order: str, language: str | None) -> datetime | None:
    groups = match.groups()
    a, b, c = groups[:3]
    try:
        if order == "dmy":
            day, month, year = int(a), _month(b), int(c)
        elif order == "mdy":
            month, day, year = _month(a), int(b), int(c)
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
        return datetime(year, month, day, hour, minute)
    except (KeyError, ValueError):
        return None
