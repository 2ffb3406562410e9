"""parse_feed on small feeds written for each way publishers get feeds wrong."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import pytest

from colonnade.errors import FeedError
from colonnade.sources.feeds import from_struct_time, parse_feed

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)
BASE = "https://example.com/opinion/feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Times &#8211; Opinion</title>
  <link>https://example.com/</link>
  <language>en-GB</language>
  <item>
    <title>Why the bus lane matters</title>
    <link>https://example.com/opinion/bus-lane</link>
    <guid isPermaLink="false">ex-1001</guid>
    <pubDate>Mon, 03 Jun 2024 10:00:00 +0200</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description>&lt;p&gt;Cities &lt;b&gt;need&lt;/b&gt; buses.&lt;/p&gt;
      &lt;p&gt;Here is why.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Second thoughts</title>
    <link>https://example.com/opinion/second</link>
    <guid>https://example.com/opinion/second</guid>
    <pubDate>Tue, 04 Jun 2024 08:30:00 GMT</pubDate>
    <author>editor@example.com (John Doe)</author>
  </item>
</channel>
</rss>"""


def test_rss20_entries_fields_and_feed_metadata() -> None:
    feed = parse_feed(RSS, BASE, now=NOW)
    assert feed.title == "Example Times – Opinion"
    assert feed.link == "https://example.com/"
    assert feed.language == "en"
    first, second = feed.entries
    assert first.url == "https://example.com/opinion/bus-lane"
    assert first.guid == "ex-1001"
    assert first.title == "Why the bus lane matters"
    assert first.published == datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    assert first.published.tzinfo is not None
    assert first.authors == ["Jane Roe"]
    assert first.summary == "Cities need buses. Here is why."
    assert second.authors == ["John Doe"]
    assert second.guid == "https://example.com/opinion/second"
    assert second.published == datetime(2024, 6, 4, 8, 30, tzinfo=UTC)


def test_atom_with_xml_base_relative_links_html_title_and_authors() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-AT">
  <title type="html">Meinung &amp;amp; Debatte</title>
  <link rel="alternate" href="https://zeitung.example/"/>
  <link rel="self" href="https://zeitung.example/meinung.atom"/>
  <id>tag:zeitung.example,2024:meinung</id>
  <updated>2024-06-01T00:00:00Z</updated>
  <entry>
    <title type="text">Ein Kommentar</title>
    <link rel="enclosure" href="/audio/1.mp3"/>
    <link rel="alternate" type="text/html" href="/meinung/kommentar-1"/>
    <id>tag:zeitung.example,2024:1</id>
    <published>2024-06-01T09:00:00+02:00</published>
    <updated>2024-06-02T10:00:00Z</updated>
    <author><name>Anna Autorin</name></author>
    <author><name>Bernd Beitrag</name></author>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Kurz</p></div></summary>
  </entry>
</feed>"""
    feed = parse_feed(atom, "https://zeitung.example/meinung.atom", now=NOW)
    assert feed.title == "Meinung & Debatte"
    assert feed.link == "https://zeitung.example/"
    assert feed.language == "de"
    (entry,) = feed.entries
    assert entry.url == "https://zeitung.example/meinung/kommentar-1"
    assert entry.guid == "tag:zeitung.example,2024:1"
    assert entry.published == datetime(2024, 6, 1, 7, 0, tzinfo=UTC)
    assert entry.updated == datetime(2024, 6, 2, 10, 0, tzinfo=UTC)
    assert entry.authors == ["Anna Autorin", "Bernd Beitrag"]
    assert entry.summary == "Kurz"


def test_rdf_rss10_feed() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://shimbun.example/">
    <title>Shimbun Editorials</title><link>https://shimbun.example/</link>
    <dc:language>ja</dc:language>
  </channel>
  <item rdf:about="https://shimbun.example/e/1">
    <title>Editorial one</title><link>https://shimbun.example/e/1</link>
    <dc:date>2024-05-01T10:00:00+09:00</dc:date>
    <dc:creator>Editorial Board</dc:creator>
  </item>
</rdf:RDF>"""
    feed = parse_feed(rdf, "https://shimbun.example/rss.rdf", now=NOW)
    assert feed.title == "Shimbun Editorials"
    assert feed.language == "ja"
    (entry,) = feed.entries
    assert entry.url == "https://shimbun.example/e/1"
    # RSS 1.0 carries only dc:date, which feedparser reports as the updated date.
    assert entry.updated == datetime(2024, 5, 1, 1, 0, tzinfo=UTC)
    assert entry.authors == ["Editorial Board"]


