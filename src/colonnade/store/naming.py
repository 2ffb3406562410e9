"""Normal forms for the values rows are unique by: slugs, homepages, names, codes."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from colonnade.errors import BadRequest

_SPACES = re.compile(r"\s+")
_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2}")


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
    """A person's or publication's name with whitespace collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def normalise_homepage(url: str) -> str:
    """Scheme and host lowercased, fragment and trailing slashes dropped."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest(f"not an http(s) homepage URL: {url!r}")
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2, uppercased; None stays None."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not _COUNTRY.fullmatch(code):
        raise BadRequest(f"country must be a two-letter ISO 3166 code such as FR, got {value!r}")
    return code


def language_code(value: str | None, *, strict: bool = True) -> str | None:
    """ISO 639-1 from a code or a tag ('pt-BR' -> 'pt'). Invalid: BadRequest, or None when not
    strict (extracted pages carry all sorts of values)."""
    if value is None or not value.strip():
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if _LANGUAGE.fullmatch(code):
        return code
    if strict:
        raise BadRequest(f"language must be a two-letter ISO 639-1 code such as fr, got {value!r}")
    return None
