"""Dates as each fictional publication prints them, in several languages and formats.

The visible text is deliberately varied ("November 20, 2026", "20. November 2026, 08:30 Uhr",
"20 novembre 2026 à 8 h 30", "20 de noviembre de 2026") because date extraction must cope.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}


def _en_us(d: datetime) -> str:
    return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"


def _en_us_time(d: datetime) -> str:
    hour = d.hour % 12 or 12
    meridiem = "a.m." if d.hour < 12 else "p.m."
    return f"{_en_us(d)} at {hour}:{d.minute:02d} {meridiem}"


def _en_gb_weekday(d: datetime) -> str:
    return f"{WEEKDAYS['en'][d.weekday()]} {d.day} {MONTHS['en'][d.month - 1]} {d.year} {d:%H.%M}"


def _de_long(d: datetime) -> str:
    return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}, {d:%H:%M} Uhr"


def _de_weekday(d: datetime) -> str:
    return f"{WEEKDAYS['de'][d.weekday()]}, {d.day}. {MONTHS['de'][d.month - 1]} {d.year}"


def _fr_long(d: datetime) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS['fr'][d.month - 1]} {d.year} à {d.hour} h {d.minute:02d}"


def _es_long(d: datetime) -> str:
    return f"{d.day} de {MONTHS['es'][d.month - 1]} de {d.year}"


FORMATS: dict[str, Callable[[datetime], str]] = {
    "en_us": _en_us,
    "en_us_time": _en_us_time,
    "en_gb_weekday": _en_gb_weekday,
    "de_long": _de_long,
    "de_weekday": _de_weekday,
    "de_short": lambda d: f"{d:%d.%m.%Y}",
    "fr_long": _fr_long,
    "fr_short": lambda d: f"Publié le {d:%d/%m/%Y}",
    "es_long": _es_long,
    "es_short": lambda d: f"{d:%d/%m/%Y %H:%M}",
    "iso": lambda d: d.date().isoformat(),
}

# Which formats suit a language, cycled through by the bulk generator.
STYLES_BY_LANGUAGE = {
    "en": ("en_us", "en_gb_weekday", "en_us_time"),
    "de": ("de_long", "de_short", "de_weekday"),
    "fr": ("fr_long", "fr_short"),
    "es": ("es_long", "es_short"),
}


def visible_date(d: datetime, style: str) -> str:
    return FORMATS[style](d)


def http_date(d: datetime) -> str:
    """RFC 9110 IMF-fixdate, as in Last-Modified (and RSS pubDate, which uses RFC 822)."""
    return format_datetime(d.astimezone(UTC), usegmt=True)


def rfc822(d: datetime) -> str:
    return format_datetime(d)
