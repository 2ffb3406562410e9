"""Find the rest of an article that is split over several sibling containers.

Templates that interleave ads or embeds with the text cut the article into chunks
(`<div class="body__inner-container">` five times over). trafilatura settles on one chunk and
returns a third of the article. The chunks share one template, so their paragraphs share one
parent signature (tag and class): when most of the paragraphs trafilatura kept have the same
signature, other paragraphs with that signature near them are the rest of the article and are put
back in document order.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from lxml.html import HtmlElement

from colonnade.extract.body import Block
from colonnade.extract.strings import squash

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
# How far above the kept paragraphs' common ancestor the other chunks may sit.
_MAX_LEVELS_UP = 3
_MIN_SIGNATURE_SHARE = 0.6
_MAX_LINK_SHARE = 0.5
# A chunk of article text holds several paragraphs; a lone one is a caption or a teaser.
_MIN_CHUNK_PARAGRAPHS = 2
_FRAME_TAGS = frozenset({"html", "body"})


@dataclass(slots=True)
class Paragraph:
    position: int
    element: HtmlElement
    text: str
    key: str


def index_paragraphs(tree: HtmlElement) -> list[Paragraph]:
    """The page's `<p>` elements in document order; call before anything mutates `tree`."""
    found = []
    for position, element in enumerate(tree.iter()):
        if element.tag != "p":
            continue
        text = squash(element.text_content())
        key = _key(text)
        if key:
            found.append(Paragraph(position, element, text, key))
    return found


def continue_article(blocks: list[Block], paragraphs: list[Paragraph]) -> list[Block]:
    """`blocks` with the paragraphs of the article's other chunks put back in order."""
    by_key: dict[str, Paragraph] = {}
    for paragraph in paragraphs:
        by_key.setdefault(paragraph.key, paragraph)
    block_keys = [_key(block.text) for block in blocks]
    matched = [by_key[k] for k in block_keys if k in by_key]
    if len(matched) < 2:
        return blocks
    signatures = Counter(_signature(p.element) for p in matched)
    signature, count = signatures.most_common(1)[0]
    if count < _MIN_SIGNATURE_SHARE * len(matched):
        return blocks
    region = _region([p.element for p in matched if _signature(p.element) == signature])
    if region is None:
        return blocks
    seen = set(block_keys)
    kept = [p for p in matched if _signature(p.element) == signature]
    # What trafilatura left out *between* paragraphs it took, it left out on purpose
    # (captions, teasers); what follows the last one it took in a chunk, or sits in another
    # chunk, is where it stopped early.
    last_taken: dict[HtmlElement | None, int] = {}
    for p in kept:
        parent = p.element.getparent()
        last_taken[parent] = max(last_taken.get(parent, -1), p.position)
    extras = []
    for p in paragraphs:
        if p.key in seen or _signature(p.element) != signature:
            continue
        parent = p.element.getparent()
        if parent in last_taken and p.position < last_taken[parent]:
            continue
        if _is_inside(p.element, region) and _link_share(p.element, p.text) < _MAX_LINK_SHARE:
            extras.append(p)
    chunks = Counter(p.element.getparent() for p in extras)
    extras = [p for p in extras if chunks[p.element.getparent()] >= _MIN_CHUNK_PARAGRAPHS]
    if not extras:
        return blocks
    logger.debug("adding %d paragraphs from sibling containers", len(extras))
    return _in_document_order(blocks, block_keys, by_key, extras)


def _in_document_order(
    blocks: list[Block],
    block_keys: list[str],
    by_key: dict[str, Paragraph],
    extras: list[Paragraph],
) -> list[Block]:
    # Blocks that are not a known paragraph (headings, lists) keep their place after the
    # previous known one.
    placed: list[tuple[float, int, Block]] = []
    position = -1.0
    for order, (block, key) in enumerate(zip(blocks, block_keys, strict=True)):
        if key in by_key:
            position = float(by_key[key].position)
        placed.append((position, order, block))
    offset = len(blocks)
    for order, paragraph in enumerate(extras):
        placed.append((paragraph.position, offset + order, Block("p", paragraph.text)))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in placed]


def _region(elements: list[HtmlElement]) -> HtmlElement | None:
    """An ancestor a few levels above the elements' common ancestor, below <body>."""
    ancestor = _common_ancestor(elements)
    if ancestor is None:
        return None
    for _ in range(_MAX_LEVELS_UP):
        parent = ancestor.getparent()
        if parent is None or parent.tag in _FRAME_TAGS:
            break
        ancestor = parent
    return None if ancestor.tag in _FRAME_TAGS else ancestor


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    chains = [list(e.iterancestors()) for e in elements]
    if not chains or not chains[0]:
        return None
    others = [set(map(id, chain)) for chain in chains[1:]]
    for candidate in chains[0]:
        if all(id(candidate) in ids for ids in others):
            return candidate
    return None


def _is_inside(element: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _signature(element: HtmlElement) -> tuple[str, str]:
    parent = element.getparent()
    if parent is None:
        return ("", "")
    return (str(parent.tag), " ".join(sorted((parent.get("class") or "").split())))


def _link_share(element: HtmlElement, text: str) -> float:
    links = sum(len(squash(a.text_content())) for a in element.iter("a"))
    return links / max(1, len(text))


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))
