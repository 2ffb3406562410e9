"""Generated prose for the syndication tests: columns of distinct sentences, and the edits
syndication makes to them. Deterministic: a column is a function of its seed."""

from __future__ import annotations

import random

VOCABULARY = [
    "council",
    "budget",
    "harbour",
    "trains",
    "housing",
    "rents",
    "schools",
    "teachers",
    "voters",
    "minister",
    "parliament",
    "election",
    "coalition",
    "reform",
    "taxes",
    "wages",
    "prices",
    "energy",
    "climate",
    "river",
    "bridge",
    "transport",
    "doctors",
    "hospital",
    "patients",
    "nurses",
    "waiting",
    "lists",
    "pension",
    "workers",
    "union",
    "strike",
    "factory",
    "farmers",
    "harvest",
    "water",
    "drought",
    "tourists",
    "museum",
    "library",
    "students",
    "tuition",
    "landlords",
    "tenants",
    "mortgage",
    "interest",
    "bank",
    "inflation",
    "growth",
    "exports",
    "border",
    "migrants",
    "asylum",
    "courts",
    "judges",
    "police",
    "crime",
    "prisons",
    "press",
    "freedom",
    "censorship",
    "radio",
    "newspaper",
    "readers",
    "column",
    "argument",
    "promise",
    "plan",
    "future",
    "city",
    "village",
    "region",
    "country",
    "neighbours",
    "allies",
    "war",
    "peace",
]
GLUE = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "it",
    "by",
    "this",
    "but",
    "not",
    "be",
    "are",
    "at",
]


def sentence(rng: random.Random, words: int = 14) -> str:
    chosen = [rng.choice(VOCABULARY if i % 2 == 0 else GLUE) for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraphs(seed: int, count: int = 8, sentences: int = 4) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(sentence(rng) for _ in range(sentences)) for _ in range(count)]


def column(seed: int, count: int = 8) -> str:
    return "\n\n".join(paragraphs(seed, count))


def edited(text: str, seed: int, edits: int = 4) -> str:
    """A few words replaced, as a copy editor would."""
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
    return " ".join(words)
