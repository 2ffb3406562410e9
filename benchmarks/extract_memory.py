"""Memory budget benchmark: how many real pages each `extract_memory_mb` would refuse.

    .venv/bin/python benchmarks/extract_memory.py [--budgets 96,128,160,256] [--workers 2]

Every page of the shared benchmark sets (../shared/bench-data, read in place, never copied)
goes through an extraction pool with each budget, as the crawl would send it. Prints, per
budget, the pages refused for memory, the pages that failed otherwise (the extractor's own
verdicts, the same under any budget), how many workers were started (a worker still holding
over half its budget after a page is replaced), and the seconds the pass took.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import time
from pathlib import Path

from colonnade.config import Settings
from colonnade.crawl.workers import ExtractPool, OverMemoryBudget
from colonnade.errors import ExtractError

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench-data"


def pages() -> list[bytes]:
    found = []
    for path in sorted(BENCH.rglob("*.html*")):
        data = path.read_bytes()
        found.append(gzip.decompress(data) if path.suffix == ".gz" else data)
    return found


async def one_pass(pool: ExtractPool, bodies: list[bytes]) -> tuple[int, int, int]:
    refused = failed = 0
    lanes = asyncio.Semaphore(pool.size)

    async def extract(n: int, body: bytes) -> None:
        nonlocal refused, failed
        async with lanes:
            try:
                await pool.extract(body, None, f"https://example.com/page/{n}")
            except OverMemoryBudget:
                refused += 1
            except ExtractError:
                failed += 1

    await asyncio.gather(*(extract(n, body) for n, body in enumerate(bodies)))
    return refused, failed, pool.started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budgets", default="96,128,160,256")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bodies = pages()
    largest = max(len(b) for b in bodies) / 1e6
    print(f"{len(bodies)} pages from {BENCH} (largest {largest:.1f} MB)")
    settings = Settings().with_(extract_workers=args.workers)
    for budget in (int(b) for b in args.budgets.split(",")):
        pool = ExtractPool(settings, memory_mb=budget)
        began = time.perf_counter()
        try:
            refused, failed, workers = asyncio.run(one_pass(pool, bodies))
        finally:
            pool.shutdown()
        print(
            f"extract_memory_mb {budget:>4}: {refused} refused for memory, {failed} failed "
            f"otherwise, {workers} workers started, {time.perf_counter() - began:.1f} s"
        )


if __name__ == "__main__":
    main()
