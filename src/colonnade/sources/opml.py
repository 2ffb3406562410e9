"""OPML subscription lists in and out, so sources move to and from any feed reader.

Reading walks nested outlines (categories) and keeps every outline with an `xmlUrl`. Writing
emits OPML 2.0 with `language` (an OPML 2.0 attribute) and our own `country` attribute, which
other readers ignore and we read back, so export then import loses nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lxml import etree

from colonnade.codes import country_code, language_code
from colonnade.errors import FeedError
from colonnade.links import absolute_url, hostname
from colonnade.sources.text import clean_text
from colonnade.unsafe_chars import xml_safe

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OpmlSource:
    name: str
    feed_url: str
    homepage: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    language: str | None = None  # ISO 639-1


def _attr(outline: etree._Element, *names: str) -> str | None:
    # Readers disagree on case (xmlUrl, xmlurl, XMLURL); match attribute names case-insensitively.
    lowered = {k.lower(): v for k, v in outline.attrib.items() if isinstance(k, str)}
    for name in names:
        value = clean_text(lowered.get(name.lower()))
        if value:
            return value
    return None


def parse_opml(data: str | bytes) -> list[OpmlSource]:
    """Every feed in an OPML document, depth first, duplicates of a feed URL dropped."""
    if isinstance(data, str):
        text = data.lstrip("\ufeff").lstrip()
        if text.startswith("<?xml"):
            # The declaration may name another encoding, but these bytes will be UTF-8.
            text = text[text.find("?>") + 2 :]
        raw = text.encode("utf-8")
    else:
        raw = data
    if not raw.strip():
        raise FeedError("not an OPML file: it is empty")
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not an OPML file: {' '.join(str(exc).split())}") from None
    if root is None or not isinstance(root.tag, str):
        raise FeedError("not an OPML file: no XML document found")
    if etree.QName(root).localname.lower() != "opml":
        raise FeedError(f"not an OPML file: the root element is <{etree.QName(root).localname}>")
    body = next((el for el in root if isinstance(el.tag, str) and el.tag.lower() == "body"), None)
    if body is None:
        raise FeedError("not an OPML file: it has no <body>")

    sources: list[OpmlSource] = []
    seen: set[str] = set()
    for outline in body.iter():
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        feed_url = absolute_url(_attr(outline, "xmlUrl"), None)
        if feed_url is None:
            continue  # a category, a plain link, or a feed with an unusable address
        if feed_url in seen:
            continue
        seen.add(feed_url)
        sources.append(
            OpmlSource(
                name=_attr(outline, "title", "text") or hostname(feed_url),
                feed_url=feed_url,
                homepage=absolute_url(_attr(outline, "htmlUrl"), None),
                country=country_code(_attr(outline, "country"), strict=False),
                language=language_code(_attr(outline, "language"), strict=False),
            )
        )
    log.debug("read %d feeds from OPML", len(sources))
    return sources


def write_opml(items: list[OpmlSource], title: str = "Colonnade sources") -> str:
    """An OPML 2.0 document listing `items` in order; parse_opml reads back the same sources."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = clean_text(title) or "Colonnade sources"
    body = etree.SubElement(root, "body")
    for item in items:
        name = clean_text(item.name) or hostname(item.feed_url)
        outline = etree.SubElement(body, "outline", type="rss", text=name, title=name)
        for attribute, value in (
            ("xmlUrl", item.feed_url),
            ("htmlUrl", item.homepage),
            ("language", item.language),
            ("country", item.country),
        ):
            if value:
                # lxml refuses what XML cannot carry: a row stored before the store cleaned
                # text must not stop the export.
                outline.set(attribute, xml_safe(value))
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text