def test_relative_links_resolved_against_the_feed_url() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title><link>/</link>
<item><title>a</title><link>/opinion/a</link></item>
<item><title>b</title><link>b-column</link></item>
</channel></rss>"""
    feed = parse_feed(rss, BASE, now=NOW)
    assert feed.link == "https://example.com/"
    assert [e.url for e in feed.entries] == [
        "https://example.com/opinion/a",
        "https://example.com/opinion/b-column",
    ]
    # Without a guid the URL stands in for one, so every entry has an identity.
    assert [e.guid for e in feed.entries] == [e.url for e in feed.entries]


def test_entries_without_a_usable_link_are_dropped() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title>
<item><title>no link</title><guid isPermaLink="false">urn:uuid:1</guid></item>
<item><title>mail link</title><link>mailto:editor@example.com</link></item>
<item><title>js link</title><link>javascript:alert(1)</link></item>
<item><title>kept</title><link>https://example.com/kept</link></item>
</channel></rss>"""
    feed = parse_feed(rss, BASE, now=NOW)
    assert [e.title for e in feed.entries] == ["kept"]


def test_duplicate_urls_collapse_but_a_reused_guid_loses_nothing() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title>
<item><title>first</title>
  <link>https://example.com/a</link>
  <guid isPermaLink="false">g1</guid></item>
<item><title>same guid</title>
  <link>https://example.com/a-v2</link>
  <guid isPermaLink="false">g1</guid></item>
<item><title>same url</title>
  <link>https://example.com/a</link>
  <guid isPermaLink="false">g2</guid></item>
<item><title>fragment only</title><link>https://example.com/a#comments</link></item>
<item><title>other</title>
  <link>https://example.com/b</link>
  <guid isPermaLink="false">g3</guid></item>
</channel></rss>"""
    feed = parse_feed(rss, BASE, now=NOW)
    assert [e.title for e in feed.entries] == ["first", "same guid", "other"]


def test_missing_malformed_far_future_and_ancient_dates_become_none() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title>
<item><title>missing</title><link>https://example.com/1</link></item>
<item><title>malformed</title>
  <link>https://example.com/2</link>
  <pubDate>next Tuesday-ish</pubDate></item>
<item><title>future</title>
  <link>https://example.com/3</link>
  <pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
<item><title>epoch</title>
  <link>https://example.com/4</link>
  <pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
<item><title>tomorrow-ish</title>
  <link>https://example.com/5</link>
  <pubDate>Tue, 11 Jun 2024 06:00:00 GMT</pubDate></item>
</channel></rss>"""
    entries = parse_feed(rss, BASE, now=NOW).entries
    assert [e.published for e in entries] == [
        None,
        None,
        None,
        None,
        # Within a day of `now`: a publisher ahead in time zones, not a broken clock.
        datetime(2024, 6, 11, 6, 0, tzinfo=UTC),
    ]
    assert all(e.updated is None for e in entries[:4])


def test_script_in_title_is_kept_as_text_and_html_titles_lose_their_tags() -> None:
    rss = b"""<rss version="2.0"><channel><title>t</title>
<item><title>Beware &lt;script&gt;alert(1)&lt;/script&gt; in comments</title>
  <link>https://example.com/1</link></item>
<item><title>&lt;em&gt;Opinion&lt;/em&gt;: AT&amp;amp;T &amp;amp; you</title>
  <link>https://example.com/2</link></item>
</channel></rss>"""
    first, second = parse_feed(rss, BASE, now=NOW).entries
    # The title is words about a script tag: returned literally, to be escaped by whoever shows it.
    assert first.title == "Beware <script>alert(1)</script> in comments"
    # Entity-escaped HTML in a title is markup: rendered to its text.
    assert second.title == "Opinion: AT&T & you"


