"""Read schema.org JSON-LD: the article object a page describes itself with, if any.

Publishers fill JSON-LD for search engines, so when present it is usually the most reliable
source of headline, authors, dates, section and paywall status. It is also messy: several
scripts, `@graph` arrays, lists where one value is expected, `@id` references, HTML entities in
strings, and invalid JSON (control characters, trailing commas).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from colonnade.extract.strings import squash, unescape

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in (
        "Article",
        "NewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "Review",
    )
)
_ORG_TYPES = frozenset(
    t.casefold() for t in ("Organization", "NewsMediaOrganization", "Corporation", "WebSite")
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass(slots=True)
class Author:
    name: str
    is_organization: bool = False
    urls: list[str] = field(default_factory=list)  # its `url` and `sameAs`: profile pages


@dataclass(slots=True)
class JsonLdArticle:
    """The fields of the page's main article object; empty when the page has none."""

    types: list[str] = field(default_factory=list)
    headline: str | None = None
    authors: list[Author] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    sections: list[str] = field(default_factory=list)
    publisher: str | None = None
    image: str | None = None
    description: str | None = None
    accessible_for_free: bool | None = None
    url: str | None = None
    language: str | None = None
    body: str | None = None
    found: bool = False


def read_jsonld(tree: HtmlElement, page_url: str | None = None) -> JsonLdArticle:
    nodes = list(_load_nodes(tree))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    candidates = [n for n in _candidates(nodes) if _types(n) & ARTICLE_TYPES]
    result = JsonLdArticle()
    if candidates:
        best = max(enumerate(candidates), key=lambda ic: (_score(ic[1], page_url), -ic[0]))[1]
        result = _to_article(best, by_id)
    if not result.publisher:
        result.publisher = _site_name(nodes)
    return result


def _load_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every top-level object of every JSON-LD script, with `@graph` arrays flattened."""
    for script in tree.xpath('//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'):
        data = _parse_json(script.text or "")
        yield from _flatten(data)


def _parse_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw.removeprefix("<!--").removesuffix("-->")
    raw = raw.replace("<![CDATA[", "").replace("]]>", "").strip().rstrip(";")
    if not raw:
        return None
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", raw), strict=False)
    except ValueError as exc:
        logger.debug("unparsable JSON-LD: %s", exc)
        return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list | dict):
            yield from _flatten(graph)
        if "@type" in data or "@id" in data:
            yield data


def _candidates(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Top-level objects and the main entity of web pages; never nested lists of teasers."""
    for node in nodes:
        yield node
        main = node.get("mainEntity") or node.get("mainEntityOfPage")
        for entity in main if isinstance(main, list) else [main]:
            if isinstance(entity, dict) and "@type" in entity:
                yield entity


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = _as_list(value)
    return {v.rsplit("/", 1)[-1].casefold() for v in values if isinstance(v, str)}


def _score(node: dict[str, Any], page_url: str | None) -> int:
    score = sum(
        1 for key in ("headline", "articleBody", "author", "datePublished") if node.get(key)
    )
    if page_url and _same_page(_url_of(node), page_url):
        score += 5
    return score


def _same_page(a: str | None, b: str | None) -> bool:
    def key(u: str) -> str:
        u = re.sub(r"^https?://(www\.)?", "", u.split("#")[0].split("?")[0])
        return u.rstrip("/")

    return bool(a and b and key(a) == key(b))


def _url_of(node: dict[str, Any]) -> str | None:
    for key in ("url", "mainEntityOfPage", "@id"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith("http"):
            return value
    return None


def _to_article(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> JsonLdArticle:
    return JsonLdArticle(
        types=sorted(_types(node)),
        headline=_text(node.get("headline")) or _text(node.get("name")),
        authors=_authors(node.get("author") or node.get("creator"), by_id),
        published=_text(node.get("datePublished")) or _text(node.get("dateCreated")),
        modified=_text(node.get("dateModified")),
        sections=_texts(node.get("articleSection")),
        publisher=_name(_deref(node.get("publisher"), by_id)),
        image=_image(node.get("image") or node.get("thumbnailUrl"), by_id),
        description=_text(node.get("description")),
        accessible_for_free=_free(node),
        url=_url_of(node),
        language=_language(node.get("inLanguage")),
        body=_multiline(node.get("articleBody")),
        found=True,
    )


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return squash(unescape(value)) or None


def _multiline(value: Any) -> str | None:
    """Like _text, but keeps line breaks: they separate the paragraphs of articleBody."""
    if not isinstance(value, str):
        return None
    return unescape(value).strip() or None


def _texts(value: Any) -> list[str]:
    values = _as_list(value)
    return [t for t in (_text(v) for v in values) if t]


def _deref(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    if isinstance(value, list) and len(value) == 1:
        return _deref(value[0], by_id)
    return value


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return _untagged(_text(value))
    if isinstance(value, dict):
        name = _untagged(_text(value.get("name")))
        if not name:
            given, family = _text(value.get("givenName")), _text(value.get("familyName"))
            name = _untagged(" ".join(p for p in (given, family) if p) or None)
        return name
    return None


_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")


def _untagged(name: str | None) -> str | None:
    """A name some CMSs write with markup ('<a href="/author/jane">Jane Doe</a>') as its text;
    a name is never HTML, so a tag in it is markup, not literal text."""
    if not name or "<" not in name:
        return name
    return squash(_TAG.sub(" ", name)) or None


def _authors(value: Any, by_id: dict[str, dict[str, Any]]) -> list[Author]:
    values = _as_list(value)
    found: list[Author] = []
    for item in values:
        item = _deref(item, by_id)
        if isinstance(item, list):
            found.extend(_authors(item, by_id))
            continue
        name = _name(item)
        if not name:
            continue
        is_org = isinstance(item, dict) and bool(_types(item) & _ORG_TYPES)
        found.append(Author(name, is_org, _profile_urls(item)))
    return found


def _profile_urls(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return []
    values = [item.get("url"), *_as_list(item.get("sameAs"))]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()][:10]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _image(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    value = _deref(value, by_id)
    if isinstance(value, list):
        value = value[0] if value else None
        value = _deref(value, by_id)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
        if isinstance(value, list):
            value = value[0] if value else None
    return _text(value)


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _free(node: dict[str, Any]) -> bool | None:
    """False when the article, or any part of it, is declared not free (Google's paywall markup)."""
    free = _bool(node.get("isAccessibleForFree"))
    parts = node.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and _bool(part.get("isAccessibleForFree")) is False:
            return False
    return free


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value)


def _site_name(nodes: list[dict[str, Any]]) -> str | None:
    """The publication when no article object names one: a WebSite or news organisation."""
    for wanted in ("newsmediaorganization", "website", "organization"):
        for node in nodes:
            if wanted in _types(node) and (name := _name(node)):
                return name
    return None
