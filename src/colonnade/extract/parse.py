"""Turn the raw input of `extract()` into an lxml tree, or refuse it as not being HTML.

Feeds, sitemaps, JSON, PDFs and plain text reach extraction by mistake (a wrong content type, an
archive record of the wrong kind); refusing them here gives one clear reason instead of an empty
article.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from colonnade.errors import ExtractError
from colonnade.fetch.charset import decode_body
from colonnade.fetch.content import SNIFF_BYTES, sniff, sniffed_kind

# Characters XML forbids; libxml2 stops or drops content when it meets them.
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|p|div|article|main|section|h[1-6]|span|br)"
    r"[\s>/]",
    re.I,
)
_HTML_OR_BODY = re.compile(r"<(?:html|body)[\s>]", re.I)


def to_text(html: str | bytes) -> str:
    """Decode bytes the way the fetcher does (BOM, meta charset, then a guess)."""
    if isinstance(html, bytes):
        binary = sniffed_kind(html[: SNIFF_BYTES * 4])
        if binary:
            raise ExtractError(f"not an HTML document: binary content ({binary})")
        if not html.isascii():
            # Bytes that decode as UTF-8 and hold multi-byte sequences are UTF-8, whatever the
            # page declares: re-saved pages keep stale "iso-8859-1" declarations, and Latin-1
            # text almost never forms valid UTF-8 by accident.
            try:
                return html.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError:
                pass
        text, _ = decode_body(html, None)
        return text
    if isinstance(html, str):
        return html
    raise ExtractError(f"not an HTML document: got {type(html).__name__}")


def refuse_non_html(text: str) -> None:
    """Raise ExtractError unless `text` looks like an HTML document or fragment."""
    head = text.lstrip("\ufeff \t\r\n")[:65536]
    kind = sniff(head.encode("utf-8", errors="replace"))
    if kind == "empty":
        raise ExtractError("not an HTML document: empty input")
    if kind in ("json", "jsonfeed"):
        raise ExtractError("not an HTML document: looks like JSON")
    if kind == "binary":
        raise ExtractError("not an HTML document: binary content")
    # An SVG or feed inlined before the page's <html> does not make the page a feed.
    if kind in ("feed", "sitemap", "xml") and not _HTML_OR_BODY.search(head):
        raise ExtractError("not an HTML document: an XML feed, sitemap or image")
    if not _HTML_MARKERS.search(head):
        raise ExtractError("not an HTML document: no HTML markup found")


def parse(text: str) -> lxml.html.HtmlElement:
    """Parse a whole document; libxml2 repairs what browsers would repair."""
    cleaned = _INVALID_XML_CHARS.sub("", text)
    try:
        try:
            tree = lxml.html.document_fromstring(cleaned, parser=_parser())
        except ValueError:
            # lxml refuses str input that carries an XML encoding declaration; bytes are fine.
            tree = lxml.html.document_fromstring(cleaned.encode("utf-8"), parser=_parser("utf-8"))
    except etree.ParserError as exc:
        raise ExtractError(f"not an HTML document: {exc}") from exc
    if tree is None:
        raise ExtractError("not an HTML document: the parser found no elements")
    return tree


def _parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    # A new parser per call: lxml parser objects must not be shared between threads.
    return lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        encoding=encoding,
    )


def load(html: str | bytes) -> lxml.html.HtmlElement:
    text = to_text(html)
    refuse_non_html(text)
    return parse(text)
