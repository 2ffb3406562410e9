"""The extraction quality gate: our figures on both benchmark sets may not fall below the
floors pinned in benchmarks/extraction-baseline.json (lowering one needs --allow-lower)."""

from __future__ import annotations

from pathlib import Path

import pytest

from colonnade.evaluation import command


def test_extractor_figures_hold_their_floors(
    bench_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # bench_data is datasets.default_root(), where the command reads the pages too.
    status = command.main(["--dataset", "all", "--extractors", "colonnade", "--check-baseline"])
    err = capsys.readouterr().err
    assert status == 0, err
