"""`build_web()`: the deterministic, fictional sample web (hand-made set or bulk).

Everything is derived from the seed through `Random(f"{seed}:...")` streams keyed by publication
and article, so adding a publication never changes the text of another, and two runs with the
same arguments give identical specs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from random import Random

from colonnade.demo.catalog import EDITORIAL_BOARD, HANDMADE, SPECIALS, Special
from colonnade.demo.dates import STYLES_BY_LANGUAGE
from colonnade.demo.spec import STYLES, DemoArticle, DemoPublication, DemoSpec, Style
from colonnade.demo.writer import LANGUAGES, Writer, lexicon, slugify

# The sample web's "now". Fixed, so the spec is the same on every machine and every day;
# pass `anchor=` for articles dated relative to another moment (today, say).
DEFAULT_ANCHOR = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
HANDMADE_ARTICLES = 10
BULK_ARTICLES = 40

_COUNTRIES = {
    "en": ("GB", "US", "IE", "AU", "CA", "ZA", "NZ"),
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CH", "CA", "SN"),
    "es": ("ES", "MX", "AR", "CL", "CO"),
}
# UTC offsets in late November (southern summer time where it applies).
_OFFSETS = {
    "GB": 0,
    "US": -300,
    "IE": 0,
    "AU": 660,
    "CA": -300,
    "ZA": 120,
    "NZ": 780,
    "DE": 60,
    "AT": 60,
    "CH": 60,
    "FR": 60,
    "BE": 60,
    "SN": 0,
    "ES": 60,
    "MX": -360,
    "AR": -180,
    "CL": -180,
    "CO": -300,
}
_SECTIONS = {
    "en": ("Opinion", "Comment", "Commentary", "Columns"),
    "de": ("Meinung", "Kommentare", "Debatte", "Standpunkte"),
    "fr": ("Opinions", "Idées", "Débats", "Chroniques"),
    "es": ("Opinión", "Columnas", "Tribuna", "Análisis"),
}
_TAGLINES = {
    "en": "Opinion and argument from a town that does not exist.",
    "de": "Meinung und Widerspruch aus einer Stadt, die es nicht gibt.",
    "fr": "Opinions et débats d'une ville qui n'existe pas.",
    "es": "Opinión y debate desde una ciudad que no existe.",
}


def build_web(
    *,
    publications: int | None = None,
    articles_per_publication: int | None = None,
    seed: int = 1,
    anchor: datetime | None = None,
) -> DemoSpec:
    """The sample web: `publications=None` gives the hand-made set, an int the bulk set.

    Bulk mode keeps the hand-made publications first (so every special case is present) and
    generates the rest, cycling through the four page styles and four languages.
    """
    if publications is not None and publications < 1:
        raise ValueError("publications must be at least 1")
    if articles_per_publication is not None and articles_per_publication < 1:
        raise ValueError("articles_per_publication must be at least 1")
    anchor = (anchor or DEFAULT_ANCHOR).astimezone(UTC).replace(second=0, microsecond=0)
    handmade = publications is None
    count = len(HANDMADE) if publications is None else publications
    per_pub = articles_per_publication or (HANDMADE_ARTICLES if handmade else BULK_ARTICLES)

    plans = list(HANDMADE[:count])
    taken = {p.name for p in plans}
    for number in range(len(plans), count):
        plans.append(_generated_plan(number, seed, taken))

    built: list[DemoPublication] = []
    for number, plan in enumerate(plans):
        built.append(_build_publication(plan, number, per_pub, seed, anchor, built))
    return DemoSpec(publications=tuple(built), seed=seed, anchor=anchor, handmade=handmade)


def next_articles(
    pub: DemoPublication, existing: Sequence[DemoArticle], n: int, seed: int
) -> list[DemoArticle]:
    """`n` new articles for a running server, dated after the newest existing one."""
    newest = max((a.published for a in existing), default=datetime(2026, 1, 1, tzinfo=UTC))
    taken_paths = {a.path for a in existing}
    taken_titles = {a.title for a in existing}
    out: list[DemoArticle] = []
    for i in range(n):
        index = len(existing) + i
        rng = Random(f"{seed}:{pub.slug}:new:{index}")
        published = (newest + timedelta(hours=1 + i, minutes=rng.randint(0, 50))).astimezone(pub.tz)
        article = _generated_article(
            pub, index, rng, published, Special(f"n{index:03d}"), taken_paths, taken_titles
        )
        out.append(article)
    return out


# -- publications ---------------------------------------------------------------------------


def _generated_plan(number: int, seed: int, taken: set[str]) -> DemoPublication:
    rng = Random(f"{seed}:publication:{number}")
    style: Style = STYLES[number % len(STYLES)]
    # Step the language with the style's cycle so every style meets every language.
    language = LANGUAGES[(number + number // len(STYLES)) % len(LANGUAGES)]
    lex = lexicon(language)
    for _ in range(200):
        name = _publication_name(
            language, rng.choice(lex.words("pub_place")), rng.choice(lex.words("pub_noun"))
        )
        if name not in taken:
            break
    else:
        name = f"{name} {number}"
    taken.add(name)
    countries = _COUNTRIES[language]
    country = countries[number % len(countries)]
    date_styles = STYLES_BY_LANGUAGE[language]
    sections = _SECTIONS[language]
    return DemoPublication(
        slug=slugify(name, 40),
        name=name,
        country=country,
        language=language,
        style=style,
        section=sections[number % len(sections)],
        utc_offset_minutes=_OFFSETS[country],
        date_style=date_styles[number % len(date_styles)],
        tagline=_TAGLINES[language],
    )


def _publication_name(language: str, place: str, noun: str) -> str:
    if language == "en":
        return f"The {place} {noun}"
    if language == "de":
        return f"{place} {noun}"
    if language == "fr":
        return f"L'{noun} {place}" if noun[0] in "AEIOUÉÈ" else f"Le {noun} {place}"
    return f"El {noun} {place}"


def _columnists(plan: DemoPublication, seed: int) -> tuple[str, ...]:
    if plan.columnists:
        return plan.columnists
    rng = Random(f"{seed}:{plan.slug}:columnists")
    lex = lexicon(plan.language)
    names: list[str] = []
    while len(names) < 5:
        name = f"{rng.choice(lex.words('first_name'))} {rng.choice(lex.words('last_name'))}"
        if name not in names:
            names.append(name)
    return tuple(names)


def _build_publication(
    plan: DemoPublication,
    number: int,
    per_pub: int,
    seed: int,
    anchor: datetime,
    earlier: Sequence[DemoPublication],
) -> DemoPublication:
    pub = replace(plan, columnists=_columnists(plan, seed), number=number)
    specials = SPECIALS.get(plan.slug, ())
    public = [s for s in specials if not s.private][:per_pub]
    private = [s for s in specials if s.private]
    if not specials and number % 10 == 7:
        source = _same_language_source(earlier, plan.language)
        if source is not None:
            public.insert(0, Special("syndicated", copy_of=source))
            public = public[:per_pub]
    taken_paths: set[str] = set()
    taken_titles: set[str] = set()
    articles: list[DemoArticle] = []
    for index in range(per_pub):
        special = public[index] if index < len(public) else Special(f"a{index:03d}")
        rng = Random(f"{seed}:{plan.slug}:{index}")
        published = _published(anchor, index, rng).astimezone(pub.tz)
        if special.copy_of is not None:
            original = _find(earlier, *special.copy_of)
            articles.append(_copy(pub, special, original, special.copy_of[0], index, taken_paths))
            taken_titles.add(original.title)
            continue
        articles.append(
            _generated_article(pub, index, rng, published, special, taken_paths, taken_titles)
        )
    for offset, special in enumerate(private):
        rng = Random(f"{seed}:{plan.slug}:private:{offset}")
        published = (anchor - timedelta(minutes=20 + offset)).astimezone(pub.tz)
        articles.append(
            _generated_article(
                pub, per_pub + offset, rng, published, special, taken_paths, taken_titles
            )
        )
    return _with_articles(pub, articles)


def _with_articles(pub: DemoPublication, articles: list[DemoArticle]) -> DemoPublication:
    return replace(pub, articles=tuple(articles))


def _same_language_source(
    earlier: Sequence[DemoPublication], language: str
) -> tuple[str, str] | None:
    for pub in reversed(earlier):
        if pub.language != language:
            continue
        originals = [
            a
            for a in pub.public_articles
            if a.syndicated_from is None and not a.paywalled and a.kind == "opinion"
        ]
        if len(originals) > 1:
            return pub.slug, originals[1].key
    return None


def _find(pubs: Sequence[DemoPublication], slug: str, key: str) -> DemoArticle:
    for pub in pubs:
        if pub.slug == slug:
            for article in pub.articles:
                if article.key == key:
                    return article
    raise KeyError(f"{slug}/{key}: syndicate only from an earlier publication")


# -- articles -------------------------------------------------------------------------------


def _published(anchor: datetime, index: int, rng: Random) -> datetime:
    """Newest first, roughly one a day, at office hours give or take."""
    hours = index * 19 + rng.randint(1, 6)
    return anchor - timedelta(hours=hours, minutes=rng.randint(0, 59))


def article_path(pub: DemoPublication, slug: str, published: datetime, number: int) -> str:
    section = slugify(pub.section)
    if pub.style == "blog":
        return f"/{published:%Y/%m/%d}/{slug}/"
    if pub.style == "newspaper":
        return f"/{section}/{published:%Y/%m/%d}/{slug}"
    if pub.style == "minimal":
        return f"/posts/{slug}.html"
    return f"/{section}/{slug}-a{number}.html"


def _unique_path(
    pub: DemoPublication,
    title: str,
    published: datetime,
    number: int,
    taken: set[str],
    *,
    private: bool = False,
) -> str:
    base = slugify(title)
    suffix = 1
    while True:
        slug = base if suffix == 1 else f"{base}-{suffix}"
        path = f"/private/{slug}" if private else article_path(pub, slug, published, number)
        if path not in taken:
            taken.add(path)
            return path
        suffix += 1


def _authors(pub: DemoPublication, index: int, rng: Random, kind: str) -> tuple[str, ...]:
    if kind == "editorial":
        return (EDITORIAL_BOARD[pub.language],)
    first = pub.columnists[index % len(pub.columnists)]
    if rng.random() < 0.12:
        others = [c for c in pub.columnists if c != first]
        return (first, rng.choice(others))
    return (first,)


def _generated_article(
    pub: DemoPublication,
    index: int,
    rng: Random,
    published: datetime,
    special: Special,
    taken_paths: set[str],
    taken_titles: set[str],
) -> DemoArticle:
    writer = Writer(pub.language, rng, topic=special.topic, place=special.place)
    generated = special.key.startswith(("a", "n")) and special.key[1:].isdigit()
    kind = special.kind
    paywalled = special.paywalled
    if generated and pub.style == "newspaper":
        kind = "editorial" if index % 10 == 5 else kind
        paywalled = index % 13 == 7
    title = special.title or writer.title()
    for _ in range(20):
        if title not in taken_titles:
            break
        title = writer.title()
    else:
        title = f"{title} ({writer.place})"
    taken_titles.add(title)
    authors = special.authors or _authors(pub, index, rng, kind)
    words = special.words or rng.randint(320, 880)
    paragraphs = writer.paragraphs(words)
    if paywalled:
        paragraphs = paragraphs[:2]
    number = 1000 + pub.number * 1000 + index
    updated = None
    if rng.random() < 0.2:
        updated = published + timedelta(hours=rng.randint(2, 20), minutes=rng.randint(0, 59))
    path = _unique_path(pub, title, published, number, taken_paths, private=special.private)
    return DemoArticle(
        key=special.key,
        path=path,
        title=title,
        authors=authors,
        published=published,
        section=pub.section,
        paragraphs=paragraphs,
        standfirst=writer.standfirst(),
        topic=writer.topic,
        updated=updated,
        kind=kind,
        paywalled=paywalled,
        private=special.private,
        number=number,
    )


def _copy(
    pub: DemoPublication,
    special: Special,
    original: DemoArticle,
    source_slug: str,
    index: int,
    taken_paths: set[str],
) -> DemoArticle:
    """The same column on another publication's site, a few hours later, in its own layout."""
    published = (original.published + timedelta(hours=5)).astimezone(pub.tz)
    number = 1000 + pub.number * 1000 + index
    return DemoArticle(
        key=special.key,
        path=_unique_path(pub, original.title, published, number, taken_paths),
        title=original.title,
        authors=original.authors,
        published=published,
        section=pub.section,
        paragraphs=original.paragraphs,
        standfirst=original.standfirst,
        topic=original.topic,
        kind=original.kind,
        syndicated_from=(source_slug, original.path),
        number=number,
    )
