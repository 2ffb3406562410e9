"""A small, fully known collection written straight through the store, for the web tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from colonnade.models import Article
from colonnade.store import Publication, Storage

FETCHED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
HOSTILE_TITLE = '<script>alert("title")</script> & <b>friends</b>'
HOSTILE_NAME = "Eve <img src=x onerror=alert(1)>"

LONG_TEXT = "\n\n".join(
    [
        "First paragraph of the long column, which sets out the argument plainly.",
        "Second paragraph: the evidence, in a few sentences that anyone can check.",
        "Third paragraph, far beyond any excerpt: SECRET-TAIL-WORDS live here only.",
    ]
)


@dataclass
class Corpus:
    daily: Publication
    quotidien: Publication
    zeitung: Publication
    ids: dict[str, int] = field(default_factory=dict)
    daily_ids: list[int] = field(default_factory=list)  # newest first


JANE_PROFILE = "https://twitter.com/janedoe"


def article(n: int, host: str, **fields: object) -> Article:
    values: dict[str, object] = {
        "url": f"https://{host}/opinion/{n}",
        "title": f"Column {n} on transport",
        "authors": ["Jane Doe"],
        "published": (START + timedelta(hours=n)).isoformat(),
        "language": "en",
        "kind": "opinion",
        "text": f"Paragraph one of column {n}.\n\nParagraph two of column {n}.",
    }
    values.update(fields)
    if "Jane Doe" in values["authors"]:  # type: ignore[operator]
        # Her profile joins her columns in The Daily and Die Zeitung: one person, two outlets.
        values.setdefault("profiles", {"Jane Doe": [JANE_PROFILE]})
    return Article(**values)  # type: ignore[arg-type]


def build(storage: Storage) -> Corpus:
    daily = storage.publications.add(
        "The Daily", "https://daily.example", country="GB", language="en"
    )
    quotidien = storage.publications.add(
        "Le Quotidien", "https://quotidien.example", country="FR", language="fr"
    )
    zeitung = storage.publications.add(
        "Die Zeitung", "https://zeitung.example", country="DE", language="de"
    )
    corpus = Corpus(daily, quotidien, zeitung)

    def save(key: str, pub: Publication, item: Article) -> int:
        saved = storage.articles.save(item, publication_id=pub.id, fetched_at=FETCHED).id
        corpus.ids[key] = saved
        return saved

    # Twelve columns in The Daily, one an hour; Jane Doe writes the even ones.
    for n in range(12):
        authors = ["Jane Doe"] if n % 2 == 0 else ["John Roe"]
        corpus.daily_ids.append(
            save(f"daily{n}", daily, article(n, "daily.example", authors=authors))
        )
    corpus.daily_ids.reverse()
    save(
        "long",
        daily,
        article(
            20,
            "daily.example",
            title="The long argument about harbour budgets",
            authors=["Jane Doe", "Ann Other"],
            text=LONG_TEXT,
            description="A standfirst that sums it up.",
        ),
    )
    save(
        "editorial",
        daily,
        article(
            21, "daily.example", title="Our view on harbour budgets", authors=[], kind="editorial"
        ),
    )
    save(
        "hostile",
        daily,
        article(22, "daily.example", title=HOSTILE_TITLE, authors=[HOSTILE_NAME]),
    )
    save(
        "paywalled",
        daily,
        article(23, "daily.example", title="Members only thoughts", paywalled=True),
    )
    save(
        "syndicated",
        daily,
        article(
            24,
            "daily.example",
            title="A syndicated column about trains",
            canonical_url="https://quotidien.example/original/24",
        ),
    )
    save(
        "french",
        quotidien,
        article(
            30,
            "quotidien.example",
            title="Le budget du port, encore",
            authors=["Marie Curie"],
            language="fr",
            text="Le port et son budget.\n\nUne deuxième idée.",
        ),
    )
    save(
        "german",
        zeitung,
        article(
            31,
            "zeitung.example",
            title="Der Haushalt des Hafens",
            authors=["Jane Doe"],
            language="de",
            published=(START - timedelta(days=40)).isoformat(),
        ),
    )
    return corpus
