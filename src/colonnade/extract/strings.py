"""Small string helpers shared by the extraction modules."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from colonnade.links import hostname

_SPACE = re.compile(r"\s+")
# Soft hyphens, zero-width spaces and joiners, word joiners, BOMs: invisible, but they break
# comparisons and searches.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def marker_words(marker: str) -> set[str]:
    """The words of a class/id string: each token whole and split at - _ : and camelCase
    ("c-newsletter__box relatedArticles" -> c, newsletter, box, related, articles, ...)."""
    found: set[str] = set()
    for token in marker.split():
        found.add(token.lower())
        for part in re.split(r"[-_:]+", _CAMEL.sub("-", token)):
            if part:
                found.add(part.lower())
    return found


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (for keyword tables)."""
    return frozenset(text.split())


def squash(value: object) -> str:
    """Collapse every run of whitespace (including NBSP) to one space and strip the ends."""
    if value is None:
        return ""
    return _SPACE.sub(" ", _INVISIBLE.sub("", str(value))).strip()


def strip_invisible(value: str) -> str:
    return _INVISIBLE.sub("", value)


def unescape(value: str) -> str:
    """Undo HTML entities that were escaped twice (common in JSON-LD and meta content)."""
    if "&" not in value:
        return value
    return html.unescape(value)


_GENERIC_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "www", "m", "amp"})


def site_label(url: str | None) -> str:
    """The distinctive label of a host: 'dailymail' for www.dailymail.co.uk."""
    labels = hostname(url).split(".")[:-1]
    labels = [label for label in labels if label not in _GENERIC_LABELS]
    return labels[-1] if labels else ""


def simplify(value: str) -> str:
    """A comparison key: lower case, letters and digits only."""
    return re.sub(r"[\W_]+", "", value.casefold())


def marked_elements(root: HtmlElement, test: Callable[[str], bool]) -> Iterator[HtmlElement]:
    """Elements under `root`, in document order, whose "class id" string passes `test`; `test`
    should be cached (markers repeat across a page)."""
    for element in root.iter(etree.Element):
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if marker != " " and test(marker):
            yield element
