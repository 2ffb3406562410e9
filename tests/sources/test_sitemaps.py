"""parse_sitemap on urlsets, indexes, Google News sitemaps, gzip, text lists and hostile XML."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from colonnade.errors import FeedError
from colonnade.sources.sitemaps import parse_sitemap

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)
BASE = "https://example.com/sitemap.xml"

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://example.com/opinion/a</loc><lastmod>2024-06-01</lastmod>
    <image:image><image:loc>https://cdn.example.com/a.jpg</image:loc></image:image></url>
  <url><loc> https://example.com/opinion/b </loc><lastmod>2024-06-02T10:30:00+02:00</lastmod></url>
  <url><loc>https://example.com/opinion/a</loc></url>
  <url><loc>https://example.com/opinion/c</loc><lastmod>2999-01-01</lastmod></url>
  <url><loc>ftp://example.com/file</loc></url>
  <url><lastmod>2024-06-01</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/sitemap-2024-06.xml</loc><lastmod>2024-06-09T00:00:00Z</lastmod></sitemap>
  <sitemap><loc>/sitemap-2024-05.xml.gz</loc></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.com/opinion/today</loc>
    <news:news>
      <news:publication><news:name>Example Times</news:name>
        <news:language>en</news:language></news:publication>
      <news:publication_date>2024-06-10T08:00:00+01:00</news:publication_date>
      <news:title>Today’s column &amp; more</news:title>
    </news:news>
  </url>
</urlset>""".encode()


def test_urlset_entries_lastmod_and_cleanup() -> None:
    parsed = parse_sitemap(URLSET, BASE, now=NOW)
    assert not parsed.is_index and not parsed.is_news
    assert parsed.sitemaps == []
    assert [e.url for e in parsed.entries] == [
        "https://example.com/opinion/a",
        "https://example.com/opinion/b",
        "https://example.com/opinion/c",
    ]
    a, b, c = parsed.entries
    assert a.updated == datetime(2024, 6, 1, tzinfo=UTC)
    assert b.updated == datetime(2024, 6, 2, 8, 30, tzinfo=UTC)
    assert c.updated is None  # year 2999: a broken CMS, not a date
    assert a.guid == a.url and a.published is None and a.title is None


def test_sitemap_index_lists_children_resolved() -> None:
    parsed = parse_sitemap(INDEX, BASE, now=NOW)
    assert parsed.is_index
    assert parsed.entries == []
    assert parsed.sitemaps == [
        "https://example.com/sitemap-2024-06.xml",
        "https://example.com/sitemap-2024-05.xml.gz",
    ]
    assert parsed.sitemap_updated == {
        "https://example.com/sitemap-2024-06.xml": datetime(2024, 6, 9, tzinfo=UTC)
    }


def test_google_news_sitemap_title_and_publication_date() -> None:
    parsed = parse_sitemap(NEWS, "https://example.com/news-sitemap.xml", now=NOW)
    assert parsed.is_news
    (entry,) = parsed.entries
    assert entry.title == "Today’s column & more"
    assert entry.published == datetime(2024, 6, 10, 7, 0, tzinfo=UTC)


def test_gzip_body_is_decompressed() -> None:
    parsed = parse_sitemap(gzip.compress(URLSET), BASE + ".gz", now=NOW)
    assert len(parsed.entries) == 3


def test_gzip_bomb_is_refused_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    assert len(bomb) < 10_000
    with pytest.raises(FeedError, match="larger than 100000 bytes"):
        parse_sitemap(bomb, BASE, max_bytes=100_000)


def test_corrupt_gzip_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="corrupt gzip"):
        parse_sitemap(b"\x1f\x8b\x08\x00garbage-garbage", BASE)


def test_plain_text_sitemap() -> None:
    body = b"https://example.com/a\n\nhttps://example.com/b\r\nhttps://example.com/a\n"
    parsed = parse_sitemap(body, "https://example.com/sitemap.txt")
    assert [e.url for e in parsed.entries] == ["https://example.com/a", "https://example.com/b"]


def test_external_entity_is_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://attacker.example/TOP-SECRET")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{secret}">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>&xxe;</loc></url>
  <url><loc>https://example.com/ok</loc></url>
</urlset>""".encode()
    parsed = parse_sitemap(body, BASE, now=NOW)
    assert [e.url for e in parsed.entries] == ["https://example.com/ok"]


def test_internal_entity_expansion_is_not_performed() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<urlset><url><loc>https://example.com/&c;</loc></url></urlset>"""
    # Unexpanded, the entity leaves a location that is not the one written: the entry is dropped.
    assert parse_sitemap(body, BASE, now=NOW).entries == []


def test_slightly_broken_xml_is_recovered() -> None:
    body = b"""<urlset><url><loc>https://example.com/1</loc></url>
<url><loc>https://example.com/2</loc></url><url><loc>https://exa"""
    parsed = parse_sitemap(body, BASE, now=NOW)
    assert [e.url for e in parsed.entries][:2] == ["https://example.com/1", "https://example.com/2"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty response"),
        (b"<!doctype html><html><body>hi</body></html>", "HTML page, not a sitemap"),
        (b'<rss version="2.0"><channel></channel></rss>', r"not a sitemap \(root element <rss>\)"),
        (b"just some words\nand more", "is not a sitemap"),
    ],
)
def test_non_sitemaps_raise(body: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message) as info:
        parse_sitemap(body, BASE, now=NOW)
    assert "\n" not in str(info.value)
