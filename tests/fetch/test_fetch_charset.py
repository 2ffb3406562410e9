"""decode_body: declared charsets are checked against the bytes, wrong ones are guessed around."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from colonnade.fetch.charset import decode_body

FRENCH = (
    "La réforme des retraites a été adoptée après une très longue nuit de débats à "
    "l'Assemblée. « C'est une décision grave », déclare l'éditorialiste, qui rappelle que "
    "les syndicats avaient prévenu : la colère ne s'éteindra pas de sitôt. Où va-t-on ?"
)
GERMAN = (
    "Die Bundesregierung hat über die künftige Förderung der Städte beraten. Für viele "
    "Bürgermeister ist das zu wenig – sie fordern größere Zuschüsse und schnellere Verfahren."
)
RUSSIAN = (
    "Правительство объявило о новых мерах поддержки экономики. По словам министра, эти "
    "решения помогут малому бизнесу пережить трудный период. Эксперты считают, что эффект "
    "будет заметен уже в следующем году, если цены на энергию останутся стабильными."
)
POLISH = (
    "Rząd ogłosił nowe działania wspierające gospodarkę. Według ministra te decyzje pomogą "
    "małym firmom przetrwać trudny okres. Eksperci uważają, że efekt będzie widoczny już w "
    "przyszłym roku, jeśli ceny energii pozostaną stabilne, a złoty się umocni."
)


def _page(text: str, encoding: str, meta: str = "utf-8", errors: str = "strict") -> bytes:
    html = f'<html><head><meta charset="{meta}"><title>t</title></head><body><p>{text}</p>'
    return (html + "</body></html>").encode(encoding, errors=errors)


@pytest.mark.parametrize(("text", "meta"), [(FRENCH, "utf-8"), (GERMAN, "utf-8"), (FRENCH, "")])
def test_windows_1252_mislabelled_or_unlabelled(text, meta):
    body = (
        _page(text, "cp1252", meta)
        if meta
        else _page(text, "cp1252").replace(b'<meta charset="utf-8">', b"")
    )
    decoded, encoding = decode_body(body, "text/html; charset=UTF-8" if meta else None)
    assert encoding == "cp1252"
    assert text in decoded


def test_russian_in_windows_1251_is_not_read_as_1252():
    decoded, encoding = decode_body(_page(RUSSIAN, "cp1251"), "text/html; charset=utf-8")
    assert encoding == "cp1251"
    assert RUSSIAN in decoded


def test_polish_in_windows_1250_is_not_read_as_1252():
    decoded, encoding = decode_body(_page(POLISH, "cp1250"), "text/html; charset=utf-8")
    assert encoding != "cp1252"
    assert "ogłosił" in decoded


def test_utf8_with_a_stray_byte_stays_utf8():
    body = _page(FRENCH, "utf-8").replace(b"</p>", b"\x92</p>")  # one cp1252 apostrophe
    decoded, encoding = decode_body(body, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert FRENCH in decoded
    assert decoded.count("\ufffd") == 1


def test_valid_declarations_are_trusted():
    body = _page(GERMAN, "cp1252", meta="iso-8859-1")
    decoded, encoding = decode_body(body)
    assert encoding == "cp1252"  # latin-1 labels mean windows-1252, as in browsers
    assert GERMAN in decoded
    decoded, encoding = decode_body(_page(RUSSIAN, "koi8_r", meta="koi8-r"))
    assert encoding == "koi8-r"
    assert RUSSIAN in decoded


def test_header_wins_over_meta_when_both_decode():
    body = _page(RUSSIAN, "cp1251", meta="koi8-r")
    decoded, encoding = decode_body(body, "text/html; charset=windows-1251")
    assert encoding == "cp1251"
    assert RUSSIAN in decoded


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_byte_order_marks(codec):
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
        "utf-8": codecs.BOM_UTF8,
    }[codec]
    body = bom + _page(RUSSIAN, codec, meta="iso-8859-1")
    decoded, encoding = decode_body(body, "text/html; charset=iso-8859-1")
    assert RUSSIAN in decoded
    assert not decoded.startswith("\ufeff")
    assert RUSSIAN in body.decode(encoding)  # callers decode the whole body with it


# -- a floor measured on real articles (third-party pages: read, never copied) -----------------

_FUNDUS_ARTICLES = "fundus/tests/resources/parser/test_data"  # in the bench-data folder
_LEGACY = {
    "fr": "cp1252",
    "de": "cp1252",
    "es": "cp1252",
    "it": "cp1252",
    "se": "cp1252",
    "no": "cp1252",
    "pl": "cp1250",
    "cz": "cp1250",
    "ru": "cp1251",
    "tr": "cp1254",
}


def _article_texts(articles: Path, country: str, limit: int = 4) -> list[str]:
    texts = []
    for path in sorted((articles / country).glob("*.json"))[:limit]:
        for version in json.loads(path.read_text(encoding="utf-8")).values():
            body = version.get("body") or {}
            paragraphs = [p for s in body.get("sections", []) for p in s.get("paragraphs", [])]
            text = "\n".join(body.get("summary", []) + paragraphs)
            if len(text) > 500:
                texts.append(text[:3000])
    return texts


def test_mislabelled_legacy_pages_decode_correctly_on_real_articles(bench_data: Path):
    right = total = 0
    wrong = []
    for country, codec in _LEGACY.items():
        for text in _article_texts(bench_data / _FUNDUS_ARTICLES, country):
            body = _page(text, codec, errors="replace")  # a page declared UTF-8 that is not
            try:
                body.decode("utf-8")
                continue  # no byte outside ASCII: nothing to guess
            except UnicodeDecodeError:
                pass
            decoded, encoding = decode_body(body, "text/html; charset=utf-8")
            total += 1
            if decoded == body.decode(codec):
                right += 1
            else:
                wrong.append((country, encoding))
    assert total >= 20
    assert right / total >= 0.95, wrong


def test_valid_utf8_outranks_a_stale_single_byte_declaration() -> None:
    html = "<meta charset='iso-8859-1'><p>Grüße aus Köln – für alle</p>".encode()
    text, encoding = decode_body(html, "text/html; charset=ISO-8859-1")
    assert encoding == "utf-8"
    assert "Grüße aus Köln – für alle" in text
