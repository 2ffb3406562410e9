"""Drop the lines that news templates put after the article and that are not its text.

Below the last paragraph, many templates print credits ("Reporting by ...; Editing by ...",
"Jane Doe contributed to this report", "(dpa)"), a copyright line, a newsletter or follow-us
prompt, or the reporter's e-mail address. They sit inside the article container, so extractors
keep them. They are recognised by their wording, in the languages we meet most, and only at
the end of the text (the same words inside an article are part of it). Photo credits
("Photo: AFP", "Foto: dpa") are short lines that can sit anywhere.
"""

from __future__ import annotations

import re

from colonnade.extract.body import Block
from colonnade.extract.paywall import SUBSCRIBE_PROMPT

_MAX_TRAILER_CHARS = 320
_MAX_TRAILER_BLOCKS = 5
_MAX_CREDIT_CHARS = 90

_TRAILER = re.compile(
    r"""
    contributed\ (?:reporting|to\ this\ (?:report|story|article))
    | ^\W*(?:additional\ )?reporting\ by\b | \bediting\ by\b | ^\W*with\ files\ from\b
    | ^\W*(?:this\ (?:article|story)\ was\ )?(?:first|originally)\ published\ (?:in|on|by)\b
    | ^\W*(?:aus\ dem\ \w+\ von|übersetzung\s*:|mitarbeit\s*:)
    | ^\W*(?:copyright\b|©|\(c\)\ \d{4}) | all\ rights\ reserved | alle\ rechte\ vorbehalten
    | ^\W*e-?mail\s*: | ^\W*write\ to\ .{2,60}\ at\ \S+@ | ^\W*\S+@\S+\.\w+\W*$
    | ^\W*(?:follow|like)\ (?:us|@|.{2,40}\ on\ (?:twitter|x|facebook|instagram))
    | \bsign\ up\ (?:for|to)\b.{0,80}\bnewsletters?\b | ^\W*subscribe\ to\b
    | ^\W*(?:click|tap)\ here\b
    """,
    re.I | re.X,
)
# Labels of links to other articles, in the languages we meet most; also ad labels.
_TEASER_LABEL = re.compile(
    r"""^\W*(?:read\ (?:more|also|next)|also\ read|see\ also|more\ on\ this
    | related(?:\ (?:articles?|stories|coverage|reading))?\s*:
    | lesen\ sie\ (?:auch|mehr)|auch\ interessant|mehr\ zum\ thema|weitere\ artikel|zum\ artikel
    | (?:à\ )?lire\ aussi|leer\ más|lee\ también|leggi\ anche|lei?a\ também
    | passer\ la\ publicité|advertisement|anzeige|werbung|publicidad)\b""",
    re.I | re.X,
)
_MAX_TEASER_CHARS = 200
# A news agency or the author's initials alone: "(dpa)", "(dmk)", "SDA/sep", "AFP/Reuters".
_SIGNATURE = re.compile(r"^\W*\(?[a-zäöü]{2,6}(?:\s*[/,]\s*[a-zäöü]{2,6})*\)?\W*$", re.I)
_CREDIT = re.compile(
    r"^\W*(?:photos?|fotos?|image|bild|picture|credit|quelle|source|fuente|crédit)s?\s*:", re.I
)


def drop_trailer(blocks: list[Block]) -> list[Block]:
    """`blocks` without credit, copyright and prompt lines at the end, nor photo credits and
    "read more" teasers anywhere."""
    blocks = [b for b in blocks if not (len(b.text) <= _MAX_CREDIT_CHARS and _CREDIT.match(b.text))]
    blocks = _without_teasers(blocks)
    end = len(blocks)
    while end > 1 and len(blocks) - end < _MAX_TRAILER_BLOCKS and _is_trailer(blocks[end - 1]):
        end -= 1
    return blocks[:end]


def _without_teasers(blocks: list[Block]) -> list[Block]:
    """Drop "Read more: <headline>" lines, and a bare "Read more" label with the list of
    headlines that follows it."""
    kept: list[Block] = []
    skip_list = False
    for block in blocks:
        if skip_list and block.kind == "list":
            skip_list = False
            continue
        skip_list = False
        text = block.text.strip()
        label = _TEASER_LABEL.match(text)
        if label and len(text) <= _MAX_TEASER_CHARS:
            skip_list = not text[label.end() :].strip(" :")
            continue
        kept.append(block)
    return kept or blocks


def _is_trailer(block: Block) -> bool:
    text = block.text.strip()
    if len(text) > _MAX_TRAILER_CHARS or SUBSCRIBE_PROMPT.search(text):
        return False  # a paywall prompt is left for paywall.py, which marks the text truncated
    return bool(_TRAILER.search(text) or _SIGNATURE.match(text))
