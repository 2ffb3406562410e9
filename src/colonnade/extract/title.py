"""Choose the article's title among the headline, og:title, <title> and the page's h1.

The visible h1 is the article's own title when it agrees with what the metadata says; meta and
<title> values often carry the site name ("Headline | The Daily Planet"), which is cut off.
"""

from __future__ import annotations

import re

from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PageMeta
from colonnade.extract.strings import simplify, site_label, squash
from colonnade.links import hostname

_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+[·•:]{1,2}\s+|\s*\|\s*")
_MAX_CHARS = 400


def choose_title(
    jsonld: JsonLdArticle, meta: PageMeta, publication: str | None, url: str | None
) -> str | None:
    site_keys = _site_keys(publication, meta, url)
    metas = [
        squash(v)
        for v in (
            jsonld.headline,
            meta.first("og:title"),
            meta.first("twitter:title"),
            meta.first("title", "headline", "dc.title", "sailthru.title", "parsely-title"),
            meta.title_tag,
        )
        if v and squash(v)
    ]
    # A meta title that is only the site's name ("Daily Planet") would vouch for a logo h1.
    stripped = [_strip_site(t, site_keys) for t in metas if not _is_site(t, site_keys)]
    for heading in meta.headings[:3]:
        agreeing = _agreeing(heading, stripped)
        if agreeing is not None:
            # Same words: the metadata spelling keeps punctuation that styled spans lose.
            return _cap(agreeing if simplify(agreeing) == simplify(heading) else heading)
    if stripped:
        return _cap(stripped[0])
    return _cap(meta.headings[0]) if meta.headings else None


def _cap(title: str) -> str:
    return title if len(title) <= _MAX_CHARS else title[:_MAX_CHARS].rsplit(" ", 1)[0]


def _site_keys(publication: str | None, meta: PageMeta, url: str | None) -> set[str]:
    names = (publication, meta.first("og:site_name"), meta.first("application-name"))
    keys = {simplify(v) for v in names if v}
    keys.add(simplify(hostname(url)))
    keys.add(simplify(site_label(url)))
    return {key for key in keys if len(key) >= 3}


def _is_site(part: str, site_keys: set[str]) -> bool:
    key = simplify(part)
    if not key:
        return True
    for site in site_keys:
        if key == site:
            return True
        shorter, longer = sorted((key, site), key=len)
        if len(shorter) >= 4 and shorter in longer and len(shorter) >= 0.5 * len(longer):
            return True
    return False


def _strip_site(title: str, site_keys: set[str]) -> str:
    """Remove a leading or trailing site name separated by | - – — · :: from a meta title."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site(parts[-1], site_keys):
        title = title[: title.rfind(parts[-1])].rstrip()
        title = re.sub(r"[\s|–—·•:-]+$", "", title)
        parts = parts[:-1]
    while len(parts) > 1 and _is_site(parts[0], site_keys):
        title = title[len(title.split(parts[1], 1)[0]) :] if parts[1] in title else title
        parts = parts[1:]
    return title.strip()


def _agreeing(heading: str, candidates: list[str]) -> str | None:
    """The metadata title that says the same as the h1 (one contains the other), if any."""
    key = simplify(heading)
    if len(key) < 4:
        return None
    for candidate in candidates:
        other = simplify(candidate)
        if not other:
            continue
        shorter, longer = sorted((key, other), key=len)
        if shorter in longer and len(shorter) >= 0.6 * len(longer):
            return candidate
    return None
