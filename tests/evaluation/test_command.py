"""The command end to end, on a small synthetic data set in the benchmark's layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from colonnade.evaluation import datasets
from colonnade.evaluation.command import main

from .synthetic import page, write_aeb

PARAGRAPHS = [
    "The council voted on Tuesday to keep the harbour open through the winter months, "
    "ending a dispute that had divided fishermen and ferry operators for most of the year.",
    "Supporters said the decision would protect dozens of jobs, while critics warned that the "
    "cost of dredging and repairs would fall on households already struggling with bills.",
    "A final report on the repairs is expected in the spring, when the council meets again "
    "to review the budget and decide how the work will be paid for over the next decade.",
]


@pytest.fixture
def bench_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "bench"
    write_aeb(
        root,
        {
            f"p{i}": (page(f"Harbour story {i}", PARAGRAPHS), "\n\n".join(PARAGRAPHS))
            for i in range(3)
        },
    )
    monkeypatch.setenv(datasets.ENV_VAR, str(root))
    return root


def test_tables_and_figures_are_written(
    bench_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown, figures, pages = tmp_path / "eval.md", tmp_path / "eval.json", tmp_path / "p.jsonl"
    argv = ["--dataset", "aeb", "--extractors", "trafilatura", "--jobs", "1"]
    code = main([*argv, "--markdown", str(markdown), "--json", str(figures), "--pages", str(pages)])
    assert code == 0
    assert "trafilatura" in capsys.readouterr().out
    table = markdown.read_text()
    assert "### aeb: scrapinghub article-extraction-benchmark (3 pages)" in table
    (row,) = json.loads(figures.read_text())
    assert (row["dataset"], row["extractor"], row["pages"], row["crashes"]) == (
        "aeb",
        "trafilatura",
        3,
        0,
    )
    # A clean page with the article in <article>: trafilatura should get it all.
    assert row["body_f1"] > 0.95
    records = [json.loads(line) for line in pages.read_text().splitlines()]
    assert [r["id"] for r in records] == ["p0", "p1", "p2"]
    assert all(r["extractor"] == "trafilatura" and r["error"] is None for r in records)
    assert all(r["recall"] > 0.95 for r in records)


def test_our_extractor_is_checked_against_the_floors(bench_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    argv = ["--dataset", "aeb", "--extractors", "colonnade", "--jobs", "1", "--baseline", str(path)]
    assert main([*argv, "--update-baseline"]) == 0
    floors = json.loads(path.read_text())
    assert floors["extractor"] == "colonnade"
    assert set(floors["floors"]["aeb"]) == {"body_precision", "body_recall", "body_f1"}
    assert main([*argv, "--check-baseline"]) == 0
    floors["floors"]["aeb"]["body_f1"] = 1.01  # out of reach: the check must fail
    path.write_text(json.dumps(floors))
    assert main([*argv, "--check-baseline"]) == 1


def test_lowering_a_floor_needs_allow_lower(
    bench_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "baseline.json"
    argv = ["--dataset", "aeb", "--extractors", "colonnade", "--jobs", "1", "--baseline", str(path)]
    assert main([*argv, "--update-baseline"]) == 0
    floors = json.loads(path.read_text())
    floors["floors"]["aeb"]["body_f1"] = 1.0  # above anything a run can pin
    path.write_text(json.dumps(floors))
    capsys.readouterr()
    assert main([*argv, "--update-baseline"]) == 1
    assert json.loads(path.read_text()) == floors
    refusal = [line for line in capsys.readouterr().err.splitlines() if "refusing" in line]
    assert len(refusal) == 1 and refusal[0].endswith("pass --allow-lower to lower them")
    assert "aeb.body_f1 1.0000 -> " in refusal[0]
    assert main([*argv, "--update-baseline", "--allow-lower"]) == 0
    assert json.loads(path.read_text())["floors"]["aeb"]["body_f1"] < 1.0
    assert main([*argv, "--check-baseline"]) == 0


def test_usage_errors_exit_2(
    bench_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dataset", "aeb", "--extractors", "nonesuch"]) == 2
    assert "unknown extractor(s): nonesuch" in capsys.readouterr().err
    argv = ["--dataset", "aeb", "--extractors", "trafilatura", "--check-baseline"]
    assert main([*argv, "--baseline", str(tmp_path / "b.json")]) == 2
    assert "which was not evaluated" in capsys.readouterr().err
    assert main(["--dataset", "aeb", "--extractors", "colonnade", "--allow-lower"]) == 2
    assert "--allow-lower only goes with --update-baseline" in capsys.readouterr().err


def test_a_missing_data_set_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path / "nowhere"))
    assert main(["--dataset", "fundus", "--extractors", "trafilatura"]) == 2
    assert "data set 'fundus' not found" in capsys.readouterr().err
