"""HTML -> Article. `extract()` is pure: no I/O, no database, no network.

Structured metadata (JSON-LD, then meta tags) is preferred wherever a page has it; the visible
page is the fallback. The main text comes from trafilatura on a copy of the page with furniture
(cookie notices, newsletter boxes, share bars, related lists, comments) removed first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from lxml.html import HtmlElement

from colonnade.dates import parse_text_date
from colonnade.dates import zone as local_zone
from colonnade.errors import ExtractError
from colonnade.extract.authors import Byline, read_byline
from colonnade.extract.body import (
    Block,
    blocks_from_plain_text,
    count_words,
    join_blocks,
    make_excerpt,
)
from colonnade.extract.dates import find_dates
from colonnade.extract.jsonld import JsonLdArticle, read_jsonld
from colonnade.extract.kind import classify, find_section
from colonnade.extract.language import choose_language
from colonnade.extract.lead import add_lead
from colonnade.extract.maintext import extract_blocks
from colonnade.extract.metadata import PageMeta, read_meta
from colonnade.extract.parse import load
from colonnade.extract.paywall import is_paywalled, page_has_prompt, strip_prompts
from colonnade.extract.profiles import author_profiles
from colonnade.extract.strings import simplify, squash
from colonnade.extract.title import choose_title
from colonnade.links import absolute_url
from colonnade.models import Article, iso

__all__ = ["extract"]

logger = logging.getLogger(__name__)

SHORT_PAYWALLED_WORDS = 250

_META_AUTHOR_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
)
_BYLINE_WORDS = re.compile(
    r"\b(?:by|von|par|por|di|door|and|und|et|y|e|with|mit|avec|written|text|autor|author)\b", re.I
)

# "5 min read", "Lesezeit: 3 Minuten", "Tempo de leitura: 2 minutos", "Temps de lecture : 4 min"
_READING_TIME = re.compile(
    r"^\W*(?:\d+\s*(?:min(?:ute)?s?\.?)\s+(?:read|lesezeit|de lecture|de lectura)\b"
    r"|(?:reading time|lesezeit|lesedauer|tempo de leitura|temps de lecture|tiempo de lectura"
    r"|tempo di lettura)\s*:?\s*\d+\s*\w*\W*$)",
    re.I,
)


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    now: datetime | None = None,
    zone: str | None = None,
) -> Article:
    """Extract one article from an HTML page.

    `url` is the address the page was fetched from; it resolves relative links and is a weak
    signal for dates and kind. `now` bounds plausible dates (tests pin it). `zone` is the IANA
    time zone of the publication ('Europe/Berlin'): a time the page writes without an offset is
    taken there (UTC when not given); an offset the page writes is always kept. Raises
    ExtractError when the input is not HTML or holds no text.
    """
    tree = load(html)
    jsonld = read_jsonld(tree, url)
    meta = read_meta(tree)

    canonical = _canonical(meta, jsonld, url)
    base = url or canonical
    publication = _publication(meta, jsonld)
    title = choose_title(jsonld, meta, publication, base)
    byline = _byline(jsonld, meta, publication, base)
    authors = byline.authors

    description = _description(meta, jsonld)
    blocks = _main_blocks(tree, base, jsonld, title, authors, description)
    blocks, truncated = strip_prompts(blocks)
    if not blocks:
        raise ExtractError("no article text found in the page")
    text = join_blocks(blocks)

    language = choose_language(
        [
            meta.html_lang,
            meta.first("content-language", "og:locale", "dc.language", "language"),
            jsonld.language,
        ],
        text,
    )
    dates = find_dates(tree, jsonld, meta, base, language, now, local_zone(zone))
    paywalled = is_paywalled(tree, jsonld, meta)
    # Paywalled pages often carry the full text for subscribers and hide it with scripts; a
    # prompt on the page means the text stops only when little text came through.
    word_count = count_words(text)
    truncated = truncated or (
        paywalled and word_count < SHORT_PAYWALLED_WORDS and page_has_prompt(tree)
    )
    section = find_section(jsonld, meta)

    return Article(
        url=url,
        canonical_url=canonical,
        title=title,
        authors=authors,
        credits=byline.credited(),
        profiles=author_profiles(authors, jsonld, tree, base),
        publication=publication,
        published=iso(dates.published),
        updated=iso(dates.updated),
        language=language,
        text=text,
        excerpt=make_excerpt(blocks),
        word_count=word_count,
        paywalled=paywalled,
        truncated=truncated,
        section=section,
        kind=classify(jsonld, base, section, authors, (canonical,)),
        image=_image(meta, jsonld, base),
        description=description,
    )


def _canonical(meta: PageMeta, jsonld: JsonLdArticle, url: str | None) -> str | None:
    for candidate in (meta.canonical, meta.og_url, jsonld.url):
        resolved = absolute_url(candidate, url, keep_fragment=True)
        if not resolved:
            continue
        # A canonical pointing at the home page on an article page is a template mistake.
        if _is_root(resolved) and url and not _is_root(url):
            continue
        return resolved
    return None


def _is_root(url: str) -> bool:
    return bool(re.match(r"^https?://[^/]+/?(?:[?#].*)?$", url))


def _publication(meta: PageMeta, jsonld: JsonLdArticle) -> str | None:
    for value in (meta.first("og:site_name"), jsonld.publisher, meta.first("application-name")):
        value = squash(value)
        if value and len(value) <= 120:
            return value
    return None


def _byline(
    jsonld: JsonLdArticle, meta: PageMeta, publication: str | None, url: str | None
) -> Byline:
    """The first source that names an author wins: JSON-LD, meta tags, visible byline. Credits
    (wires, desks, the publication) come from that source and the ones tried before it."""
    other_keys = sorted(k for k in meta.meta if k.endswith("author") and k not in _META_AUTHOR_KEYS)
    # Callables: the sources that walk the page are read only when the ones before fail.
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: [a.name for a in jsonld.authors],
        lambda: meta.all(*_META_AUTHOR_KEYS),
        lambda: meta.all(*other_keys),
        lambda: meta.labelled_authors,
        lambda: meta.rel_authors,
        lambda: meta.labelled_lines,
        lambda: meta.byline_texts,
        lambda: meta.prefixed_lines,
    )
    byline = Byline()
    for index, source in enumerate(sources):
        # Text scraped from the page (the last three sources) holds widget labels ("Follow"):
        # single words from there are not names.
        min_words = 2 if index >= len(sources) - 3 else 1
        found = read_byline(source(), publication, url, min_words=min_words)
        keys = {simplify(c) for c in byline.credits}
        byline.credits += [c for c in found.credits if simplify(c) not in keys]
        byline.site = byline.site or found.site
        if found.authors:
            byline.authors = found.authors
            break
    return byline


def _main_blocks(
    tree: HtmlElement,
    url: str | None,
    jsonld: JsonLdArticle,
    title: str | None,
    authors: list[str],
    description: str | None,
) -> list[Block]:
    blocks = extract_blocks(tree, url, title, jsonld.body)
    if not blocks and jsonld.body:
        blocks = blocks_from_plain_text(jsonld.body)
    blocks = _drop_header_blocks(blocks, title, authors)
    return add_lead(tree, blocks, description)


def _drop_header_blocks(blocks: list[Block], title: str | None, authors: list[str]) -> list[Block]:
    """Remove the title, byline and dateline lines the extractor kept above the text."""
    title_key = simplify(title or "")
    author_keys = [simplify(a) for a in authors if simplify(a)]
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index < 4 and len(kept) == 0 and _is_header_line(block, title_key, author_keys):
            continue
        kept.append(block)
    return kept


def _is_header_line(block: Block, title_key: str, author_keys: list[str]) -> bool:
    key = simplify(block.text)
    if not key:
        return True
    if title_key and key == title_key:
        return True
    if len(block.text) > 160:
        return False
    if _READING_TIME.search(block.text):
        return True
    if author_keys and any(a in key for a in author_keys):
        rest = _BYLINE_WORDS.sub(" ", block.text)
        rest_key = simplify(rest)
        for a in author_keys:
            rest_key = rest_key.replace(a, "")
        if len(rest_key) <= 3 or parse_text_date(block.text) is not None:
            return True
    return (
        len(block.text) < 60 and count_words(block.text) <= 8 and bool(parse_text_date(block.text))
    )


def _image(meta: PageMeta, jsonld: JsonLdArticle, url: str | None) -> str | None:
    for value in (
        meta.first("og:image", "og:image:url", "og:image:secure_url"),
        meta.first("twitter:image", "twitter:image:src"),
        jsonld.image,
        meta.first("image", "thumbnailurl"),
    ):
        resolved = absolute_url(value, url, keep_fragment=True)
        if resolved:
            return resolved
    return None


def _description(meta: PageMeta, jsonld: JsonLdArticle) -> str | None:
    for value in (
        meta.first("og:description"),
        meta.first("description"),
        meta.first("twitter:description"),
        jsonld.description,
    ):
        value = squash(value)
        if value:
            return value
    return None
