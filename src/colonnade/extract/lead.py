"""Put back the standfirst: the lead paragraph printed between the headline and the text.

News templates print a summary under the headline ("Berlin. The former foreign minister takes
office today...") in its own element, often a `<div>` or `<span>` outside the text container, so
extractors leave it out although readers see it as the article's opening. The publisher also
gives it as the page description (`og:description`, `description`); when the description's
opening words are printed in the page above the first paragraph of the text and missing from the
text, that element's text becomes the first block.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from colonnade.extract.body import Block
from colonnade.extract.strings import squash

_TOKEN = re.compile(r"\w+")
_KEY_WORDS = 8
_MIN_WORDS = 6
# The printed lead may be longer than the (often shortened) description, not a whole section.
_MAX_GROWTH = 3.0
_LEAD_TAGS = ("p", "div", "span", "h2", "strong", "section", "header")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def add_lead(tree: HtmlElement, blocks: list[Block], description: str | None) -> list[Block]:
    """`blocks` with the printed standfirst in front, when it is missing from them."""
    if not blocks or not description:
        return blocks
    wanted = _tokens(description)
    if len(wanted) < _MIN_WORDS:
        return blocks
    key = " ".join(wanted[:_KEY_WORDS])
    if key in " ".join(_tokens(" ".join(b.text for b in blocks[:3]))) or key in " ".join(
        _tokens(" ".join(b.text for b in blocks))
    ):
        return blocks
    body = tree.find(".//body")
    printed = re.compile(r"\W+".join(map(re.escape, wanted[:_KEY_WORDS])))
    if body is None or not printed.search(body.text_content().casefold()):
        return blocks  # not printed in the page at all (one search in C before the element walk)
    first_text = " ".join(_tokens(blocks[0].text)[:_KEY_WORDS])
    best: str | None = None
    for element in body.iter(*_LEAD_TAGS):
        raw = element.text_content()
        if len(raw) > _MAX_GROWTH * len(description) + 200:
            continue
        tokens = _tokens(raw)
        if " ".join(tokens[:_KEY_WORDS]) != key:
            continue
        if len(tokens) > _MAX_GROWTH * len(wanted) + 20:
            continue
        if first_text and first_text in " ".join(tokens):
            return blocks  # this element holds the text itself, not a lead above it
        best = squash(raw)  # the innermost match wins: iteration reaches descendants later
    if best is None:
        return blocks
    return [Block("p", best), *blocks]
