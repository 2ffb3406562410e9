"""Feeds stay well-formed XML whatever a publisher put in a name or title: parsed strictly,
as a validator would, for rows stored through the store's door and for rows stored before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
import sqlalchemy as sa
from lxml import etree

from colonnade.config import Settings
from colonnade.models import Article
from colonnade.store import Publication, Storage
from colonnade.web import atom_out
from colonnade.web.app import create_app

from .webserver import serving

ATOM = "{http://www.w3.org/2005/Atom}"
FETCHED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
# U+FFFF and U+0001 are not XML at all; U+202E (right-to-left override) is, but it makes a
# name or title read backwards.
DIRTY = "Bad\uffff\x01 \u202eNews"
FEEDS = (
    "/feed.atom",
    "/languages/en/feed.atom",
    "/search/feed.atom?q=harbour",
    "/publications/{publication}/feed.atom",
    "/columnists/jane-doe/feed.atom",
)


@pytest.fixture
def client(storage: Storage) -> Iterator[httpx.Client]:
    app = create_app(storage, Settings(cache_seconds=0))
    with serving(app) as base, httpx.Client(base_url=base, timeout=10) as running:
        yield running


def save_article(storage: Storage, publication: Publication, **fields: str) -> int:
    values = {
        "url": "https://daily.example/opinion/1",
        "title": "A column on the harbour",
        "authors": ["Jane Doe"],
        "published": "2024-05-01T08:00:00+00:00",
        "language": "en",
        "kind": "opinion",
        "text": "The harbour budget.\n\nMore on the harbour.",
        "description": "On the harbour.",
    }
    values.update(fields)
    article = Article(**values)  # type: ignore[arg-type]
    return storage.articles.save(article, publication_id=publication.id, fetched_at=FETCHED).id


def strict(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(recover=False, resolve_entities=False))


def strict_feeds(client: httpx.Client, publication: Publication) -> list[etree._Element]:
    """Every feed that shows the article, parsed by lxml with recovery off."""
    parsed = []
    for path in FEEDS:
        response = client.get(path.format(publication=publication.slug))
        assert response.status_code == 200, (path, response.text[:300])
        parsed.append(strict(response.content))
    return parsed


def entry_titles(feed: etree._Element) -> list[str | None]:
    return [title.text for title in feed.findall(f"{ATOM}entry/{ATOM}title")]


def test_names_and_titles_stored_through_the_door_give_valid_feeds(
    storage: Storage, client: httpx.Client
) -> None:
    publication = storage.publications.add(f"The {DIRTY}", "https://daily.example")
    storage.feeds.add(publication.id, "https://daily.example/rss", title=f"Feed {DIRTY}")
    save_article(
        storage,
        publication,
        title=f"{DIRTY} on the harbour",
        authors=["Jane\uffff\x01 \u202eDoe"],
        text=f"The harbour {DIRTY}.\n\nMore.",
        kind=f"opinion{DIRTY}",
    )
    for feed in strict_feeds(client, publication):
        assert entry_titles(feed) == ["Bad News on the harbour"]
        related = feed.find(f"{ATOM}entry/{ATOM}link[@rel='related']")
        assert related is not None and related.get("title") == "The Bad News"


def test_rows_stored_before_the_door_still_give_valid_feeds(
    storage: Storage, client: httpx.Client
) -> None:
    publication = storage.publications.add("The Daily", "https://daily.example")
    article_id = save_article(storage, publication)
    dirty = {"dirty": f"{DIRTY}\ufffe", "id": article_id, "pub": publication.id}
    with storage.db.engine.begin() as conn:
        for statement in (
            "UPDATE articles SET title = :dirty, kind = :dirty, section = :dirty,"
            " description = :dirty, text = 'harbour ' || :dirty WHERE id = :id",
            "UPDATE publications SET name = :dirty WHERE id = :pub",
            "UPDATE columnists SET name = :dirty",
        ):
            conn.execute(sa.text(statement), dirty)
    for feed in strict_feeds(client, publication):
        # Only what XML forbids is gone on the way out: the rest is shown as stored.
        assert entry_titles(feed) == ["Bad \u202eNews"]
        category = feed.find(f"{ATOM}entry/{ATOM}category")
        assert category is not None and category.get("term") == "Bad \u202eNews"


def test_the_atom_writer_never_emits_what_xml_forbids() -> None:
    dirty = f"{DIRTY}\ufffe\ud800"
    item = atom_out.Entry(
        id=f"https://here.example/{dirty}",
        title=dirty,
        link=f"https://here.example/{dirty}",
        original=f"https://daily.example/{dirty}",
        published=FETCHED,
        updated=FETCHED,
        authors=[dirty],
        publication=dirty,
        summary=dirty,
        content_html=f"<p>{dirty}</p>",
        category=dirty,
        language=f"en{dirty}",
    )
    xml = atom_out.render(
        title=dirty, feed_url=dirty, page_url=dirty, subtitle=dirty, entries=[item]
    )
    entry = strict(xml).find(f"{ATOM}entry")
    assert entry is not None
    related = entry.find(f"{ATOM}link[@rel='related']")
    assert related is not None
    assert (related.get("href"), related.get("title")) == (
        "https://daily.example/Bad \u202eNews",
        "Bad \u202eNews",
    )
