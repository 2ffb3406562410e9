"""A second opinion on the main text: readability's scoring, for agreement with trafilatura.

trafilatura decides block by block; readability scores containers by their paragraphs and then
takes the best container with its like-scored siblings. They fail differently, which is what
makes the pair useful: trafilatura keeps one of several sibling containers when ads split an
article ("body__inner-container" x 5) and sometimes flattens a page into one block, while
readability drops short opening paragraphs and headings. `merge.py` combines the two.

We use the readability fork that ships inside trafilatura (no new dependency).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import lxml.html
from lxml.html import HtmlElement

from colonnade.extract.strings import squash

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from trafilatura.readability_lxml import Document

_Readability: type[Document] | None
try:  # an internal module of trafilatura: without it there is no second opinion, not an error
    from trafilatura.readability_lxml import Document as _Readability
except ImportError:  # pragma: no cover - depends on the installed trafilatura
    _Readability = None
    logger.warning("trafilatura.readability_lxml is missing: main text without a second opinion")

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt")
_MIN_TEXT_LENGTH = 25


def readability_blocks(tree: HtmlElement) -> list[tuple[str, str]]:
    """(tag, text) for each block of readability's pick; `tree` is consumed (mutated)."""
    if _Readability is None:
        return []
    try:
        html = _Readability(tree, min_text_length=_MIN_TEXT_LENGTH).summary()
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception as exc:  # a second opinion is optional; the first one stands alone
        logger.debug("readability failed: %s", exc)
        return []
    blocks = []
    for element in fragment.iter(*_BLOCK_TAGS):
        if _has_block_ancestor(element, fragment):
            continue  # its text is counted with the outer block
        text = squash(element.text_content())
        if text:
            blocks.append((str(element.tag), text))
    return blocks


def _has_block_ancestor(element: HtmlElement, root: HtmlElement) -> bool:
    for parent in element.iterancestors():
        if parent is root:
            return False
        if parent.tag in _BLOCK_TAGS:
            return True
    return False
