"""The extraction quality gate: our figures on both benchmark sets may not fall below the
floors pinned in benchmarks/extraction-baseline.json (lowering one is a deliberate edit)."""

from __future__ import annotations

import pytest

from colonnade.evaluation import command, datasets


def test_extractor_figures_hold_their_floors(capsys: pytest.CaptureFixture[str]) -> None:
    for name in datasets.DATASETS:
        try:
            datasets.dataset_dir(name)
        except datasets.DatasetMissing as exc:
            pytest.skip(f"{exc}: the extraction floor gate needs the benchmark pages")
    status = command.main(["--dataset", "all", "--extractors", "colonnade", "--check-baseline"])
    err = capsys.readouterr().err
    assert status == 0, err
