"""Syndicated copies in the store (store/clusters.py), on SQLite and PostgreSQL: copies join
one cluster as they are saved, one original per cluster is what lists show, ids stay put,
and a rebuild finds the same clusters."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from colonnade.store import ArticleQuery, Publication, Storage, StoredArticle, open_storage
from colonnade.store.clusters import CANONICAL_BAND
from colonnade.store.schema import copy_keys
from enrich.prose import column, edited

from .conftest import NOW, make_article

INTRO = "This column first appeared in The Daily and is republished with permission."


def _pub(storage: Storage, name: str, country: str = "GB") -> Publication:
    host = name.lower().replace(" ", "") + ".example"
    return storage.publications.add(name, f"https://{host}", country=country, language="en")


def _save(
    storage: Storage,
    pub: Publication,
    n: int,
    text: str,
    *,
    hours: int = 0,
    author: str = "Jane Doe",
    copy_of: str | None = None,
    title: str | None = None,
    published: str | None = None,
) -> StoredArticle:
    host = pub.homepage.split("//", 1)[1]
    article = make_article(
        n,
        url=f"https://{host}/opinion/{n}",
        text=text,
        authors=[author],
        title=title or f"Column {n}",
        published=published or (NOW + timedelta(hours=hours)).isoformat(),
    )
    saved = storage.articles.save(article, publication_id=pub.id, fetched_at=NOW, copy_of=copy_of)
    found = storage.articles.get(saved.id)
    assert found is not None
    return found


def _get(storage: Storage, article: StoredArticle) -> StoredArticle:
    found = storage.articles.get(article.id)
    assert found is not None
    return found


@pytest.fixture
def pubs(storage: Storage) -> list[Publication]:
    return [_pub(storage, name) for name in ("The Daily", "The Herald", "The Courier")]


def test_copies_join_the_cluster_of_the_original_and_lists_show_it_once(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    original = _save(storage, daily, 1, column(1))
    copy = _save(storage, herald, 2, edited(INTRO + "\n\n" + column(1), 3), hours=5)
    other = _save(storage, courier, 3, column(2), hours=6)
    copy, original = _get(storage, copy), _get(storage, original)
    assert copy.cluster_id == original.cluster_id == original.id
    assert original.original and not copy.original
    assert other.cluster_id == other.id and other.original
    assert [c.id for c in original.copies] == [copy.id] and original.copies[0].publication == (
        "The Herald"
    )
    assert [(c.id, c.original) for c in copy.copies] == [(original.id, True)]
    listed = [a.id for a in storage.articles.find(ArticleQuery()).articles]
    assert listed == [other.id, original.id]
    # The Herald's own list shows its copy; asking for copies shows every one.
    herald_list = storage.articles.find(ArticleQuery(publication_id=herald.id)).articles
    assert [a.id for a in herald_list] == [copy.id]
    every = storage.articles.find(ArticleQuery(copies=True)).articles
    assert {a.id for a in every} == {original.id, copy.id, other.id}
    assert copy.to_dict()["cluster_id"] == original.id and copy.to_dict()["original"] is False


@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_a_search_shows_a_cluster_once_unless_copies_are_asked_for(
    storage: Storage, pubs: list[Publication], order: str
) -> None:
    daily, herald, courier = pubs
    original = _save(storage, daily, 1, column(1), title="Harbour tolls")
    copy = _save(storage, herald, 2, column(1), hours=5, title="Harbour tolls")
    other = _save(storage, courier, 3, column(2) + " Harbour tolls.", hours=6)
    assert not _get(storage, copy).original

    def found(**filters: object) -> set[int]:
        query = ArticleQuery(text="harbour tolls", order=order, **filters)  # type: ignore[arg-type]
        return {a.id for a in storage.articles.find(query).articles}

    assert found() == {original.id, other.id}
    assert found(copies=True) == {original.id, copy.id, other.id}
    assert found(publication_id=herald.id) == {copy.id}
    assert found(language="en") == {original.id, other.id}
    assert found(language="de") == set()


def test_an_earlier_copy_crawled_later_becomes_the_original_and_ids_stay(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    late = _save(storage, daily, 1, column(1), hours=10)
    early = _save(storage, herald, 2, column(1), hours=0)
    late, early = _get(storage, late), _get(storage, early)
    assert early.cluster_id == late.id  # the cluster keeps the id of its first article
    assert early.original and not late.original
    # Fetched again with small changes: the same cluster, the same original.
    again = _save(storage, daily, 1, edited(column(1), 5), hours=10)
    assert again.cluster_id == late.id and not again.original


def test_on_a_tie_the_copy_in_the_columnists_home_publication_is_the_original(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    _save(storage, herald, 9, column(9))  # Jane Doe is first seen in The Herald
    in_daily = _save(storage, daily, 1, column(1))
    in_herald = _save(storage, herald, 2, column(1))
    assert _get(storage, in_herald).original and not _get(storage, in_daily).original


def test_a_teaser_joins_the_full_column(storage: Storage, pubs: list[Publication]) -> None:
    daily, herald, _ = pubs
    full = _save(storage, daily, 1, column(1))
    teaser = "\n\n".join(column(1).split("\n\n")[:2]) + "\n\nSubscribe to read the rest."
    assert _save(storage, herald, 2, teaser, hours=1).cluster_id == full.id


def test_a_copy_naming_the_original_as_canonical_joins_without_a_text_check(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    copy = _save(
        storage, herald, 2, column(5), hours=1, copy_of="https://thedaily.example/opinion/1/"
    )
    original = _save(storage, daily, 1, column(6))  # a different text: the link decides
    assert _get(storage, copy).cluster_id == original.cluster_id == copy.id
    assert _get(storage, original).original


def test_hard_negatives_and_short_pieces_stay_apart(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    first = _save(storage, daily, 1, column(1))
    shared = column(2).split("\n\n")
    shared.insert(3, column(1).split("\n\n")[4])  # one quoted paragraph
    second = _save(storage, herald, 2, "\n\n".join(shared))
    short = "Subscribe to our newsletter for the best opinion every morning."
    a = _save(storage, courier, 3, "The council met. " + short)
    b = _save(storage, courier, 4, "The harbour is busy. " + short)
    assert len({first.cluster_id, second.cluster_id, a.cluster_id, b.cluster_id}) == 4


def test_clustering_can_be_turned_off(storage_url: str) -> None:
    with open_storage(storage_url, cluster_copies=False) as storage:
        daily, herald = _pub(storage, "The Daily"), _pub(storage, "The Herald")
        one = _save(storage, daily, 1, column(1))
        two = _save(storage, herald, 2, column(1))
        assert (one.cluster_id, two.cluster_id) == (one.id, two.id)
        assert one.original and two.original


def test_a_rebuild_finds_the_same_clusters_and_reports_what_changed(storage_url: str) -> None:
    with open_storage(storage_url, cluster_copies=False) as storage:
        daily, herald = _pub(storage, "The Daily"), _pub(storage, "The Herald")
        one = _save(storage, daily, 1, column(1))
        two = _save(storage, herald, 2, edited(column(1), 2), hours=2)
        three = _save(storage, herald, 3, column(3))
    with open_storage(storage_url) as storage:
        seen: list[int] = []
        result = storage.articles.rebuild_clusters(progress=seen.append)
        assert (result.articles, result.copies_before, result.copies_after, result.moved) == (
            3,
            0,
            2,
            1,
        )
        assert seen == [3]
        assert _get(storage, two).cluster_id == one.id and _get(storage, one).original
        assert _get(storage, three).cluster_id == three.id
        again = storage.articles.rebuild_clusters()
        assert (again.copies_before, again.copies_after, again.moved) == (2, 2, 0)


def test_removing_the_originals_publication_elects_another_original(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    _save(storage, daily, 1, column(1))
    second = _save(storage, herald, 2, column(1), hours=1)
    third = _save(storage, courier, 3, column(1), hours=2)
    storage.publications.remove(daily.id)
    assert _get(storage, second).original and not _get(storage, third).original
    assert [a.id for a in storage.articles.find(ArticleQuery()).articles] == [second.id]


def test_many_copies_of_one_column_make_one_cluster(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily = pubs[0]
    first = _save(storage, daily, 0, column(1))
    for n in range(1, 60):
        _save(storage, daily, n, edited(column(1), n), hours=n)
    page = storage.articles.find(ArticleQuery(copies=True, limit=100)).articles
    assert len(page) == 60 and {a.cluster_id for a in page} == {first.id}
    assert len(_get(storage, first).copies) == 50  # at most MAX_COPIES named with an article
    assert [a.id for a in storage.articles.find(ArticleQuery()).articles] == [first.id]


def test_a_copy_under_a_variant_byline_joins_the_columnist(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    original = _save(storage, daily, 1, column(1), author="Jane O'Connor")
    copy = _save(storage, herald, 2, column(1), hours=3, author="J. O'Connor")
    stranger = _save(storage, courier, 3, column(1), hours=4, author="Kate Brennan")
    jane = original.columnists[0].columnist_id
    assert [c.columnist_id for c in _get(storage, copy).columnists] == [jane]
    person = storage.columnists.get(jane)
    assert person is not None and person.names == ("J. O'Connor",) and person.article_count == 2
    # Another name on a copy is another person (a translator, a mistaken credit): not joined.
    assert _get(storage, stranger).columnists[0].columnist_id != jane


def test_a_copy_giving_only_the_day_is_not_earlier_than_a_timed_original_that_day(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    timed = _save(storage, daily, 1, column(1), published="2024-05-01T09:30:00+01:00")
    day_only = _save(storage, herald, 2, column(1), published="2024-05-01")  # reads as midnight
    assert _get(storage, timed).original and not _get(storage, day_only).original


def test_a_rebuild_keeps_a_copy_joined_by_its_canonical_link(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    copy = _save(
        storage, herald, 2, column(5), hours=1, copy_of="https://thedaily.example/opinion/1"
    )
    original = _save(storage, daily, 1, column(6))  # another text: only the link joins them
    assert _get(storage, copy).cluster_id == original.cluster_id
    storage.articles.rebuild_clusters()
    assert _get(storage, copy).cluster_id == _get(storage, original).cluster_id


def test_a_huge_text_and_an_all_boilerplate_page_are_stored_and_listed(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    huge = "\n\n".join([column(1)] * 800)  # about 2 MB
    assert len(huge) > 1_500_000
    big = _save(storage, daily, 1, huge)
    copy = _save(storage, herald, 2, column(1), hours=1)  # its opening: a teaser of it
    boiler = _save(storage, herald, 3, "Cookies help us. Accept all cookies. Manage choices.")
    assert copy.cluster_id == big.id and boiler.cluster_id == boiler.id
    listed = {a.id for a in storage.articles.find(ArticleQuery()).articles}
    assert listed == {big.id, boiler.id}


def _keys_of(storage: Storage, article: StoredArticle) -> list[int]:
    query = sa.select(copy_keys.c.band).where(copy_keys.c.article_id == article.id)
    with storage.db.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def test_a_copy_that_bridges_two_clusters_makes_them_one(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    parts = column(1, count=10).split("\n\n")
    head = _save(storage, daily, 1, "\n\n".join(parts[:7]), hours=1)
    tail = _save(storage, herald, 2, "\n\n".join(parts[3:]), hours=2)
    assert head.cluster_id != tail.cluster_id  # 4 paragraphs of 10 in common: apart
    full = _save(storage, courier, 3, "\n\n".join(parts), hours=3)
    found = [_get(storage, a) for a in (head, tail, full)]
    assert {a.cluster_id for a in found} == {head.id}  # the older id survives
    assert [a.original for a in found] == [True, False, False]
    assert [a.id for a in storage.articles.find(ArticleQuery()).articles] == [head.id]


def test_copies_joining_a_large_cluster_store_only_new_keys_and_still_join(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, _ = pubs
    first = _save(storage, daily, 0, column(1))
    for n in range(1, 8):
        _save(storage, daily, n, column(1), hours=n)
    assert len(_keys_of(storage, first)) > 2  # the first members keep all their keys
    verbatim = _save(storage, herald, 8, column(1), hours=8)
    assert _keys_of(storage, verbatim) == [CANONICAL_BAND]  # nothing the cluster lacks
    longer = _save(storage, herald, 9, column(1) + "\n\n" + column(7, count=3), hours=9)
    assert len(_keys_of(storage, longer)) > 1  # its added paragraphs are new to the cluster
    late = _save(storage, herald, 10, edited(column(1), 10), hours=10)
    assert {_get(storage, a).cluster_id for a in (verbatim, longer, late)} == {first.id}
    assert _get(storage, first).original and not _get(storage, late).original


def test_a_later_copy_leaves_the_original_and_an_earlier_one_takes_over(
    storage: Storage, pubs: list[Publication]
) -> None:
    daily, herald, courier = pubs
    first = _save(storage, daily, 1, column(1), hours=5)
    later = _save(storage, herald, 2, column(1), hours=30)
    assert _get(storage, first).original and not _get(storage, later).original
    earlier = _save(storage, courier, 3, column(1), hours=-30)
    found = [_get(storage, a) for a in (first, later, earlier)]
    assert [a.original for a in found] == [False, False, True]
    assert {a.cluster_id for a in found} == {first.id}
