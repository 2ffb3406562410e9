"""Full-text search: matching, ranking, snippets, filters, and input that must never raise."""

from __future__ import annotations

from typing import Any

import pytest

from colonnade.store import MARK_END, MARK_START, ArticleQuery, Publication, SearchHit, Storage
from colonnade.store.fulltext import MAX_WORDS, terms

from .conftest import NOW, make_article

HOSTILE = [
    '"',
    '""',
    "'",
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "(((",
    ")))",
    "a OR",
    "OR",
    "AND NOT",
    "-x",
    "--",
    "title:foo",
    "text:",
    "^start",
    "a & b | !c",
    "foo:* <-> bar",
    "\\",
    "'; DROP TABLE articles; --",
    "",
    "   ",
    "\x00",
    "🙂",
    "a" * 5000,
    " ".join(["word"] * 500),
]


def search(
    storage: Storage, text: str, *, limit: int = 20, offset: int = 0, **where: Any
) -> list[SearchHit]:
    """Best matches first, as every front end asks for them."""
    if limit <= 0:
        return []
    query = ArticleQuery(text=text, order="relevance", limit=offset + limit, **where)
    return list(storage.articles.find(query).hits[offset:])


@pytest.fixture
def corpus(storage: Storage, publication: Publication) -> dict[str, int]:
    weekly = storage.publications.add("The Weekly", "https://weekly.example", language="fr")
    docs = {
        "budget_title": (
            publication,
            make_article(1, title="The budget is a choice", text="Money talk."),
        ),
        "budget_text": (
            publication,
            make_article(2, title="On policy", text="We discussed the budget once."),
        ),
        "climate": (
            publication,
            make_article(3, title="Heat", text="Climate change is here.", authors=["Greta Stone"]),
        ),
        "french": (
            weekly,
            make_article(
                4,
                url="https://weekly.example/4",
                title="Le budget de l'État",
                text="Le président a parlé du budget.",
                language="fr",
            ),
        ),
    }
    return {
        key: storage.articles.save(article, publication_id=pub.id, fetched_at=NOW).id
        for key, (pub, article) in docs.items()
    }


def test_hostile_queries_never_raise(storage: Storage, corpus: dict[str, int]) -> None:
    for query in HOSTILE:
        for options in ({}, {"language": "en", "limit": 5, "offset": 3}):
            hits = search(storage, query, **options)
            assert all(h.article.id in corpus.values() for h in hits), query
    # a hostile query that still contains real words finds them
    assert [h.article.id for h in search(storage, '"climate" ((change*')] == [corpus["climate"]]


def test_words_are_required_and_punctuation_is_only_a_separator(
    storage: Storage, corpus: dict[str, int]
) -> None:
    ids = {h.article.id for h in search(storage, '"budget" OR (climate)')}
    assert ids == set()  # every word is required, 'OR' included
    assert {h.article.id for h in search(storage, "budget -climate")} == set()
    assert {h.article.id for h in search(storage, "(climate) change:")} == {corpus["climate"]}
    assert [h.article.id for h in search(storage, '"')] == []


def test_finds_by_title_text_and_byline_with_title_ranked_first(
    storage: Storage, corpus: dict[str, int]
) -> None:
    hits = search(storage, "budget", language="en")
    assert [h.article.id for h in hits] == [corpus["budget_title"], corpus["budget_text"]]
    assert hits[0].rank > hits[1].rank
    assert [h.article.id for h in search(storage, "greta")] == [corpus["climate"]]
    assert [h.article.id for h in search(storage, "CLIMATE change")] == [corpus["climate"]]


def test_words_match_whole_words_only(storage: Storage, corpus: dict[str, int]) -> None:
    assert [h.article.id for h in search(storage, "climate change")] == [corpus["climate"]]
    assert search(storage, "climate chan") == []  # no prefix matching, typed or not
    assert search(storage, "chan climate") == []


def test_filters_limit_and_offset(
    storage: Storage, corpus: dict[str, int], publication: Publication
) -> None:
    everywhere = [h.article.id for h in search(storage, "budget")]
    assert sorted(everywhere) == sorted(
        [corpus["budget_title"], corpus["budget_text"], corpus["french"]]
    )
    assert [h.article.id for h in search(storage, "budget", language="fr")] == [corpus["french"]]
    home = {h.article.id for h in search(storage, "budget", publication_id=publication.id)}
    assert home == {corpus["budget_title"], corpus["budget_text"]}
    assert [h.article.id for h in search(storage, "budget", limit=1, offset=1)] == everywhere[1:2]
    assert search(storage, "budget", limit=0) == []


def test_snippets_mark_the_matched_words(storage: Storage, corpus: dict[str, int]) -> None:
    (hit,) = search(storage, "discussed")
    assert f"{MARK_START}discussed{MARK_END}" in hit.marked_snippet
    assert hit.snippet == "We discussed the budget once."
    assert hit.snippet_parts() == [
        ("We ", False),
        ("discussed", True),
        (" the budget once.", False),
    ]
    assert hit.article.title == "On policy"


def test_non_latin_text_is_searchable(storage: Storage, publication: Publication) -> None:
    article = make_article(5, title="Статья о бюджете", text="हिन्दी भाषा में लेख। Ελληνικά κείμενα.")
    saved = storage.articles.save(article, publication_id=publication.id, fetched_at=NOW)
    for query in ("бюджете", "हिन्दी", "भाषा", "κείμενα"):
        assert [h.article.id for h in search(storage, query)] == [saved.id], query


def test_index_follows_updates(
    storage: Storage, corpus: dict[str, int], publication: Publication
) -> None:
    storage.articles.save(
        make_article(3, title="Heat", text="Drought everywhere.", authors=["Greta Stone"]),
        publication_id=publication.id,
        fetched_at=NOW,
    )
    assert search(storage, "climate") == []
    assert [h.article.id for h in search(storage, "drought")] == [corpus["climate"]]


def test_accents_fold_on_sqlite(storage: Storage, corpus: dict[str, int]) -> None:
    """Documented difference: PostgreSQL's 'simple' configuration keeps accents."""
    folded = {h.article.id for h in search(storage, "president")}
    exact = {h.article.id for h in search(storage, "président")}
    assert exact == {corpus["french"]}
    assert folded == ({corpus["french"]} if storage.dialect == "sqlite" else set())


def test_query_terms_are_plain_words() -> None:
    assert terms('title:"foo" NEAR(bar*').words == ("title", "foo", "NEAR", "bar")
    assert terms("foo bar*").words == terms("foo bar ").words == ("foo", "bar")
    assert terms("हिन्दी").words == ("हिन्दी",)  # combining vowel signs stay inside the word
    assert len(terms(" ".join(["w"] * 100)).words) == MAX_WORDS
