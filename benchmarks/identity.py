#!/usr/bin/env python3
"""Benchmark identity resolution: one person across outlets, namesakes kept apart.

    .venv/bin/python benchmarks/identity.py                 # 40 instances of each case
    .venv/bin/python benchmarks/identity.py --instances 200 --seed 7

Generates a small web of publications in several countries and languages and, for each case
below, people who write in them. Every column is rendered as an HTML page (JSON-LD `author`
with `url`/`sameAs` where the case gives them, a visible byline, some with rel=author links),
goes through the real extractor (`colonnade.extract.extract`) and is saved in a fresh SQLite
database (`Storage.articles.save`), which decides who is who. Then, for every pair of bylines,
"same columnist?" is compared with the truth:

    merge precision = pairs joined that are one person / pairs joined
    merge recall    = pairs joined that are one person / pairs that are one person

per case and overall (pairs across cases count too: a wrong join between cases lowers the
overall precision). Bylines the extractor did not read as written are counted apart and left
out of the pairs. The target on these generated cases is 1.0 for both; they are the cases
the rules are written for, so 1.0 here says the rules do what they claim, not how often
real bylines carry the evidence.

Cases:
  profile    one person in 2-3 outlets of different countries and languages, the same
             `sameAs` on each page: must join
  namesake   two people of one name, outlets of different country and language, nothing
             else: must stay apart
  profiles   two people of one name in the same country and language, each with their own
             `sameAs` on the same site: must stay apart
  variants   one person in two outlets of one language, the name with and without
             diacritics, in capitals: joins by the name alone (recorded unverified)
  initials   'Jane O'Connor' and 'J. O'Connor' with the same author profile: must join
  script     a Cyrillic and a Latin spelling with the same Wikidata `sameAs`: must join
  boards     each outlet's 'The Editorial Board': never joined across outlets
  publisher  two people in one outlet, both given the outlet's /about page as `url`:
             must stay apart
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

from colonnade.enrich.identity import name_key
from colonnade.extract import extract
from colonnade.store import Publication, Storage, open_storage

OUTLETS = [  # (name, country, language)
    ("The Daily Courier", "GB", "en"),
    ("The Morning Ledger", "US", "en"),
    ("The Harbour Times", "IE", "en"),
    ("Der Tagesbote", "DE", "de"),
    ("Wiener Abendpost", "AT", "de"),
    ("Le Courrier du Soir", "FR", "fr"),
    ("El Diario del Sur", "ES", "es"),
    ("Kyivskyi Visnyk", "UA", "uk"),
]
GIVEN = [
    "Jane", "John", "Anna", "Peter", "Maria", "Lukas", "Sofia", "David", "Elena", "Tomas",
    "Clara", "Martin", "Laura", "Pablo", "Nora", "Felix", "Ines", "Oscar", "Julia", "Hugo",
    "Marta", "Simon", "Alice", "Jonas", "Rosa", "Daniel", "Emma", "Victor", "Lena", "Adam",
]  # fmt: skip
FAMILY = [
    "Whitfield", "Brennan", "Kowalczyk", "Hartmann", "Delacroix", "Moreno", "Lindqvist",
    "Okafor", "Castellano", "Novak", "Fitzgerald", "Albrecht", "Fontaine", "Serrano", "Holm",
    "Mbeki", "Rinaldi", "Sokolova", "Thornbury", "Vasquez", "Ellingsen", "Marchetti",
    "Gallagher", "Weissmann", "Durand", "Pereira", "Halloran", "Zimmer", "Laurent", "Quintero",
]  # fmt: skip
ACCENTED = [  # (with diacritics, the same without)
    ("José", "Jose"), ("Zoë", "Zoe"), ("Søren", "Soren"), ("Inés", "Ines"),
    ("François", "Francois"), ("Łukasz", "Lukasz"), ("Renée", "Renee"), ("Çelik", "Celik"),
]  # fmt: skip
ACCENTED_FAMILY = [
    ("Martínez", "Martinez"), ("Müller", "Muller"), ("Kjærgaard", "Kjaergaard"),
    ("Peña", "Pena"), ("Lefèvre", "Lefevre"), ("Wiśniewski", "Wisniewski"),
    ("Göransson", "Goransson"), ("Ağaoğlu", "Agaoglu"),
]  # fmt: skip
SCRIPT_GIVEN = [  # (Cyrillic, Latin)
    ("Олена", "Olena"), ("Андрій", "Andrii"), ("Ірина", "Iryna"), ("Тарас", "Taras"),
    ("Оксана", "Oksana"), ("Богдан", "Bohdan"), ("Наталія", "Nataliia"), ("Юрій", "Yurii"),
]  # fmt: skip
SCRIPT_FAMILY = [
    ("Коваленко", "Kovalenko"), ("Шевченко", "Shevchenko"), ("Бондаренко", "Bondarenko"),
    ("Мельник", "Melnyk"), ("Ткаченко", "Tkachenko"), ("Кравченко", "Kravchenko"),
    ("Олійник", "Oliinyk"), ("Лисенко", "Lysenko"),
]  # fmt: skip
SENTENCES = [
    "The council voted on Tuesday to expand the network of protected cycle lanes across the "
    "city, a decision that supporters say will make the streets safer for children.",
    "Opponents argued that the plan would remove hundreds of parking spaces from the centre "
    "and hurt the small shops that depend on customers who arrive by car.",
    "The mayor said the council had listened carefully to both sides and that the first lanes "
    "would open next spring, after a consultation with residents in each district.",
    "Similar schemes in other European cities have reduced traffic injuries, according to a "
    "study published last year, although its authors warned that conditions differ.",
]
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Byline:
    case: str
    person: str  # the truth: who wrote it
    outlet: int  # index into OUTLETS
    name: str
    url: str | None = None  # JSON-LD `url`
    same_as: tuple[str, ...] = ()
    rel_author: bool = False  # the visible byline links to the author page
    organisation: bool = False


def _slug(name: str) -> str:
    return "-".join(name_key(name).split()) or "author"


def _author_page(outlet: int, name: str) -> str:
    return f"https://{_host(outlet)}/author/{_slug(name)}"


def _host(outlet: int) -> str:
    return _slug(OUTLETS[outlet][0]) + ".example"


class Names:
    """Fresh names, never two alike (so that only the cases make namesakes)."""

    def __init__(self, rng: random.Random, given: list[str], family: list[str]) -> None:
        pairs = [(g, f) for g in range(len(given)) for f in range(len(family))]
        rng.shuffle(pairs)
        self._left = iter(pairs)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return self._left


def _pair_names(
    rng: random.Random, given: list[tuple[str, str]], family: list[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    """Fresh (one spelling, the other) full names from two-spelling parts."""
    for g, f in Names(rng, [a for a, _ in given], [a for a, _ in family]):
        yield f"{given[g][0]} {family[f][0]}", f"{given[g][1]} {family[f][1]}"


def _outlets(rng: random.Random, k: int, *, spread: bool) -> list[int]:
    """k outlets: of k different languages (and countries) when `spread`, else one language."""
    if spread:
        by_language: dict[str, list[int]] = defaultdict(list)
        for i, (_, _, language) in enumerate(OUTLETS):
            by_language[language].append(i)
        languages = rng.sample(sorted(by_language), k)
        return [rng.choice(by_language[lang]) for lang in languages]
    return rng.sample([i for i, o in enumerate(OUTLETS) if o[2] == "en"], k)


def cases(rng: random.Random, instances: int) -> Iterator[Byline]:
    """The bylines of every case; `instances` of each (fewer of those with few names)."""
    fresh = Names(rng, GIVEN, FAMILY)
    names = (f"{GIVEN[g]} {FAMILY[f]}" for g, f in fresh)
    accented = _pair_names(rng, ACCENTED, ACCENTED_FAMILY)
    scripts = _pair_names(rng, SCRIPT_GIVEN, SCRIPT_FAMILY)
    ids = count()
    for _ in range(instances):
        # profile: one person, several outlets, the same sameAs everywhere
        name, person = next(names), f"p{next(ids)}"
        handle = f"https://twitter.com/{_slug(name).replace('-', '')}"
        for outlet in _outlets(rng, rng.choice([2, 3]), spread=True):
            for _ in range(2):
                yield Byline(
                    "profile",
                    person,
                    outlet,
                    name,
                    _author_page(outlet, name),
                    (handle,),
                    rel_author=rng.random() < 0.5,
                )
        # namesake: two people of one name, nothing shared
        name = next(names)
        for outlet in _outlets(rng, 2, spread=True):
            person = f"p{next(ids)}"
            for _ in range(2):
                yield Byline("namesake", person, outlet, name)
        # profiles: two people of one name in one language, different accounts on one site
        name = next(names)
        for n, outlet in enumerate(_outlets(rng, 2, spread=False)):
            person = f"p{next(ids)}"
            handle = f"https://twitter.com/{_slug(name).replace('-', '')}{n + 1}"
            for _ in range(2):
                yield Byline("profiles", person, outlet, name, same_as=(handle,))
        # variants: diacritics and capitals, one language, no other evidence
        marked, bare = next(accented, (None, None))
        if marked and bare:
            person = f"p{next(ids)}"
            first, second = _outlets(rng, 2, spread=False)
            yield Byline("variants", person, first, marked)
            yield Byline("variants", person, second, bare.upper())
            yield Byline("variants", person, second, bare)
        # initials: the same profile under a full name and an initial
        name, person = next(names), f"p{next(ids)}"
        initial = f"{name[0]}. {name.split()[1]}"
        handle = f"https://www.linkedin.com/in/{_slug(name)}"
        first, second = _outlets(rng, 2, spread=True)
        yield Byline("initials", person, first, name, same_as=(handle,))
        yield Byline("initials", person, second, initial, same_as=(handle,), rel_author=True)
        # script: Cyrillic and Latin, the same Wikidata item
        cyrillic, latin = next(scripts, (None, None))
        if cyrillic and latin:
            person = f"p{next(ids)}"
            wikidata = f"https://www.wikidata.org/wiki/Q{100000 + next(ids)}"
            yield Byline("script", person, 7, cyrillic, same_as=(wikidata,))
            yield Byline("script", person, rng.choice([0, 1, 2]), latin, same_as=(wikidata,))
    # boards: each outlet's own editorial board, twice
    for outlet in range(len(OUTLETS)):
        for _ in range(2):
            yield Byline(
                "boards", f"board{outlet}", outlet, "The Editorial Board", organisation=True
            )
    # publisher: one outlet's /about page given for everyone
    for _ in range(instances):
        outlet = rng.randrange(len(OUTLETS))
        about = f"https://{_host(outlet)}/about"
        for _ in range(2):
            yield Byline("publisher", f"p{next(ids)}", outlet, next(names), url=about)


def page(byline: Byline, n: int) -> tuple[str, str]:
    """The column's URL and HTML."""
    host = _host(byline.outlet)
    url = f"https://{host}/opinion/2026/01/{n}-column"
    author: dict[str, object] = {
        "@type": "Organization" if byline.organisation else "Person",
        "name": byline.name,
    }
    if byline.url:
        author["url"] = byline.url
    if byline.same_as:
        author["sameAs"] = list(byline.same_as)
    published = (START + timedelta(hours=n)).isoformat()
    ld = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": f"Column {n}",
        "datePublished": published,
        "author": author,
    }
    if byline.rel_author:
        shown = f'<a rel="author" href="/author/{_slug(byline.name)}">{byline.name}</a>'
    else:
        shown = byline.name
    text = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = f"""<!DOCTYPE html><html lang="{OUTLETS[byline.outlet][2]}"><head>
<meta charset="utf-8"><title>Column {n}</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>
<body><header><a href="/">{OUTLETS[byline.outlet][0]}</a></header>
<main><article><h1>Column {n}</h1><p class="byline">By {shown}</p>{text}</article></main>
<footer><p>All rights reserved.</p></footer></body></html>"""
    return url, html


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def scores(assigned: list[tuple[str, str, int]]) -> tuple[float, float, int, int]:
    """(precision, recall, joined pairs, true pairs) over (case, person, columnist_id) rows."""
    truth = Counter(person for _, person, _ in assigned)
    predicted = Counter(cid for _, _, cid in assigned)
    both = Counter((person, cid) for _, person, cid in assigned)
    tp = sum(_pairs(n) for n in both.values())
    joined = sum(_pairs(n) for n in predicted.values())
    true = sum(_pairs(n) for n in truth.values())
    precision = tp / joined if joined else 1.0
    recall = tp / true if true else 1.0
    return precision, recall, joined, true


