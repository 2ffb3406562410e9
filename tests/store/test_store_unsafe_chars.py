"""The store's door: whatever a publisher sends is stored without the characters XML 1.0
forbids, and names and titles also without bidirectional controls, on both databases."""

from __future__ import annotations

from datetime import timedelta

from colonnade.store import Publication, Storage

from .conftest import NOW, make_article

# U+FFFF, U+0001 and a lone surrogate are not XML at all; U+202E (right-to-left override)
# is, but it makes a name or title read backwards.
DIRTY = "Bad\uffff\x01 \u202eNews\ud800"
AS_NAME = "Bad News"
AS_TEXT = "Bad \u202eNews"
JANE = "Jane\uffff\x01 \u202eDoe\ud800"


def test_article_fields_lose_forbidden_characters(
    storage: Storage, publication: Publication
) -> None:
    article = make_article(
        1,
        title=f"{DIRTY} today",
        authors=[JANE],
        credits=[f"Wire{DIRTY}"],
        profiles={JANE: ["https://daily.example/jane"]},
        text=f"First {DIRTY}.\n\nSecond\tline\r.",
        excerpt=f"Excerpt {DIRTY}",
        description=f"About {DIRTY}",
        section=f"Opinion {DIRTY}",
    )
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    assert stored.title == f"{AS_NAME} today"
    assert stored.authors == ("Jane Doe",)
    assert stored.credits == (f"Wire{AS_NAME}",)
    assert stored.profiles == {"Jane Doe": ["https://daily.example/jane"]}
    assert stored.text == f"First {AS_TEXT}.\n\nSecond\tline\r."
    assert (stored.excerpt, stored.description) == (f"Excerpt {AS_TEXT}", f"About {AS_TEXT}")
    assert stored.section == f"Opinion {AS_NAME}"


def test_the_same_dirty_page_fetched_again_is_unchanged(
    storage: Storage, publication: Publication
) -> None:
    article = make_article(1, title=DIRTY, authors=[DIRTY], text=DIRTY)
    first = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    again = storage.articles.save(
        article, publication_id=publication.id, fetched_at=NOW + timedelta(hours=1)
    )
    assert (again.id, again.status) == (first.id, "unchanged")


def test_publication_and_feed_names_lose_forbidden_characters(storage: Storage) -> None:
    added = storage.publications.add(f"The {DIRTY}", "https://bad.example")
    feed = storage.feeds.add(added.id, "https://bad.example/feed", title=f"Feed {DIRTY}")
    assert (added.name, added.slug) == (f"The {AS_NAME}", "the-bad-news")
    stored = storage.publications.get(added.id)
    assert stored is not None and stored.name == f"The {AS_NAME}"
    assert feed.title == f"Feed {AS_NAME}"
    assert [f.title for f in storage.feeds.all(added.id)] == [f"Feed {AS_NAME}"]
