"""Syndication benchmark: does Colonnade show one column once when other outlets republish it?

    .venv/bin/python benchmarks/syndication.py [--columns 240] [--publications 12] [--seed 1]
        [--copies-of-one 50] [--keep DIR] [--repeat 1] [--workers 0] [--curve]

Method. A labelled web of fictional publications is generated (the demo web's publications,
page themes and prose writer, see colonnade.demo) and served on 127.0.0.1 by `DemoServer`:

- originals: `--columns` columns, spread over the publications;
- copies of them in other publications of the same language, each changed the way
  syndication changes a column: verbatim but later, a new title ("Opinion | ...",
  "... - The Paper"), an intro line ("This column first appeared in ..."), a bio at the end,
  a dropped paragraph, small word edits, a truncated teaser (2-3 paragraphs, then "Subscribe
  to read more"), all of these at once, and a copy whose <link rel=canonical> names the
  original's URL on the other (crawled) publication. Every copy is dated later;
- hard negatives that must stay apart: another column on the same topic and place, two
  columns quoting one same paragraph, a wire story and an opinion piece quoting its lede,
  short notes (< 40 words) ending with the same boilerplate, and (harder) notes of 40-50
  words more than half of which is one shared boilerplate;
- one column copied `--copies-of-one` times (a "thousand copies" stress in miniature).

The web is crawled twice with the real pipeline (`add_source`, then a timed `crawl_once`)
into fresh SQLite databases: with clustering off (`open_storage(..., cluster_copies=False)`)
and on (`--repeat N`: N crawls of each in turn, the fastest one timed). Stored rows are
mapped back to the generated labels by URL. Printed: pair precision and recall of "same
cluster" (a pair of stored rows is predicted the same when their `cluster_id` is equal, and
truly the same when both are copies of one generated column), overall and per kind of
article (a row of the table counts the pairs with at least one member of that kind), with a
few wrong and missed merges; articles/s with clustering off and on and the cost; the rows of
`copy_keys` and their bytes per article (dbstat, else the size difference without the
table), scaled to 100,000 articles; and whether lists show a column once (stored rows with
`original` true per true column, and whether that row is the generated, earliest one).

Only 127.0.0.1 is contacted. The generated web is the same for a given seed; the crawl
fetches concurrently, so the order articles are stored in (and so a merge or two that
depends on it) can differ from run to run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from random import Random

import numpy as np

import colonnade.demo.feeds
from colonnade.config import Settings
from colonnade.demo import DemoArticle, DemoPublication, DemoServer, DemoSpec
from colonnade.demo.adding import add_publications
from colonnade.demo.build import article_path
from colonnade.demo.dates import STYLES_BY_LANGUAGE
from colonnade.demo.spec import STYLES
from colonnade.demo.writer import Writer, lexicon, slugify
from colonnade.enrich.syndication import (
    CONTAINED,
    INTRO_WORDS,
    NEAR,
    NEAR_SHORT,
    SHARED_OPENING,
    SHORT_WORDS,
    TEASER_WORDS,
    Text,
)
from colonnade.pipeline import crawl_once
from colonnade.store import StoredArticle, open_storage

ANCHOR = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
SCALE = 100_000

# Kinds of generated article. Copies carry the truth id of their original.
ORIGINAL = "original"
COPY_KINDS = (
    "verbatim",  # same text, later date, new URL
    "retitled",
    "intro",
    "bio",
    "dropped",
    "edited",
    "teaser",
    "combined",  # new title, intro, bio, dropped paragraph and edits at once
    "canonical",  # rel=canonical to the original on another crawled publication
)
STRESS = "stress"
NEGATIVE_KINDS = ("same-topic", "shared-quote", "wire-story", "wire-quoted", "short", "boilerplate")
KINDS = (ORIGINAL, *COPY_KINDS, STRESS, *NEGATIVE_KINDS)

# Publication languages in order; each language gets the page styles in turn, so each has a
# blog and a newspaper (the layouts that print a canonical link to an original).
LANGUAGE_PLAN = ("en", "en", "en", "en", "en", "en", "en", "en", "de", "de", "fr", "fr")
COUNTRIES = {"en": ("GB", "US", "IE", "AU", "CA", "NZ", "ZA"), "de": ("DE", "AT"), "fr": ("FR",)}
OFFSETS = {"GB": 0, "US": -300, "IE": 0, "AU": 660, "CA": -300, "NZ": 780, "ZA": 120}
SECTIONS = {"en": "Opinion", "de": "Meinung", "fr": "Opinions", "es": "Opinión"}

# The syndication furniture, in each language (written for this benchmark).
INTRO = {
    "en": "This column first appeared in {source}.",
    "de": "Dieser Kommentar erschien zuerst in {source}.",
    "fr": "Cette chronique a d'abord paru dans {source}.",
    "es": "Esta columna apareció primero en {source}.",
}
BIO = {
    "en": "{author} is a columnist for {source} and writes about {topic}.",
    "de": "{author} schreibt für {source} über {topic}.",
    "fr": "{author} est chroniqueur pour {source} et écrit sur {topic}.",
    "es": "{author} es columnista de {source} y escribe sobre {topic}.",
}
TEASER_END = {
    "en": "Subscribe to read more.",
    "de": "Abonnieren Sie, um weiterzulesen.",
    "fr": "Abonnez-vous pour lire la suite.",
    "es": "Suscríbase para leer más.",
}
BOILERPLATE = {
    "en": "Letters may be edited for length and clarity before they are printed here. "
    "Write to the letters desk with your name and the town you live in.",
    "de": "Leserbriefe können vor dem Abdruck gekürzt und redigiert werden. Bitte schreiben "
    "Sie uns mit Ihrem Namen und dem Ort, an dem Sie wohnen.",
    "fr": "Les lettres peuvent être raccourcies et corrigées avant leur publication. Écrivez-"
    "nous en indiquant votre nom et la ville où vous habitez.",
    "es": "Las cartas pueden ser editadas por extensión y claridad antes de publicarse. "
    "Escríbanos con su nombre y la ciudad en la que vive.",
}
BOILERPLATE_SHORT = {
    "en": "Letters may be edited for length and clarity. Write to us with your name and town.",
    "de": "Leserbriefe können gekürzt werden. Bitte schreiben Sie uns mit Namen und Wohnort.",
    "fr": "Les lettres peuvent être raccourcies. Écrivez-nous avec votre nom et votre ville.",
    "es": "Las cartas pueden ser editadas. Escríbanos con su nombre y su ciudad.",
}
SAID = {"en": "put it this way", "de": "sagte es so", "fr": "l'a dit ainsi", "es": "lo dijo así"}


@dataclass(frozen=True, slots=True)
class Label:
    """What a generated article is: its kind and the column it truly is a copy of."""

    kind: str
    truth: int
    first: bool = False  # the generated original (the copy lists should show)


@dataclass(slots=True)
class Web:
    """The generated publications, their articles, and the label of every article."""

    publications: list[DemoPublication]
    articles: dict[str, list[DemoArticle]] = field(default_factory=dict)  # by slug
    labels: dict[tuple[str, str], Label] = field(default_factory=dict)  # (slug, path)
    taken: set[tuple[str, str]] = field(default_factory=set)
    places: dict[tuple[str, str], str] = field(default_factory=dict)  # a column's town
    next_truth: int = 0

    def truth(self) -> int:
        self.next_truth += 1
        return self.next_truth

    def add(self, pub: DemoPublication, article: DemoArticle, label: Label) -> DemoArticle:
        self.articles.setdefault(pub.slug, []).append(article)
        self.labels[(pub.slug, article.path)] = label
        return article

    def path(self, pub: DemoPublication, title: str, published: datetime, number: int) -> str:
        base = slugify(title, 60)
        for suffix in range(1, 10_000):
            slug = base if suffix == 1 else f"{base}-{suffix}"
            path = article_path(pub, slug, published, number)
            if (pub.slug, path) not in self.taken:
                self.taken.add((pub.slug, path))
                return path
        raise RuntimeError("no free path")

    def number(self, pub: DemoPublication) -> int:
        return 10_000 + pub.number * 10_000 + len(self.articles.get(pub.slug, ()))

    def spec(self, seed: int) -> DemoSpec:
        pubs = tuple(
            replace(p, articles=tuple(self.articles.get(p.slug, ()))) for p in self.publications
        )
        return DemoSpec(publications=pubs, seed=seed, anchor=ANCHOR, handmade=False)


# -- generating the web -------------------------------------------------------------------------


def make_publications(count: int, seed: int) -> list[DemoPublication]:
    rng = Random(f"{seed}:publications")
    languages = [LANGUAGE_PLAN[i % len(LANGUAGE_PLAN)] for i in range(count)]
    pubs: list[DemoPublication] = []
    names: set[str] = set()
    per_language: Counter[str] = Counter()
    for number, language in enumerate(languages):
        lex = lexicon(language)
        while True:
            place, noun = rng.choice(lex.words("pub_place")), rng.choice(lex.words("pub_noun"))
            name = {"en": f"The {place} {noun}", "de": f"{place} {noun}"}.get(
                language, f"Le {noun} {place}"
            )
            if name not in names:
                names.add(name)
                break
        style = STYLES[per_language[language] % len(STYLES)]
        country = COUNTRIES[language][per_language[language] % len(COUNTRIES[language])]
        per_language[language] += 1
        columnists: list[str] = []
        while len(columnists) < 5:
            person = f"{rng.choice(lex.words('first_name'))} {rng.choice(lex.words('last_name'))}"
            if person not in columnists:
                columnists.append(person)
        date_styles = STYLES_BY_LANGUAGE[language]
        pubs.append(
            DemoPublication(
                slug=slugify(name, 40),
                name=name,
                country=country,
                language=language,
                style=style,
                section=SECTIONS[language],
                utc_offset_minutes=OFFSETS.get(country, 60),
                date_style=date_styles[number % len(date_styles)],
                tagline="Generated opinion for a syndication benchmark.",
                columnists=tuple(columnists),
                number=number,
            )
        )
    return pubs


def column(
    web: Web,
    pub: DemoPublication,
    rng: Random,
    label: Label,
    *,
    published: datetime,
    topic: str | None = None,
    place: str | None = None,
    words: int | None = None,
    insert: tuple[int, str] | None = None,
) -> DemoArticle:
    """A new column in `pub`; `insert` puts a given paragraph at a given position."""
    writer = Writer(pub.language, rng, topic=topic, place=place)
    paragraphs = list(writer.paragraphs(words or rng.randint(380, 880)))
    if insert is not None:
        paragraphs.insert(min(insert[0], len(paragraphs) - 1), insert[1])
    title = writer.title()
    number = web.number(pub)
    published = published.astimezone(pub.tz)
    article = DemoArticle(
        key=f"c{number}",
        path=web.path(pub, title, published, number),
        title=title,
        authors=(rng.choice(pub.columnists),),
        published=published,
        section=pub.section,
        paragraphs=tuple(paragraphs),
        standfirst=writer.standfirst(),
        topic=writer.topic,
        number=number,
    )
    web.places[(pub.slug, article.path)] = writer.place
    return web.add(pub, article, label)


def edit_words(paragraph: str, rng: Random, every: int) -> str:
    """Copy-desk edits: about one word in `every` deleted, swapped with the next, or doubled."""
    tokens = paragraph.split()
    edits = max(1, len(tokens) // every) if len(tokens) > 8 else 0
    for _ in range(edits):
        i = rng.randrange(1, len(tokens) - 1)
        operation = rng.randrange(3)
        if operation == 0:
            del tokens[i]
        elif operation == 1:
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        else:
            tokens.insert(i, tokens[rng.randrange(len(tokens))].strip(".,;:"))
    return " ".join(tokens)


def note(
    web: Web,
    pub: DemoPublication,
    rng: Random,
    words: int,
    boilerplate: dict[str, str],
    label: Label,
) -> DemoArticle:
    """A short note: `words` words of generated facts (nearly all slots, so no two notes
    share a phrase of their own), then the boilerplate."""
    writer = Writer(pub.language, rng)
    facts = " ".join(writer.fill(rng.choice(writer.lex.words("fact"))) for _ in range(4))
    own = " ".join(facts.split()[:words])
    title = " ".join(own.split()[:6]).rstrip(".,:;")
    number = web.number(pub)
    published = (
        ANCHOR - timedelta(days=rng.randint(4, 60), minutes=rng.randint(0, 1439))
    ).astimezone(pub.tz)
    article = DemoArticle(
        key=f"c{number}",
        path=web.path(pub, f"note {title}", published, number),
        title=title,
        authors=(rng.choice(pub.columnists),),
        published=published,
        section=pub.section,
        paragraphs=(own, boilerplate[pub.language]),
        standfirst=title + ".",
        topic=writer.topic,
        number=number,
    )
    return web.add(pub, article, label)


def syndicate(
    web: Web,
    original: DemoArticle,
    source: DemoPublication,
    target: DemoPublication,
    changes: set[str],
    rng: Random,
    label: Label,
) -> DemoArticle:
    """`original` republished in `target` with the given changes (see COPY_KINDS)."""
    lang = target.language
    paragraphs = list(original.paragraphs)
    title = original.title
    if "dropped" in changes and len(paragraphs) > 3:
        del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
    if "edited" in changes:
        every = 100 if len(changes) > 1 else 60
        paragraphs = [edit_words(p, rng, every) for p in paragraphs]
    paywalled = False
    if "teaser" in changes:
        paragraphs = paragraphs[: rng.randint(2, 3)]
        if target.style == "newspaper":
            paywalled = True  # the theme adds its own subscription prompt
        else:
            paragraphs.append(TEASER_END[lang])
    if "intro" in changes:
        paragraphs.insert(0, INTRO[lang].format(source=source.name))
    if "bio" in changes:
        author = original.authors[0]
        paragraphs.append(BIO[lang].format(author=author, source=source.name, topic=original.topic))
    if "retitled" in changes:
        title = rng.choice((f"{target.section} | {title}", f"{title} - {target.name}"))
    published = (original.published + timedelta(hours=rng.randint(3, 96))).astimezone(target.tz)
    number = web.number(target)
    article = DemoArticle(
        key=f"c{number}",
        path=web.path(target, title, published, number),
        title=title,
        authors=original.authors,
        published=published,
        section=target.section,
        paragraphs=tuple(paragraphs),
        standfirst=original.standfirst,
        topic=original.topic,
        paywalled=paywalled,
        syndicated_from=(source.slug, original.path) if "canonical" in changes else None,
        number=number,
    )
    return web.add(target, article, label)


def build(columns: int, publications: int, copies_of_one: int, seed: int) -> Web:
    """The labelled web: originals, copies, hard negatives and the much-copied column."""
    web = Web(make_publications(publications, seed))
    pubs = web.publications
    by_language: dict[str, list[DemoPublication]] = defaultdict(list)
    for pub in pubs:
        by_language[pub.language].append(pub)

    def when(rng: Random) -> datetime:
        return ANCHOR - timedelta(days=rng.randint(4, 60), minutes=rng.randint(0, 1439))

    def other(
        pub: DemoPublication,
        rng: Random,
        styles: Iterable[str] = STYLES,
        avoid: Iterable[DemoPublication] = (),
    ) -> DemoPublication:
        """Another publication in the same language, of one of `styles` when there is one."""
        skip = {pub.slug, *(p.slug for p in avoid)}
        choices = [p for p in by_language[pub.language] if p.slug not in skip]
        choices = choices or [p for p in by_language[pub.language] if p is not pub]
        return rng.choice([p for p in choices if p.style in set(styles)] or choices)

    originals: dict[str, list[DemoArticle]] = {}
    # Originals and their copies: one copy each, kinds in turn; every third has a second copy.
    for i in range(columns):
        rng = Random(f"{seed}:column:{i}")
        source = pubs[i % len(pubs)]
        truth = web.truth()
        label = Label(ORIGINAL, truth, first=True)
        original = column(web, source, rng, label, published=when(rng))
        originals.setdefault(source.slug, []).append(original)
        kinds = [COPY_KINDS[i % len(COPY_KINDS)]]
        if i % 3 == 0:
            kinds.append(COPY_KINDS[(i // 3 + 4) % len(COPY_KINDS)])
        used: list[DemoPublication] = []
        for kind in kinds:
            if kind == "canonical":
                target = other(source, rng, ("blog", "newspaper"), used)
                changes = {"canonical"} if target.style in ("blog", "newspaper") else set()
            else:
                target = other(source, rng, avoid=used)
                changes = (
                    {"retitled", "intro", "bio", "dropped", "edited"}
                    if kind == "combined"
                    else {kind} - {"verbatim"}
                )
            syndicate(web, original, source, target, changes, rng, Label(kind, truth))
            used.append(target)

    negatives = max(6, columns // 8)
    for i in range(negatives):
        rng = Random(f"{seed}:negative:{i}")
        # Another column on the same topic and place as an original.
        first, second = pubs[(3 * i) % len(pubs)], pubs[(3 * i + 1) % len(pubs)]
        if first.language != second.language:
            second = other(first, rng)
        own = originals.get(first.slug) or [web.articles[first.slug][0]]
        base = own[(i // len(pubs)) % len(own)]
        column(
            web,
            second,
            rng,
            Label("same-topic", web.truth()),
            published=base.published + timedelta(hours=rng.randint(1, 48)),
            topic=base.topic,
            place=web.places[(first.slug, base.path)],
        )
        # Two columns quoting the same paragraph.
        writer = Writer(first.language, rng)
        quoted = (
            f'{writer.person()} {SAID[first.language]}: "{" ".join(writer.paragraphs(60)[1:3])}"'
        )
        for pub in (first, second):
            column(
                web,
                pub,
                rng,
                Label("shared-quote", web.truth()),
                published=when(rng),
                insert=(rng.randint(1, 3), quoted),
            )
        # A wire story, and an opinion piece that quotes its opening paragraph.
        wire = column(
            web,
            first,
            rng,
            Label("wire-story", web.truth()),
            published=when(rng),
            words=rng.randint(150, 230),
        )
        column(
            web,
            second,
            rng,
            Label("wire-quoted", web.truth()),
            published=wire.published + timedelta(hours=6),
            insert=(1 + i % 2, wire.paragraphs[0]),
        )
        # Notes that are mostly one shared boilerplate: under MIN_WORDS (40) words, and
        # (a harder case) just over it.
        for pub in (first, second):
            note(web, pub, rng, 8, BOILERPLATE_SHORT, Label("short", web.truth()))
            note(web, pub, rng, 16, BOILERPLATE, Label("boilerplate", web.truth()))

    # The much-copied column: every copy a random mix of the syndication changes.
    rng = Random(f"{seed}:stress")
    source = by_language["en"][0] if by_language["en"] else pubs[0]
    truth = web.truth()
    label = Label(STRESS, truth, first=True)
    original = column(web, source, rng, label, published=when(rng), words=700)
    mixes = ("retitled", "intro", "bio", "dropped", "edited", "teaser")
    for _ in range(copies_of_one):
        target = other(source, rng)
        changes = {c for c in mixes if rng.random() < 0.35}
        syndicate(web, original, source, target, changes, rng, Label(STRESS, truth))
    return web


# -- crawling ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    clustering: bool
    seconds: float
    rows: list[StoredArticle]
    copy_keys_rows: int
    copy_keys_bytes: int | None
    db_bytes: int


def table_bytes(db: Path, table: str) -> int | None:
    """Bytes of a table and its indexes: dbstat when compiled in, else a size difference."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        names = [table] + [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
            )
        ]
        try:
            marks = ",".join("?" * len(names))
            found = conn.execute(
                f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({marks})", names
            ).fetchone()
            return int(found[0] or 0)
        except sqlite3.OperationalError:
            pass
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute("VACUUM INTO ?", (str(copy),))
        before = copy.stat().st_size
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            conn.execute(f"DELETE FROM {table}")
            conn.commit()
            conn.execute("VACUUM")
        return before - copy.stat().st_size


