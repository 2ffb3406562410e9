"""Readable labels for the site: kinds of article here, countries and languages from codes."""

from __future__ import annotations

from colonnade.codes import country_name, language_name

__all__ = ["country_name", "kind_label", "language_name"]

_KINDS = {
    "opinion": "Opinion",
    "editorial": "Editorial",
    "analysis": "Analysis",
    "news": "News",
    "letter": "Letter",
    "review": "Review",
}


def kind_label(kind: str | None) -> str:
    if not kind:
        return ""
    return _KINDS.get(kind.lower(), kind.capitalize())
