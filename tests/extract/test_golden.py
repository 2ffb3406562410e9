"""Golden test: extract() on every public benchmark page in ../shared/bench-data, page by page.

The pages are third-party and never copied into the repository; without them the test skips,
except on CI (CI set), where their absence fails it. Aggregate quality (body F1, title, authors,
date) is the floor gate's job (tests/evaluation/test_floor_gate.py, floors pinned in
benchmarks/extraction-baseline.json, scored by colonnade.evaluation.scoring). This test holds
what an average can hide: that no page crashes the extractor in this process, and that no page
loses its article entirely, which moves an average over hundreds of pages by less than its slack.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from colonnade.errors import ExtractError
from colonnade.evaluation import datasets, scoring
from colonnade.extract import extract

# Pages may be refused with ExtractError (one fundus page is rendered by scripts and holds no
# text in its HTML); anything else raised is a crash and fails the test at once.
MAX_REFUSALS = 2


@pytest.mark.parametrize("name", datasets.DATASETS)
def test_every_golden_page_yields_part_of_its_article(bench_data: Path, name: str) -> None:
    cases = datasets.load(name, bench_data)
    assert cases
    refused: list[str] = []
    empty: list[str] = []
    for case in cases:
        try:
            article = extract(case.read_html(), case.url)
        except ExtractError as exc:
            refused.append(f"{case.id}: {exc}")
            continue
        overlap = scoring.overlap(case.gold.text, article.text)
        if overlap.has_gold and overlap.tp == 0:
            empty.append(case.id)
    assert len(refused) <= MAX_REFUSALS, refused
    assert not empty, f"pages whose gold body we no longer find at all: {empty}"
