"""build_web(): the hand-made set has every case the pipeline must handle; bulk mode scales."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from colonnade.demo import DEFAULT_ANCHOR, DemoSpec, build_web
from colonnade.demo.catalog import (
    PAYWALLED_KEY,
    PRIVATE_KEY,
    SCRIPT_TITLE_KEY,
    SYNDICATED_COPY,
    SYNDICATED_ORIGINAL,
)
from colonnade.demo.spec import STYLES, DemoArticle


def article(spec: DemoSpec, slug: str, key: str) -> DemoArticle:
    return next(a for a in spec.publication(slug).articles if a.key == key)


def shingles(text: str, n: int = 5) -> set[str]:
    words = text.lower().split()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_handmade_set_spans_countries_languages_and_styles(spec: DemoSpec) -> None:
    pubs = spec.publications
    assert len(pubs) >= 6
    assert len({p.country for p in pubs}) == len(pubs)
    assert {"en", "de", "fr", "es"} <= {p.language for p in pubs}
    assert set(STYLES) == {p.style for p in pubs}
    assert [p for p in pubs if p.style == "minimal" and p.feed_path is None]
    assert all(len(p.public_articles) == 10 for p in pubs)
    assert len({p.name for p in pubs}) == len(pubs)


def test_every_publication_has_a_realistic_full_length_article(spec: DemoSpec) -> None:
    for pub in spec.publications:
        counts = [a.word_count for a in pub.public_articles if not a.paywalled]
        assert any(300 <= c <= 900 for c in counts), pub.slug


def test_special_articles_are_present(spec: DemoSpec) -> None:
    editorial = [a for p in spec.publications for a in p.articles if a.kind == "editorial"]
    assert any(a.authors == ("The Editorial Board",) for a in editorial)

    paywalled = article(spec, "meridian-ledger", PAYWALLED_KEY)
    assert paywalled.paywalled and 0 < paywalled.word_count < 200

    original = article(spec, *SYNDICATED_ORIGINAL)
    copy = article(spec, *SYNDICATED_COPY)
    assert copy.syndicated_from == ("meridian-ledger", original.path)
    assert (copy.title, copy.authors, copy.text) == (
        original.title,
        original.authors,
        original.text,
    )
    assert copy.path != original.path and copy.published > original.published

    assert "<script>alert(1)</script>" in article(spec, *SCRIPT_TITLE_KEY).title
    private = article(spec, *PRIVATE_KEY)
    assert private.private and private.path.startswith("/private/")
    assert private.path not in {e.path for e in spec.expected}


def test_multi_author_columns_exist_in_each_language(spec: DemoSpec) -> None:
    languages = {
        p.language for p in spec.publications for a in p.public_articles if len(a.authors) == 2
    }
    assert languages == {"en", "de", "fr", "es"}


def test_dates_are_aware_in_the_publication_offset_and_not_after_the_anchor(
    spec: DemoSpec,
) -> None:
    for pub in spec.publications:
        for a in pub.articles:
            assert a.published.utcoffset() == pub.tz.utcoffset(None)
            if a.syndicated_from is None:
                assert a.published <= spec.anchor
            if a.updated:
                assert a.updated > a.published


def test_same_arguments_give_the_same_web() -> None:
    assert build_web() == build_web()
    assert build_web(publications=9, articles_per_publication=3, seed=5) == build_web(
        publications=9, articles_per_publication=3, seed=5
    )


def test_seed_and_anchor_change_the_web() -> None:
    base = build_web(publications=8, articles_per_publication=4)
    other_seed = build_web(publications=8, articles_per_publication=4, seed=2)
    assert [a.text for p in base.publications[6:] for a in p.articles] != [
        a.text for p in other_seed.publications[6:] for a in p.articles
    ]
    anchor = datetime(2030, 1, 15, 12, tzinfo=UTC)
    later = build_web(anchor=anchor)
    assert later.anchor == anchor != DEFAULT_ANCHOR
    newest = max(a.published for p in later.publications for a in p.public_articles)
    assert timedelta(0) < anchor - newest < timedelta(days=1)


def test_bulk_mode_produces_the_counts_asked_for() -> None:
    bulk = build_web(publications=50, articles_per_publication=40)
    assert len(bulk.publications) == 50
    assert bulk.article_count == 2000 == len(bulk.expected)
    assert all(len(p.public_articles) == 40 for p in bulk.publications)
    assert len({p.slug for p in bulk.publications}) == 50
    assert len({(e.publication_slug, e.path) for e in bulk.expected}) == 2000
    assert {p.style for p in bulk.publications} == set(STYLES)
    combos = {(p.style, p.language) for p in bulk.publications}
    assert len(combos) == 16  # every style meets every language
    # The hand-made cases come first, so a bulk crawl exercises them too.
    assert [p.slug for p in bulk.publications[:6]] == [p.slug for p in build_web().publications]


def test_small_bulk_keeps_the_first_handmade_publications() -> None:
    small = build_web(publications=2, articles_per_publication=3)
    assert [p.slug for p in small.publications] == ["meridian-ledger", "nordwind-rundschau"]
    assert small.article_count == 6


def test_bulk_articles_are_distinct_enough_for_near_duplicate_detection() -> None:
    bulk = build_web(publications=20, articles_per_publication=15)
    originals = [
        (p.language, shingles(a.text))
        for p in bulk.publications
        for a in p.public_articles
        if a.syndicated_from is None and not a.paywalled
    ]
    worst = 0.0
    for (lang_a, a), (lang_b, b) in itertools.combinations(originals, 2):
        if lang_a == lang_b:
            worst = max(worst, len(a & b) / len(a | b))
    assert worst < 0.35
    texts = [a.text for p in bulk.publications for a in p.public_articles]
    syndicated = sum(1 for p in bulk.publications for a in p.articles if a.syndicated_from)
    assert len(set(texts)) == len(texts) - syndicated


def test_titles_and_paths_are_unique_within_a_publication() -> None:
    bulk = build_web(publications=12, articles_per_publication=40)
    for pub in bulk.publications:
        assert len({a.title for a in pub.articles}) == len(pub.articles)
        assert len({a.path for a in pub.articles}) == len(pub.articles)


def test_expected_manifest_describes_each_article(spec: DemoSpec) -> None:
    expected = {(e.publication_slug, e.path): e for e in spec.expected}
    for pub in spec.publications:
        for a in pub.public_articles:
            e = expected[(pub.slug, a.path)]
            assert e.title == a.title and e.authors == a.authors
            assert e.language == pub.language and e.country == pub.country
            assert datetime.fromisoformat(e.published) == a.published
            assert e.published_date == a.published.date().isoformat()
            assert e.text == "\n\n".join(a.paragraphs) and e.word_count == len(e.text.split())
            assert e.url is None  # no ports before serving
    assert expected[
        ("meridian-ledger", article(spec, "meridian-ledger", PAYWALLED_KEY).path)
    ].paywalled
    assert spec.expected[0].to_dict()["authors"] == list(spec.expected[0].authors)


@pytest.mark.parametrize("kwargs", [{"publications": 0}, {"articles_per_publication": 0}])
def test_nonsense_sizes_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        build_web(**kwargs)
