"""Where a byline sits in the page markup and how its text reads.

The context tests (comments, teasers, media captions) keep names of other stories, commenters
and photographers out; `separated_text` keeps names set side by side as links apart;
`signatures` finds the names signed in bold at the start or the end of the text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from colonnade.extract.strings import marker_words, squash, words

# Parts of a page where author names of *other* articles or of commenters appear.
_NOT_BYLINE_CONTEXT = words(
    """comment comments disqus related teaser teasers recommended recommendations recommender
    footer sidebar promo newsletter bio biography authorbio outbrain taboola trending popular
    mostread"""
)

_ASIDE_TAGS = ("footer", "aside", "nav")
# Elements whose texts are separate entries of a byline (see `separated_text`).
_SEPARATE_TAGS = words(
    "a div p li ul ol address section header dl dt dd table tr td br h2 h3 h4 h5 h6"
)
_UNSEEN_TAGS = words("aside nav button script style noscript template svg select form")
_SEPARATOR_RUN = re.compile(r"(?:\s*\|\s*)*\s\|\s(?:\s*\|\s*)*")

# A signature paragraph: nothing but one bold element holding one to three names
# ("<p><strong>Jane Doe/John Roe</strong></p>"), first in the text or last.
_NAME_WORD = r"[A-ZÀ-ÝĀ-ŽА-Я][\w'’.-]*"
_SIGNATURE_NAME = (
    rf"{_NAME_WORD}(?:\s+(?:(?:van|von|de|da|di|del|der|du|la|le)\s+)?{_NAME_WORD}){{1,3}}"
)
_SIGNATURE = re.compile(
    rf"^{_SIGNATURE_NAME}(?:\s*(?:/|,|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b)\s*"
    rf"{_SIGNATURE_NAME}){{0,2}}$"
)
_SIGNATURE_MAX_CHARS = 90
_LEAD_PARAGRAPH_CHARS = 120  # the first paragraph this long starts the text proper


def in_bad_context(element: HtmlElement) -> bool:
    """Whether the element sits in comments, teasers, footers and the like.

    The walk up stops at the nearest <article> or <main>: whatever wraps the article (some
    templates put the whole page in a "recommended" segment) says nothing about its parts. An
    <article> inside an <aside>, <footer> or <nav> is a teaser card of another story, though.
    """
    for ancestor in element.iterancestors():
        if ancestor.tag == "body":
            return False
        if ancestor.tag in _ASIDE_TAGS:
            return True
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        # Whole words only: WordPress marks posts "category-commentary".
        if marker.strip() and marker_words(marker) & _NOT_BYLINE_CONTEXT:
            return True
        if ancestor.tag in ("article", "main"):
            return any(outer.tag in _ASIDE_TAGS for outer in ancestor.iterancestors())
    return False


def in_media(element: HtmlElement) -> bool:
    """Whether the element sits in a <figure> or <figcaption>: a byline there credits the
    photo, video or audio, not the article."""
    return any(a.tag in ("figure", "figcaption") for a in element.iterancestors())


def spaced_text(element: HtmlElement) -> str:
    """The element's text with a space at every element boundary: "Lesotho Times<time>May 2"
    reads "Lesotho Times May 2", not "Lesotho TimesMay 2"."""
    return squash(" ".join(element.itertext()))


def separated_text(element: HtmlElement) -> str:
    """The element's text with " | " around every link and block: names set side by side as
    links or boxes ("<a>dpa</a><a>Jane Doe</a>") stay apart; inline parts ("<span>Jane</span>
    <span>Doe</span>") stay one name."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node is not element and _unseen(node):
            return
        apart = node is not element and node.tag in _SEPARATE_TAGS
        pieces.append(" | " if apart else "")
        pieces.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            pieces.append(child.tail or "")
        pieces.append(" | " if apart else "")

    walk(element)
    return _SEPARATOR_RUN.sub(" | ", squash("".join(pieces))).strip(" |")


def _unseen(node: HtmlElement) -> bool:
    """Parts of a byline box that are no byline: hidden menus, buttons, asides ("Follow the
    topics of this article")."""
    return (
        node.tag in _UNSEEN_TAGS
        or node.get("hidden") is not None
        or node.get("aria-hidden") == "true"
    )


def signatures(scope: HtmlElement) -> list[str]:
    """Names set alone in bold as a paragraph of their own at the start of the text (before the
    first long paragraph, followed by more text) or as its last paragraph (nothing after it):
    "<p><strong>Jane Doe/John Roe</strong></p>", a common signature where no byline markup is.
    """
    found: list[str] = []
    parents = dict.fromkeys(p.getparent() for p in scope.iter("p"))  # document order
    for parent in parents:
        if parent is None:
            continue
        paragraphs = [child for child in parent if child.tag == "p"]
        long = [len(squash(p.text_content())) >= _LEAD_PARAGRAPH_CHARS for p in paragraphs]
        if len(paragraphs) < 3 or sum(long) < 2:
            continue  # not the text of an article: a sidebar of links, a list of teasers
        leading = paragraphs[: min(3, long.index(True))]
        for paragraph in [*leading, paragraphs[-1]]:
            text = _signature(paragraph, trailing=paragraph is paragraphs[-1])
            if not text or in_bad_context(paragraph) or text in found:
                continue
            following = paragraph.getnext()
            if paragraph is paragraphs[-1]:
                if any(squash(s.text_content()) for s in paragraph.itersiblings()):
                    continue
            elif following is None or following.tag != "p":
                continue
            found.append(text)
    return found[:2]


def _signature(paragraph: HtmlElement, trailing: bool) -> str | None:
    """The names of a paragraph made only of one bold element holding names, else None. At the
    end of the text an italic one counts too (above it, italics are mostly a kicker)."""
    children = list(paragraph)
    tags = ("strong", "b", "em", "i") if trailing else ("strong", "b")
    if len(children) != 1 or children[0].tag not in tags:
        return None
    if squash(paragraph.text) or squash(children[0].tail):
        return None
    text = squash(children[0].text_content()).strip(" ,.;:–—-")
    if len(text) > _SIGNATURE_MAX_CHARS or not _SIGNATURE.match(text):
        return None
    return text
