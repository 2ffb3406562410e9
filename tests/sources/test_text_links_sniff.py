from __future__ import annotations

import codecs

import pytest

from colonnade.codes import language_code
from colonnade.excerpts import shorten
from colonnade.fetch.content import is_url_list, root_element, sniff
from colonnade.links import absolute_url, hostname, origin
from colonnade.sources.feeds import parse_feed
from colonnade.sources.text import html_to_text


def test_html_to_text_spaces_blocks_and_drops_code() -> None:
    html = "<p>One<br>two</p><ul><li>three</li><li>four</li></ul><script>var x = 1;</script>"
    assert html_to_text(html) == "One two three four"
    assert html_to_text("Tom &amp; Jerry&#8217;s") == "Tom & Jerry’s"
    assert html_to_text("<style>p{}</style>") is None
    assert html_to_text("a\x00b\x1fc") == "abc"
    assert html_to_text("   ") is None
    assert html_to_text("<!-- only a comment -->") is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-GB", "en"), ("EN", "en"), ("pt_BR", "pt"), ("zh-Hant-TW", "zh"), ("english", None),
     ("x-klingon", None), ("", None), (None, None)],
)  # fmt: skip
def test_language_tags_of_feeds_and_pages(tag: str | None, code: str | None) -> None:
    assert language_code(tag, strict=False) == code


def test_summaries_are_cut_at_a_word() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 10) == "one two…"
    assert len(shorten("one two three four", 10)) <= 10


@pytest.mark.parametrize(
    ("href", "base", "url"),
    [
        (" /a/b#top ", "https://x.test/c/d", "https://x.test/a/b"),
        ("e", "https://x.test/c/d", "https://x.test/c/e"),
        ("//cdn.test/f", "https://x.test/", "https://cdn.test/f"),
        ("javascript:alert(1)", "https://x.test/", None),
        ("mailto:a@x.test", "https://x.test/", None),
        ("http://[::1", None, None),
        ("relative/only", None, None),
        ("", "https://x.test/", None),
    ],
)
def test_absolute_url(href: str, base: str | None, url: str | None) -> None:
    assert absolute_url(href, base) == url


def test_absolute_url_for_pages_keeps_fragments_and_upgrades_protocol_relative() -> None:
    assert absolute_url("a.jpg#crop", "https://x.test/p/", keep_fragment=True) == (
        "https://x.test/p/a.jpg#crop"
    )
    assert absolute_url("//cdn.test/i.png", None) == "https://cdn.test/i.png"
    assert absolute_url("//cdn.test/i.png", "http://x.test/") == "http://cdn.test/i.png"
    assert absolute_url("data:image/png;base64,xx", "https://x.test/") is None
    assert absolute_url("https:///no-host", None) is None
    assert absolute_url("\u200bhttps://x.test/a\u00ad", None) == "https://x.test/a"


def test_origin_and_hostname() -> None:
    assert origin("https://www.x.test:8443/a?b#c") == "https://www.x.test:8443/"
    assert hostname("https://www.x.test/a") == "x.test"
    assert hostname("http://[::1") == "" and hostname(None) == ""


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b'<?xml version="1.0"?>\n<!-- hi -->\n<rss version="2.0"/>', "feed"),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        (b"<rdf:RDF xmlns:rdf='x'/>", "feed"),
        (b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><urlset/>', "sitemap"),
        (b"<sitemapindex/>", "sitemap"),
        (b"<!DOCTYPE html>\n<html><body/></html>", "html"),
        (b"<!doctype html><meta charset=utf-8><title>x</title>", "html"),
        (b"https://x.test/a\nhttps://x.test/b\n", "text"),
        (b"hello world", "unknown"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": []}', "jsonfeed"),
        (b"", "empty"),
        (b'{"items": []}', "json"),
        (b"%PDF-1.7\n", "binary"),
        (b"<opml version='2.0'><body/></opml>", "xml"),
    ],
)
def test_sniff(body: bytes, kind: str) -> None:
    assert sniff(body) == kind


def test_utf16_feed_is_sniffed_and_parsed() -> None:
    text = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Ü</title>'
    text += "<item><title>ß</title><link>https://x.test/1</link></item></channel></rss>"
    body = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert root_element(body) == "rss"
    feed = parse_feed(body, "https://x.test/feed")
    assert feed.title == "Ü" and feed.entries[0].title == "ß"


def test_url_list_ignores_a_cut_last_line_of_a_long_body() -> None:
    body = b"".join(b"https://x.test/%06d\n" % i for i in range(1000))
    assert is_url_list(body)
    assert not is_url_list(b"https://x.test/a\nnot a url\n")
