"""Readable names for codes: countries (editions), languages, kinds of article."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

_KINDS = {
    "opinion": "Opinion",
    "editorial": "Editorial",
    "analysis": "Analysis",
    "news": "News",
    "letter": "Letter",
    "review": "Review",
}


@lru_cache(maxsize=1)
def _english() -> Locale:
    return Locale("en")


def country_name(code: str | None) -> str:
    if not code:
        return "Unknown country"
    return str(_english().territories.get(code.upper(), code.upper()))


def language_name(code: str | None) -> str:
    if not code:
        return "Unknown language"
    return str(_english().languages.get(code.lower(), code.lower()))


def kind_label(kind: str | None) -> str:
    if not kind:
        return ""
    return _KINDS.get(kind.lower(), kind.capitalize())
