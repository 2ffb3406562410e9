from __future__ import annotations

import pytest

from colonnade.sources.pagemeta import FeedLink, clean_site_name, read_page_meta


@pytest.mark.parametrize(
    ("title", "url", "otherwise", "name"),
    [
        ("Opinion | The Guardian", "https://www.theguardian.com/uk/commentisfree", "first",
         "The Guardian"),
        ("The Guardian – News, sport and opinion", "https://www.theguardian.com/", "last",
         "The Guardian"),
        ("Home - Daily Planet", "https://planet.example/", "last", "Daily Planet"),
        ("Daily Planet - Home", "https://dp.example/", "first", "Daily Planet"),
        ("NYT > Opinion", "https://www.nytimes.com/", "whole", "NYT > Opinion"),
        ("Le Monde.fr - Actualités", "https://www.lemonde.fr/", "last", "Le Monde.fr"),
        ("  Plain  ", "https://x.example/", "first", "Plain"),
        ("", "https://x.example/", "first", None),
        ("A-Z guide", "https://x.example/", "first", "A-Z guide"),
    ],
)  # fmt: skip
def test_clean_site_name(title: str, url: str, otherwise: str, name: str | None) -> None:
    assert clean_site_name(title, url, otherwise=otherwise) == name  # type: ignore[arg-type]


def test_meta_from_a_windows_1252_page_with_base_href() -> None:
    html = (
        '<html><head><meta charset="windows-1252"><base href="https://cdn.example/site/">'
        '<meta name="application-name" content="Caf\xe9 Times">'
        '<meta property="og:locale" content="es_ES">'
        '<link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="atom">'
        '<link rel="alternate" type="application/feed+json" href="feed.json">'
        '<link rel="alternate" type="application/rss+xml" href="/post/1/comments/feed/">'
        '<link rel="stylesheet" type="text/css" href="s.css">'
        "</head><body><a rel=alternate type=application/rss+xml href=//other.example/r.xml>r</a>"
        "</body></html>"
    ).encode("cp1252")
    meta = read_page_meta(html, "https://www.example/", "text/html")
    assert meta.name == "Café Times"
    assert meta.language == "es"
    assert meta.feeds == [
        FeedLink("https://cdn.example/site/atom", None),
        FeedLink("https://other.example/r.xml", None),
    ]


def test_xhtml_page_with_xml_declaration_and_xml_lang() -> None:
    html = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="pt-BR"><head>'
        b"<title>Folha Exemplo | Opini\xc3\xa3o</title></head><body/></html>"
    )
    meta = read_page_meta(html, "https://folha.example/opiniao/", None, section=True)
    assert meta.language == "pt"
    assert meta.name == "Folha Exemplo"  # the part matching the host, though it comes first
    assert meta.feeds == []


def test_garbage_is_empty_meta() -> None:
    meta = read_page_meta(b"\x00\x01\x02", "https://x.example/")
    assert meta.feeds == [] and meta.language is None
