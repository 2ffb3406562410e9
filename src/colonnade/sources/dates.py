"""Dates from feeds and sitemaps, checked for sanity before anyone trusts them.

Publishers send dates years in the future (a typo, a time zone bug, an embargo field) and dates
from before the web (an epoch zero, a default of 1900). Both would sort an article to the top or
bottom of every list for ever, so they are treated as unknown.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, datetime, timedelta

from dateutil import parser as dateutil_parser

log = logging.getLogger(__name__)

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # no news site published a feed or sitemap before this
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones disagree by hours, not by days
_HAS_YEAR = re.compile(r"\b(19|20)\d\d\b")


def sane_date(dt: datetime | None, now: datetime | None = None) -> datetime | None:
    """`dt` in UTC, or None when missing, before 1995 or more than a day after `now`.

    A naive datetime is taken to be UTC: feeds that omit the offset mostly mean UTC, and a wrong
    guess costs hours, not the years the checks here guard against.
    """
    if dt is None:
        return None
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if dt < EARLIEST or dt > now + FUTURE_SLACK:
        return None
    return dt


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


def parse_date(text: str | None, now: datetime | None = None) -> datetime | None:
    """Parse a W3C/ISO 8601 date (sitemaps) or, failing that, any common date form; else None."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        if not _HAS_YEAR.search(text):  # dateutil would fill a bare "12" in from today's date
            return None
        try:
            dt = dateutil_parser.parse(text)
        except (ValueError, OverflowError):
            log.debug("unparseable date %r", text)
            return None
    return sane_date(dt, now)
