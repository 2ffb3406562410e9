"""The code is lint-clean: ruff, configured in pyproject.toml, finds nothing in src, tests or
benchmarks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    # From the repository root so ruff reads pyproject.toml's [tool.ruff]; `python -m ruff` finds
    # the ruff installed beside this interpreter, as tests/test_typing.py does for mypy.
    command = ["ruff", "check", "--no-cache", "--output-format=concise"]
    result = subprocess.run(
        [sys.executable, "-m", *command, "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"
