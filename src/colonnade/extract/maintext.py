"""Find the article's main text: trafilatura, checked against a second opinion.

1. A copy of the page is pre-cleaned (`clean.py`): other articles (the next story of an
   infinite-scroll page, teaser cards), furniture, hidden elements, teaser links.
2. trafilatura finds the main content on that copy (favouring recall if it finds nothing).
3. Paragraphs of the same template in sibling containers are put back (`continuation.py`).
4. readability's pick (`second.py`) and the JSON-LD `articleBody`, where they agree with
   trafilatura on the core of the text, trim what only trafilatura kept (`merge.py`).
5. Repeated long lines, credits, copyright lines, prompts and "read more" teasers go
   (`body.py`, `trailer.py`).
"""

from __future__ import annotations

import copy
import logging

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from colonnade.extract.body import Block, tidy, without_repeats
from colonnade.extract.clean import remove_boilerplate, remove_other_articles
from colonnade.extract.continuation import continue_article, index_paragraphs
from colonnade.extract.merge import merge
from colonnade.extract.second import readability_blocks
from colonnade.extract.trailer import drop_trailer

logger = logging.getLogger(__name__)


def extract_blocks(
    tree: HtmlElement, url: str | None, title: str | None = None, declared: str | None = None
) -> list[Block]:
    """The article's blocks in order; empty when no main text is found.

    `tree` is not modified. `declared` is the publisher's own plain-text body (JSON-LD
    `articleBody`), used only as a reference for agreement.
    """
    cleaned = copy.deepcopy(tree)
    removed = remove_other_articles(cleaned, title) + remove_boilerplate(cleaned)
    logger.debug("pre-clean removed %d elements", removed)
    paragraphs = index_paragraphs(cleaned)
    blocks = _run_trafilatura(cleaned, url, recall=False)
    if not blocks:
        # Short pages (a column of three paragraphs) can fall under trafilatura's thresholds.
        blocks = _run_trafilatura(cleaned, url, recall=True)
    blocks = continue_article(blocks, paragraphs)
    # readability rewrites the tree it reads, so it comes last (trafilatura works on a copy).
    blocks = merge(blocks, readability_blocks(cleaned))
    if declared:
        blocks = merge(blocks, [("p", declared)])
    return drop_trailer(without_repeats(blocks))


def _run_trafilatura(tree: HtmlElement, url: str | None, recall: bool) -> list[Block]:
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=recall,
        )
    except Exception as exc:  # trafilatura guards most failures, but not all of them
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return []
    # Without as_dict=True the answer is a Document or None; the annotation does not say so.
    if not isinstance(document, Document) or document.body is None:
        return []
    blocks = []
    for element in document.body:
        text = tidy(xmltotxt(element, False))
        if text:
            blocks.append(Block(str(element.tag), text))
    return blocks
