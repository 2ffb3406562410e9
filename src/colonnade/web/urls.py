"""The site's URLs, built in one place so that pages, feeds and the API agree.

    /articles/<id>-<title-slug>      /columnists/<slug>      /publications/<slug>
    /editions/<CC>   /languages/<code>   /archive/<yyyy>/<mm>/<dd>   /search?q=
Every list page has an Atom feed at <its path>/feed.atom (the front page at /feed.atom).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit

from colonnade.store import CopyRef, StoredArticle
from colonnade.store.naming import slugify


@lru_cache(maxsize=8192)  # every list page slugs the same popular titles again and again
def title_slug(title: str | None) -> str:
    return slugify(title or "", fallback="column")


def article(item: StoredArticle | CopyRef) -> str:
    return f"/articles/{item.id}-{quote(title_slug(item.title), safe='')}"


def columnist(slug: str) -> str:
    return f"/columnists/{quote(slug, safe='')}"


def publication(slug: str) -> str:
    return f"/publications/{quote(slug, safe='')}"


def edition(country: str) -> str:
    return f"/editions/{quote(country.upper(), safe='')}"


def language(code: str) -> str:
    return f"/languages/{quote(code.lower(), safe='')}"


def archive_day(day: date) -> str:
    return f"/archive/{day.year:04d}/{day.month:02d}/{day.day:02d}"


def archive_month(year: int, month: int) -> str:
    return f"/archive/{year:04d}/{month:02d}"


def feed(path: str) -> str:
    """The Atom feed of the list page at `path` (query string kept)."""
    base, _, query = path.partition("?")
    target = "/feed.atom" if base in ("", "/") else base.rstrip("/") + "/feed.atom"
    return f"{target}?{query}" if query else target


def with_query(path: str, **params: str | None) -> str:
    """`path` with the non-empty `params` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def original(item: StoredArticle) -> str:
    """Where "continue reading" goes: the page at the publication. The canonical URL when it
    is on the same site as the page fetched (the clean address), else the fetched page: a
    syndicated copy's canonical names another publication than the one credited here."""
    fetched = item.url or item.canonical_url
    if urlsplit(item.canonical_url).netloc == urlsplit(fetched).netloc:
        return item.canonical_url
    return fetched
