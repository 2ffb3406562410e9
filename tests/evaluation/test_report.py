"""Tables: one per data set, best body F1 first, metadata columns only where annotated."""

from __future__ import annotations

import io
import json

from rich.console import Console

from colonnade.evaluation import report
from colonnade.evaluation.harness import Summary
from colonnade.evaluation.scoring import BodyScore


def _row(dataset: str, name: str, f1: float, meta: float | None, timeouts: int = 0) -> Summary:
    return Summary(
        dataset=dataset,
        extractor=name,
        pages=181,
        body=BodyScore(precision=0.9, recall=0.8, f1=f1),
        title=meta,
        authors=meta,
        date=meta,
        ms_median=12.34,
        ms_mean=20.0,
        crashes=2 if timeouts else 0,
        timeouts=timeouts,
    )


def test_markdown_table_lists_extractors_best_first() -> None:
    rows = [_row("aeb", "slow", 0.5, None, timeouts=1), _row("aeb", "good", 0.95, None)]
    text = report.markdown_table("aeb", rows)
    assert text.splitlines() == [
        "### aeb: scrapinghub article-extraction-benchmark (181 pages)",
        "",
        "| Extractor | Body P | Body R | Body F1 | ms median | ms mean | Crashes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| good | 0.900 | 0.800 | 0.950 | 12.3 | 20.0 | 0 |",
        "| slow | 0.900 | 0.800 | 0.500 | 12.3 | 20.0 | 2 (1 timeouts) |",
    ]


def test_metadata_columns_appear_where_the_data_set_has_them() -> None:
    text = report.markdown_table("fundus", [_row("fundus", "x", 0.9, 0.25)])
    header, _, row = text.splitlines()[2:5]
    assert "| Title | Authors | Date |" in header
    assert row == "| x | 0.900 | 0.800 | 0.900 | 0.250 | 0.250 | 0.250 | 12.3 | 20.0 | 0 |"


def test_rich_table_renders_the_same_cells() -> None:
    buffer = io.StringIO()
    Console(file=buffer, width=200).print(
        report.rich_table("aeb", [_row("aeb", "good", 0.95, None)])
    )
    out = buffer.getvalue()
    assert "aeb: scrapinghub article-extraction-benchmark (181 pages)" in out
    assert "good" in out and "0.950" in out and "Title" not in out


def test_json_carries_the_figures_and_timings() -> None:
    (item,) = json.loads(report.dumps([_row("fundus", "x", 0.9, 0.25)]))
    assert item["extractor"] == "x" and item["title_accuracy"] == 0.25
    assert item["ms_median"] == 12.34 and item["crashes"] == 0
