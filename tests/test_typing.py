"""The package type-checks: mypy, configured in pyproject.toml, finds nothing in src/colonnade."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors() -> None:
    # From the repository root so mypy reads pyproject.toml's [tool.mypy] and reuses its cache
    # (.mypy_cache): a warm run takes about a second, a cold one a few.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src/colonnade"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
