"""One person across outlets (store/identity.py), on SQLite and PostgreSQL: evidence joins,
evidence separates, a bare name joins only where nothing separates (unverified), and merges
and splits by hand outlive re-crawls."""

from __future__ import annotations

from datetime import timedelta

import pytest

from colonnade.errors import BadRequest
from colonnade.store import Columnist, Publication, Storage

from .conftest import NOW, make_article

TWITTER = "https://twitter.com/janedoe"


def _pub(storage: Storage, name: str, country: str | None, language: str | None) -> Publication:
    host = name.lower().replace(" ", "") + ".example"
    return storage.publications.add(name, f"https://{host}", country=country, language=language)


def _write(
    storage: Storage,
    publication: Publication,
    n: int,
    author: str = "Jane Doe",
    profiles: list[str] | None = None,
    text: str | None = None,
    days: int = 0,
) -> list[Columnist]:
    """Save column `n` in `publication` by `author` (with these profile URLs); its columnists."""
    host = publication.homepage.split("//", 1)[1]
    article = make_article(
        n,
        url=f"https://{host}/opinion/{n}",
        authors=[author],
        profiles={author: profiles} if profiles else {},
        published=(NOW - timedelta(days=30 - days)).isoformat(),
        **({"text": text} if text else {}),
    )
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    stored = storage.articles.get(saved.id)
    assert stored is not None
    found = [storage.columnists.get(ref.columnist_id) for ref in stored.columnists]
    assert all(found)
    return [c for c in found if c is not None]


def _all(storage: Storage) -> list[Columnist]:
    return storage.columnists.page(limit=100)[0]


@pytest.fixture
def daily(storage: Storage) -> Publication:
    return _pub(storage, "The Daily", "GB", "en")


def test_a_shared_profile_url_joins_one_person_across_countries_and_languages(
    storage: Storage, daily: Publication
) -> None:
    zeitung = _pub(storage, "Die Zeitung", "DE", "de")
    (first,) = _write(storage, daily, 1, profiles=[TWITTER, "https://daily.example/authors/jane"])
    (second,) = _write(storage, zeitung, 2, profiles=["https://www.twitter.com/JaneDoe/"], days=1)
    assert second.id == first.id
    assert second.verified
    assert [a.publication.slug for a in second.affiliations] == ["die-zeitung", "the-daily"]
    assert second.article_count == 2


def test_the_same_name_in_another_country_and_language_is_another_person(
    storage: Storage, daily: Publication
) -> None:
    zeitung = _pub(storage, "Die Zeitung", "DE", "de")
    (first,) = _write(storage, daily, 1)
    (second,) = _write(storage, zeitung, 2)
    assert first.id != second.id
    assert (first.slug, second.slug) == ("jane-doe", "jane-doe-die-zeitung")
    assert first.verified and second.verified


def test_different_profiles_on_one_site_keep_two_people_of_one_name_apart(
    storage: Storage, daily: Publication
) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (first,) = _write(storage, daily, 1, profiles=[TWITTER])
    (second,) = _write(storage, herald, 2, profiles=["https://twitter.com/jane_doe_writes"])
    assert first.id != second.id
    # A third column with no profile in the Herald stays with the Herald's Jane Doe.
    (third,) = _write(storage, herald, 3)
    assert third.id == second.id


def test_a_bare_name_in_the_same_country_and_language_joins_unverified_until_evidence(
    storage: Storage, daily: Publication
) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (first,) = _write(storage, daily, 1, profiles=[TWITTER])
    (joined,) = _write(storage, herald, 2)
    assert joined.id == first.id
    assert not joined.verified
    assert [c.slug for c in storage.columnists.unverified()] == ["jane-doe"]
    (confirmed,) = _write(storage, herald, 3, profiles=[TWITTER])
    assert confirmed.id == first.id and confirmed.verified
    assert storage.columnists.unverified() == []


def test_an_initial_joins_only_with_evidence(storage: Storage, daily: Publication) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (jane,) = _write(storage, daily, 1, author="Jane O'Connor", profiles=[TWITTER])
    (bare,) = _write(storage, herald, 2, author="J. O'Connor")
    assert bare.id != jane.id
    (linked,) = _write(storage, herald, 3, author="J. O'Connor", profiles=[TWITTER])
    assert linked.id == jane.id
    assert "J. O'Connor" in linked.names
    # The bare "J. O'Connor" of the Herald was the same name there: merged in by the evidence.
    assert {c.name for c in _all(storage)} == {"Jane O'Connor"}


def test_a_shared_publisher_url_does_not_join_two_different_names(
    storage: Storage, daily: Publication
) -> None:
    shared = ["https://daily.example/about-us"]
    (jane,) = _write(storage, daily, 1, author="Jane Doe", profiles=shared)
    (john,) = _write(storage, daily, 2, author="John Smith", profiles=shared)
    assert jane.id != john.id


