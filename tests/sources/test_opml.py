from __future__ import annotations

import pytest

from colonnade.errors import FeedError
from colonnade.sources.opml import OpmlSource, parse_opml, write_opml

READER_EXPORT = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Opinion" title="Opinion">
      <outline text="UK">
        <outline type="rss" text="Guardian Opinion" xmlUrl="https://www.theguardian.com/commentisfree/rss"
                 htmlUrl="https://www.theguardian.com/commentisfree"/>
      </outline>
      <outline type="rss" title="Le Monde Id\xe9es" text="ignored when title is present"
               xmlurl="https://www.lemonde.fr/idees/rss_full.xml" language="fr-FR"/>
    </outline>
    <outline type="rss" text="" xmlUrl="https://blog.example.org/feed/"/>
    <outline type="link" text="Just a link" htmlUrl="https://example.com/"/>
    <outline type="rss" text="Duplicate" xmlUrl="https://www.theguardian.com/commentisfree/rss"/>
    <outline type="rss" text="Bad scheme" xmlUrl="javascript:alert(1)"/>
  </body>
</opml>"""


def test_parse_nested_reader_export() -> None:
    sources = parse_opml(READER_EXPORT)
    assert sources == [
        OpmlSource(
            name="Guardian Opinion",
            feed_url="https://www.theguardian.com/commentisfree/rss",
            homepage="https://www.theguardian.com/commentisfree",
        ),
        OpmlSource(
            name="Le Monde Idées",
            feed_url="https://www.lemonde.fr/idees/rss_full.xml",
            language="fr",
        ),
        # No name at all: the host stands in, so every source can be listed.
        OpmlSource(name="blog.example.org", feed_url="https://blog.example.org/feed/"),
    ]


def test_round_trip_keeps_every_field_and_escapes() -> None:
    items = [
        OpmlSource(
            name='Smith & Jones <"Opinion">',
            feed_url="https://example.com/feed?a=1&b=2",
            homepage="https://example.com/",
            country="GB",
            language="en",
        ),
        OpmlSource(name="Ünïcödé – 東京", feed_url="https://tokyo.example.jp/rss"),
    ]
    text = write_opml(items)
    assert "Smith &amp; Jones &lt;&quot;Opinion&quot;&gt;" in text
    assert "a=1&amp;b=2" in text
    assert parse_opml(text) == items
    assert parse_opml(text.encode("utf-8")) == items


def test_written_opml_declares_version_and_title() -> None:
    text = write_opml([], title="Mine")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<opml version="2.0">' in text and "<title>Mine</title>" in text
    assert parse_opml(text) == []


def test_country_code_upper_cased_and_junk_country_dropped() -> None:
    text = """<opml version="2.0"><body>
<outline text="a" xmlUrl="https://a.example/feed" country="de" language="DE"/>
<outline text="b" xmlUrl="https://b.example/feed" country="Germany" language="German"/>
</body></opml>"""
    a, b = parse_opml(text)
    assert (a.country, a.language) == ("DE", "de")
    assert (b.country, b.language) == (None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "it is empty"),
        (b"name,url\nx,https://x.example/feed\n", "not an OPML file"),
        (b"<html><body><p>Not OPML</p></body></html>", "root element is <html>"),
        (b'<rss version="2.0"><channel/></rss>', "root element is <rss>"),
        (b'<opml version="2.0"><head/></opml>', "no <body>"),
    ],
)
def test_not_opml_is_a_clear_feed_error(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message) as info:
        parse_opml(data)
    assert "\n" not in str(info.value)


def test_external_entities_in_opml_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("TOP-SECRET")
    data = f"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>
<opml version="2.0"><body><outline text="a &x;" xmlUrl="https://a.example/feed"/></body></opml>"""
    sources = parse_opml(data)
    assert all("TOP-SECRET" not in s.name for s in sources)
