"""Floors: a figure below its floor fails the check, by name; floors move only when asked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from colonnade.evaluation import baseline
from colonnade.evaluation.command import UsageError, judge
from colonnade.evaluation.harness import Summary
from colonnade.evaluation.scoring import BodyScore

FLOORS = {
    "extractor": "colonnade",
    "tolerance": 0.002,
    "floors": {
        "aeb": {"body_f1": 0.90, "body_precision": 0.88},
        "fundus": {"body_f1": 0.85, "title_accuracy": 0.80},
    },
}


def test_figures_at_or_above_their_floors_pass() -> None:
    figures = {
        "aeb": {"body_f1": 0.90, "body_precision": 0.95, "body_recall": 0.1},
        "fundus": {"body_f1": 0.91, "title_accuracy": 0.80},
    }
    assert baseline.check(figures, FLOORS) == []


def test_each_figure_below_its_floor_is_named() -> None:
    figures = {
        "aeb": {"body_f1": 0.8999, "body_precision": 0.95},
        "fundus": {"body_f1": 0.91, "title_accuracy": 0.50},
    }
    shortfalls = baseline.check(figures, FLOORS)
    assert [str(s) for s in shortfalls] == [
        "aeb.body_f1: 0.8999 < floor 0.9000",
        "fundus.title_accuracy: 0.5000 < floor 0.8000",
    ]


def test_a_data_set_not_run_is_not_judged_but_a_vanished_figure_is() -> None:
    assert baseline.check({"aeb": {"body_f1": 0.95, "body_precision": 0.95}}, FLOORS) == []
    (shortfall,) = baseline.check({"aeb": {"body_f1": 0.95}}, FLOORS)
    assert str(shortfall) == "aeb.body_precision: missing < floor 0.8800"


def test_updated_floors_are_the_figures_less_the_tolerance_rounded_down() -> None:
    new = baseline.updated(
        {"aeb": {"body_f1": 0.95836, "body_recall": 0.001}},
        FLOORS,
        extractor="colonnade",
        tolerance=0.002,
    )
    assert new["floors"]["aeb"] == {"body_f1": 0.9563, "body_recall": 0.0}
    assert new["floors"]["fundus"] == FLOORS["floors"]["fundus"]  # not run: kept as it was
    assert baseline.check({"aeb": {"body_f1": 0.95836, "body_recall": 0.001}}, new) == []


def _row(dataset: str, extractor: str, f1: float, title: float | None = None) -> Summary:
    return Summary(
        dataset=dataset,
        extractor=extractor,
        pages=10,
        body=BodyScore(precision=f1, recall=f1, f1=f1),
        title=title,
        authors=None,
        date=None,
        ms_median=1.0,
        ms_mean=1.0,
        crashes=0,
        timeouts=0,
    )


def _quiet() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=200), buffer


def test_judge_exits_1_and_names_the_figure_below_its_floor(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(FLOORS))
    rows = [_row("aeb", "colonnade", 0.80), _row("aeb", "trafilatura", 0.99)]
    err, buffer = _quiet()
    assert judge(rows, path=path, check=True, err=err) == 1
    assert "aeb.body_f1: 0.8000 < floor 0.9000" in buffer.getvalue()
    assert "aeb.body_precision: 0.8000 < floor 0.8800" in buffer.getvalue()


def test_judge_passes_when_ours_holds_even_if_a_peer_is_worse(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(FLOORS))
    rows = [_row("aeb", "colonnade", 0.95), _row("aeb", "justext", 0.10)]
    err, _ = _quiet()
    assert judge(rows, path=path, check=True, err=err) == 0


def test_judge_writes_floors_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    rows = [_row("fundus", "colonnade", 0.9, title=0.7), _row("fundus", "goose3", 0.99, 0.99)]
    err, _ = _quiet()
    assert judge(rows, path=path, check=False, update=False, err=err) == 0
    assert not path.exists()
    assert judge(rows, path=path, update=True, tolerance=0.01, err=err) == 0
    floors = json.loads(path.read_text())["floors"]["fundus"]
    assert floors == {
        "body_f1": 0.89,
        "body_precision": 0.89,
        "body_recall": 0.89,
        "title_accuracy": 0.69,
    }
    assert judge(rows, path=path, check=True, err=err) == 0


def test_judge_refuses_without_our_figures_or_a_baseline_file(tmp_path: Path) -> None:
    err, _ = _quiet()
    with pytest.raises(UsageError, match="not evaluated"):
        judge([_row("aeb", "trafilatura", 0.9)], path=tmp_path / "b.json", check=True, err=err)
    with pytest.raises(UsageError, match="--update-baseline"):
        judge([_row("aeb", "colonnade", 0.9)], path=tmp_path / "b.json", check=True, err=err)


def test_lowered_names_each_floor_set_lower_or_dropped() -> None:
    new = {"floors": {"aeb": {"body_f1": 0.91, "body_precision": 0.87}, "fundus": {}}}
    assert [str(lowering) for lowering in baseline.lowered(new, FLOORS)] == [
        "aeb.body_precision 0.8800 -> 0.8700",
        "fundus.body_f1 0.8500 -> dropped",
        "fundus.title_accuracy 0.8000 -> dropped",
    ]
    assert baseline.lowered(FLOORS, FLOORS) == []
    assert baseline.lowered(FLOORS, None) == []


def test_judge_refuses_to_lower_a_floor_without_allow_lower(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(FLOORS))
    rows = [_row("aeb", "colonnade", 0.89)]  # pinned, body_f1 would fall to 0.888 < 0.90
    err, buffer = _quiet()
    assert judge(rows, path=path, update=True, err=err) == 1
    assert json.loads(path.read_text()) == FLOORS  # nothing written
    (line,) = buffer.getvalue().splitlines()
    assert line == (
        f"error: refusing to lower floors in {path}: aeb.body_f1 0.9000 -> 0.8880; "
        "pass --allow-lower to lower them"
    )


def test_judge_lowers_floors_when_allowed(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(FLOORS))
    rows = [_row("aeb", "colonnade", 0.89)]
    err, buffer = _quiet()
    assert judge(rows, path=path, update=True, allow_lower=True, err=err) == 0
    floors = json.loads(path.read_text())["floors"]
    assert floors["aeb"] == {"body_f1": 0.888, "body_precision": 0.888, "body_recall": 0.888}
    assert floors["fundus"] == FLOORS["floors"]["fundus"]
    assert "floors lowered: aeb.body_f1 0.9000 -> 0.8880" in buffer.getvalue()


def test_judge_raises_floors_without_being_asked_twice(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(FLOORS))
    err, _ = _quiet()
    assert judge([_row("aeb", "colonnade", 0.97)], path=path, update=True, err=err) == 0
    assert json.loads(path.read_text())["floors"]["aeb"]["body_f1"] == 0.968
