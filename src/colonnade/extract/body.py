"""The main text as blocks: one paragraph, heading, list, quote or table each.

`text` joins them with blank lines. Headings are kept in the text (they are part of the article)
but skipped in the excerpt. `maintext.py` finds the blocks.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from colonnade.excerpts import shorten
from colonnade.extract.strings import strip_invisible

logger = logging.getLogger(__name__)

EXCERPT_CHARS = 600
_REPEAT_MIN_CHARS = 120
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[^\W{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")


@dataclass(slots=True)
class Block:
    kind: str  # p, head, list, quote, table, code
    text: str


def without_repeats(blocks: list[Block]) -> list[Block]:
    """Drop long lines already seen: pull quotes repeat a sentence, and some templates render
    the article twice (a visible copy and a hidden one) inside the same container. Short lines
    repeat legitimately (the same question put to each person interviewed, table headers)."""
    seen: set[str] = set()
    kept = []
    for block in blocks:
        lines = []
        for line in block.text.split("\n"):
            key = " ".join(line.split()).casefold()
            if len(key) >= _REPEAT_MIN_CHARS:
                if key in seen:
                    continue
                seen.add(key)
            lines.append(line)
        if any(line.strip(" -•*|") for line in lines):
            kept.append(Block(block.kind, "\n".join(lines).strip()))
    return kept


def tidy(text: str) -> str:
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in strip_invisible(text).splitlines()]
    text = "\n".join(line for line in lines if line)
    return text.strip()


def blocks_from_plain_text(text: str) -> list[Block]:
    """Blocks from a plain-text body (JSON-LD articleBody) when the HTML yields none."""
    parts = re.split(r"\n\s*\n|\n", text)
    return [Block("p", p) for p in (tidy(part) for part in parts) if p]


def join_blocks(blocks: list[Block]) -> str:
    return "\n\n".join(block.text for block in blocks)


def make_excerpt(blocks: list[Block], limit: int = EXCERPT_CHARS) -> str | None:
    """The opening paragraphs, about `limit` characters, cut at a sentence or word boundary."""
    text = ""
    for block in blocks:
        if block.kind not in ("p", "quote", "list"):
            continue
        text = f"{text} {block.text}".strip() if text else block.text
        if len(text) >= limit:
            break
    return shorten(text, limit, sentences=True) or None


def count_words(text: str) -> int:
    """Words in space-separated scripts plus characters in Chinese and Japanese."""
    return len(_WORD.findall(text)) + len(_CJK_CHAR.findall(text))
