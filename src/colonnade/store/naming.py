"""Normal forms for the values rows are unique by: slugs, homepages and names.

Language and country codes live in colonnade.codes; they are re-exported here only until the
store imports them from there.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from colonnade.codes import country_code, language_code
from colonnade.errors import BadRequest
from colonnade.unsafe_chars import name_safe

__all__ = [
    "country_code",  # re-exported for the store until it imports colonnade.codes
    "language_code",
    "normalise_homepage",
    "normalise_name",
    "slugify",
]

_SPACES = re.compile(r"\s+")


def slugify(text: str, *, fallback: str) -> str:
    """Lowercase words joined by '-'. Accents are dropped, other scripts kept as they are, so
    'José Martí' -> 'jose-marti' and 'محمد علي' stays readable instead of becoming empty."""
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        out.append(char.lower() if category[0] in "LN" else "-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    return unicodedata.normalize("NFC", slug)[:80].strip("-") or fallback


def normalise_name(name: str) -> str:
    """A person's, publication's or feed's name with whitespace collapsed, without the
    characters XML forbids or bidirectional controls (colonnade.unsafe_chars)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name_safe(name))).strip()


def normalise_homepage(url: str) -> str:
    """Scheme and host lowercased, fragment and trailing slashes dropped."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest(f"not an http(s) homepage URL: {url!r}")
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
