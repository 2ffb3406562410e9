"""The body scorer (mirrors scrapinghub's evaluate.py) on texts small enough to score by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from colonnade.evaluation.scoring import Overlap, body_score, overlap, shingles, tokenize


def test_tokens_are_word_runs_with_case_and_punctuation_dropped_but_case_kept() -> None:
    assert tokenize("Hello, wörld! It's 2024.") == ["Hello", "wörld", "It", "s", "2024"]
    assert tokenize(None) == []


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    assert shingles("a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1,
         ("d", "a", "b", "c"): 1}
    )  # fmt: skip


def test_a_text_shorter_than_a_shingle_is_one_short_shingle_and_empty_text_none() -> None:
    assert shingles("just two") == Counter({("just", "two"): 1})
    assert shingles("  ...  ") == Counter()


def test_identical_texts_score_one() -> None:
    score = body_score(
        [overlap("The quick brown fox jumps over", "The quick brown fox jumps over")]
    )
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_punctuation_and_spacing_do_not_matter_but_case_does() -> None:
    assert overlap("Hello, world! How are you?", "Hello world\n\nHow are you") == Overlap(2, 0, 0)
    assert overlap("hello world", "Hello world") == Overlap(0, 1, 1)


def test_disjoint_texts_score_zero() -> None:
    score = body_score([overlap("one two three four five", "six seven eight nine ten")])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_one_changed_token_at_the_end_of_five() -> None:
    # gold shingles: abcd, bcde; output: abcd, bcdx -> one shared, one extra, one missed.
    assert overlap("a b c d e", "a b c d x") == Overlap(tp=1, fp=1, fn=1)


def test_repeated_shingles_count_as_often_as_they_occur() -> None:
    # The gold has abcd twice; the output only once, so recall is 1/5, not 1/4.
    page = overlap("a b c d a b c d", "a b c d")
    assert page == Overlap(tp=1, fp=0, fn=4)
    assert (page.precision, page.recall) == (1.0, 0.2)


def test_empty_output_counts_in_recall_only() -> None:
    pages = [
        overlap("a b c d e", "a b c d e"),  # P 1, R 1
        overlap("a b c d e", ""),  # no P, R 0
        overlap("a b c d e", "a b c d x"),  # P 0.5, R 0.5
    ]
    score = body_score(pages)
    assert score.precision == pytest.approx(0.75)  # (1 + 0.5) / 2
    assert score.recall == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3
    assert score.f1 == pytest.approx(0.6)  # 2 * 0.75 * 0.5 / 1.25, F1 of the averages


def test_empty_gold_counts_in_precision_only() -> None:
    score = body_score([overlap("", "stray words here"), overlap("a b c d", "a b c d")])
    assert score.precision == pytest.approx(0.5)
    assert score.recall == 1.0


def test_nothing_to_average_scores_zero_rather_than_failing() -> None:
    assert body_score([overlap("a b c d", "")]).f1 == 0.0
    assert body_score([]).f1 == 0.0
