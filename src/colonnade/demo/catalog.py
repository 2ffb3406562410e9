"""The hand-made demo set: six fictional publications, each with a few articles that test something.

Every special case the brief asks for lives here, named, so a test can find it by key:
an editorial, a paywalled teaser, a syndicated column (original and copy), two-author columns,
a title that looks like a script tag, and a page under /private/ that robots.txt forbids.
"""

from __future__ import annotations

from dataclasses import dataclass

from colonnade.demo.spec import DemoPublication


@dataclass(frozen=True, slots=True)
class Special:
    """An article whose shape is fixed by hand; unset fields are generated."""

    key: str
    authors: tuple[str, ...] | None = None
    title: str | None = None
    topic: str | None = None
    place: str | None = None
    kind: str = "opinion"
    paywalled: bool = False
    private: bool = False
    copy_of: tuple[str, str] | None = None  # (publication slug, article key) to syndicate
    words: int | None = None


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

# The publications as plans: no articles yet. Fields in order: slug, name, country, language,
# layout, opinion section, UTC offset in minutes, date style, tagline, columnists. Laid out as a
# table, so not left to the formatter.
# fmt: off
HANDMADE: tuple[DemoPublication, ...] = (
    DemoPublication(
        "meridian-ledger", "The Meridian Ledger", "US", "en", "newspaper", "Opinion", -300,
        "en_us", "Ink, argument and civic indigestion since 1891 (not really).",
        ("Theodora Quill", "Marcus Fenwright", "Ines Calloway", "Rupert Ashdown",
         "Odessa Marchbank"),
    ),
    DemoPublication(
        "nordwind-rundschau", "Nordwind Rundschau", "DE", "de", "magazine", "Meinung", 60,
        "de_long", "Meinungen mit Rückenwind – seit 1952 (erfunden).",
        ("Anneliese Ellerbrock", "Konrad Tessendorf", "Mareike Hollerbach", "Till Winterfeld"),
        charset="windows-1252",
    ),
    DemoPublication(
        "courrier-du-lac", "Le Courrier du Lac", "CH", "fr", "blog", "Opinions", 60, "fr_long",
        "Le blog d'opinion des rives imaginaires.",
        ("Amandine Duplantier", "Gaspard Roquebert", "Solène Marchadour", "Anatole Fontanel"),
    ),
    DemoPublication(
        "faro-del-sur", "El Faro del Sur", "AR", "es", "minimal", "Opinión", -180, "es_long",
        "Columnas de opinión desde un sur que no existe.",
        ("Ximena Iturbe", "Baltasar Montalbán", "Remedios Quiroga", "Gonzalo Cifuentes"),
    ),
    DemoPublication(
        "harbour-lantern", "The Harbour Lantern", "NZ", "en", "blog", "Commentary", 780,
        "en_gb_weekday", "Small-harbour commentary for an invented coast.",
        ("Priya Saxby", "Callum Winterbourne", "Wren Treadwell", "Everett Cardew"),
    ),
    DemoPublication(
        "alpenblick-zeitung", "Alpenblick Zeitung", "AT", "de", "newspaper", "Kommentare", 60,
        "de_short", "Die erfundene Tageszeitung für erfundene Täler.",
        ("Leopold Falkenhayn", "Ottilie Mühlbauer", "Korbinian Zeisig", "Henrike Sauerwein"),
    ),
)

# Each publication's special articles, first on its pages: Special(key, authors, title, topic,
# place, ...). Publications not named here (the generated ones) have none.
SPECIALS: dict[str, tuple[Special, ...]] = {
    "meridian-ledger": (
        Special(EDITORIAL_KEY, ("The Editorial Board",),
                "Port Alder deserves a budget it can actually read",
                "the school budget", "Port Alder", kind="editorial"),
        Special(PAYWALLED_KEY, ("Theodora Quill",),
                "What the harbour deal will really cost Port Alder",
                "the harbour redevelopment", "Port Alder", paywalled=True),
        Special("night-trains", ("Marcus Fenwright",),
                "Night trains are coming back, and Greywick is not ready",
                "the night-train network", "Greywick", words=720),
        Special("two-authors", ("Ines Calloway", "Rupert Ashdown")),
        Special("private-draft", ("The Editorial Board",),
                "Draft: tomorrow's editorial (embargoed)", kind="editorial", private=True),
    ),
    "nordwind-rundschau": (
        Special("single-author", ("Anneliese Ellerbrock",),
                "Warum Lindenhall beim Thema Nahverkehr endlich handeln muss",
                "Nahverkehr", "Lindenhall"),
        Special("two-authors", ("Konrad Tessendorf", "Mareike Hollerbach")),
    ),
    "courrier-du-lac": (
        Special("two-authors", ("Amandine Duplantier", "Gaspard Roquebert"),
                "Sur le logement, Bellerive doit cesser de tergiverser",
                "le logement", "Bellerive"),
        Special("single-author", ("Solène Marchadour",)),
    ),
    "faro-del-sur": (
        Special("two-authors", ("Ximena Iturbe", "Baltasar Montalbán"),
                "Sobre la vivienda, Puerto Almendro no puede seguir esperando",
                "la vivienda", "Puerto Almendro"),
        Special("single-author", ("Remedios Quiroga",)),
    ),
    "harbour-lantern": (
        Special("night-trains-copy", copy_of=SYNDICATED_ORIGINAL),
        Special("script-title", ("Priya Saxby",),
                "When a headline reads <script>alert(1)</script>, who is laughing?",
                "local journalism", "Kestrel Bay"),
        Special("two-authors", ("Callum Winterbourne", "Wren Treadwell")),
    ),
    "alpenblick-zeitung": (
        Special("single-author", ("Leopold Falkenhayn",)),
        Special("two-authors", ("Ottilie Mühlbauer", "Korbinian Zeisig")),
    ),
}
# fmt: on
