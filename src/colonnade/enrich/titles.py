"""Headlines as a reader should see them in a list, and keys for comparing two copies of one.

Publishers glue section labels and their own name onto headlines: "Opinion | The cost of cheap
flights", "Kommentar: Die Bahn braucht Geld", "The cost of cheap flights - The Herald",
"Pourquoi l'Europe hésite | Opinion". In a list of columns the label says nothing (everything
listed is opinion) and the publication is shown beside the headline already; and two copies of
one syndicated column carry different decorations, so they must be removed before their titles
are compared.

`display_title` removes, repeatedly and in any combination:

- a leading section label followed by a separator, in English, German, French, Spanish,
  Italian, Portuguese, Dutch and Polish (`_LABELS`; accented letters also match unaccented);
- a trailing section label after a separator ("… | Opinion", "… - Kommentar");
- a trailing publication name after a separator ("… - The Herald", "… :: Herald"), compared
  ignoring case, punctuation, spacing and a leading "The".

A label counts only when a separator follows (or, at the end, precedes) it, so a label word that
belongs to the sentence stays: "Opinion polls show Labour ahead", "Column inches are shrinking".
A hyphen is a separator only with a space on at least one side ("Opinion - X", "Opinion -X"), as
"Opinion-makers …" is a compound word; the other separators (| : – — · • ::) need no spaces.
If removal would leave nothing, or a single word of a longer headline, the original headline is
kept: a bare "Brexit" says less than "Opinion: Brexit".

`title_key` is the display title case-folded, NFKC-normalised, with punctuation removed and
whitespace collapsed (diacritics are kept: "péché" and "peche" are different words).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["display_title", "title_key"]

# Section labels, lower case, by language. Multi-word labels match with any whitespace between
# the words; "op-ed" also matches "Op Ed" and "OpEd".
_LABELS: dict[str, tuple[str, ...]] = {
    "en": (
        "opinion",
        "guest opinion",
        "op-ed",
        "column",
        "guest column",
        "editorial",
        "analysis",
        "commentary",
        "guest commentary",
        "comment",
        "letter",
        "letters",
        "letter to the editor",
        "letters to the editor",
        "viewpoint",
    ),
    "de": (
        "meinung",
        "kommentar",
        "gastkommentar",
        "gastbeitrag",
        "kolumne",
        "leitartikel",
        "analyse",
    ),
    "fr": (
        "opinion",
        "tribune",
        "tribune libre",
        "chronique",
        "éditorial",
        "édito",
        "point de vue",
        "analyse",
    ),
    "es": ("opinión", "tribuna", "columna", "columna de opinión", "editorial", "análisis"),
    "it": ("opinione", "opinioni", "commento", "editoriale", "analisi"),
    "pt": ("opinião", "coluna", "artigo", "artigo de opinião", "editorial", "análise"),
    "nl": ("opinie", "column", "commentaar", "analyse"),
    "pl": ("opinia", "opinie", "komentarz", "felieton", "analiza"),
}


def _label_pattern(label: str) -> str:
    """A label as a regex: accented letters also match their base letter, spaces any
    whitespace, the hyphen of "op-ed" a hyphen, a space or nothing."""
    parts: list[str] = []
    for char in label:
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append(r"[-‐\s]?")
        else:
            base = unicodedata.normalize("NFD", char)[0]
            parts.append(f"[{char}{base}]" if base != char else re.escape(char))
    return "".join(parts)


_ALL_LABELS = sorted({label for labels in _LABELS.values() for label in labels}, key=len)
_LABEL = "(?:" + "|".join(_label_pattern(label) for label in reversed(_ALL_LABELS)) + ")"

# A separator after a leading label: | : – — · • or :: with any spacing; a hyphen only with a
# space before or after it.
_PREFIX = re.compile(rf"^{_LABEL}(?:\s*(?:::|[|:–—·•])|\s+-|\s*-(?=\s))\s*", re.IGNORECASE)
# A separator before a trailing label or publication: | – — · • or :: with any spacing; a
# hyphen only after a space. A single colon is not one ("Why it matters: analysis").
_SUFFIX_SEPARATOR = r"(?=[\s|:–—·•])(?:\s*(?:::|[|–—·•])\s*|\s+-\s*)"
_SUFFIX_LABEL = re.compile(rf"{_SUFFIX_SEPARATOR}{_LABEL}\s*$", re.IGNORECASE)
_SUFFIX_SEPARATORS = re.compile(_SUFFIX_SEPARATOR)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_PUNCTUATION = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^the\s+")


def _loose(text: str) -> str:
    """Case-folded, NFKC, apostrophes dropped, other punctuation made spaces, collapsed."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _APOSTROPHES.sub("", text)
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _name_key(name: str) -> str:
    """A publication name ignoring case, punctuation, spacing and a leading "The":
    "The Post-Gazette" and "post gazette" give one key."""
    return _LEADING_THE.sub("", _loose(name)).replace(" ", "")


_publication_key = lru_cache(maxsize=1024)(_name_key)


def _strip_publication(title: str, publication_key: str) -> str:
    """The title without a trailing "<separator> <publication>"."""
    for match in _SUFFIX_SEPARATORS.finditer(title):
        if match.start() > 0 and _name_key(title[match.end() :]) == publication_key:
            return title[: match.start()]
    return title


def display_title(title: str | None, publication: str | None = None) -> str | None:
    """The headline without the section labels and publication name glued onto it.

    `publication` is the name of the publication the headline comes from, removed when it
    trails the headline after a separator. None, or a blank title, gives None; the result is
    never empty (see the module docstring for what is removed and what is kept).
    """
    if title is None:
        return None
    original = _SPACE.sub(" ", unicodedata.normalize("NFC", title)).strip()
    if not original:
        return None
    publication_key = _publication_key(publication) if publication else ""

    text = original
    while match := _PREFIX.match(text):
        text = text[match.end() :]
    previous = None
    while text != previous:
        previous = text
        text = _SUFFIX_LABEL.sub("", text, count=1)
        if publication_key:
            text = _strip_publication(text, publication_key)
    text = text.strip()

    if text != original:
        words = len(_WORD.findall(text))
        if words == 0 or (words < 2 and len(_WORD.findall(original)) >= 2):
            return original
    return text


def title_key(title: str | None, publication: str | None = None) -> str:
    """A key for comparing the titles of two copies of one column: the display title
    case-folded, NFKC-normalised, punctuation removed (apostrophes without a trace, other marks
    as spaces), whitespace collapsed; diacritics kept. None or a blank title gives ""."""
    shown = display_title(title, publication)
    return _loose(shown) if shown else ""
