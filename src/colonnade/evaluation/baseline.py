"""Quality floors for our extractor: a run fails when a figure drops below its pinned floor.

The baseline file (benchmarks/extraction-baseline.json) holds, per data set, the figures of our
extractor as last pinned, minus a small tolerance so that noise-free reruns pass. Floors only move
when someone asks for it (`--update-baseline`), and only up: lowering one, or dropping it, also
needs `--allow-lower`, so a regression cannot be pinned as the new normal by accident.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_TOLERANCE = 0.002
Figures = Mapping[str, Mapping[str, float]]  # data set -> figure name -> value


@dataclass(frozen=True, slots=True)
class Shortfall:
    dataset: str
    figure: str
    value: float | None  # None: the run did not produce this figure at all
    floor: float

    def __str__(self) -> str:
        got = "missing" if self.value is None else f"{self.value:.4f}"
        return f"{self.dataset}.{self.figure}: {got} < floor {self.floor:.4f}"


@dataclass(frozen=True, slots=True)
class Lowering:
    dataset: str
    figure: str
    before: float
    after: float | None  # None: the new baseline drops this floor

    def __str__(self) -> str:
        now = "dropped" if self.after is None else f"{self.after:.4f}"
        return f"{self.dataset}.{self.figure} {self.before:.4f} -> {now}"


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def check(figures: Figures, baseline: Mapping[str, Any]) -> list[Shortfall]:
    """Every figure below its floor, for the data sets that were evaluated in `figures`.

    A data set absent from `figures` was not run and is not judged; a floor whose figure is
    missing from an evaluated data set is a shortfall (a figure must not vanish silently).
    """
    shortfalls = []
    for dataset, floors in sorted(baseline.get("floors", {}).items()):
        if dataset not in figures:
            continue
        measured = figures[dataset]
        for figure, floor in sorted(floors.items()):
            value = measured.get(figure)
            if value is None or value < floor:
                shortfalls.append(Shortfall(dataset, figure, value, floor))
    return shortfalls


def updated(
    figures: Figures,
    previous: Mapping[str, Any] | None,
    *,
    extractor: str,
    tolerance: float = DEFAULT_TOLERANCE,
) -> dict[str, Any]:
    """A new baseline: the measured figures minus `tolerance`, floored at 0.

    Data sets that were not run keep their previous floors.
    """
    floors: dict[str, dict[str, float]] = {
        dataset: dict(values) for dataset, values in (previous or {}).get("floors", {}).items()
    }
    for dataset, values in figures.items():
        floors[dataset] = {
            name: _floor4(value - tolerance) for name, value in sorted(values.items())
        }
    return {
        "extractor": extractor,
        "tolerance": tolerance,
        "floors": dict(sorted(floors.items())),
    }


def lowered(new: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[Lowering]:
    """Every floor of `previous` that `new` sets lower or leaves out."""
    lowerings = []
    new_floors = new.get("floors", {})
    for dataset, floors in sorted((previous or {}).get("floors", {}).items()):
        for figure, before in sorted(floors.items()):
            after = new_floors.get(dataset, {}).get(figure)
            if after is None or after < before:
                lowerings.append(Lowering(dataset, figure, before, after))
    return lowerings


def _floor4(value: float) -> float:
    # Round down, so the stored floor never creeps above value - tolerance; the inner round
    # drops float noise first (0.7 - 0.01 is 0.68999...).
    return max(0.0, math.floor(round(value * 10_000, 6)) / 10_000)


def save(path: Path, baseline: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(baseline, indent=2, sort_keys=False) + "\n", encoding="utf-8")
