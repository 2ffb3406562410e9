"""Turning the HTML that feeds put in titles and summaries into plain text."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from colonnade.unsafe_chars import xml_safe

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>?")
_BLOCKS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
}  # fmt: skip


def clean_text(value: str | None) -> str | None:
    """Collapse whitespace and drop what XML cannot carry (a feed that smuggles such characters
    in would break OPML export and some databases); None when nothing is left."""
    if value is None:
        return None
    value = _SPACE.sub(" ", xml_safe(value)).strip()
    return value or None


def html_to_text(value: str | None) -> str | None:
    """The readable text of an HTML fragment: tags dropped, entities decoded, blocks spaced.

    Script and style bodies go too: they are code, never words a reader should see.
    """
    if value is None or not value.strip():
        return None
    if "<" not in value and "&" not in value:
        return clean_text(value)
    try:
        root = lxml.html.fragment_fromstring(xml_safe(value), create_parent="div")
    except (etree.ParserError, ValueError):
        # Never hand back markup as "text": strip anything tag-shaped instead.
        return clean_text(html.unescape(_TAG.sub(" ", value)))
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments and processing instructions
            continue
        if el.tag in ("script", "style", "noscript", "template"):
            el.text = None
            for child in list(el):
                el.remove(child)
        elif el.tag in _BLOCKS:
            el.tail = " " + (el.tail or "")
    return clean_text(root.text_content())
