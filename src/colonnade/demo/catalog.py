"""The hand-made demo set: six fictional publications, each with a few articles that test something.

Every special case the brief asks for lives here, named, so a test can find it by key:
an editorial, a paywalled teaser, a syndicated column (original and copy), two-author columns,
a title that looks like a script tag, and a page under /private/ that robots.txt forbids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from colonnade.demo.spec import Style


@dataclass(frozen=True, slots=True)
class Special:
    """An article whose shape is fixed by hand; unset fields are generated."""

    key: str
    title: str | None = None
    authors: tuple[str, ...] | None = None
    kind: str = "opinion"
    paywalled: bool = False
    private: bool = False
    copy_of: tuple[str, str] | None = None  # (publication slug, article key) to syndicate
    topic: str | None = None
    place: str | None = None
    words: int | None = None


@dataclass(frozen=True, slots=True)
class PublicationPlan:
    slug: str
    name: str
    country: str
    language: str
    style: Style
    section: str
    utc_offset_minutes: int
    date_style: str
    tagline: str
    charset: str = "utf-8"
    columnists: tuple[str, ...] = ()
    specials: tuple[Special, ...] = field(default=())


EDITORIAL_BOARD = {
    "en": "The Editorial Board",
    "de": "Die Chefredaktion",
    "fr": "La Rédaction",
    "es": "El Consejo Editorial",
}

PAYWALLED_KEY = "paywalled"
EDITORIAL_KEY = "editorial"
SYNDICATED_ORIGINAL = ("meridian-ledger", "night-trains")
SYNDICATED_COPY = ("harbour-lantern", "night-trains-copy")
SCRIPT_TITLE_KEY = ("harbour-lantern", "script-title")
PRIVATE_KEY = ("meridian-ledger", "private-draft")

HANDMADE: tuple[PublicationPlan, ...] = (
    PublicationPlan(
        slug="meridian-ledger",
        name="The Meridian Ledger",
        country="US",
        language="en",
        style="newspaper",
        section="Opinion",
        utc_offset_minutes=-300,
        date_style="en_us",
        tagline="Ink, argument and civic indigestion since 1891 (not really).",
        columnists=(
            "Theodora Quill",
            "Marcus Fenwright",
            "Ines Calloway",
            "Rupert Ashdown",
            "Odessa Marchbank",
        ),
        specials=(
            Special(
                EDITORIAL_KEY,
                title="Port Alder deserves a budget it can actually read",
                authors=("The Editorial Board",),
                kind="editorial",
                topic="the school budget",
                place="Port Alder",
            ),
            Special(
                PAYWALLED_KEY,
                title="What the harbour deal will really cost Port Alder",
                authors=("Theodora Quill",),
                paywalled=True,
                topic="the harbour redevelopment",
                place="Port Alder",
            ),
            Special(
                "night-trains",
                title="Night trains are coming back, and Greywick is not ready",
                authors=("Marcus Fenwright",),
                topic="the night-train network",
                place="Greywick",
                words=720,
            ),
            Special("two-authors", authors=("Ines Calloway", "Rupert Ashdown")),
            Special(
                "private-draft",
                title="Draft: tomorrow's editorial (embargoed)",
                authors=("The Editorial Board",),
                kind="editorial",
                private=True,
            ),
        ),
    ),
    PublicationPlan(
        slug="nordwind-rundschau",
        name="Nordwind Rundschau",
        country="DE",
        language="de",
        style="magazine",
        section="Meinung",
        utc_offset_minutes=60,
        date_style="de_long",
        tagline="Meinungen mit Rückenwind – seit 1952 (erfunden).",
        charset="windows-1252",
        columnists=(
            "Anneliese Ellerbrock",
            "Konrad Tessendorf",
            "Mareike Hollerbach",
            "Till Winterfeld",
        ),
        specials=(
            Special(
                "single-author",
                authors=("Anneliese Ellerbrock",),
                title="Warum Lindenhall beim Thema Nahverkehr endlich handeln muss",
                topic="Nahverkehr",
                place="Lindenhall",
            ),
            Special("two-authors", authors=("Konrad Tessendorf", "Mareike Hollerbach")),
        ),
    ),
    PublicationPlan(
        slug="courrier-du-lac",
        name="Le Courrier du Lac",
        country="CH",
        language="fr",
        style="blog",
        section="Opinions",
        utc_offset_minutes=60,
        date_style="fr_long",
        tagline="Le blog d'opinion des rives imaginaires.",
        columnists=(
            "Amandine Duplantier",
            "Gaspard Roquebert",
            "Solène Marchadour",
            "Anatole Fontanel",
        ),
        specials=(
            Special(
                "two-authors",
                authors=("Amandine Duplantier", "Gaspard Roquebert"),
                title="Sur le logement, Bellerive doit cesser de tergiverser",
                topic="le logement",
                place="Bellerive",
            ),
            Special("single-author", authors=("Solène Marchadour",)),
        ),
    ),
    PublicationPlan(
        slug="faro-del-sur",
        name="El Faro del Sur",
        country="AR",
        language="es",
        style="minimal",
        section="Opinión",
        utc_offset_minutes=-180,
        date_style="es_long",
        tagline="Columnas de opinión desde un sur que no existe.",
        columnists=("Ximena Iturbe", "Baltasar Montalbán", "Remedios Quiroga", "Gonzalo Cifuentes"),
        specials=(
            Special(
                "two-authors",
                authors=("Ximena Iturbe", "Baltasar Montalbán"),
                title="Sobre la vivienda, Puerto Almendro no puede seguir esperando",
                topic="la vivienda",
                place="Puerto Almendro",
            ),
            Special("single-author", authors=("Remedios Quiroga",)),
        ),
    ),
    PublicationPlan(
        slug="harbour-lantern",
        name="The Harbour Lantern",
        country="NZ",
        language="en",
        style="blog",
        section="Commentary",
        utc_offset_minutes=780,
        date_style="en_gb_weekday",
        tagline="Small-harbour commentary for an invented coast.",
        columnists=("Priya Saxby", "Callum Winterbourne", "Wren Treadwell", "Everett Cardew"),
        specials=(
            Special("night-trains-copy", copy_of=("meridian-ledger", "night-trains")),
            Special(
                "script-title",
                title="When a headline reads <script>alert(1)</script>, who is laughing?",
                authors=("Priya Saxby",),
                topic="local journalism",
                place="Kestrel Bay",
            ),
            Special("two-authors", authors=("Callum Winterbourne", "Wren Treadwell")),
        ),
    ),
    PublicationPlan(
        slug="alpenblick-zeitung",
        name="Alpenblick Zeitung",
        country="AT",
        language="de",
        style="newspaper",
        section="Kommentare",
        utc_offset_minutes=60,
        date_style="de_short",
        tagline="Die erfundene Tageszeitung für erfundene Täler.",
        columnists=(
            "Leopold Falkenhayn",
            "Ottilie Mühlbauer",
            "Korbinian Zeisig",
            "Henrike Sauerwein",
        ),
        specials=(
            Special("single-author", authors=("Leopold Falkenhayn",)),
            Special("two-authors", authors=("Ottilie Mühlbauer", "Korbinian Zeisig")),
        ),
    ),
)
