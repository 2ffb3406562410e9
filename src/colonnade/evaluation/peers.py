"""Extractors to compare: ours and the peer libraries of the optional ``[bench]`` extra.

Each wrapper takes the page (bytes, as fetched) and its URL and returns an `Extraction`. A field
the extractor does not produce at all is None, which the scorer counts as wrong; an empty list of
authors is an answer ("nobody"). Body extraction mirrors the calls of scrapinghub's benchmark
scripts (extractors/run_*.py) so figures on its pages are comparable with the published ones.

Wrappers import their library lazily: the harness runs them in worker processes, and a peer that
is not installed only fails its own rows.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Extraction:
    text: str
    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None


Extractor = Callable[[bytes, str | None], Extraction]


def _decode(html: bytes) -> str:
    # Every page of both data sets is UTF-8 (the benchmark scripts read them so too).
    return html.decode("utf-8", errors="replace")


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return str(value)


def _names(values: Any) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in values or () if str(v).strip())


def colonnade(html: bytes, url: str | None) -> Extraction:
    from colonnade.errors import ExtractError
    from colonnade.extract import extract

    try:
        article = extract(html, url=url)
    except ExtractError:
        # Our contract's way of saying "no article here": an empty answer, not a crash.
        return Extraction(text="")
    return Extraction(
        text=article.text or "",
        title=article.title,
        # The whole byline, as the gold and the peers give it: people, then wires and desks.
        authors=tuple(article.authors + article.credits),
        published=article.published,
    )


def trafilatura(html: bytes, url: str | None) -> Extraction:
    import trafilatura as lib
    from trafilatura.settings import Document

    doc = lib.bare_extraction(_decode(html), url=url, include_comments=False, with_metadata=True)
    # Without as_dict=True the answer is a Document or None; the annotation does not say so.
    if not isinstance(doc, Document):
        return Extraction(text="", authors=())
    # trafilatura joins several authors with "; ".
    authors = _names((doc.author or "").split(";"))
    return Extraction(text=doc.text or "", title=doc.title, authors=authors, published=doc.date)


def readability(html: bytes, url: str | None) -> Extraction:
    import html_text
    from readability import Document

    doc = Document(_decode(html), url=url)
    text = html_text.extract_text(doc.summary(html_partial=True))
    return Extraction(text=text, title=doc.short_title() or None)


def newspaper4k(html: bytes, url: str | None) -> Extraction:
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False
    config.memorize_articles = False
    config.disable_category_cache = True
    config.follow_meta_refresh = False  # it would fetch the refresh target
    article = newspaper.Article(url or "http://127.0.0.1/", config=config)
    article.download(input_html=_decode(html))
    article.parse()
    return Extraction(
        text=article.text or "",
        title=article.title or None,
        authors=_names(article.authors),
        published=_iso(article.publish_date),
    )


def goose3(html: bytes, url: str | None) -> Extraction:
    from goose3 import Goose

    with Goose({"enable_image_fetching": False, "http_timeout": 1}) as goose:
        article = goose.extract(url=url, raw_html=_decode(html))
    return Extraction(
        text=article.cleaned_text or "",
        title=article.title or None,
        authors=_names(article.authors),
        published=_iso(article.publish_date),
    )


_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)


@functools.cache
def _all_stopwords() -> frozenset[str]:
    import justext as lib

    return frozenset().union(*(lib.get_stoplist(name) for name in lib.get_stoplists()))


def justext(html: bytes, url: str | None) -> Extraction:
    import justext as lib

    # The benchmark's settings. It uses the English stop list everywhere; justext cannot guess a
    # language, so a page that declares another one gets the union of all stop lists (as
    # trafilatura does when it falls back on justext) rather than a certain empty result.
    match = _HTML_LANG.search(html[:10_000])
    english = match is None or match.group(1).lower() == b"en"
    stoplist = lib.get_stoplist("English") if english else _all_stopwords()
    paragraphs = lib.justext(_decode(html), stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
    return Extraction(text=" ".join(p.text for p in paragraphs if not p.is_boilerplate))


def resiliparse(html: bytes, url: str | None) -> Extraction:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    page = _decode(html)
    title = HTMLTree.parse(page).title
    return Extraction(text=extract_plain_text(page, main_content=True), title=title or None)


def boilerpy3(html: bytes, url: str | None) -> Extraction:
    from boilerpy3 import extractors

    doc = extractors.ArticleExtractor().get_doc(_decode(html))
    return Extraction(text=doc.content or "", title=doc.title or None)


# Name -> (wrapper, module that must be importable for it to run).
EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    "colonnade": (colonnade, "colonnade.extract"),
    "trafilatura": (trafilatura, "trafilatura"),
    "readability": (readability, "readability"),
    "newspaper4k": (newspaper4k, "newspaper"),
    "goose3": (goose3, "goose3"),
    "justext": (justext, "justext"),
    "resiliparse": (resiliparse, "resiliparse"),
    "boilerpy3": (boilerpy3, "boilerpy3"),
}
OURS = "colonnade"


def is_available(name: str) -> bool:
    """Whether the extractor's library is installed (for ours: whether it is written yet)."""
    _, module = EXTRACTORS[name]
    if name == OURS:
        try:
            from colonnade.extract import extract  # noqa: F401
        except ImportError:
            return False
        return True
    return importlib.util.find_spec(module) is not None


def resolve(name: str) -> Extractor:
    try:
        return EXTRACTORS[name][0]
    except KeyError:
        raise ValueError(
            f"unknown extractor {name!r}; choose from {', '.join(EXTRACTORS)}"
        ) from None
