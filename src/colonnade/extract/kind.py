"""What sort of piece this is (opinion, editorial, analysis, letter, news) and its section.

Signals, strongest first: an organisational byline ("Editorial Board"), the schema.org type
(OpinionNewsArticle, AnalysisNewsArticle), words in the URL path (/opinion/, /meinung/,
/commentisfree/, /tribune/), the section name, and a plain NewsArticle type meaning news.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PageMeta
from colonnade.extract.strings import squash

OPINION = "opinion"
EDITORIAL = "editorial"
ANALYSIS = "analysis"
LETTER = "letter"
NEWS = "news"

_SECTION_META = ("article:section", "og:article:section", "parsely-section", "section", "category")

# Path segments and section names, matched whole (after lower-casing, accents kept).
_WORDS: dict[str, tuple[str, ...]] = {
    LETTER: (
        "letters",
        "letters-to-the-editor",
        "letter",
        "leserbriefe",
        "leserbrief",
        "courrier-des-lecteurs",
        "cartas",
        "cartas-al-director",
        "lettere",
        "ingezonden-brieven",
        "letters to the editor",
        "courrier des lecteurs",
        "cartas al director",
    ),
    EDITORIAL: (
        "editorial",
        "editorials",
        "editoriales",
        "editoriale",
        "editoriaux",
        "leitartikel",
        "leader",
        "leaders",
        "our-view",
        "our view",
        "edito",
        "éditorial",
        "éditoriaux",
    ),
    ANALYSIS: (
        "analysis",
        "analyse",
        "analysen",
        "análisis",
        "analisis",
        "analisi",
        "news-analysis",
    ),
    OPINION: (
        "opinion",
        "opinions",
        "opinión",
        "opinione",
        "opinioni",
        "opiniao",
        "opinião",
        "opinie",
        "commentisfree",
        "comment",
        "commentary",
        "comments-and-opinion",
        "meinung",
        "meinungen",
        "kommentar",
        "kommentare",
        "standpunkt",
        "gastbeitrag",
        "gastkommentar",
        "kolumne",
        "kolumnen",
        "tribune",
        "tribunes",
        "chronique",
        "chroniques",
        "idees",
        "idées",
        "debat",
        "débat",
        "debatt",
        "debate",
        "columnists",
        "columnist",
        "columns",
        "column",
        "op-ed",
        "oped",
        "op-eds",
        "voices",
        "perspective",
        "perspectives",
        "viewpoint",
        "viewpoints",
        "blogs-opinion",
        "opinion-analysis",
        "ideas",
        "tribuna",
        "columnas",
        "columna",
    ),
}
_LOOKUP = {word: kind for kind, words in _WORDS.items() for word in words}
# "Redaktion" or "La rédaction" sign news written by the newsroom, not the paper's own view.
_ORG_EDITORIAL = re.compile(
    r"editorial board|^(?:the )?editors$|^editorial$|comité éditorial|consejo editorial", re.I
)
_TYPE_KINDS = {
    "opinionnewsarticle": OPINION,
    "analysisnewsarticle": ANALYSIS,
    "backgroundnewsarticle": ANALYSIS,
    "reviewnewsarticle": OPINION,
    "reportagenewsarticle": NEWS,
}


def find_section(jsonld: JsonLdArticle, meta: PageMeta) -> str | None:
    for value in [*jsonld.sections, *meta.all(*_SECTION_META)]:
        value = squash(value)
        if value and len(value) <= 80 and not value.startswith("http"):
            return value
    return None


def classify(
    jsonld: JsonLdArticle,
    url: str | None,
    section: str | None,
    authors: list[str],
    extra_urls: tuple[str | None, ...] = (),
) -> str | None:
    if any(_ORG_EDITORIAL.search(name) for name in authors):
        return EDITORIAL
    from_path = _from_paths((url, *extra_urls))
    from_section = _from_sections([section, *jsonld.sections])
    for kind in (LETTER, EDITORIAL):
        if kind in (from_path, from_section):
            return kind
    for type_name in jsonld.types:
        if type_name in _TYPE_KINDS and _TYPE_KINDS[type_name] != NEWS:
            return _TYPE_KINDS[type_name]
    if from_path or from_section:
        return from_path or from_section
    if any(t in ("newsarticle", "reportagenewsarticle") for t in jsonld.types):
        return NEWS
    return None


def _from_paths(urls: tuple[str | None, ...]) -> str | None:
    for url in urls:
        if not url:
            continue
        try:
            path = unquote(urlsplit(url).path).lower()
        except ValueError:
            continue
        # The last segment is the article's slug; its words describe the topic, not the kind.
        segments = [s for s in path.split("/") if s][:-1]
        found = {_LOOKUP[s] for s in segments if s in _LOOKUP}
        # /opinion/letters/ is a letter: the most specific kind in the path wins.
        for kind in (LETTER, EDITORIAL, ANALYSIS, OPINION):
            if kind in found:
                return kind
    return None


def _from_sections(sections: list[str | None]) -> str | None:
    for section in sections:
        if not section:
            continue
        value = squash(section).lower()
        kind = _LOOKUP.get(value) or _LOOKUP.get(value.replace(" ", "-"))
        if kind:
            return kind
        # "Opinion | Columnists", "Meinung > Kommentare": use the first part that names a kind.
        for part in re.split(r"\s*[|>/»,]\s*", value):
            if part in _LOOKUP:
                return _LOOKUP[part]
    return None