def test_script_in_html_summary_never_reaches_the_text() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title type="html">Safe &lt;script&gt;steal()&lt;/script&gt;title</title>
<link href="https://example.com/x"/><id>x</id>
<summary type="html">&lt;p&gt;Body&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;</summary>
</entry></feed>"""
    (entry,) = parse_feed(atom, BASE, now=NOW).entries
    assert "steal" not in (entry.summary or "")
    assert entry.summary == "Body"
    assert entry.title is not None and "<" not in entry.title and "steal" not in entry.title


def test_windows_1252_bytes_in_a_feed_declared_utf8() -> None:
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café</title>'
        "<item><title>“Smart quotes” and café crème</title>"
        "<link>https://example.com/cafe</link></item></channel></rss>"
    ).encode("cp1252")
    feed = parse_feed(rss, BASE, now=NOW)
    assert feed.title == "Café"
    assert feed.entries[0].title == "“Smart quotes” and café crème"


def test_malformed_xml_keeps_recovered_entries_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>good</title><link>https://example.com/good</link></item>
<item><title>unclosed <b>bold</title><link>https://example.com/also</link></item>
</channel></rss>"""
    with caplog.at_level(logging.WARNING, logger="colonnade.sources.feeds"):
        feed = parse_feed(rss, BASE, now=NOW)
    assert [e.url for e in feed.entries][:1] == ["https://example.com/good"]
    assert any("malformed feed" in r.getMessage() for r in caplog.records)


def test_truncated_feed_keeps_the_items_before_the_cut() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>one</title><link>https://example.com/1</link></item>
<item><title>two</title><link>https://example.com/2</link></item>
<item><title>thr"""
    feed = parse_feed(rss, BASE, now=NOW)
    assert [e.url for e in feed.entries] == ["https://example.com/1", "https://example.com/2"]


def test_truncated_feed_without_any_entry_is_an_error() -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Opin'
    with pytest.raises(FeedError, match="malformed feed with no usable entries"):
        parse_feed(rss, BASE, now=NOW)


def test_a_valid_feed_with_no_items_is_not_an_error() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', BASE)
    assert feed.title == "Quiet"
    assert feed.entries == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty response"),
        (b"  \n\t ", "empty response"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>",
         "is an HTML page, not a feed"),
        (b"\xef\xbb\xbf\n<!-- cms -->\n<html lang='en'><body><p>x</p></body></html>",
         "is an HTML page, not a feed"),
        (b"this is plain text, not xml", "is not a feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "JSON Feed"),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap"),
    ],
)  # fmt: skip
def test_unusable_bodies_raise_one_line_feed_errors(body: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message) as info:
        parse_feed(body, BASE, now=NOW)
    assert "\n" not in str(info.value)
    assert BASE in str(info.value)


def test_external_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    rss = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>t</title>
<item><title>x &xxe; y</title><link>https://example.com/x</link></item></channel></rss>""".encode()
    (entry,) = parse_feed(rss, BASE, now=NOW).entries
    assert entry.url == "https://example.com/x"
    assert "TOP-SECRET" not in (entry.title or "")


def test_a_body_naming_a_local_file_is_not_read_as_that_file(tmp_path) -> None:
    # feedparser opens bytes as a file name when it can; parse_feed must never let it.
    target = tmp_path / "feed.xml"
    target.write_bytes(RSS)
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(target).encode(), BASE, now=NOW)


def test_feedburner_original_link_preferred() -> None:
    rss = b"""<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>t</title><item><title>a</title>
<link>https://feeds.feedburner.com/~r/example/~3/abc/</link>
<feedburner:origLink>https://example.com/opinion/real-article</feedburner:origLink>
</item></channel></rss>"""
    (entry,) = parse_feed(rss, BASE, now=NOW).entries
    assert entry.url == "https://example.com/opinion/real-article"


def test_feedparser_times_are_checked_and_impossible_ones_refused() -> None:
    parsed = time.struct_time((2024, 6, 1, 10, 0, 0, 0, 0, 0))
    assert from_struct_time(parsed, NOW) == datetime(2024, 6, 1, 10, tzinfo=UTC)
    assert from_struct_time(time.struct_time((2024, 13, 0, 10, 0, 0, 0, 0, 0)), NOW) is None
    assert from_struct_time(time.struct_time((2030, 1, 1, 0, 0, 0, 0, 0, 0)), NOW) is None
    assert from_struct_time(None, NOW) is None
