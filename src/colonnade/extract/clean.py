"""Remove page furniture before the main-text extractor sees the page.

trafilatura drops most boilerplate by itself; what slips through on news pages is furniture that
sits *inside* the article container: cookie and consent notices, newsletter boxes, share bars,
"related" teasers and comment threads. They are recognised by the words in their class and id.
The article container itself is never removed, even when a class on it mentions one of these
words ("article--has-comments"): an element holding most of the page's paragraphs is kept.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from colonnade.extract.strings import marker_words, words

_BOILERPLATE_WORDS = words(
    """cookie cookies cookiebanner consent gdpr cmp onetrust didomi newsletter newsletters
    share shares sharing sharebar sharetools social socials socialbar related
    relatedarticles comments comment disqus subscribe subscription signup outbrain taboola
    recommended recommendations recommender popular mostread trending breadcrumb breadcrumbs
    readmore morestories moreon promo sponsored"""
)
# Joined forms (no separator) that are boilerplate as a whole token.
_BOILERPLATE_TOKENS = re.compile(
    r"^(?:(?:cookie|consent|newsletter|related|subscribe|outbrain|taboola)\w*|comments?|"
    r"(?:share|social)(?:bar|box|buttons?|links?|icons?|tools?|this|media|nav|wrapper)?s?|"
    r"read-?more|most-?read|more-?stories)$",
    re.I,
)
_PROTECTED_TAGS = frozenset({"html", "body", "main", "article", "h1"})
_MIN_PROTECTED_SHARE = 0.4


def is_boilerplate_marker(marker: str) -> bool:
    """Whether a class/id string names furniture (newsletter box, share bar, ...)."""
    if not marker.strip():
        return False
    if any(_BOILERPLATE_TOKENS.match(token) for token in marker.split()):
        return True
    return bool(marker_words(marker) & _BOILERPLATE_WORDS)


def remove_boilerplate(tree: HtmlElement) -> int:
    """Remove furniture elements from `tree` in place; return how many were removed."""
    body = tree.find(".//body")
    if body is None:
        return 0
    total = _paragraph_chars(body) or 1
    doomed = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _PROTECTED_TAGS:
            continue
        if element.get("itemprop") == "articleBody":
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if not is_boilerplate_marker(marker):
            continue
        if _paragraph_chars(element) >= _MIN_PROTECTED_SHARE * total:
            continue  # this is (or wraps) the article, whatever its class says
        doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:  # a descendant of an element removed before is detached already
            _drop_keep_tail(element, parent)
    return len(doomed)


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def _drop_keep_tail(element: HtmlElement, parent: HtmlElement) -> None:
    """Remove an element but keep the text that follows it (its tail) in place."""
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
