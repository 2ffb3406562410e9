"""Query parameters shared by list pages, feeds and the API, checked and turned into an
`ArticleFilter`. Bad values are a BadRequest (400) with a sentence a reader can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from colonnade.errors import BadRequest
from colonnade.store import ArticleFilter, Columnist, Publication, Storage
from colonnade.store.naming import slugify

_COUNTRY = re.compile(r"[A-Za-z]{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2}")
_KIND = re.compile(r"[a-z]{1,20}")


def country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _COUNTRY.fullmatch(value.strip()):
        raise BadRequest("country must be a two-letter code such as GB or FR")
    return value.strip().upper()


def language(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _LANGUAGE.fullmatch(value.strip()):
        raise BadRequest("language must be a two-letter code such as en or fr")
    return value.strip().lower()


def kind(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _KIND.fullmatch(value.strip().lower()):
        raise BadRequest("kind must be a word such as opinion or editorial")
    return value.strip().lower()


def day(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD") from None


def midnight(when: date) -> datetime:
    return datetime.combine(when, time(0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Filters:
    """A checked filter and the records its slugs named (for headings and links)."""

    where: ArticleFilter
    publication: Publication | None = None
    columnist: Columnist | None = None
    since: date | None = None
    until: date | None = None

    @property
    def empty(self) -> bool:
        return self.where == ArticleFilter()


def filters(
    storage: Storage,
    *,
    country_code: str | None = None,
    language_code: str | None = None,
    publication_slug: str | None = None,
    columnist_ref: str | None = None,
    kind_name: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """Check every parameter and resolve slugs (columnists and publications may also be given
    by name)."""
    first, last = day(since, "from"), day(until, "to")
    if first and last and first > last:
        raise BadRequest("the 'from' date is after the 'to' date")
    publication = None
    if publication_slug and publication_slug.strip():
        ref = publication_slug.strip()
        publication = storage.get_publication(ref) or storage.get_publication(
            slugify(ref, fallback="-")
        )
        if publication is None:
            raise BadRequest(f"no publication {ref!r} here")
    columnist = None
    if columnist_ref and columnist_ref.strip():
        ref = columnist_ref.strip()
        columnist = storage.get_columnist(ref) or storage.get_columnist(slugify(ref, fallback="-"))
        if columnist is None:
            raise BadRequest(f"no columnist {ref!r} here")
    where = ArticleFilter(
        publication_id=publication.id if publication else None,
        columnist_id=columnist.id if columnist else None,
        country=country(country_code),
        language=language(language_code),
        kind=kind(kind_name),
        since=midnight(first) if first else None,
        until=midnight(last + timedelta(days=1)) if last and last < date.max else None,
    )
    return Filters(where, publication, columnist, first, last)
