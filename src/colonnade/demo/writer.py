"""Deterministic fictional prose from the per-language lexicons (demo/lexicon_*.txt).

Each article picks one topic and one place and keeps them, so a column reads as being about
something; sentence templates are drawn without replacement so two articles share far fewer
word sequences than their common vocabulary suggests (near-duplicate detection must not merge
them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from random import Random

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es")
FACT_SHARE = 0.45

_SLOT = re.compile(r"\{(\w+)\}")
_A_AN = re.compile(r"\b([Aa]) ([aeioAEIO])")
_PERCENT = {"en": "{n} percent", "de": "{n} Prozent", "fr": "{n} %", "es": "{n} por ciento"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    lists: dict[str, tuple[str, ...]]

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists[name]


@cache
def lexicon(language: str) -> Lexicon:
    if language not in LANGUAGES:
        raise ValueError(f"no demo lexicon for language {language!r}")
    raw = (resources.files("colonnade.demo") / f"lexicon_{language}.txt").read_text("utf-8")
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return Lexicon(language, {k: tuple(v) for k, v in lists.items()})


def slugify(text: str, max_length: int = 70) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "untitled"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills templates for one article: same topic and place throughout."""

    def __init__(
        self, language: str, rng: Random, *, topic: str | None = None, place: str | None = None
    ) -> None:
        self.lex = lexicon(language)
        self.language = language
        self.rng = rng
        self.topic = topic or rng.choice(self.lex.words("topic"))
        self.place = place or rng.choice(self.lex.words("place"))

    def person(self) -> str:
        first = self.rng.choice(self.lex.words("first_name"))
        return f"{first} {self.rng.choice(self.lex.words('last_name'))}"

    def fill(self, template: str) -> str:
        text = template
        for _ in range(3):  # slot values may hold slots themselves ("in the spring of {year}")
            if "{" not in text:
                break
            text = _SLOT.sub(self._slot, text)
        if self.language == "en":  # "a overdue plan" -> "an overdue plan"
            text = _A_AN.sub(lambda m: m.group(1) + "n " + m.group(2), text)
        return text

    def _slot(self, match: re.Match[str]) -> str:
        name = match.group(1)
        value = self._value(name[0].lower() + name[1:])
        return capitalize(value) if name[0].isupper() else value

    def _value(self, name: str) -> str:
        rng = self.rng
        if name == "topic":
            return self.topic
        if name == "place":
            return self.place
        if name == "number":
            return str(rng.randint(3, 97))
        if name == "few":
            return str(rng.randint(2, 14))
        if name == "percent":
            return _PERCENT[self.language].format(n=rng.randint(6, 81))
        if name == "year":
            return str(rng.randint(2009, 2025))
        if name == "person":
            return self.person()
        if name in self.lex.lists:
            return rng.choice(self.lex.words(name))
        base = name.rstrip("0123456789")
        choices = self.lex.words(base)
        if base != name and base in ("topic", "place"):
            # "topic2" means another topic than the article's own.
            choices = tuple(c for c in choices if c != getattr(self, base)) or choices
        return rng.choice(choices)

    def title(self) -> str:
        return self.fill(self.rng.choice(self.lex.words("title")))

    def standfirst(self) -> str:
        return self.fill(self.rng.choice(self.lex.words("sentence")))

    def paragraphs(self, target_words: int) -> tuple[str, ...]:
        """Paragraphs of 2-5 sentences until about `target_words` words, opening and closing."""
        pool = list(self.lex.words("sentence"))
        self.rng.shuffle(pool)
        templates = iter(pool * 3)
        facts = self.lex.words("fact")

        def sentence() -> str:
            # Fact sentences are nearly all slots, so they rarely repeat between articles.
            if self.rng.random() < FACT_SHARE:
                return self.fill(self.rng.choice(facts))
            return self.fill(next(templates))

        first = [self.fill(self.rng.choice(self.lex.words("opening")))]
        first += [sentence() for _ in range(self.rng.randint(1, 2))]
        paragraphs = [" ".join(first)]
        words = len(paragraphs[0].split())
        closing = self.fill(self.rng.choice(self.lex.words("closing")))
        budget = target_words - len(closing.split())
        while words < budget:
            chunk = [sentence() for _ in range(self.rng.randint(2, 5))]
            paragraphs.append(" ".join(chunk))
            words += sum(len(s.split()) for s in chunk)
        paragraphs.append(closing)
        return tuple(paragraphs)

    def comment(self) -> str:
        return self.fill(self.rng.choice(self.lex.words("comment")))
