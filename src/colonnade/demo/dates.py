"""Dates as each fictional publication prints them, in several languages and formats.

The visible text is deliberately varied ("November 20, 2026", "20. November 2026, 08:30 Uhr",
"20 novembre 2026 à 8 h 30", "20 de noviembre de 2026") because date extraction must cope.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from babel.dates import format_datetime as format_cldr

# Each style as (locale, CLDR pattern): babel supplies the month and weekday names.
FORMATS: dict[str, tuple[str, str]] = {
    "en_us": ("en", "MMMM d, y"),
    "en_us_time": ("en", "MMMM d, y 'at' h:mm"),  # then a.m./p.m., as US papers print it
    "en_gb_weekday": ("en", "EEEE d MMMM y HH.mm"),
    "de_long": ("de", "d. MMMM y, HH:mm 'Uhr'"),
    "de_weekday": ("de", "EEEE, d. MMMM y"),
    "de_short": ("de", "dd.MM.yyyy"),
    "fr_long": ("fr", "d MMMM y 'à' H 'h' mm"),  # the first of the month is "1er"
    "fr_short": ("fr", "'Publié le' dd/MM/yyyy"),
    "es_long": ("es", "d 'de' MMMM 'de' y"),
    "es_short": ("es", "dd/MM/yyyy HH:mm"),
    "iso": ("en", "yyyy-MM-dd"),
}

# Which formats suit a language, cycled through by the bulk generator.
STYLES_BY_LANGUAGE = {
    "en": ("en_us", "en_gb_weekday", "en_us_time"),
    "de": ("de_long", "de_short", "de_weekday"),
    "fr": ("fr_long", "fr_short"),
    "es": ("es_long", "es_short"),
}


def visible_date(d: datetime, style: str) -> str:
    """`d` as a publication with this date style prints it, in `d`'s own time zone."""
    locale, pattern = FORMATS[style]
    text = format_cldr(d, pattern, locale=locale)
    if style == "en_us_time":
        return f"{text} {'a.m.' if d.hour < 12 else 'p.m.'}"
    if style == "fr_long" and d.day == 1:
        return "1er" + text[1:]
    return text


def http_date(d: datetime) -> str:
    """RFC 9110 IMF-fixdate, as in Last-Modified (and RSS pubDate, which uses RFC 822)."""
    return format_datetime(d.astimezone(UTC), usegmt=True)


def rfc822(d: datetime) -> str:
    return format_datetime(d)
