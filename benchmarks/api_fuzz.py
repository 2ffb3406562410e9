"""Fuzz the site against its /openapi.json with schemathesis, on SQLite, and count.

    .venv/bin/python benchmarks/api_fuzz.py                  # 200 examples per operation and mode
    .venv/bin/python benchmarks/api_fuzz.py --examples 50    # quicker

The check of tests/web/test_openapi_contract.py (its `fuzz`), with more examples: the test
corpus (tests/web/corpus.py) in a fresh SQLite file, served by the real app under uvicorn on
127.0.0.1; every operation the document lists gets valid and invalid generated requests, and
each answer must be one the document declares (status, content type, body schema) and not a
server error. Derandomised: the same figures on every run of the same code. Prints the
operations, requests, 5xx answers and violations (the first few, with a curl command each);
exits 1 when there is any 5xx or violation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The web tests' corpus, server and check, importable as pytest imports them.
sys.path.insert(0, str(ROOT / "tests"))

from colonnade.store import open_storage  # noqa: E402
from colonnade.web.app import create_app  # noqa: E402
from web.conftest import SETTINGS  # noqa: E402
from web.corpus import build  # noqa: E402
from web.test_openapi_contract import fuzz  # noqa: E402
from web.webserver import serving  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=200, help="per operation and mode (default 200)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        storage = open_storage(f"sqlite:///{Path(folder) / 'colonnade.db'}")
        try:
            build(storage)
            started = time.monotonic()
            with serving(create_app(storage, SETTINGS)) as base:
                report = fuzz(base, max_examples=args.examples)
            seconds = time.monotonic() - started
        finally:
            storage.close()
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(report.statuses.items()))
    print(f"examples per operation and mode: {args.examples}")
    print(f"operations: {report.operations}")
    print(f"requests:   {report.requests} in {seconds:.1f} s ({statuses})")
    print(f"5xx:        {report.server_errors}")
    print(f"violations: {sum(report.violations.values())} ({len(report.violations)} distinct)")
    if report.violations:
        print(report.summary())
    return 1 if report.server_errors or report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
