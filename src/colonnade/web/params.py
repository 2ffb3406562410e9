"""The query parameters of every article list, read once for pages, feeds and the API alike.

`ListParams` holds them as typed (strings, unchecked): web/views.py checks them through
colonnade.filters. `Params` is the FastAPI dependency, so every list, in every form, takes the
same filters. A feed (an address ending in /feed.atom) always shows the first page, newest
first: feed readers want what is new, whatever order the page is in.

`checked_address` runs before every route (web/app.py): an address part that no record can
match is a 404 and a query parameter no list can use a 400, before a database sees either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import TypeAdapter, ValidationError, WithJsonSchema

from colonnade.errors import BadRequest, NotFound

MAX_LIMIT = 100
FILTERS = ("country", "language", "publication", "columnist", "kind", "from", "to")

# Ids are 64-bit in the database: a larger number names nothing, and asking for it fails there
# (SQLite cannot bind it, PostgreSQL's bigint refuses it).
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
# Read as an `int` route parameter reads its text ("+7", "7.0" and "1_000" included).
_INTEGER: TypeAdapter[int] = TypeAdapter(int)
# Control characters name no slug or code, would land raw in a log line, and PostgreSQL text
# cannot hold NUL. A query value may carry tab, newline and CR: words pasted into a search.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# What /openapi.json says to send, for parameters read as text (a blank one is no filter, no
# cursor): a day is a date of RFC 3339 (colonnade.filters reads it), a cursor the base64url of
# web/cursor.py, unpadded.
DAY = WithJsonSchema({"type": "string", "format": "date", "examples": ["2024-05-01"]})
CURSOR = WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9_-]*$"})


def checked_address(request: Request) -> None:
    """NotFound for a path part with a control character or a number beyond 64 bits;
    BadRequest for a query parameter with a control character other than whitespace."""
    for value in request.path_params.values():
        if _CONTROL.search(str(value)) or _beyond_int64(str(value)):
            raise NotFound()
    for name, value in request.query_params.multi_items():
        if _CONTROL_IN_QUERY.search(name):
            raise BadRequest("a query parameter's name contains a control character")
        if _CONTROL_IN_QUERY.search(value):
            raise BadRequest(f"the {name!r} parameter contains a control character")


def _beyond_int64(text: str) -> bool:
    """Whether `text` is a whole number (as an `int` parameter reads it) outside 64 bits."""
    try:
        number = _INTEGER.validate_python(text)
    except ValidationError:
        return False
    return not _INT64_MIN <= number <= _INT64_MAX


@dataclass(frozen=True, slots=True)
class ListParams:
    country: str | None = None
    language: str | None = None
    publication: str | None = None
    columnist: str | None = None
    kind: str | None = None
    since: str | None = None  # ?from=
    until: str | None = None  # ?to=
    q: str = ""
    order: str | None = None
    cursor: str | None = None
    limit: int | None = None

    def raw(self) -> dict[str, str | None]:
        """The filters by their parameter names, as given."""
        return {
            "country": self.country,
            "language": self.language,
            "publication": self.publication,
            "columnist": self.columnist,
            "kind": self.kind,
            "from": self.since,
            "to": self.until,
        }

    def for_feed(self) -> ListParams:
        """A feed shows what is new: the first page, newest first, whatever the page's order."""
        return replace(self, order="newest", cursor=None)


def list_params(
    request: Request,
    country: str | None = Query(None, description="Publication country, e.g. GB."),
    language: str | None = Query(None, description="Article language, e.g. en."),
    publication: str | None = Query(None, description="Publication slug (or name)."),
    columnist: str | None = Query(None, description="Columnist slug (or name)."),
    kind: str | None = Query(None, description="opinion, editorial, ..."),
    since: Annotated[
        str | None, DAY, Query(alias="from", description="First day, YYYY-MM-DD (UTC), included.")
    ] = None,
    until: Annotated[
        str | None, DAY, Query(alias="to", description="Last day, YYYY-MM-DD (UTC), included.")
    ] = None,
    q: str = Query("", max_length=500, description="Words; all must match. Taken literally."),
    order: Literal["relevance", "newest"] | None = Query(
        None, description="relevance (the default with words) or newest (without)."
    ),
    sort: Literal["relevance", "newest"] | None = Query(None, include_in_schema=False),
    cursor: Annotated[
        str | None,
        CURSOR,
        Query(
            description="Opaque: the `next_cursor` (or `previous_cursor`) of a previous "
            "response of the same list, in the same order."
        ),
    ] = None,
    before: str | None = Query(None, include_in_schema=False),
    limit: int | None = Query(
        None, ge=1, le=MAX_LIMIT, description="Items per page (default: page_size)."
    ),
) -> ListParams:
    # `sort` is the search form's older name for `order`, `before` the pages' older name for
    # an "older" cursor: links made before both became `order` and `cursor` keep working.
    given = ListParams(
        country=country,
        language=language,
        publication=publication,
        columnist=columnist,
        kind=kind,
        since=since,
        until=until,
        q=q,
        order=order or sort,
        cursor=cursor or before,
        limit=limit,
    )
    return given.for_feed() if request.url.path.endswith("/feed.atom") else given


Params = Annotated[ListParams, Depends(list_params)]
