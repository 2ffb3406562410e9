"""Benchmark search in the store itself: p50/p99 of `storage.articles.find` with words, by
relevance and newest first, on the collection benchmarks/site.py builds (100,000 articles).

    .venv/bin/python benchmarks/site.py --duration 1 --soak 1   # builds the database once
    .venv/bin/python benchmarks/search.py [--db /tmp/colonnade-bench-site.db] [--queries 300]

Queries are the demo lexicons' topic words (as the site benchmark's search), then the three
words in the most articles, the worst case of ranking every match. Each query is one page of
20 with snippets. Nothing but the local database file is touched.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from colonnade.demo.writer import lexicon
from colonnade.store import ORDERS, ArticleQuery, Storage, open_storage

LANGUAGES = ("en", "de", "fr", "es")


def timed(storage: Storage, query: ArticleQuery) -> float:
    started = time.perf_counter()
    storage.articles.find(query)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/colonnade-bench-site.db"))
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: run benchmarks/site.py first")
    storage = open_storage(f"sqlite:///{args.db}")
    total = storage.stats()["articles"]
    words = [w for language in LANGUAGES for w in lexicon(language).words("topic")]
    rng = random.Random(args.seed)
    print(f"{total:,} articles, {args.queries} queries per order, one page of 20")
    for order in ORDERS:
        chosen = [rng.choice(words) for _ in range(args.queries)]
        times = sorted(timed(storage, ArticleQuery(text=w, order=order)) for w in chosen)
        p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{order:>9}: p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   max {times[-1]:6.1f} ms")
    with storage.db.read() as conn:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary "
            "USING fts5vocab(main, articles_fts, 'row')"
        )
        common = conn.exec_driver_sql(
            "SELECT term, doc FROM temp.vocabulary ORDER BY doc DESC LIMIT 3"
        ).all()
    for term, docs in common:
        cells = []
        for order in ORDERS:
            query = ArticleQuery(text=str(term), order=order)
            best = min(timed(storage, query) for _ in range(3))
            cells.append(f"{order} {best:.0f} ms")
        print(f"most common {term!r} ({docs:,} articles): " + ", ".join(cells))
    storage.close()


if __name__ == "__main__":
    main()
