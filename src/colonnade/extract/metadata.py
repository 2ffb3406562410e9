"""Read the page's own HTML metadata: meta tags (OpenGraph, Twitter, Dublin Core, Parse.ly and
friends), the canonical link, the document language, the title element and headings, and the
visible byline markup.

Nothing here decides between sources; the callers weigh JSON-LD against these values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

from colonnade.extract.byline_markup import (
    in_bad_context,
    in_media,
    separated_text,
    signatures,
    spaced_text,
)
from colonnade.extract.strings import marked_elements, squash, unescape

# Containers of bylines in visible markup. Matched against class and id attributes.
_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:by-?line|author(?:s|-?name)?|autor(?:en)?|auteur)s?(?:$|[\s_-])", re.I
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Elements that may carry a byline class, preselected in C; _BYLINE_CLASS decides.
# Author profile links: /author/jane-doe/, /autoren/name/max-kolter, /auteur/..., /journalist/...
_PROFILE_PATHS = (
    "/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/autores/", "/journalist/",
    "/journalists/",
)  # fmt: skip
_PROFILE_HREF = "//a[" + " or ".join(f'contains(@href, "{p}")' for p in _PROFILE_PATHS) + "]"
# Links that point at an author's profile: rel=author, or an author-page address.
PROFILE_LINKS = (
    '//a[contains(concat(" ", normalize-space(@rel), " "), " author ")] | ' + _PROFILE_HREF
)
# Yoast and others: twitter:label1 "Written by" + twitter:data1 "Jane Doe".
_WRITTEN_BY = re.compile(
    r"^(?:written by|author|autor(?:in)?|verfasst von|auteur|escrito por)$", re.I
)
# A visible label before the name: "<strong>Autorin/Autor</strong> Roman Goncharenko",
# "<dt>Author:</dt><dd>Jane Doe</dd>", "<b>Texto:</b> María García".
_LABEL_TEXT = re.compile(
    r"^(?:authors?|autor(?:in|en|es|a|e|i)?(?:\s*/\s*autor(?:in)?)?|auteur(?:e|s)?|"
    r"written by|verfasst von|escrito por|texte?|texto|tekst|testo|yazar|автор|автори|"
    r"autorzy|auteur\s*\(e\))\s*:?$",
    re.I,
)
_LABEL_TAGS = ("strong", "b", "dt", "th", "span", "label", "em")
# "By Jane Doe", and with a colon: "Von: Jane Doe", "Por: Redacción".
# Or an author label and a colon: "Author: Jane Doe", "Autorka: Jana Nováková", "Автор: ...".
_BYLINE_START = re.compile(
    r"^(?:(?i:by|von|par|por|door|di|av|af|przez)(?:\s*:)?\s+"
    r"|(?i:authors?|autor(?:in|ka|en|es|a)?|auteure?s?|автор|автори|yazar|szerző|texte?|texto|"
    r"tekst|testo)\s*:\s*)[A-ZÀ-ÝĀ-ŽА-Я]"
)
_MAX_LINE_CHARS = 160


@dataclass(slots=True)
class PageMeta:
    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    og_url: str | None = None
    html_lang: str | None = None
    title_tag: str | None = None
    headings: list[str] = field(default_factory=list)
    labelled_authors: list[str] = field(default_factory=list)
    time_elements: list[tuple[str, str, str]] = field(default_factory=list)
    # The byline sources below walk the whole body; most pages name their authors in JSON-LD or
    # meta tags, so they are read only when asked for.
    tree: HtmlElement | None = None
    _lazy: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rel_authors(self) -> list[str]:
        return self._cached("rel", _rel_authors)

    @property
    def labelled_lines(self) -> list[str]:
        return self._cached("labelled", _labelled_lines)

    @property
    def byline_texts(self) -> list[str]:
        return self._cached("byline", _byline_texts)

    @property
    def prefixed_lines(self) -> list[str]:
        return self._cached("prefixed", _prefixed_lines)

    def _cached(self, key: str, read: Callable[[HtmlElement], list[str]]) -> list[str]:
        if key not in self._lazy:
            self._lazy[key] = read(self.tree) if self.tree is not None else []
        return self._lazy[key]

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        return [v for key in keys for v in self.meta.get(key, ()) if v]


def read_meta(tree: HtmlElement) -> PageMeta:
    page = PageMeta()
    meta: dict[str, list[str]] = defaultdict(list)
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        value = squash(unescape(content))
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                for part in key.split():
                    meta[part.strip().lower()].append(value)
    page.meta = dict(meta)
    page.canonical = _link_href(tree, "canonical")
    page.og_url = page.first("og:url")
    page.html_lang = _html_lang(tree)
    title = tree.find(".//title")
    if title is not None:
        page.title_tag = squash(title.text_content()) or None
    page.headings = _headings(tree)
    page.labelled_authors = _labelled_authors(page.meta)
    page.tree = tree
    page.time_elements = _time_elements(tree)
    return page


def _link_href(tree: HtmlElement, rel: str) -> str | None:
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if rel in rels and link.get("href"):
            return squash(link.get("href"))
    return None


def _html_lang(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    for attr in ("lang", "xml:lang", "{http://www.w3.org/XML/1998/namespace}lang"):
        value = root.get(attr)
        if value and value.strip():
            return value.strip()
    body = tree.find(".//body")
    if body is not None and body.get("lang"):
        return body.get("lang", "").strip() or None
    return None


def _headings(tree: HtmlElement) -> list[str]:
    """h1 texts, those inside an <article> or <main> first: they name the article, not the site."""
    inside = tree.xpath("//article//h1 | //main//h1")
    rest = [h for h in tree.iter("h1") if h not in inside]
    texts = [squash(h.text_content()) for h in inside + rest]
    return [t for t in texts if t]


def _rel_authors(tree: HtmlElement) -> list[str]:
    """Names from rel=author links, itemprop=author elements and author-profile links."""
    names: list[str] = []
    for query in (
        '//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]'
        ' | //*[@itemprop="author"]',
        _PROFILE_HREF,
    ):
        for element in tree.xpath(query):
            if element.tag == "meta" or in_bad_context(element) or in_media(element):
                continue
            inner = element.xpath('.//*[@itemprop="name"]')
            if inner:
                text = inner[0].get("content") or inner[0].text_content()
            else:
                text = element.text_content()
            text = squash(text)
            if text and len(text) < 100 and text not in names:
                names.append(text)
            if len(names) >= 6:
                break
        if names:
            break
    return names


def _labelled_authors(meta: dict[str, list[str]]) -> list[str]:
    found = []
    for index in range(1, 5):
        labels = meta.get(f"twitter:label{index}", [])
        if labels and _WRITTEN_BY.match(labels[0].strip()):
            found.extend(meta.get(f"twitter:data{index}", [])[:1])
    return found


def _labelled_lines(tree: HtmlElement) -> list[str]:
    """The text after a visible author label: the rest of the label's parent, or the next
    element (<dd>, <td>) when the parent holds nothing else."""
    body = tree.find(".//body")
    if body is None:
        return []
    found: list[str] = []
    for label in body.iter(*_LABEL_TAGS):
        raw = label.text_content()
        if len(raw) > 40 or not _LABEL_TEXT.match(text := squash(raw)) or in_bad_context(label):
            continue
        parent = label.getparent()
        rest = ""
        if parent is not None and parent.tag not in ("body", "article", "main"):
            whole = squash(parent.text_content())
            rest = squash(whole[len(text) :]) if whole.startswith(text) else ""
        if not rest:
            following = label.getnext()
            rest = squash(following.text_content()) if following is not None else ""
        rest = rest.lstrip(":").strip()
        if rest and len(rest) <= _MAX_LINE_CHARS and rest not in found:
            found.append(rest)
        if len(found) >= 3:
            break
    return found


def _byline_texts(tree: HtmlElement) -> list[str]:
    """Texts of the outermost byline-like elements in the body, in document order."""
    body = tree.find(".//body")
    if body is None:
        return []
    texts: list[str] = []
    for element in marked_elements(body, _is_byline_class):
        if element.tag in ("script", "style", "img", "meta") or in_bad_context(element):
            continue
        if in_media(element):
            continue
        if any(_is_byline_marker(a) for a in element.iterancestors()):
            continue
        text = separated_text(element)
        if text and len(text) < 200 and text not in texts:
            texts.append(text)
        if len(texts) >= 4:
            break
    return texts


def _prefixed_lines(tree: HtmlElement) -> list[str]:
    """Short lines that start like a byline ("Por Ximena Iturbe y ... · 20 de noviembre"), in
    the article when the page marks one, then signature paragraphs (see `signatures`): the
    byline of pages without byline markup."""
    scope = tree.xpath("//article | //main") or tree.xpath("//body")
    if not scope:
        return []
    found: list[str] = []
    for element in scope[0].iter("p", "div", "span", "li", "address"):
        raw = element.text_content()
        if len(raw) > 4 * _MAX_LINE_CHARS:
            continue  # a container, not a line; checked cheaply before squashing its text
        text = squash(raw)
        starts_like_byline = len(text) <= _MAX_LINE_CHARS and _BYLINE_START.match(text)
        if starts_like_byline and not in_bad_context(element) and not in_media(element):
            found.append(spaced_text(element))
            break
    return found + [s for s in signatures(scope[0]) if s not in found]


def _is_byline_marker(element: HtmlElement) -> bool:
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    return marker != " " and _is_byline_class(marker)


@lru_cache(maxsize=8192)
def _is_byline_class(marker: str) -> bool:
    return bool(marker.strip()) and bool(_BYLINE_CLASS.search(_CAMEL.sub("-", marker)))


def _time_elements(tree: HtmlElement) -> list[tuple[str, str, str]]:
    """(datetime attribute, itemprop/class hint, text) of each <time> element, in order."""
    found = []
    for element in tree.iter("time"):
        value = element.get("datetime") or ""
        hint = " ".join(
            v for v in (element.get("itemprop"), element.get("class"), element.get("pubdate")) if v
        )
        if element.get("pubdate") is not None:
            hint += " pubdate"
        if in_bad_context(element):
            continue
        found.append((squash(value), hint.lower(), squash(element.text_content())))
    return found