def crawl(server: DemoServer, folder: Path, clustering: bool, settings: Settings) -> Run:
    db = folder / f"syndication-{'on' if clustering else 'off'}.db"
    for leftover in folder.glob(db.name + "*"):
        leftover.unlink()
    storage = open_storage(f"sqlite:///{db}", cluster_copies=clustering)
    asyncio.run(add_publications(storage, settings, server.publications))
    started = time.perf_counter()
    asyncio.run(crawl_once(storage, settings))
    seconds = time.perf_counter() - started
    rows = list(storage.articles.iter_all())
    storage.close()  # checkpoints the WAL into the main file
    with contextlib.closing(sqlite3.connect(db)) as conn:
        try:
            keys = int(conn.execute("SELECT count(*) FROM copy_keys").fetchone()[0])
        except sqlite3.OperationalError:
            keys = 0
    key_bytes = table_bytes(db, "copy_keys") if keys else 0
    return Run(clustering, seconds, rows, keys, key_bytes, db.stat().st_size)


# -- measuring -------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    served: int = 0
    stored: int = 0
    tp: int = 0  # same column, same cluster
    fp: int = 0  # different columns, same cluster
    fn: int = 0  # same column, different clusters

    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def labelled(run: Run, labels: dict[str, Label]) -> tuple[list[tuple[StoredArticle, Label]], int]:
    """Stored rows with their labels, and how many stored rows matched no generated URL."""
    out, unmatched = [], 0
    for row in run.rows:
        label = labels.get(row.url or "") or labels.get(row.canonical_url)
        if label is None:
            unmatched += 1
        else:
            out.append((row, label))
    return out, unmatched


