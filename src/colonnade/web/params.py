"""The query parameters of every article list, read once for pages, feeds and the API alike.

`ListParams` holds them as typed (strings, unchecked): web/views.py checks them through
colonnade.filters. `Params` is the FastAPI dependency, so every list, in every form, takes the
same filters. A feed (an address ending in /feed.atom) always shows the first page, newest
first: feed readers want what is new, whatever order the page is in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Literal

from fastapi import Depends, Query, Request

MAX_LIMIT = 100
FILTERS = ("country", "language", "publication", "columnist", "kind", "from", "to")


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
    since: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD (UTC)."),
    until: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD (UTC)."),
    q: str = Query("", max_length=500, description="Words; all must match. Taken literally."),
    order: Literal["relevance", "newest"] | None = Query(
        None, description="relevance (the default with words) or newest (without)."
    ),
    sort: Literal["relevance", "newest"] | None = Query(None, include_in_schema=False),
    cursor: str | None = Query(
        None, description="The `next_cursor` (or `previous_cursor`) of a previous response."
    ),
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
