"""Remove page furniture before the main-text extractor sees the page.

trafilatura drops most boilerplate by itself; what slips through on news pages is furniture that
sits *inside* the article container:

- cookie and consent notices, newsletter boxes, share bars, "related" teasers and comment
  threads, recognised by the words in their class and id;
- elements the reader never sees (`hidden`, `style="display:none"`): schema.org microdata
  blocks that repeat the headline, dates and image URLs as text, templates for dialogs;
- teaser links: lists whose items are all links, and short paragraphs that are one link
  ("Read more: ...", "ALSO READ ..."), which point at other articles.

The article container itself is never removed, even when a class on it mentions one of these
words ("article--has-comments"): an element holding most of the page's paragraphs is kept.
"""

from __future__ import annotations

import functools
import re

from lxml.html import HtmlElement

from colonnade.extract.strings import marker_words, simplify, words

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
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A paragraph that is mostly link text is a teaser for another page, however it is labelled.
_TEASER_LINK_SHARE = 0.8
_TEASER_MAX_CHARS = 250
_LIST_TAGS = frozenset({"ul", "ol"})
_PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6"})
# React streams server-rendered parts in hidden <div id="S:..."> elements and moves them into
# place with a script: hidden in the HTML, visible in the browser.
_STREAMED_ID = re.compile(r"^S:")


@functools.lru_cache(maxsize=8192)
def is_boilerplate_marker(marker: str) -> bool:
    """Whether a class/id string names furniture (newsletter box, share bar, ...)."""
    return any(_is_boilerplate_token(token) for token in marker.split())


@functools.lru_cache(maxsize=16384)
def _is_boilerplate_token(token: str) -> bool:
    # Cached per token: ids make whole markers unique, their tokens repeat.
    return bool(_BOILERPLATE_TOKENS.match(token) or marker_words(token) & _BOILERPLATE_WORDS)


def remove_boilerplate(tree: HtmlElement) -> int:
    """Remove furniture elements from `tree` in place; return how many were removed."""
    body = tree.find(".//body")
    if body is None:
        return 0
    total = _paragraph_chars(body) or 1
    doomed = []
    # Depth first, without entering an element that goes: its descendants go with it.
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if (
            tag not in _PROTECTED_TAGS
            and _is_furniture(element, tag)
            and element.get("itemprop") != "articleBody"
            # An element holding most of the text is (or wraps) the article, whatever its class.
            and _paragraph_chars(element) < _MIN_PROTECTED_SHARE * total
        ):
            doomed.append(element)
            continue
        stack.extend(reversed(element))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            _drop_keep_tail(element, parent)
    return len(doomed)


def _is_furniture(element: HtmlElement, tag: str) -> bool:
    attrib = element.attrib
    if attrib:  # most elements have no attributes at all; this runs for every element
        if "hidden" in attrib and not _STREAMED_ID.match(attrib.get("id", "")):
            return True
        style = attrib.get("style")
        if style and _HIDDEN_STYLE.search(style):
            return True
        css, ident = attrib.get("class"), attrib.get("id")
        if (css or ident) and is_boilerplate_marker(f"{css or ''} {ident or ''}"):
            return True
    if tag in _LIST_TAGS:
        return _is_link_list(element)
    if tag in _PARAGRAPH_TAGS:
        return _is_teaser_paragraph(element)
    return False


def _is_link_list(element: HtmlElement) -> bool:
    """A list whose every item is (almost) only a link: related articles, not a list of facts."""
    items = [li for li in element if li.tag == "li"]
    if not items:
        return False
    for item in items:
        text = _text_len(item)
        if text and _link_chars(item) < _TEASER_LINK_SHARE * text:
            return False
    return any(_text_len(item) for item in items)


def _is_teaser_paragraph(element: HtmlElement) -> bool:
    text = "".join(element.itertext()).strip()
    if not text or len(text) > _TEASER_MAX_CHARS or text.startswith(("http://", "https://")):
        return False  # a bare address is a cited source, part of the text
    return _link_chars(element) >= _TEASER_LINK_SHARE * len(text)


def _text_len(element: HtmlElement) -> int:
    return len("".join(element.itertext()).strip())


def _link_chars(element: HtmlElement) -> int:
    """Characters inside links to other pages; jump marks (`<a name>`, `href="#..."`) are not
    links away from the article."""
    return sum(
        len("".join(a.itertext()).strip())
        for a in element.iter("a")
        if not a.get("href", "#").startswith("#")
    )


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


def remove_other_articles(tree: HtmlElement, title: str | None) -> int:
    """Remove whole articles that are not this page's one: infinite-scroll templates append the
    next story, with its own `<h1>`, below the first. An `<article>` whose `<h1>` is not the
    page's title goes when another `<h1>` on the page is the title."""
    key = simplify(title or "")
    headings = [(h1, simplify(h1.text_content())) for h1 in tree.iter("h1")]
    if not key or not any(text == key for _, text in headings):
        headings = []
    doomed = []
    for h1, text in headings:
        if text == key or not text:
            continue
        article = next((a for a in h1.iterancestors() if a.tag == "article"), None)
        if article is None or any(t == key for _, t in _headings_in(article)):
            continue
        doomed.append(article)
    # Teaser cards: an <article> inside an article, headed by a link to another page or one of a
    # row of sibling <article>s. Not the story itself wrapped in a page-wide <article>
    # (WordPress links the headline to itself).
    total = _paragraph_chars(tree) or 1
    for article in tree.iter("article"):
        if (
            any(a.tag == "article" for a in article.iterancestors())
            and (_has_linked_heading(article) or _has_article_siblings(article))
            and not (key and any(t == key for _, t in _headings_in(article)))
            and _paragraph_chars(article) < _MIN_PROTECTED_SHARE * total
        ):
            doomed.append(article)
    removed = 0
    for article in doomed:
        parent = article.getparent()
        if parent is not None:
            _drop_keep_tail(article, parent)
            removed += 1
    return removed


def _has_linked_heading(element: HtmlElement) -> bool:
    for heading in element.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        for a in heading.iter("a"):
            if not a.get("href", "#").startswith("#"):
                return True
    return False


def _has_article_siblings(element: HtmlElement) -> bool:
    return any(s.tag == "article" for s in element.itersiblings()) or any(
        s.tag == "article" for s in element.itersiblings(preceding=True)
    )


def _headings_in(element: HtmlElement) -> list[tuple[HtmlElement, str]]:
    return [(h1, simplify(h1.text_content())) for h1 in element.iter("h1")]
