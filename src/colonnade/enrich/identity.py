"""The rules that decide whether two bylines are one columnist: name keys, compatible names,
conflicting profiles, and when a bare name match may join two publications.

Pure functions; store/columnists.py applies them to what is stored. Evidence joins a byline to
a columnist (a shared profile URL or `sameAs`, a correction by hand); a bare name joins only
where nothing separates the two (no conflicting profiles; not both another country and another
language) and is recorded as unverified. Organisations (editorial boards) never join across
publications by name: every paper's "The Editorial Board" is its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from colonnade.extract.authors import is_organisation_byline

_APOSTROPHES = re.compile(r"['’‘`´ʼ.]")
_NOT_WORD = re.compile(r"[^\w]+")


# Latin letters Unicode does not decompose into a base letter and a mark, as they are written
# without them: 'Kjærgaard' / 'Kjaergaard', 'Łukasz' / 'Lukasz', 'Strauß' / 'Strauss'.
_UNMARKED = str.maketrans(
    {"æ": "ae", "ø": "o", "ł": "l", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i"}
)


def name_key(name: str) -> str:
    """Names that are the same when written with or without diacritics, in another case, with
    other apostrophes or hyphens: 'José O’Connor-Smith' and 'jose oconnor smith' match."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_UNMARKED))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    bare = _APOSTROPHES.sub("", bare.casefold())
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def _latin(key: str) -> bool:
    return all(ord(c) < 0x250 for c in key if c.isalpha())


def names_compatible(a: str, b: str) -> bool:
    """Could these be one person's names, given other evidence that they are? The same key;
    an initial for a given name ('J. O'Connor' / 'Jane O'Connor'); or two scripts (Зеленський /
    Zelenskyy), which only evidence can tell. Two different family names are never one person,
    so a publisher's URL given to every author does not join them."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if _latin(ka) != _latin(kb):
        return True
    pa, pb = ka.split(), kb.split()
    if not pa or not pb or pa[-1] != pb[-1]:
        return False
    given_a, given_b = pa[:-1], pb[:-1]
    if not given_a or not given_b:
        return True
    return all(x == y or x == y[0] or y == x[0] for x, y in zip(given_a, given_b, strict=False))


def profiles_conflict(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Profile keys (links.profile_key) that say two people are different: both have a profile
    on the same site, they are different, and none is shared."""
    mine, other = set(ours), set(theirs)
    if mine & other:
        return False
    hosts = {key.split("/", 1)[0] for key in mine}
    return any(key.split("/", 1)[0] in hosts for key in other)


def may_join_by_name(
    languages: Iterable[str | None],
    countries: Iterable[str | None],
    language: str | None,
    country: str | None,
) -> bool:
    """May a bare name match join a byline in a publication of `language` and `country` to a
    columnist who writes in publications of `languages` and `countries`? Not when both the
    country and the language are known to differ: nothing is shared, so they are two people
    until evidence joins them. (A columnist read in another country of their language, or in
    another language of their country, is common; an unknown value is no evidence.)"""
    return _shares(languages, language) or _shares(countries, country)


def _shares(known: Iterable[str | None], value: str | None) -> bool:
    values = {v for v in known if v}
    return value is None or not values or value in values


def is_organisation(name: str) -> bool:
    """An organisation among the authors: an editorial board, the editors."""
    return is_organisation_byline(name)
