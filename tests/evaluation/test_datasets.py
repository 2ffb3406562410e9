"""Reading the data sets: synthetic folders in the real layouts, and the real ones when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from colonnade.evaluation import datasets
from colonnade.evaluation.datasets import DatasetMissing, Gold, default_root, load

from .synthetic import write_aeb, write_fundus


def test_aeb_pages_carry_their_body_and_url(tmp_path: Path) -> None:
    write_aeb(tmp_path, {"b2": ("<p>two</p>", "Body two"), "a1": ("<p>one</p>", "Body one")})
    cases = load("aeb", tmp_path)
    assert [case.id for case in cases] == ["a1", "b2"]
    assert cases[0].gold == Gold(text="Body one")  # no title, authors or date annotated
    assert cases[0].url == "https://news.example.com/a1"
    assert cases[0].read_html() == b"<p>one</p>"


def test_fundus_gold_is_the_version_matched_to_the_page(tmp_path: Path) -> None:
    first = {
        "title": "Old",
        "authors": ["Ann Lee"],
        "publishing_date": "2024-01-02 10:00:00+01:00",
        "body": {"summary": [], "sections": [{"headline": [], "paragraphs": ["Old text."]}]},
    }
    second = {
        "title": "New",
        "authors": None,  # fundus's way of saying the page names nobody
        "publishing_date": "2025-03-04 10:00:00+01:00",
        "body": {
            "summary": ["Lead."],
            "sections": [
                {"headline": [], "paragraphs": ["First.", "Second."]},
                {"headline": ["Sub"], "paragraphs": ["Third."]},
            ],
        },
    }
    write_fundus(
        tmp_path,
        {
            "de/Paper_2024_01_02": ("<p>old</p>", first),
            "de/Paper_2025_03_04": ("<p>new</p>", second),
        },
    )
    cases = {case.id: case for case in load("fundus", tmp_path)}
    assert set(cases) == {"Paper_2024_01_02", "Paper_2025_03_04"}
    old, new = cases["Paper_2024_01_02"], cases["Paper_2025_03_04"]
    assert old.gold == Gold("Old text.", "Old", ("Ann Lee",), "2024-01-02 10:00:00+01:00")
    assert new.gold.title == "New"
    assert new.gold.authors == ()
    # Summary, then each section's headline and paragraphs, as fundus renders the body.
    assert new.gold.text == "Lead.\n\nFirst.\n\nSecond.\n\nSub\n\nThird."
    assert new.read_html() == b"<p>new</p>"
    assert new.url == "https://paper.example.com/Paper_2025_03_04"


def test_the_root_comes_from_the_environment_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_aeb(tmp_path, {"x": ("<p>x</p>", "x")})
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path))
    assert default_root() == tmp_path
    assert [case.id for case in load("aeb")] == ["x"]


def test_a_missing_data_set_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(DatasetMissing, match="scrapinghub-aeb"):
        load("aeb", tmp_path)
    with pytest.raises(ValueError, match="unknown data set"):
        load("nope", tmp_path)


def test_the_real_data_sets_load_whole(bench_data: Path) -> None:
    aeb, fundus = load("aeb", bench_data), load("fundus", bench_data)
    assert len(aeb) == 181 and len(fundus) == 258
    assert all(case.gold.text.strip() for case in aeb + fundus)
    assert all(case.gold.title and case.gold.published for case in fundus)
    assert len({case.id for case in fundus}) == 258
