"""The reader's queries: keyset pages, filters, archive, directories, views, related, search
pages. Run on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from colonnade.store import ArticleQuery, Publication, Storage, StoredArticle, listing, open_storage
from colonnade.store.query import Keyset, conditions, newest, older_than
from colonnade.store.records import MARK_END, MARK_START
from colonnade.store.schema import articles
from colonnade.store.snippets import fold, marked_snippet

from .conftest import NOW, make_article

T0 = datetime(2024, 4, 1, 9, 0, tzinfo=UTC)


def newest_key(article: StoredArticle) -> Keyset:
    return (article.published_at or article.first_seen_at, article.id)


def find(storage: Storage, **query: Any) -> Any:
    return storage.articles.find(ArticleQuery(**query))


@pytest.fixture
def many(storage: Storage, publication: Publication) -> list[int]:
    """25 articles, newest first in the returned ids; five share one timestamp."""
    items = []
    for n in range(25):
        when = T0 + timedelta(hours=n if n < 20 else 20)  # 20..24 tie on the same time
        author = ["Jane Doe"] if n % 2 == 0 else ["John Roe"]
        items.append((make_article(n, published=when.isoformat(), authors=author), publication.id))
    assert storage.articles.save_many(items, fetched_at=NOW, batch=7) == 25
    page = find(storage, limit=200)
    return [a.id for a in page.articles]


def test_keyset_pages_walk_every_article_once_newest_first(
    storage: Storage, many: list[int]
) -> None:
    seen: list[int] = []
    page = find(storage, limit=4)
    assert page.previous is None
    while True:
        seen += [a.id for a in page.articles]
        if page.next is None:
            break
        page = find(storage, before=page.next, limit=4)
    assert seen == many and len(set(seen)) == 25
    keys = [newest_key(a) for a in find(storage, limit=200).articles]
    assert keys == sorted(keys, reverse=True)


def test_after_goes_back_to_the_same_pages(storage: Storage, many: list[int]) -> None:
    first = find(storage, limit=6)
    second = find(storage, before=first.next, limit=6)
    third = find(storage, before=second.next, limit=6)
    assert third.previous is not None
    back = find(storage, after=third.previous, limit=6)
    assert [a.id for a in back.articles] == [a.id for a in second.articles]
    top = find(storage, after=back.previous, limit=6)
    assert [a.id for a in top.articles] == [a.id for a in first.articles]
    assert top.previous is None


def test_paging_past_either_end_is_empty(storage: Storage, many: list[int]) -> None:
    oldest = storage.articles.get(many[-1])
    assert oldest is not None
    beyond = find(storage, before=newest_key(oldest), limit=5)
    assert beyond.articles == () and beyond.next is None


def test_filters(storage: Storage, publication: Publication) -> None:
    weekly = storage.publications.add(
        "The Weekly", "https://weekly.example", country="FR", language="fr"
    )
    saved = {
        "gb_en": storage.articles.save(
            make_article(1), publication_id=publication.id, fetched_at=NOW
        ),
        "fr_fr": storage.articles.save(
            make_article(2, url="https://weekly.example/2", language="fr", authors=["Marie Curie"]),
            publication_id=weekly.id,
            fetched_at=NOW,
        ),
        "editorial": storage.articles.save(
            make_article(3, kind="editorial", authors=[], published="2024-03-01T10:00:00+00:00"),
            publication_id=publication.id,
            fetched_at=NOW,
        ),
    }
    ids = {key: result.id for key, result in saved.items()}

    def listed(**where: object) -> set[int]:
        return {a.id for a in find(storage, **where, limit=50).articles}

    assert listed(country="FR") == {ids["fr_fr"]}
    assert listed(country="GB") == {ids["gb_en"], ids["editorial"]}
    assert listed(language="fr") == {ids["fr_fr"]}
    assert listed(publication_id=weekly.id) == {ids["fr_fr"]}
    marie = storage.columnists.get("marie-curie")
    assert marie is not None and listed(columnist_id=marie.id) == {ids["fr_fr"]}
    assert listed(kind="editorial") == {ids["editorial"]}
    march = dict(since=datetime(2024, 3, 1, tzinfo=UTC), until=datetime(2024, 3, 2, tzinfo=UTC))
    assert listed(**march) == {ids["editorial"]}
    assert listed(country="FR", language="en") == set()


def test_archive_counts_by_month_and_day(storage: Storage, publication: Publication) -> None:
    for n, when in enumerate(
        [
            "2024-03-31T23:30:00-02:00",
            "2024-04-01T10:00:00+00:00",
            "2024-04-01T11:00:00+00:00",
            "2024-04-20T11:00:00+00:00",
        ]
    ):
        storage.articles.save(
            make_article(n, published=when), publication_id=publication.id, fetched_at=NOW
        )
    # 23:30 at -02:00 is 01:30 UTC on 1 April: days are UTC days.
    assert [(f.value, f.articles) for f in storage.articles.archive()] == [("2024-04", 4)]
    days = [(f.value, f.articles) for f in storage.articles.archive((2024, 4))]
    assert days == [("2024-04-20", 1), ("2024-04-01", 3)]
    assert storage.articles.archive((2024, 3)) == []
    assert [f.value for f in storage.articles.archive((2024, 12))] == []


def test_countries_languages_and_directories(storage: Storage, publication: Publication) -> None:
    # No language known for the weekly: the bare name "Jane Doe" may join across the two
    # (another country *and* another language would keep them apart: tests/store/test_identity.py).
    weekly = storage.publications.add("The Weekly", "https://weekly.example", country="FR")
    storage.publications.add("Empty Gazette", "https://empty.example", country="FR")
    for n in range(3):
        storage.articles.save(
            make_article(n, authors=[f"Writer {n}", "Jane Doe"]),
            publication_id=publication.id,
            fetched_at=NOW,
        )
    storage.articles.save(
        make_article(9, url="https://weekly.example/9", language="fr"),
        publication_id=weekly.id,
        fetched_at=NOW,
    )
    assert [(f.value, f.articles, f.publications) for f in storage.publications.countries()] == [
        ("GB", 3, 1),
        ("FR", 1, 2),
    ]
    assert [(f.value, f.articles) for f in storage.articles.languages()] == [("en", 3), ("fr", 1)]
    names: list[str] = []
    after = None
    while True:
        found, after = storage.columnists.page(after=after, limit=2)
        names += [c.name for c in found]
        if after is None:
            break
    assert names == ["Jane Doe", "Writer 0", "Writer 1", "Writer 2"]
    jane = storage.columnists.page(limit=1)[0][0]
    assert jane.article_count == 4 and [p.slug for p in jane.publications] == [
        "the-daily",
        "the-weekly",
    ]
    top = storage.publications.columnists(publication.id, limit=2)
    assert [(c.name, c.article_count) for c in top] == [("Jane Doe", 3), ("Writer 0", 1)]
    pubs, next_key = storage.publications.page(limit=2)
    assert [p.name for p in pubs] == ["Empty Gazette", "The Daily"] and next_key is not None
    rest, end = storage.publications.page(after=next_key, limit=2)
    assert [(p.name, p.article_count) for p in rest] == [("The Weekly", 1)] and end is None
    assert [p.name for p in storage.publications.page(country="FR")[0]] == [
        "Empty Gazette",
        "The Weekly",
    ]


def test_views_add_up_per_day_and_rank_most_read(
    storage: Storage, publication: Publication
) -> None:
    a = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW).id
    b = storage.articles.save(make_article(2), publication_id=publication.id, fetched_at=NOW).id
    day = date(2024, 5, 1)
    assert storage.views.record({(a, day): 2, (b, day): 5, (999_999, day): 7}) == 2
    assert storage.views.record({(a, day): 4, (a, day + timedelta(days=1)): 1}) == 2
    ranked = storage.views.most_read(since=day)
    assert [(m.article.id, m.views) for m in ranked] == [(a, 7), (b, 5)]
    assert [
        (m.article.id, m.views) for m in storage.views.most_read(since=day + timedelta(days=1))
    ] == [(a, 1)]
    assert storage.views.count(b, since=day) == 5
    storage.publications.remove(publication.id)  # views go with their articles
    assert storage.views.most_read(since=day) == []


def test_related_articles_share_title_words(storage: Storage, publication: Publication) -> None:
    def save(n: int, title: str, authors: list[str], language: str = "en") -> int:
        article = make_article(n, title=title, authors=authors, language=language)
        return storage.articles.save(article, publication_id=publication.id, fetched_at=NOW).id

    subject = save(1, "The harbour budget is a scandal", ["Jane Doe"])
    other = save(2, "Harbour budget scandal: what it costs", ["Ann Other"])
    partial = save(3, "A scandal in the town hall", ["Bob Smith"])
    save(4, "Harbour budget, again", ["Jane Doe"])  # same columnist: listed apart on the page
    save(5, "Gardening for beginners", ["Cy Young"])
    save(6, "Le budget du harbour", ["Marie Curie"], language="fr")
    for n in range(10, 20):
        save(n, f"Filler column {n} about gardens", ["Cy Young"])
    article = storage.articles.get(subject)
    assert article is not None
    near = storage.articles.neighbours(article, columnists=0, related=5)
    found = [a.id for a in near.related]
    assert found[0] == other and set(found) == {other, partial}


def test_search_filters_orders_and_pages(storage: Storage, publication: Publication) -> None:
    weekly = storage.publications.add("The Weekly", "https://weekly.example", country="FR")
    ids = []
    for n in range(7):
        pub = publication if n < 5 else weekly
        article = make_article(
            n,
            url=f"https://x.example/{n}",
            text=f"Budget talk number {n}." + " Budget." * n,
            published=(T0 + timedelta(days=n)).isoformat(),
            authors=["Jane Doe"] if n % 2 else ["John Roe"],
        )
        ids.append(storage.articles.save(article, publication_id=pub.id, fetched_at=NOW).id)

    def walk(order: str, size: int) -> list[int]:
        seen: list[int] = []
        page = find(storage, text="budget", order=order, limit=size)
        while True:
            seen += [h.article.id for h in page.hits]
            if page.next is None:
                return seen
            page = find(storage, text="budget", order=order, before=page.next, limit=size)

    assert walk("newest", 3) == list(reversed(ids))
    ranked = walk("relevance", 3)
    assert sorted(ranked) == sorted(ids) and ranked == walk("relevance", 7)
    scores = [h.rank for h in find(storage, text="budget", order="relevance", limit=7).hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    # Back from the last relevance page to the one before it.
    second = find(storage, text="budget", order="relevance", limit=3)
    second = find(storage, text="budget", order="relevance", before=second.next, limit=3)
    assert second.previous is not None
    back = find(storage, text="budget", order="relevance", after=second.previous, limit=3)
    assert [h.article.id for h in back.hits] == ranked[:3]
    french = find(storage, text="budget", country="FR")
    assert {h.article.id for h in french.hits} == set(ids[5:])
    roe = storage.columnists.get("john-roe")
    assert roe is not None
    by_roe = find(storage, text="budget", columnist_id=roe.id, order="newest")
    assert [h.article.id for h in by_roe.hits] == [ids[6], ids[4], ids[2], ids[0]]
    window = dict(since=T0 + timedelta(days=2), until=T0 + timedelta(days=4))
    assert {h.article.id for h in find(storage, text="budget", **window).hits} == {ids[2], ids[3]}
    assert all(h.marked_snippet for h in find(storage, text="budget").hits)
    for hostile in ['"', "NEAR(", "*", "(((", "a OR", ""]:
        find(storage, text=hostile, order="newest")
        find(storage, text=hostile, order="relevance", country="FR")


def test_words_match_whole_words_in_both_orders(storage: Storage, publication: Publication) -> None:
    saved = storage.articles.save(
        make_article(1, text="The harbour budget was discussed."),
        publication_id=publication.id,
        fetched_at=NOW,
    )
    for order in ("relevance", "newest"):
        assert [a.id for a in find(storage, text="harbour budget", order=order).articles] == [
            saved.id
        ]
        assert find(storage, text="harbour budg", order=order).articles == ()
        assert find(storage, text="harbour budget*", order=order).articles != ()
    (hit,) = find(storage, text="discussed").hits
    assert MARK_START + "discussed" + MARK_END in hit.marked_snippet


def test_newest_first_pages_use_the_index(tmp_path: Path) -> None:
    """No sort of the whole table for a list page, however deep (SQLite's plan is checked:
    PostgreSQL's planner rightly prefers a sort on a table this small)."""
    storage = open_storage(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        pub = storage.publications.add("The Daily", "https://daily.example", language="en")
        storage.articles.save_many(
            [
                (make_article(n, published=(T0 + timedelta(hours=n)).isoformat()), pub.id)
                for n in range(30)
            ],
            fetched_at=NOW,
        )
        middle = find(storage, limit=10).articles[-1]
        statements: list[tuple[str, Any]] = []

        def capture(*args: Any) -> None:
            statements.append((args[2], args[3]))

        for where in (
            ArticleQuery(),
            ArticleQuery(language="en"),
            ArticleQuery(publication_id=pub.id),
        ):
            query = (
                sa.select(articles.c.id)
                .where(*conditions(where), older_than(newest_key(middle)))
                .order_by(newest.desc(), articles.c.id.desc())
                .limit(21)
            )
            with storage.db.engine.connect() as conn:
                sa.event.listen(conn, "before_cursor_execute", capture)
                conn.execute(query).all()
                sa.event.remove(conn, "before_cursor_execute", capture)
                statement, params = statements[-1]
                plan = " ".join(
                    row[-1]
                    for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                )
            assert "USING INDEX articles_" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        storage.close()


def test_newest_first_search_walks_the_index_for_common_words(
    storage: Storage, publication: Publication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of finding the newest matches (sort them, or walk the index) agree."""
    for n in range(9):
        text = "Budget talk." if n % 3 else "Something else."
        storage.articles.save(
            make_article(n, text=text, published=(T0 - timedelta(days=n)).isoformat()),
            publication_id=publication.id,
            fetched_at=NOW,
        )

    def walk() -> list[int]:
        seen: list[int] = []
        page = find(storage, text="budget", order="newest", limit=2)
        while True:
            seen += [h.article.id for h in page.hits]
            if page.next is None:
                return seen
            page = find(storage, text="budget", order="newest", before=page.next, limit=2)

    sorted_way = walk()
    monkeypatch.setattr(listing, "SORT_BELOW", 1)
    assert walk() == sorted_way and len(sorted_way) == 6


def test_relevance_ranks_every_match_so_a_strong_old_one_comes_first(
    storage: Storage, publication: Publication
) -> None:
    """No cap: the best match is found however many newer, weaker matches there are."""
    strong = storage.articles.save(
        make_article(0, title="Budget, budget, budget", text="The budget.", published="2001-01-01"),
        publication_id=publication.id,
        fetched_at=NOW,
    ).id
    storage.articles.save_many(
        [
            (make_article(n, title=f"Note {n}", text=f"One budget mention, {n}."), publication.id)
            for n in range(1, 1500)
        ],
        fetched_at=NOW,
    )
    assert find(storage, text="budget", order="relevance").hits[0].article.id == strong
    assert find(storage, text="budget", order="newest").hits[0].article.id != strong


def test_search_snippets_mark_whole_words_ignoring_case_and_accents() -> None:
    text = "Le Débat sur le budget.\n\nLes BUDGETS et la débâcle: un débat sans fin."
    snippet = marked_snippet(text, ["debat", "budget"])
    assert snippet == (
        f"Le {MARK_START}Débat{MARK_END} sur le {MARK_START}budget{MARK_END}. Les BUDGETS et la "
        f"débâcle: un {MARK_START}débat{MARK_END} sans fin."
    )
    assert marked_snippet(text, ["absent"]) == ""
    long = " ".join(f"w{i}" for i in range(200))
    cut = marked_snippet(f"{long} needle {long}", ["needle"], window=10)
    assert cut.startswith("…w197 w198 w199 ") and cut.endswith("…")
    assert len(cut.split()) == 10


def test_snippet_words_match_only_where_a_word_starts() -> None:
    text = "Bathe the other; soothe THE end_the."
    # '_' separates words, as in the full-text index.
    assert marked_snippet(text, ["the"]) == (
        f"Bathe {MARK_START}the{MARK_END} other; soothe {MARK_START}THE{MARK_END} end_"
        f"{MARK_START}the{MARK_END}."
    )
    # A longer word tried first and refused mid-word leaves the shorter one found after it.
    assert marked_snippet("xcat at", ["cat", "at"]) == f"xcat {MARK_START}at{MARK_END}"


def test_fold_keeps_every_offset_whatever_the_script() -> None:
    for text in ("Plain ASCII Text", "Le Débat, ÉTÉ", "İstanbul ßtraße", "Ǆemal ﬁ"):
        folded = fold(text)
        assert len(folded) == len(text)
    assert fold("Le Débat, ÉTÉ") == "le debat, ete"
    assert fold("Plain ASCII") == "plain ascii"
    assert fold("İstanbul Débat")[1:] == "stanbul debat"  # İ lowers to two characters: kept