def candidate_pairs(rows: list[tuple[StoredArticle, Label]]) -> Iterator[tuple[int, int]]:
    """Every pair that is in one cluster or of one column (the others are true negatives)."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (row, label) in enumerate(rows):
        groups[("cluster", row.cluster_id if row.cluster_id is not None else -row.id)].append(i)
        groups[("truth", label.truth)].append(i)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for pair in combinations(members, 2):
            if pair not in seen:
                seen.add(pair)
                yield pair


def score(
    run: Run, labels: dict[str, Label], served: Counter[str]
) -> tuple[dict[str, Tally], list[str], list[str], int]:
    """Tallies per kind and overall ("all"), examples of wrong merges and of missed ones, and
    the number of unmatched rows."""
    rows, unmatched = labelled(run, labels)
    tallies = {kind: Tally(served=served[kind]) for kind in (*KINDS, "all")}
    tallies["all"].served = sum(served.values())
    for _, label in rows:
        tallies[label.kind].stored += 1
        tallies["all"].stored += 1
    wrong: list[str] = []
    missed: list[str] = []
    for i, j in candidate_pairs(rows):
        (a, la), (b, lb) = rows[i], rows[j]
        same_cluster = a.cluster_id is not None and a.cluster_id == b.cluster_id
        same_truth = la.truth == lb.truth
        outcome = "tp" if same_cluster and same_truth else "fp" if same_cluster else "fn"
        for kind in dict.fromkeys((la.kind, lb.kind, "all")):
            tally = tallies[kind]
            setattr(tally, outcome, getattr(tally, outcome) + 1)
        if outcome == "fp" and len(wrong) < 8:
            wrong.append(f"{la.kind} {a.url}  +  {lb.kind} {b.url}")
        if outcome == "fn" and len(missed) < 8:
            missed.append(f"{la.kind} {a.url}  +  {lb.kind} {b.url}")
    return tallies, wrong, missed, unmatched


def originals_per_column(run: Run, labels: dict[str, Label]) -> Counter[int]:
    """How many columns have 0, 1, 2, ... stored rows marked original (lists show those)."""
    rows, _ = labelled(run, labels)
    per_truth: Counter[int] = Counter()
    for row, label in rows:
        per_truth[label.truth] += 0
        if row.original:
            per_truth[label.truth] += 1
    return Counter(per_truth.values())


def elected_right(run: Run, labels: dict[str, Label]) -> tuple[int, int]:
    """Of the columns stored more than once, how many have their generated original (the
    earliest) as the only row marked original; and how many such columns there are."""
    rows, _ = labelled(run, labels)
    members: dict[int, list[tuple[StoredArticle, Label]]] = defaultdict(list)
    for row, label in rows:
        members[label.truth].append((row, label))
    several = [m for m in members.values() if len(m) > 1 and any(lb.first for _, lb in m)]
    right = sum(1 for m in several if [lb.first for row, lb in m if row.original] == [True])
    return right, len(several)


def missed_copies(run: Run, labels: dict[str, Label]) -> Counter[str]:
    """Copies stored but not in their original's cluster, by kind (the original stored)."""
    rows, _ = labelled(run, labels)
    original_cluster = {label.truth: row.cluster_id for row, label in rows if label.first}
    missed: Counter[str] = Counter()
    for row, label in rows:
        home = original_cluster.get(label.truth)
        if not label.first and home is not None and row.cluster_id != home:
            missed[label.kind] += 1
    return missed


def fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--columns", type=int, default=240, help="original columns")
    parser.add_argument("--publications", type=int, default=12, help="at least 8")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--copies-of-one", type=int, default=50, help="copies of one column")
    parser.add_argument("--keep", type=Path, help="keep the two databases in this folder")
    parser.add_argument("--repeat", type=int, default=1, help="crawls of each kind, for timing")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: cores)")
    parser.add_argument(
        "--curve", action="store_true", help="also print the thresholds' trade-off curve"
    )
    args = parser.parse_args()
    if args.publications < 8:
        parser.error("--publications must be at least 8")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    web = build(args.columns, args.publications, args.copies_of_one, args.seed)
    spec = web.spec(args.seed)
    largest = max(len(p.articles) for p in spec.publications)
    colonnade.demo.feeds.FEED_ITEMS = largest  # every article in its feed: one pass finds all
    settings = Settings().with_(
        allow_private_addresses=True,
        per_host_delay=0.0,
        extract_workers=args.workers,
        max_articles_per_feed=largest * 2,
    )
    served: Counter[str] = Counter(label.kind for label in web.labels.values())
    # No gzip: compressed bodies are cached on first demand, which would favour the second run.
    with DemoServer(spec, gzip=False) as server:
        labels = {server.url(slug, path): label for (slug, path), label in web.labels.items()}
        with contextlib.ExitStack() as stack:
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                folder = args.keep
            else:
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            best: dict[bool, Run] = {}
            for _ in range(args.repeat):  # off and on in turn; the fastest crawl of each counts
                for clustering in (False, True):
                    run = crawl(server, folder, clustering, settings)
                    if clustering in best:
                        run.seconds = min(run.seconds, best[clustering].seconds)
                    best[clustering] = run
    off, on = best[False], best[True]
    runs = [off, on]

    print("Syndication benchmark: one column shown once when other outlets republish it")
    languages = Counter(p.language for p in spec.publications)
    print(
        f"web: {len(spec.publications)} publications on 127.0.0.1 "
        f"({', '.join(f'{n} {lang}' for lang, n in sorted(languages.items()))}), "
        f"{spec.article_count} articles served, {web.next_truth} true columns, "
        f"seed {args.seed}, {args.columns} originals, {args.copies_of_one} copies of one column"
    )
    print(
        "pairs: stored rows in one cluster (equal cluster_id) vs copies of one generated "
        "column; a row of the table counts pairs with at least one member of that kind"
    )
    for run in runs:
        tallies, wrong, missed_pairs, unmatched = score(run, labels, served)
        state = "on" if run.clustering else "off"
        print(f"\nclustering {state}: {len(run.rows)} rows stored, {unmatched} matched no URL")
        print(
            f"{'kind':<13}{'served':>7}{'stored':>7}{'same':>7}{'merged':>7}{'wrong':>7}"
            f"{'precision':>10}{'recall':>8}"
        )
        for kind in (*KINDS, "all"):
            t = tallies[kind]
            if not t.served and kind != "all":
                continue
            print(
                f"{kind:<13}{t.served:>7}{t.stored:>7}{t.tp + t.fn:>7}{t.tp:>7}{t.fp:>7}"
                f"{fmt(t.precision()):>10}{fmt(t.recall()):>8}"
            )
        if wrong:
            print("wrong merges (first few):")
            for line in wrong:
                print(f"  {line}")
        if run.clustering and missed_pairs:
            print("missed merges (first few):")
            for line in missed_pairs:
                print(f"  {line}")
        if run.clustering:
            missed = missed_copies(run, labels)
            if missed:
                print(
                    "copies stored apart from their original: "
                    + ", ".join(f"{k} {n}" for k, n in sorted(missed.items()))
                )
        shown = originals_per_column(run, labels)
        print(
            "lists show a column once: "
            + ", ".join(f"{n} columns with {k} original rows" for k, n in sorted(shown.items()))
        )
        right, several = elected_right(run, labels)
        if run.clustering:
            print(
                f"the row shown is the generated original (the earliest) in {right} of "
                f"{several} columns stored more than once"
            )

    print()
    for run in runs:
        state = "on " if run.clustering else "off"
        rate = len(run.rows) / run.seconds if run.seconds else 0.0
        print(
            f"crawl, clustering {state}: {len(run.rows)} articles in {run.seconds:.1f} s "
            f"= {rate:.1f} articles/s"
        )
    rate_off, rate_on = len(off.rows) / off.seconds, len(on.rows) / on.seconds
    print(f"cost of clustering: {100 * (1 - rate_on / rate_off):.1f}% fewer articles/s")
    articles = max(1, len(on.rows))
    print(
        f"copy_keys: {on.copy_keys_rows} rows = {on.copy_keys_rows / articles:.1f}/article "
        f"= {on.copy_keys_rows / articles * SCALE:,.0f} rows at {SCALE:,} articles"
    )
    if on.copy_keys_bytes is not None:
        per = on.copy_keys_bytes / articles
        print(
            f"copy_keys bytes (table + indexes): {per:,.0f} bytes/article = "
            f"{per * SCALE / 2**20:,.1f} MB at {SCALE:,} articles "
            f"(whole database {on.db_bytes / articles:,.0f} bytes/article)"
        )
    if args.curve:
        print_curve(on, labels)
    if args.keep:
        print(f"databases kept in {args.keep}")