def run(instances: int, seed: int, directory: Path) -> int:
    rng = random.Random(seed)
    storage: Storage = open_storage(f"sqlite:///{directory / 'identity.db'}")
    try:
        publications: list[Publication] = [
            storage.publications.add(name, f"https://{_host(i)}", country=c, language=lang)
            for i, (name, c, lang) in enumerate(OUTLETS)
        ]
        bylines = list(cases(rng, instances))
        order = list(range(len(bylines)))
        rng.shuffle(order)  # crawl order is not the order of the cases
        assigned: list[tuple[str, str, int]] = []
        misread: Counter[str] = Counter()
        began = time.perf_counter()
        for n in order:
            byline = bylines[n]
            url, html = page(byline, n)
            article = extract(html, url)
            saved = storage.articles.save(
                article, publication_id=publications[byline.outlet].id, fetched_at=START
            )
            stored = storage.articles.get(saved.id)
            assert stored is not None
            # Read as written (capitals may become normal case), and one columnist for it.
            read = [name_key(name) for name in article.authors]
            if read != [name_key(byline.name)] or len(stored.columnists) != 1:
                misread[byline.case] += 1
                continue
            assigned.append((byline.case, byline.person, stored.columnists[0].columnist_id))
        elapsed = time.perf_counter() - began
        unverified = len(storage.columnists.unverified(limit=100_000))
    finally:
        storage.close()

    print(f"identity resolution: {len(bylines)} columns, {len(OUTLETS)} outlets, seed {seed}")
    print(f"{'case':<10} {'bylines':>7} {'misread':>7} {'joined':>7} {'true':>7} "
          f"{'precision':>9} {'recall':>7}")  # fmt: skip
    by_case: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for row in assigned:
        by_case[row[0]].append(row)
    for case in dict.fromkeys(b.case for b in bylines):
        rows = by_case[case]
        precision, recall, joined, true = scores(rows)
        print(f"{case:<10} {len(rows) + misread[case]:>7} {misread[case]:>7} {joined:>7} "
              f"{true:>7} {precision:>9.3f} {recall:>7.3f}")  # fmt: skip
    precision, recall, joined, true = scores(assigned)
    print(f"{'all':<10} {len(bylines):>7} {sum(misread.values()):>7} {joined:>7} {true:>7} "
          f"{precision:>9.3f} {recall:>7.3f}")  # fmt: skip
    print(f"unverified columnists (joined by a bare name): {unverified}")
    print(f"extract + save: {len(bylines) / elapsed:.0f} columns/s")
    return 0 if precision == recall == 1.0 and not misread else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--instances", type=int, default=40, help="instances of each case")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="colonnade-identity-") as tmp:
        return run(args.instances, args.seed, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
