"""Article-list filters as people type them (in a URL, a form or a command line), checked once
and turned into an `ArticleQuery`.

    checked = filters.parse(storage, country="gb", columnist="Jane Doe", since="2024-05-01")
    storage.articles.find(checked.query)

Bad values are a BadRequest (400 on the site) with a sentence a reader can act on. Countries
and languages go through colonnade.codes; columnists and publications may be given by slug or
by name; `from`/`to` are whole UTC days, both inclusive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from colonnade.codes import country_code, language_code
from colonnade.errors import BadRequest
from colonnade.store import ORDERS, ArticleQuery, Columnist, Order, Publication, Storage
from colonnade.store.naming import slugify

_KIND = re.compile(r"[a-z]{1,20}")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Filters:
    """A checked list query and the records its slugs named (for headings and links)."""

    query: ArticleQuery
    publication: Publication | None = None
    columnist: Columnist | None = None
    since: date | None = None  # first day
    until: date | None = None  # last day, inclusive
    order_given: bool = False  # the order was asked for, not the default

    def params(self) -> dict[str, str]:
        """The filters as query parameters, in their checked spelling (for links)."""
        query = self.query
        found = {
            "country": query.country,
            "language": query.language,
            "publication": self.publication.slug if self.publication else None,
            "columnist": self.columnist.slug if self.columnist else None,
            "kind": query.kind,
            "from": self.since.isoformat() if self.since else None,
            "to": self.until.isoformat() if self.until else None,
            "q": query.text,
            "order": query.order if self.order_given else None,
        }
        return {name: value for name, value in found.items() if value}


def parse(
    storage: Storage,
    *,
    country: str | None = None,
    language: str | None = None,
    publication: str | None = None,
    columnist: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
    order: str | None = None,
) -> Filters:
    """Check every parameter (None or blank means no such filter) and resolve the slugs.
    Without an order, words are listed by relevance and everything else newest first."""
    first, last = day(since, "from"), day(until, "to")
    if first and last and first > last:
        raise BadRequest("the 'from' date is after the 'to' date")
    pub = _resolve(storage.publications.get, publication, "publication")
    person = _resolve(storage.columnists.get, columnist, "columnist")
    words = text if text and text.strip() else None  # as typed: a final space ends a word
    query = ArticleQuery(
        publication_id=pub.id if pub else None,
        columnist_id=person.id if person else None,
        country=country_code(country),
        language=language_code(language),
        kind=kind_name(kind),
        since=midnight(first) if first else None,
        until=day_after(last) if last else None,
        text=words,
        order=order_name(order) or ("relevance" if words else "newest"),
    )
    return Filters(query, pub, person, first, last, order_given=bool(order))


def order_name(value: str | None) -> Order | None:
    if value is None or not value.strip():
        return None
    for name in ORDERS:
        if value.strip().lower() == name:
            return name
    raise BadRequest("order must be relevance or newest")


def kind_name(value: str | None) -> str | None:
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
    """The start of a UTC day."""
    return datetime.combine(when, time(0), tzinfo=UTC)


def day_after(when: date) -> datetime | None:
    """The end of a UTC day (the next midnight); None for the last day there is."""
    return midnight(when + timedelta(days=1)) if when < date.max else None


def _resolve(get: Callable[[str], T | None], ref: str | None, what: str) -> T | None:
    """The record `ref` names, as a slug (or id) or as a name slugged."""
    if ref is None or not ref.strip():
        return None
    ref = ref.strip()
    found = get(ref) or get(slugify(ref, fallback="-"))
    if found is None:
        raise BadRequest(f"no {what} {ref!r} here")
    return found