# -- the trade-off curve of the thresholds ---------------------------------------------------


def print_curve(run: Run, labels: dict[str, Label]) -> None:
    """Pair precision and recall of the text check alone (enrich/syndication.same_column's
    rule, no look-up, no clusters) over every pair of stored texts, as NEAR and CONTAINED move
    away from the values in use."""
    rows, _ = labelled(run, labels)
    texts = [Text.of(row.text) for row, _ in rows]
    facts: list[tuple[bool, float, bool, float, bool]] = []  # truth, jaccard, short, cont., teaser
    true_pairs = 0
    for i, j in combinations(range(len(rows)), 2):
        truth = rows[i][1].truth == rows[j][1].truth
        true_pairs += truth
        a, b = texts[i], texts[j]
        if not (a.long_enough and b.long_enough):
            continue
        shared = len(np.intersect1d(a.unique, b.unique, assume_unique=True))
        if shared == 0:
            continue
        jaccard = shared / (len(a.unique) + len(b.unique) - shared)
        small, large = (a, b) if len(a.unique) <= len(b.unique) else (b, a)
        opening = np.isin(small.shingles[:INTRO_WORDS], large.shingles[:INTRO_WORDS]).sum()
        teaser = len(small.tokens) >= TEASER_WORDS and opening >= SHARED_OPENING
        short = min(len(a.tokens), len(b.tokens)) < SHORT_WORDS
        facts.append((truth, jaccard, short, shared / len(small.unique), teaser))

    def rate(near: float, contained: float) -> tuple[float, float]:
        tp = fp = 0
        for truth, jaccard, short, containment, teaser in facts:
            same = jaccard >= (max(near, NEAR_SHORT) if short else near) or (
                teaser and containment >= contained
            )
            tp += same and truth
            fp += same and not truth
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / true_pairs if true_pairs else 1.0)

    print(f"\ntext check alone, every pair of {len(rows)} stored texts ({true_pairs} true pairs):")
    print(f"{'NEAR':>6} {'precision':>9} {'recall':>7}   (CONTAINED {CONTAINED})")
    for near in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        p, r = rate(near, CONTAINED)
        print(f"{near:>6.2f} {p:>9.3f} {r:>7.3f}{'   <- in use' if near == NEAR else ''}")
    print(f"{'CONT.':>6} {'precision':>9} {'recall':>7}   (NEAR {NEAR})")
    for contained in (0.5, 0.6, 0.75, 0.9, 0.95, 1.01):
        p, r = rate(NEAR, contained)
        mark = "   <- in use" if contained == CONTAINED else "   (no teaser rule)" * (contained > 1)
        print(f"{contained:>6.2f} {p:>9.3f} {r:>7.3f}{mark}")


if __name__ == "__main__":
    main()
