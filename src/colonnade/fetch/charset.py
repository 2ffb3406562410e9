"""Decide how to decode a body whose declared charset may be wrong or missing.

Order: byte-order mark, then the HTTP header and the document's own declaration (each trusted
only if the bytes really decode with it), then UTF-8, then a guess. A page declared UTF-8 that is
really Windows-1252 is common; strict UTF-8 decoding catches it. The guess:

1. Mostly valid UTF-8 with a few stray bytes: UTF-8 (the stray bytes become U+FFFD).
2. Windows-1252 when the text reads like a Western European language in it: only letters and
   the usual punctuation outside ASCII, and words that are mostly ASCII letters ("Ïðèâåò" is
   Russian in the wrong code page), unless charset_normalizer recognises a language that
   Windows-1252 cannot write (Czech, Turkish, ...). charset_normalizer alone tends to answer
   cp1250 for German or French, which turns "è" into "č".
3. Otherwise charset_normalizer's best match.

Callers decode with `body.decode(encoding, errors="replace")`: the guessed encoding may not
decode every byte strictly.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""", re.I)
# UTF-32 LE first: its BOM starts with the UTF-16 LE one. "utf-16"/"utf-32" read the BOM to
# learn the byte order, so those bodies are decoded whole.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 200_000
# Languages charset_normalizer may name whose text Windows-1252 can write.
_WESTERN_LANGUAGES = frozenset(
    {
        "English",
        "German",
        "French",
        "Dutch",
        "Italian",
        "Spanish",
        "Portuguese",
        "Swedish",
        "Norwegian",
        "Danish",
        "Finnish",
        "Indonesian",
        "Unknown",
        "",
    }
)
_WESTERN_PUNCTUATION = frozenset("€‚„…†‡ˆ‰‹‘’“”•–—˜™›\xa0¡¢£¥§©«\xad®°±·»¿×÷")
_WORD = re.compile(r"[^\W\d_]+")


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    # Browsers decode latin-1 and ascii labels as windows-1252 (WHATWG Encoding); so do we.
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec.name


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return _normalise(match.group(1)) if match else None


def declared_charset(body: bytes) -> str | None:
    """The charset the document declares in its first few kilobytes (meta or XML prolog)."""
    head = body[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return _normalise(match.group(1).decode("ascii", "ignore")) if match else None


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: the last resort replaces bad bytes."""
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    if not body.isascii():
        # Valid multi-byte UTF-8 almost never happens by chance in a single-byte encoding, so
        # it outranks a declaration (pages saved as UTF-8 often keep their old meta charset).
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = [charset_from_content_type(content_type), declared_charset(body)]
    for declared in candidates:
        if declared:
            try:
                return body.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = guess_encoding(body[:_SAMPLE])
    return body.decode(name, errors="replace"), name


def guess_encoding(sample: bytes) -> str:
    """The likeliest encoding of bytes that are not valid UTF-8 (see the module docstring)."""
    if _mostly_utf8(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    if _reads_as_western(sample) and (
        best is None
        or best.language.rstrip("—") in _WESTERN_LANGUAGES
        or "cp1252" in best.could_be_from_charset
    ):
        return "cp1252"
    if best is not None and best.encoding:
        return _normalise(best.encoding) or best.encoding
    return "cp1252"


def _mostly_utf8(sample: bytes) -> bool:
    """More valid multi-byte UTF-8 characters than invalid bytes: UTF-8 with a few strays.
    (Windows-1252 text almost never forms valid UTF-8 sequences by chance.)"""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return good > bad


def _reads_as_western(sample: bytes) -> bool:
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False  # one of the five bytes Windows-1252 leaves undefined
    extra = [ch for ch in text if ch > "\x7f"]
    if not extra:
        return True
    odd = sum(1 for ch in extra if not ch.isalpha() and ch not in _WESTERN_PUNCTUATION)
    if odd > 0.05 * len(extra):
        return False  # "³" and "¹" are Polish "ł" and "ą" read in the wrong code page
    letters = accented = 0
    for word in _WORD.findall(text):
        n = sum(1 for ch in word if ch > "\x7f")
        if n and len(word) > 1:  # one-letter words ("à", "è") say nothing
            letters += len(word)
            accented += n
    return accented <= 0.5 * letters
