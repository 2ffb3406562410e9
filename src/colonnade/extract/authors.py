"""Turn raw bylines into authors (people, editorial boards) and credits (wires, desks).

Bylines arrive as "By Jane Doe and John Roe", "Von A und B", "Jane Doe, Senior Editor",
"Jane Doe | The Daily Planet", "JANE DOE Updated 9 Jan 2026", JSON-LD lists, profile URLs and
placeholders such as "admin". Names with particles (van, de, von, al-, bin) stay whole; names
written in capitals get normal case ("JANE O'CONNOR" -> "Jane O'Connor"); organisational
bylines (Editorial Board, The Editors) stay one name and are authors.

Wire services ("Reuters", "The Associated Press", "dpa"), desks ("Staff", "Redaktion",
"Agencies", "Daily Planet Staff") and the publication's own name are never columnists: they are
`credits` of the article. Junk (admin, URLs, handles, slugs) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from colonnade.extract.strings import simplify, site_label, squash, unescape, words
from colonnade.links import hostname

# "By" in the languages we meet most; "Von"/"De" are also name particles, handled below.
_PREFIX = re.compile(
    r"^(?:(?:written|words|text|story|reporting|interview|analysis|commentary|opinion|"
    r"ein (?:kommentar|gastbeitrag) von|kommentar von|gastbeitrag von|"
    r"un (?:article|texte) de)\s+)?"
    r"(?:by|from|von|par|por|(?-i:di)|door|av|af|przez|från|fra|autor(?:in)?|author|auteure?|"
    r"text|texto|tekst|redacción|written by)\s*[:\-–—]?\s+",
    re.I,
)
_LABEL = re.compile(
    r"^(?:authors?|autor(?:en|in|ka|es|a)?|auteure?s?|byline|автор|автори|yazar|szerző|testo)"
    r"\s*[:\-–—]\s*",
    re.I,
)
# A lower-case label before the byline word: "capital von Jemima Kelly", "text by Jane Doe".
_LEAD_IN = re.compile(
    r"^[a-zà-ÿ][\w-]*(?:\s+[a-zà-ÿ][\w-]*){0,2}\s+(?:by|von|par|por)\s+(?=[A-ZÀ-Ý])"
)
# Who edited the piece, not who wrote it: "Redaktion: Jane Doe", "Editor : Jane Doe", "责编：".
_EDITED_BY = re.compile(
    r"^\s*(?:edited by|editors?|editing|redaktion|bearbeitung|redakcja|redakce|redacción|"
    r"redazione|edición|edição|редактор|責任編集|责编|责任编辑|编辑|編集)\s*[:：]",
    re.I,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:and|und|et|y|e|og|och|&)\s+", re.I)
_PARTICLE_AFTER_VON = re.compile(r"^von\s+(?:der|dem|den|und|zu)\b", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_STOP_AT = re.compile(
    r"\b(?:updated|published|posted|last (?:updated|modified)|aktualisiert|veröffentlicht|"
    r"mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|"
    r"read more|follow|folgen|suivre|seguir|share|teilen|partager|compartir|"
    r"stand(?=\s*[:\d]|$))\b.*$",
    re.I,
)
_MONTH_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d.*$", re.I
)
_DIGIT_TAIL = re.compile(r"(?:\s+|\s*[,|·•–—-]\s*)\d.*$")  # not "BR24 Redaktion"
# Role words written after the name in Korean, Japanese and Chinese bylines ("신현주 기자").
_CJK_ROLE = re.compile(
    r"\s*(?:기자|특파원|논설위원|선임기자|記者|记者|特派員|特派员|編集委員|论说委员|通讯员|編集部)$"
)
_LOCATION = re.compile(r"\s+(?:in|aus|from|à|reporting from)\s+[A-ZÀ-Ý][\w .'-]*$")
_BIO = re.compile(r"\s+(?:is|ist|est|es|è|was|war|writes|schreibt)\s+.*$", re.I)
_STRONG_SEPARATORS = re.compile(r"\s*(?:\||·|•|/|;|\n|\s[-–—]\s)\s*")
# "and" in more languages; the short ones only in lower case ("John A Smith" keeps his initial).
_AND = (
    r"(?:and|&|und|et|y|e|og|och|és|ve|with|avec|mit|con|com|sowie|"
    r"(?-i:a|i|en|ja|oraz|dan|và|и|і|та))"
)
_CONJUNCTIONS = re.compile(rf"\s*,?\s+{_AND}\s+|\s*&\s*", re.I)
_ENDS_IN_CONJUNCTION = re.compile(rf"(?:^|\s){_AND}$", re.I)
_OPENS_WITH_CONJUNCTION = re.compile(rf"^{_AND}(?:\s|$)", re.I)

_ROLE_WORDS = words(
    """editor editors correspondent reporter writer columnist contributor contributing
    journalist chief senior deputy director analyst producer critic commentator bureau
    professor fellow staff associate managing executive political presenter photographer
    researcher lecturer ceo founder president redakteur redakteurin korrespondent
    korrespondentin kolumnist kolumnistin chefredakteur chefredakteurin reporterin autorin
    leiter leiterin ressortleiter volontär volontärin rédacteur rédactrice correspondant
    correspondante journaliste chroniqueur chroniqueuse envoyé envoyée spécial spéciale
    periodista corresponsal redactor redactora columnista editora giornalista corrispondente
    inviato inviata jornalista correspondente colunista redacteur verslaggever"""
)
# Organisational bylines: kept as one name, never split on "and" or commas.
_ORG_BYLINE = re.compile(
    r"^(?:the\s+)?(?:[\w.'’ -]+\s+)?(?:editorial board|editors|editorial|editorial team of)$"
    r"|^editorial board\b[\w.'’ -]*$",
    re.I,
)
# Desks: "Redaktion", "BR24 Redaktion", "IN-Redaktion", "La rédaction", "Redacción Madrid".
_DESK = re.compile(
    r"(?:^|[\s-])(?:redaktion|rédaction|redacción|redazione|redactie|redakcja|redação|"
    r"редакция|newsroom|news ?desk|desk|staff|team|agencies|agencias|agences|agenturen|"
    r"agenzie|wires?|wire services)$"
    r"|^(?:redaktion|rédaction|redacción|redazione|redactie|redakcja|redação|редакция)\b",
    re.I,
)
_PLACEHOLDER_WORDS = words(
    """admin administrator author autor auteur guest anonymous unknown webmaster user"""
)
_PLACEHOLDER_PHRASES = frozenset(
    simplify(p)
    for p in (
        "content team",
        "guest author",
        "gastautor",
        "n/a",
        "null",
        "none",
        "editor",
        "reporter",
        "correspondent",
        "journalist",
        "contributor",
    )
)
# Desk phrases that are credits although no desk word ends them.
_DESK_PHRASES = frozenset(
    simplify(p)
    for p in (
        "staff writer",
        "staff reporter",
        "staff writers",
        "our correspondent",
        "our correspondents",
        "special correspondent",
        "editorial staff",
        "agency",
        "wire reports",
        "news agencies",
        "press association",
        "pa media",
    )
)
# Trailing words that make a name the site's own ("The Daily Telegraph Author").
_PLACEHOLDER_TAIL = re.compile(r"\b(?:author|autor|auteur|writers?|reporter)$", re.I)
# News agencies, by their short names (also in lower case: "dpa") and their long ones.
_AGENCIES = words(
    """dpa afp ap apa sda ats epd kna ansa efe reuters belga anp tt ntb pap ctk mti ians pti
    ani xinhua tass kyodo aap cp upi bloomberg yonhap interfax ukrinform unian ria aa ihlas
    dha kap keystone-sda dpa-afx lusa europapress"""
)
_AGENCY_NAMES = frozenset(
    simplify(p)
    for p in (
        "Associated Press",
        "The Associated Press",
        "Agence France-Presse",
        "Agence France Presse",
        "Deutsche Presse-Agentur",
        "Thomson Reuters",
        "Reuters News",
        "Bloomberg News",
        "Agencia EFE",
        "Europa Press",
        "Anadolu Ajansı",
        "Anadolu Agency",
        "Kyodo News",
        "Yonhap News Agency",
        "Xinhua News Agency",
        "Canadian Press",
        "The Canadian Press",
        "Australian Associated Press",
        "Press Trust of India",
        "United Press International",
        "Agenzia Nazionale Stampa Associata",
        "Polska Agencja Prasowa",
        "RIA Novosti",
        "Agência Lusa",
        "Evangelischer Pressedienst",
        "Katholische Nachrichten-Agentur",
    )
)
_PARTICLES = words(
    """van von der den de del della di da das dos du la le ter ten zu bin ibn al el y e"""
)
# Section words that turn up where a byline should be.
_GENERIC_WORDS = words(
    """news nachrichten noticias actualités notizie nieuws nyheter wiadomości home"""
)
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ben|bin|ibn|abu|d|l|o|da|di|de)['’-]", re.I)
_LATIN_LOWER_ONLY = re.compile(r"^[a-zà-ÿ .'’-]+$")
# Initials of a desk or of the publication after "By" ("By TPN"): a credit, not a person.
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")


@dataclass(slots=True)
class Byline:
    """What a byline says: who wrote the article, and who else it credits."""

    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    site: str | None = None  # the publication named as the byline, as it was written

    def credited(self) -> list[str]:
        """The credits, or the publication itself when the byline names nothing else."""
        if self.credits or self.authors:
            return self.credits
        return [self.site] if self.site else []


def is_organisation_byline(name: str) -> bool:
    """An editorial board or "The Editors": an author, but an organisation, not a person."""
    return bool(_ORG_BYLINE.match(name.strip()))


def clean_authors(
    raw: Iterable[str],
    publication: str | None = None,
    url: str | None = None,
    min_words: int = 1,
) -> list[str]:
    """The authors of `raw` bylines (see `read_byline`), credits left out."""
    return read_byline(raw, publication, url, min_words).authors


def read_byline(
    raw: Iterable[str],
    publication: str | None = None,
    url: str | None = None,
    min_words: int = 1,
) -> Byline:
    """Every name found in `raw` bylines, cleaned, in order, without duplicates, sorted into
    authors and credits.

    `min_words=2` suits text scraped from byline-like elements, where single words are mostly
    widget labels ("Follow", "More"); credits are recognised by name and need no second word.
    """
    rejected = _rejected_names(publication, url)
    host = hostname(url)
    found = Byline()
    seen: set[str] = set()
    for byline in raw:
        if host and any(host in part.lower() for part in _PARENS.findall(byline or "")):
            continue  # "Deutsche Welle (www.dw.com)": the site naming itself
        introduced = bool(_PREFIX.match(squash(byline or "")))
        for position, name in enumerate(split_byline(byline, rejected)):
            key = simplify(name)
            if not key or key in seen:
                continue
            kind = credit_kind(name, rejected, host)
            if kind == "site":
                seen.add(key)
                found.site = found.site or name
                continue
            if kind is not None or (introduced and position == 0 and _ACRONYM.match(name)):
                seen.add(key)
                found.credits.append(name)  # also "By TPN, in News": a desk's initials
                continue
            if not _is_name(name, rejected) or len(name.split()) < min_words:
                continue
            name = normal_case(name)
            seen.add(key)
            found.authors.append(name)
    return found


def credit_kind(
    name: str, rejected: set[str] | frozenset[str] = frozenset(), host: str = ""
) -> str | None:
    """ "wire" (a news agency), "desk" (staff, a newsroom, agencies) or "site" (the publication
    itself) when `name` is one of those rather than a person; else None."""
    key = simplify(name)
    lowered = name.casefold()
    parts = lowered.split()
    if len(name) > 80 or not parts:
        return None
    if lowered in _AGENCIES or key in _AGENCY_NAMES:
        return "wire"
    if parts[0] in _AGENCIES and len(parts) <= 2 and not _ORG_BYLINE.match(name):
        return "wire"  # "AFP Deutschland", "dpa Hamburg"
    if _is_desk(name):
        return "desk"
    if key in rejected or re.sub(r"^the", "", key) in rejected:
        return "site"
    if len(parts) in (2, 3) and simplify(parts[0]) in rejected:
        return "site"  # "MDR Sachsen-Anhalt", "n-tv Nachrichten"
    if host and _DOMAIN.match(name) and (host == lowered or host.endswith("." + lowered)):
        return "site"
    if _PLACEHOLDER_TAIL.search(name) and len(parts) > 1 and not _ORG_BYLINE.match(name):
        return "site"  # "The Daily Telegraph Author", "Guardian staff reporter"
    return None


def normal_case(name: str) -> str:
    """A name written in capitals in normal case: "JANE O'CONNOR" -> "Jane O'Connor",
    "Bill MCCARTHY" -> "Bill McCarthy". Single capitals (initials), roman numerals and names
    of one word (acronyms) are left as written."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return " ".join(
        _case_word(part, index) if _shouting(part) else part for index, part in enumerate(parts)
    )


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)\.?$")