def test_a_transliterated_name_joins_through_same_as(storage: Storage, daily: Publication) -> None:
    pravda = _pub(storage, "Ukrainska Pravda", "UA", "uk")
    wikidata = "https://www.wikidata.org/wiki/Q3874799"
    (latin,) = _write(storage, daily, 1, author="Volodymyr Zelenskyy", profiles=[wikidata])
    (cyrillic,) = _write(storage, pravda, 2, author="Володимир Зеленський", profiles=[wikidata])
    assert cyrillic.id == latin.id
    assert "Володимир Зеленський" in cyrillic.names
    # Without evidence two scripts are two columnists.
    (other,) = _write(storage, pravda, 3, author="Юлія Тимошенко")
    (other_latin,) = _write(storage, daily, 4, author="Yulia Tymoshenko")
    assert other.id != other_latin.id


def test_each_publications_editorial_board_is_its_own(storage: Storage, daily: Publication) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (ours,) = _write(storage, daily, 1, author="The Editorial Board")
    (theirs,) = _write(storage, herald, 2, author="The Editorial Board")
    assert ours.id != theirs.id
    assert ours.kind == theirs.kind == "organisation"
    assert theirs.slug == "the-editorial-board-the-herald"
    (again,) = _write(storage, herald, 3, author="The Editorial Board")
    assert again.id == theirs.id


def test_a_merge_by_hand_holds_across_re_extraction_and_redirects_the_old_slug(
    storage: Storage, daily: Publication
) -> None:
    zeitung = _pub(storage, "Die Zeitung", "DE", "de")
    (first,) = _write(storage, daily, 1)
    (second,) = _write(storage, zeitung, 2)
    merged = storage.columnists.merge(first.slug, second.slug, now=NOW)
    assert merged.id == first.id and merged.article_count == 2 and merged.verified
    assert storage.columnists.by_slug(second.slug) is None
    assert storage.columnists.moved_to(second.slug) == first.slug
    # Re-extraction (changed text) and a new column in the Zeitung keep the person whole.
    (again,) = _write(storage, zeitung, 2, text="Rewritten.\n\nStill the same column.")
    (new,) = _write(storage, zeitung, 5)
    assert again.id == new.id == first.id
    (correction,) = storage.columnists.corrections()
    assert correction.kind == "merge"
    assert correction.detail == {"kept": "jane-doe", "merged": "jane-doe-die-zeitung"}


def test_a_split_by_hand_holds_across_re_extraction(storage: Storage, daily: Publication) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (first,) = _write(storage, daily, 1)
    (joined,) = _write(storage, herald, 2)
    assert joined.id == first.id
    split = storage.columnists.split(first.slug, herald.slug, now=NOW)
    assert split.id != first.id and split.slug == "jane-doe-the-herald"
    assert [a.publication.slug for a in split.affiliations] == ["the-herald"]
    assert split.verified  # a person decided it
    (again,) = _write(storage, herald, 2, text="Rewritten.\n\nStill the Herald's Jane.")
    (new,) = _write(storage, herald, 6)
    assert again.id == new.id == split.id
    kept = storage.columnists.get(first.id)
    assert kept is not None and [a.publication.slug for a in kept.affiliations] == ["the-daily"]
    assert [c.kind for c in storage.columnists.corrections()] == ["split"]


def test_bad_corrections_are_one_line_errors_that_change_nothing(
    storage: Storage, daily: Publication
) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    (jane,) = _write(storage, daily, 1)
    with pytest.raises(BadRequest, match=r"^a columnist cannot be merged with itself$"):
        storage.columnists.merge(jane.slug, jane.slug, now=NOW)
    with pytest.raises(BadRequest, match=r"^no columnist with slug 'nobody'$"):
        storage.columnists.merge(jane.slug, "nobody", now=NOW)
    with pytest.raises(BadRequest, match=r"has no columns in publication 'the-herald'"):
        storage.columnists.split(jane.slug, herald.slug, now=NOW)
    with pytest.raises(BadRequest, match=r"nothing to split: 'jane-doe' writes only in"):
        storage.columnists.split(jane.slug, daily.slug, now=NOW)
    with pytest.raises(BadRequest, match=r"^no publication with slug 'nowhere'$"):
        storage.columnists.split(jane.slug, "nowhere", now=NOW)
    assert [c.slug for c in _all(storage)] == ["jane-doe"]
    assert storage.columnists.corrections() == []


def test_affiliations_list_each_publication_newest_first(
    storage: Storage, daily: Publication
) -> None:
    herald = _pub(storage, "The Herald", "GB", "en")
    _write(storage, herald, 1, profiles=[TWITTER], days=0)
    _write(storage, daily, 2, profiles=[TWITTER], days=5)
    (jane,) = _write(storage, herald, 3, profiles=[TWITTER], days=10)
    herald_row, daily_row = jane.affiliations
    assert herald_row.publication.slug == "the-herald" and herald_row.article_count == 2
    assert herald_row.first is not None and herald_row.last is not None
    assert (herald_row.last - herald_row.first).days == 10
    assert daily_row.publication.slug == "the-daily" and daily_row.article_count == 1
    assert [p.slug for p in jane.publications] == ["the-daily", "the-herald"]
