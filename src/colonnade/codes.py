"""Language and country codes: checked against CLDR (through babel), normalised, and named.

Every part of Colonnade that reads a language or a country goes through here: pages and feeds
(which declare 'en-GB', 'eng', 'fr_FR, en' or 'English'), the store, the CLI and the site's
query parameters. Languages are ISO 639-1 ('en'), countries ISO 3166-1 alpha-2 ('GB').

CLDR's alias tables do the mapping: ISO 639-2 codes ('eng', 'ger', 'deu') and withdrawn codes
('iw' -> 'he') become today's two-letter code, and so do withdrawn or reserved country codes that
name exactly one territory today ('UK' -> 'GB', 'FX' -> 'FR') and ISO 3166 alpha-3 codes
('GBR' -> 'GB'). A code CLDR does not know ('xx', 'XX'), a grouping that is not a country
('EU', 'UN') and the 'unknown region' ZZ are refused. Language names ('English', 'Deutsch')
are accepted only where asked (`names=True`, for what pages declare): a person typing a code
into the CLI or a URL means a code, and 'english' there is a typo worth reporting.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from colonnade.errors import BadRequest

_LETTERS = re.compile(r"[a-z]{2,3}")
_SUBTAG_SEPARATORS = re.compile(r"[-_,;\s]")
LANGUAGE_RULE = "language must be a two-letter code (ISO 639-1) such as en or fr"
COUNTRY_RULE = "country must be a two-letter code (ISO 3166-1) such as GB or FR"


@lru_cache(maxsize=1)
def _english() -> Locale:
    return Locale("en")


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    """The two-letter language codes CLDR knows."""
    return frozenset(code for code in map(str, _english().languages) if len(code) == 2)


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    """Two-letter codes of real countries and territories: CLDR also names groupings (EU, UN,
    QO), pseudo-locales (XA, XB) and the unknown region (ZZ), none of which has languages."""
    spoken = get_global("territory_languages")
    return frozenset(
        code
        for code in map(str, _english().territories)
        if len(code) == 2 and code.isalpha() and code != "ZZ" and code in spoken
    )


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Casefolded English names and endonyms -> code ('german' and 'deutsch' -> 'de')."""
    english = _english().languages
    names: dict[str, str] = {}
    for code in sorted(_languages()):
        names.setdefault(_fold(str(english[code])), code)
    for code in sorted(_languages()):
        try:
            own = Locale.parse(code).languages.get(code)
        except (UnknownLocaleError, ValueError):
            continue
        if own:
            names.setdefault(_fold(str(own)), code)
    return names


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def _two_letter_language(code: str) -> str | None:
    """`code` (lower case, 2 or 3 letters) as a known ISO 639-1 code, via CLDR's aliases."""
    alias = get_global("language_aliases").get(code)
    if alias:
        primary = alias.split("_")[0]
        if len(primary) == 2:
            code = primary
    return code if code in _languages() else None


def language_code(value: str | None, *, strict: bool = True, names: bool = False) -> str | None:
    """ISO 639-1 from a code or a tag: 'pt-BR' -> 'pt', 'eng' -> 'en', 'iw' -> 'he'; with
    `names`, also 'English' or 'Deutsch'. A list ('fr, en') gives its first language.

    Empty gives None. A value that names no language raises BadRequest when `strict`, else
    gives None (pages and feeds carry all sorts of values).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    primary = _SUBTAG_SEPARATORS.split(text.lower(), maxsplit=1)[0]
    code = _two_letter_language(primary) if _LETTERS.fullmatch(primary) else None
    if code is None and names:
        code = _language_names().get(_fold(text.split(",")[0]))
    if code is None and strict:
        raise BadRequest(f"{LANGUAGE_RULE}; {value!r} is not one")
    return code


def country_code(value: str | None, *, strict: bool = True) -> str | None:
    """ISO 3166-1 alpha-2, upper case, of a real territory: 'gb' -> 'GB', 'UK' -> 'GB' (CLDR's
    alias for the one code ISO reserves for the United Kingdom), 'DEU' -> 'DE'.

    Empty gives None. Anything else raises BadRequest when `strict`, else gives None.
    """
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if code.isascii() and code.isalpha() and len(code) in (2, 3):
        replacements = get_global("territory_aliases").get(code) or []
        if len(replacements) == 1:  # 'SU' or 'YU' name several countries today: no guess
            code = replacements[0]
        if code in _territories():
            return code
    if strict:
        raise BadRequest(f"{COUNTRY_RULE}; {value!r} is not one")
    return None


@lru_cache(maxsize=1024)
def country_name(code: str | None) -> str:
    """The English name of a country code ('FR' -> 'France'); the code itself when unknown."""
    if not code:
        return "Unknown country"
    return str(_english().territories.get(code.upper(), code.upper()))


@lru_cache(maxsize=1024)
def language_name(code: str | None) -> str:
    """The English name of a language code ('de' -> 'German'); the code itself when unknown."""
    if not code:
        return "Unknown language"
    return str(_english().languages.get(code.lower(), code.lower()))


# The zone most of a country's publications write in, where CLDR lists several (it lists them
# without saying which is the main one). Elsewhere CLDR's first zone for the country is used.
_MAIN_ZONES = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "CA": "America/Toronto", "CD": "Africa/Kinshasa", "CL": "America/Santiago",
    "CN": "Asia/Shanghai", "DE": "Europe/Berlin", "EC": "America/Guayaquil",
    "ES": "Europe/Madrid", "ID": "Asia/Jakarta", "KZ": "Asia/Almaty", "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City", "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "US": "America/New_York",
    "UZ": "Asia/Tashkent", "GB": "Europe/London", "FR": "Europe/Paris", "NL": "Europe/Amsterdam",
}  # fmt: skip


@lru_cache(maxsize=512)
def country_zone(code: str | None) -> str | None:
    """The IANA time zone a country's publications most likely write local times in
    ('DE' -> 'Europe/Berlin'), or None for an unknown country."""
    country = country_code(code, strict=False)
    if country is None:
        return None
    if country in _MAIN_ZONES:
        return _MAIN_ZONES[country]
    zones: list[str] = get_global("territory_zones").get(country, [])
    return zones[0] if zones else None
