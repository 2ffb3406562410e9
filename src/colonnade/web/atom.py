"""Atom 1.0 feeds (RFC 4287) for every list page, built with ElementTree so that every title,
name and summary is escaped by the serializer rather than by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # absolute URL of the article page on this site: stable, unique
    title: str
    link: str  # this site's page
    original: str  # the publication's page
    published: datetime | None
    updated: datetime
    authors: Sequence[str]
    publication: str
    summary: str
    content_html: str  # sanitised HTML (web/text.py)
    category: str | None = None
    language: str | None = None


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = _xml_safe(text)
    return element


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot carry most control characters at all, escaped or not.
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def render(
    *, title: str, feed_url: str, page_url: str, subtitle: str | None, entries: Sequence[Entry]
) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _el(feed, "id", feed_url)
    _el(feed, "title", title)
    if subtitle:
        _el(feed, "subtitle", subtitle)
    updated = max((e.updated for e in entries), default=datetime(2000, 1, 1, tzinfo=UTC))
    _el(feed, "updated", _stamp(updated))
    _el(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _el(feed, "link", rel="alternate", type="text/html", href=page_url)
    _el(feed, "generator", "Colonnade")
    for item in entries:
        entry = _el(feed, "entry")
        _el(entry, "id", item.id)
        _el(entry, "title", item.title)
        _el(entry, "link", rel="alternate", type="text/html", href=item.link)
        _el(
            entry,
            "link",
            rel="related",
            type="text/html",
            href=item.original,
            title=item.publication,
        )
        if item.published is not None:
            _el(entry, "published", _stamp(item.published))
        _el(entry, "updated", _stamp(item.updated))
        for name in item.authors or [item.publication]:
            author = _el(entry, "author")
            _el(author, "name", name)
        if item.category:
            _el(entry, "category", term=item.category)
        _el(entry, "rights", f"© {item.publication}")
        _el(entry, "summary", item.summary)
        content = _el(entry, "content", item.content_html, type="html")
        if item.language:
            content.set("{http://www.w3.org/XML/1998/namespace}lang", item.language)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
