"""What the fictional demo web holds: publications, articles, and what a crawler should find.

A `DemoSpec` is plain data built by `colonnade.demo.build.build_web`: no ports, no I/O. Paths are
relative to each publication's own host; `DemoServer` turns them into absolute URLs once ports are
known.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from colonnade.demo.writer import slugify

Style = Literal["blog", "newspaper", "minimal", "magazine"]
STYLES: tuple[Style, ...] = ("blog", "newspaper", "minimal", "magazine")


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One article as its publication would print it."""

    key: str  # unique within the publication, stable across runs ("a007", "editorial")
    path: str  # on the publication's host, starts with "/"
    title: str  # plain text; may contain characters that need escaping in HTML
    authors: tuple[str, ...]
    published: datetime  # aware, in the publication's UTC offset
    section: str
    paragraphs: tuple[str, ...]  # the visible body text (a paywalled teaser holds only the teaser)
    standfirst: str  # a one-sentence summary used for descriptions and summaries in feeds
    topic: str
    updated: datetime | None = None
    kind: str = "opinion"  # opinion or editorial
    paywalled: bool = False
    syndicated_from: tuple[str, str] | None = None  # (publication slug, path) of the original
    private: bool = False  # under a robots.txt Disallow: a polite crawler never fetches it
    number: int = 0  # a numeric id, as CMSs have (WordPress post id, newspaper story id)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def modified(self) -> datetime:
        return self.updated or self.published


@dataclass(frozen=True, slots=True)
class DemoPublication:
    slug: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    language: str  # ISO 639-1
    style: Style
    section: str  # the name of the opinion section, in the publication's language
    utc_offset_minutes: int
    date_style: str  # how visible dates are printed, see colonnade.demo.dates
    tagline: str
    columnists: tuple[str, ...] = ()  # empty in a plan: the builder invents them
    articles: tuple[DemoArticle, ...] = ()
    charset: str = "utf-8"
    number: int = 0  # position in the spec; feeds deterministic colours and ids

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    @property
    def feed_path(self) -> str | None:
        return {
            "blog": "/feed/",
            "newspaper": f"/{section_slug(self)}/feed.atom",
            "magazine": "/rss.xml",
            "minimal": None,
        }[self.style]

    @property
    def sitemap_paths(self) -> tuple[str, ...]:
        """Sitemaps named in robots.txt (the first is the main one)."""
        return {
            "blog": ("/wp-sitemap.xml",),
            "newspaper": ("/sitemap-index.xml",),
            "minimal": ("/sitemap.xml", "/sitemap-news.xml"),
            "magazine": (),
        }[self.style]

    @property
    def public_articles(self) -> tuple[DemoArticle, ...]:
        return tuple(a for a in self.articles if not a.private)


def section_slug(pub: DemoPublication) -> str:
    return slugify(pub.section)


@dataclass(frozen=True, slots=True)
class ExpectedArticle:
    """What a correct crawl + extraction should record for one article (the tests' manifest)."""

    publication: str
    publication_slug: str
    path: str
    title: str
    authors: tuple[str, ...]
    published: str  # ISO 8601 with offset, as in the page's or sitemap's machine-readable date
    published_date: str  # YYYY-MM-DD, what the visible text alone supports
    updated: str | None
    language: str
    country: str
    section: str
    kind: str
    paywalled: bool
    text: str  # the article's own paragraphs (no standfirst, no boilerplate, no paywall prompt)
    word_count: int
    url: str | None = None  # absolute once served
    canonical_url: str | None = None  # absolute; the original's URL for a syndicated copy
    syndicated_from: str | None = None  # absolute URL of the original, for a syndicated copy
    syndicated_from_path: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data


# What the manifest takes from the article as it is (`text` and `word_count` are derived).
_AS_PRINTED = ("path", "title", "authors", "section", "kind", "paywalled", "text", "word_count")


def expected_for(pub: DemoPublication, article: DemoArticle) -> ExpectedArticle:
    updated = article.updated.isoformat() if article.updated else None
    return ExpectedArticle(
        publication=pub.name,
        publication_slug=pub.slug,
        language=pub.language,
        country=pub.country,
        published=article.published.isoformat(),
        published_date=article.published.date().isoformat(),
        updated=updated,
        syndicated_from_path=article.syndicated_from,
        **{name: getattr(article, name) for name in _AS_PRINTED},
    )


@dataclass(frozen=True, slots=True)
class DemoSpec:
    """The whole sample web. Build it with `build_web()`; serve it with `DemoServer`."""

    publications: tuple[DemoPublication, ...]
    seed: int
    anchor: datetime  # the "now" of the sample web: the newest article is a little older
    handmade: bool = field(default=True)

    @property
    def article_count(self) -> int:
        return sum(len(p.public_articles) for p in self.publications)

    @property
    def expected(self) -> list[ExpectedArticle]:
        """Every article a polite crawler should find, with paths (no URLs before serving)."""
        return [expected_for(p, a) for p in self.publications for a in p.public_articles]

    def publication(self, slug: str) -> DemoPublication:
        for pub in self.publications:
            if pub.slug == slug:
                return pub
        raise KeyError(slug)

    def paths(self) -> list[tuple[str, str]]:
        """(publication slug, path) of every public article."""
        return [(p.slug, a.path) for p in self.publications for a in p.public_articles]


# The brief's name for the same thing.
DemoWeb = DemoSpec
