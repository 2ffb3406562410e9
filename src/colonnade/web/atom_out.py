"""A `ListView` as an Atom 1.0 feed (RFC 4287): each entry the column's excerpt, linking to
its page here and to the original. Built with ElementTree, so every title, name and summary is
escaped by the serializer rather than by hand, once rid of what XML cannot carry at all."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from markupsafe import escape

from colonnade.store import StoredArticle
from colonnade.unsafe_chars import xml_safe
from colonnade.web import text, urls
from colonnade.web.site import SITE_NAME, Site
from colonnade.web.views import ListView

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
ET.register_namespace("", ATOM)
# For the OpenAPI description of the feed routes.
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed"}
}


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
    # ElementTree escapes but never checks: every string goes through xml_safe, so a row stored
    # before the store's door cleaned text cannot make the feed invalid XML.
    safe = {name: xml_safe(value) for name, value in attrs.items()}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", safe)
    if text is not None:
        element.text = xml_safe(text)
    return element


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
            content.set("{http://www.w3.org/XML/1998/namespace}lang", xml_safe(item.language))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feed_response(site: Site, request: Request, view: ListView) -> Response:
    """The feed of `view` (made with `ListParams.for_feed()`: its first page, newest first)."""
    base = site.base_url(request)
    query = request.url.query
    body = render(
        title=f"{view.title} · {SITE_NAME}",
        feed_url=base + request.url.path + (f"?{query}" if query else ""),
        page_url=base + view.link(),
        subtitle=None,
        entries=[entry(site, base, a) for a in view.page.articles],
    )
    return Response(body, media_type=ATOM_TYPE)


def entry(site: Site, base: str, article: StoredArticle) -> Entry:
    link = base + urls.article(article)
    original = urls.original(article)
    limit = 0 if site.settings.show_full_text else site.settings.excerpt_chars
    body = text.excerpt(article.text, limit)
    more = (
        f'<p><a href="{escape(original)}">Continue reading at {escape(article.publication)}</a></p>'
    )
    return Entry(
        id=link,
        title=article.headline,
        link=link,
        original=original,
        published=article.published_at,
        updated=article.updated_at or article.published_at or article.first_seen_at,
        authors=article.authors,
        publication=article.publication,
        summary=text.summary(article.description, article.excerpt, article.text),
        content_html=str(text.sanitize(str(body.html) + more)),
        category=article.kind,
        language=article.language,
    )
