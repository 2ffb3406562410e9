"""The profile URLs of a byline's authors: JSON-LD `url` and `sameAs`, rel=author links and
links to author pages (/author/jane-doe).

They are what joins one person's bylines across publications (store/columnists.py): the same
`sameAs`, or the author page a byline links to. A URL counts only for the author whose name it
is given with, and never when it is the article itself or a site's front page.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from colonnade.extract.authors import clean_authors
from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PROFILE_LINKS, in_bad_context
from colonnade.extract.strings import simplify, squash
from colonnade.links import absolute_url, profile_key

_MAX_PER_AUTHOR = 6


def author_profiles(
    authors: list[str], jsonld: JsonLdArticle, tree: HtmlElement, url: str | None
) -> dict[str, list[str]]:
    """Profile URLs for each of `authors` (the names as extracted), in the order found; authors
    without any are left out."""
    if not authors:
        return {}
    keys = {simplify(name): name for name in authors}
    found: dict[str, list[str]] = {}
    page = profile_key(url)

    def add(raw_name: str, href: str | None) -> None:
        link = absolute_url(href, url)
        key = profile_key(link)
        if link is None or key is None or key == page:
            return
        for name in clean_authors([raw_name]):
            author = keys.get(simplify(name))
            if author is None:
                continue
            links = found.setdefault(author, [])
            if len(links) < _MAX_PER_AUTHOR and all(profile_key(x) != key for x in links):
                links.append(link)

    for person in jsonld.authors:
        for href in person.urls:
            add(person.name, href)
    for element in tree.xpath(PROFILE_LINKS):
        if in_bad_context(element):
            continue
        add(squash(element.text_content()), element.get("href"))
    return found
