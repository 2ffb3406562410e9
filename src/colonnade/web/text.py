"""Article text for the page: excerpts, summaries, and HTML that is always sanitised.

Stored text is plain (paragraphs separated by blank lines). It becomes HTML here and only
here: each paragraph is escaped, wrapped in <p>, and the result goes through nh3 with a small
allow-list, so that even a bug in the escaping upstream could not put a script on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from markupsafe import Markup, escape

from colonnade.excerpts import shorten

ALLOWED_TAGS = {"p", "a", "em", "strong", "mark", "br", "blockquote", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLANK_LINE = re.compile(r"\n\s*\n")


def sanitize(html: str) -> Markup:
    """HTML reduced to the allow-list: no scripts, styles, event handlers or javascript: URLs;
    links get rel="noopener noreferrer nofollow"."""
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK_LINE.split(text or "") if p.strip()]


@dataclass(frozen=True, slots=True)
class Excerpt:
    paragraphs: list[str]
    shortened: bool  # less than the whole text is shown

    @property
    def html(self) -> Markup:
        return paragraphs_html(self.paragraphs)


def excerpt(text: str, limit_chars: int) -> Excerpt:
    """The first paragraphs, whole, up to about `limit_chars`; the first one cut at a word
    when it alone is longer. `limit_chars <= 0` gives the whole text."""
    every = paragraphs(text)
    if limit_chars <= 0:
        return Excerpt(every, shortened=False)
    chosen: list[str] = []
    used = 0
    cut = False
    for paragraph in every:
        if not chosen and len(paragraph) > limit_chars:
            chosen.append(shorten(paragraph, limit_chars))
            cut = True
            break
        if chosen and used + len(paragraph) > limit_chars:
            break
        chosen.append(paragraph)
        used += len(paragraph)
    shortened = cut or len(chosen) < len(every)
    return Excerpt(chosen, shortened=shortened)


def paragraphs_html(items: list[str]) -> Markup:
    return sanitize("".join(f"<p>{escape(p)}</p>" for p in items))


def summary(
    description: str | None, excerpt_text: str | None, text: str, limit_chars: int = 240
) -> str:
    """One short plain-text summary for lists and feeds: the description when the page gave
    one, else the start of the text."""
    for candidate in (description, excerpt_text, " ".join(paragraphs(text)[:2])):
        if candidate and candidate.strip():
            return shorten(candidate, limit_chars)
    return ""