def _shouting(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and not _ROMAN.match(word)


def _case_word(word: str, index: int) -> str:
    lowered = word.lower()
    if index > 0 and lowered in _PARTICLES:
        return lowered
    # Capitalise after every apostrophe and hyphen: O'Connor, Jean-Paul, D'Alema.
    cased = re.sub(r"(^|[-'’])(\w)", lambda m: m[1] + m[2].upper(), lowered)
    return re.sub(r"^(Ma?c)(\w)", lambda m: m[1] + m[2].upper(), cased) if len(cased) > 4 else cased


def split_byline(byline: str, site_keys: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Split one raw byline into candidate names (not yet checked against placeholders).

    A segment that starts with the site's own name ("example.com, Frankfurt, Germany") is the
    site plus qualifiers, not a list of people: it yields nothing."""
    text = squash(unescape(byline or ""))
    if not text or _URL.match(text):
        return []
    text = _PARENS.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = squash(text)
    candidates: list[str] = []
    for segment in _joined_at_conjunctions(_STRONG_SEPARATORS.split(text)):
        if not _EDITED_BY.match(segment):
            candidates.extend(_split_segment(segment, site_keys))
        if _STOP_AT.search(segment):
            break  # "Jane Doe | Follow | Topics | ...": the byline ended at the widget's words
    return candidates


def _joined_at_conjunctions(segments: list[str]) -> list[str]:
    """Segments with a dangling "and" joined again: "Jane Doe and | John Roe" (names set apart
    as links) is one list of names, and whatever label it starts with applies to both."""
    joined: list[str] = []
    for segment in segments:
        if joined and (
            _ENDS_IN_CONJUNCTION.search(joined[-1]) or _OPENS_WITH_CONJUNCTION.match(segment)
        ):
            joined[-1] = f"{joined[-1]} {segment}"
        else:
            joined.append(segment)
    return joined


def _split_segment(segment: str, site_keys: set[str] | frozenset[str]) -> list[str]:
    segment = _strip_noise(segment)
    if not segment:
        return []
    if _ORG_BYLINE.match(segment):
        return [segment]
    parts = segment.split(",")
    if len(parts) > 1 and simplify(parts[0]) in site_keys:
        return []
    names = []
    for index, part in enumerate(parts):
        part = _strip_noise(part)
        if index == 0 and _is_desk(part) and len(_CONJUNCTIONS.split(part)) == 1:
            names.append(part)  # "Staff", "Our correspondent": a credit, not a role of a name
            continue
        if not part or _is_role(part):
            continue
        for piece in _CONJUNCTIONS.split(part):
            piece = _strip_noise(piece)
            if piece and not _is_role(piece):
                names.append(piece)
    return names


def _strip_noise(text: str) -> str:
    text = squash(text).strip(" ,.:;-–—|·•'\"“”‘’«»")
    text = _LABEL.sub("", text)
    previous = None
    while previous != text:
        previous = text
        if not _PARTICLE_AFTER_VON.match(text):
            text = _PREFIX.sub("", text)
    text = _LEADING_CONJUNCTION.sub("", text)
    text = _LEAD_IN.sub("", text)
    text = _STOP_AT.sub("", text)
    text = _MONTH_DATE.sub("", text)
    text = _DIGIT_TAIL.sub("", text)
    text = _CJK_ROLE.sub("", text)
    text = _LOCATION.sub("", text)
    if len(text.split()) > 4:
        text = _BIO.sub("", text)
    return squash(text).strip(" ,.:;-–—|·•'\"“”‘’«»")


def _is_desk(text: str) -> bool:
    return simplify(text) in _DESK_PHRASES or bool(_DESK.search(text) and len(text.split()) <= 4)


def _is_role(text: str) -> bool:
    words = re.findall(r"[\w-]+", text.casefold())
    return bool(words) and any(w in _ROLE_WORDS or w.split("-")[0] in _ROLE_WORDS for w in words)


def _rejected_names(publication: str | None, url: str | None) -> set[str]:
    """Keys of the publication's own names: a byline equal to one (or to one plus a word such as
    "MDR Thüringen", "n-tv Nachrichten") names the site, not a person."""
    rejected = set()
    if publication:
        rejected.add(simplify(publication))
        rejected.add(simplify(re.sub(r"^the\s+", "", publication, flags=re.I)))
    host = hostname(url)
    if host:
        rejected.add(simplify(host))
        rejected.add(simplify(site_label(url)))
    return {key for key in rejected if len(key) >= 2}


def _is_name(name: str, rejected: set[str]) -> bool:
    key = simplify(name)
    lowered = name.casefold()
    if not key or len(name) > 80 or len(name) < 2:
        return False
    # The publication's own name never gets here: `credit_kind` took it as the site.
    if len(name.split()) > 1 and simplify(name.split()[0]) in rejected:
        return False
    if lowered in _GENERIC_WORDS:
        return False
    if lowered in _PLACEHOLDER_WORDS or key in _PLACEHOLDER_PHRASES:
        return False
    if _DOMAIN.match(name) or "http" in lowered or "@" in name:
        return False
    if any(ch.isdigit() for ch in name) or ":" in name:
        return False
    if _ORG_BYLINE.match(name):
        return True
    words = [w for w in name.split() if w.casefold() not in _PARTICLES]
    if len(words) > 5 or not all(_capitalised(w) for w in words):
        return False
    # Latin script written all in lower case is a user handle or a slug ("jdoe", "admin").
    return not _LATIN_LOWER_ONLY.match(name)


def _capitalised(word: str) -> bool:
    """Name words start with a capital ("de", "al-" and "d'" prefixes aside); scripts without
    case pass."""
    word = _NAME_PREFIX.sub("", word)
    first = next((ch for ch in word if ch.isalpha()), "")
    return not first or first.isupper() or first.lower() == first.upper()
