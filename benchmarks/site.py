"""Benchmark the reader site: requests/s and p50/p99 latency at 100,000 articles on SQLite.

    .venv/bin/python benchmarks/site.py                      # fill (once), then measure
    .venv/bin/python benchmarks/site.py --articles 20000 --duration 5 --soak 20   # quicker

1. Fills a SQLite database with generated columns (default 100,000 articles, 5,000
   columnists, 500 publications in 20 countries and 4 languages; prose from the demo web's
   lexicons) through `Storage.save_articles`. The file is kept and reused when it already
   holds that many articles (pass --fresh to rebuild).
2. Starts `colonnade.web.app.create_app` under uvicorn in a subprocess on 127.0.0.1.
3. For each endpoint (front page, an article, a columnist page, a search, an API list):
   - capacity: a closed loop of --concurrency requests in flight for --duration seconds;
     requests/s is the most the site serves (latency there is mostly queueing: at saturation
     each request waits for the ones ahead of it);
   - latency: an open loop at a fixed --rate of requests per second for --duration seconds,
     each request timed from when it was due to be sent (so a slow response delays the
     measurement of the ones behind it, not hides them); p50/p90/p99 against the targets
     (p99 under 50 ms for pages, 100 ms for search).
   Then the mean size of each endpoint's answers, plain and gzipped, and a mixed --soak run
   at the same rate sampling the server's memory (RSS), to show it stays flat.

The load generator (Python, httpx) shares the machine's 2 cores with the server, so the
figures are a floor. Only 127.0.0.1 is ever contacted; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psutil

from colonnade.models import Article

COUNTRIES = {
    "en": ["GB", "US", "IE", "AU", "CA", "NZ", "ZA"],
    "de": ["DE", "AT", "CH"],
    "fr": ["FR", "BE", "SN", "LU"],
    "es": ["ES", "MX", "AR", "CL", "CO", "PE"],
}
LANGUAGES = list(COUNTRIES)
NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
P99_PAGE_MS, P99_SEARCH_MS = 50.0, 100.0


# -- filling the database ------------------------------------------------------------------


def fill(url: str, *, articles: int, columnists: int, publications: int, seed: int) -> float:
    """Create the collection; returns the seconds it took."""
    from colonnade.demo.writer import Writer
    from colonnade.store import open_storage

    rng = random.Random(seed)
    storage = open_storage(url)
    started = time.perf_counter()
    pubs = []
    countries = [(lang, c) for lang in LANGUAGES for c in COUNTRIES[lang]]
    for n in range(publications):
        language, country = countries[n % len(countries)]
        pubs.append(
            storage.publications.add(
                f"Bench {country} Herald {n}",
                f"https://bench-{n}.example",
                country=country,
                language=language,
            )
        )
    names = _people(rng, columnists)
    # Each publication has its regular writers; one in ten columns has a guest co-author.
    per_pub = max(1, columnists // publications)

    def items() -> Iterator[tuple[Article, int]]:
        for n in range(articles):
            pub_index = n % publications
            pub = pubs[pub_index]
            language = pub.language or "en"
            writer = Writer(language, random.Random(f"{seed}:{n}"))
            regulars = names[pub_index * per_pub : (pub_index + 1) * per_pub] or names[:1]
            authors = [rng.choice(regulars)]
            if rng.random() < 0.1:
                authors.append(rng.choice(names))
            published = NOW - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
            paragraphs = writer.paragraphs(rng.randint(250, 700))
            yield (
                Article(
                    url=f"https://bench-{pub_index}.example/opinion/{n}",
                    title=writer.title(),
                    authors=authors,
                    published=published.isoformat(),
                    language=language,
                    text="\n\n".join(paragraphs),
                    description=writer.standfirst(),
                    kind="editorial" if rng.random() < 0.05 else "opinion",
                    word_count=sum(len(p.split()) for p in paragraphs),
                ),
                pub.id,
            )
            if n and n % 10_000 == 0:
                rate = n / (time.perf_counter() - started)
                print(f"  {n:,} articles ({rate:,.0f}/s)", file=sys.stderr)

    storage.articles.save_many(items(), fetched_at=NOW, batch=1000)
    elapsed = time.perf_counter() - started
    storage.close()
    return elapsed


def _people(rng: random.Random, count: int) -> list[str]:
    from colonnade.demo.writer import lexicon

    names: set[str] = set()
    firsts = [w for lang in LANGUAGES for w in lexicon(lang).words("first_name")]
    lasts = [w for lang in LANGUAGES for w in lexicon(lang).words("last_name")]
    while len(names) < count:
        middle = rng.choice("ABCDEFGHJKLMNPRSTVW")
        names.add(f"{rng.choice(firsts)} {middle}. {rng.choice(lasts)}")
    return sorted(names)


# -- the server ----------------------------------------------------------------------------


def serve(url: str, port: int) -> None:
    """The subprocess: the site as `colonnade serve` runs it."""
    import uvicorn

    from colonnade.config import Settings
    from colonnade.store import open_storage
    from colonnade.web.app import create_app

    storage = open_storage(url)
    app = create_app(storage, Settings.from_env(database_url=url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, "serve", "--db", url, "--port", str(port)]
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the site did not start within 60 s")


# -- load ----------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds


async def load(
    base: str, name: str, next_path: Callable[[], str], *, concurrency: int, seconds: float
) -> Result:
    result = Result(name, seconds)
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                path = next_path()
                began = time.perf_counter()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                result.latencies_ms.append((time.perf_counter() - began) * 1000)
                result.errors += 0 if ok else 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return result


async def paced(
    base: str, name: str, next_path: Callable[[], str], *, rate: float, seconds: float
) -> Result:
    """An open loop: one request every 1/rate s, however slow the answers (up to 64 in flight);
    latency counts from when each request was due."""
    result = Result(name, seconds)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one(due: float) -> None:
            try:
                response = await client.get(next_path())
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            result.latencies_ms.append((time.perf_counter() - due) * 1000)
            result.errors += 0 if ok else 1

        tasks = []
        start = time.perf_counter()
        for n in range(int(rate * seconds)):
            due = start + n / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(one(due)))
        await asyncio.gather(*tasks)
    return result


def targets(url: str, seed: int) -> dict[str, Callable[[], str]]:
    """A path generator per endpoint, over real ids, slugs and words from the database."""
    from colonnade.demo.writer import lexicon
    from colonnade.store import open_storage
    from colonnade.web import urls

    rng = random.Random(seed)
    storage = open_storage(url)
    total = storage.stats()["articles"]
    article_paths = []
    for article_id in rng.sample(range(1, total + 1), min(2000, total)):
        found = storage.articles.get(article_id)
        if found is not None:
            article_paths.append(urls.article(found))
    slugs: list[str] = []
    after = None
    while True:
        page, after = storage.columnists.page(after=after, limit=200)
        slugs += [c.slug for c in page]
        if after is None:
            break
    countries = [f.value for f in storage.publications.countries()]
    storage.close()
    words = [w for lang in LANGUAGES for w in lexicon(lang).words("topic")]
    return {
        "home": lambda: "/",
        "article": lambda: rng.choice(article_paths),
        "columnist": lambda: urls.columnist(rng.choice(slugs)),
        "search": lambda: urls.with_query("/search", q=rng.choice(words)),
        "api list": lambda: urls.with_query(
            "/api/v1/articles", country=rng.choice(countries), limit="20"
        ),
    }


def answer_bytes(base: str, paths: dict[str, Callable[[], str]], samples: int = 20) -> None:
    """Mean bytes of each endpoint's answer body, plain and gzipped, as sent."""
    import httpx

    print("\n| endpoint | bytes plain | bytes gzip | gzip / plain |")
    print("| --- | ---: | ---: | ---: |")
    with httpx.Client(base_url=base, timeout=30) as client:

        def sent(path: str, encoding: str) -> int:
            request = client.build_request("GET", path, headers={"Accept-Encoding": encoding})
            response = client.send(request, stream=True)
            try:
                return len(b"".join(response.iter_raw()))
            finally:
                response.close()

        for name, next_path in paths.items():
            chosen = [next_path() for _ in range(samples)]
            plain = statistics.mean(sent(path, "identity") for path in chosen)
            packed = statistics.mean(sent(path, "gzip") for path in chosen)
            print(f"| {name} | {plain:,.0f} | {packed:,.0f} | {packed / plain:.2f} |")


def rss_mb(process: psutil.Process) -> float:
    return process.memory_info().rss / 1e6


async def measure(base: str, server: subprocess.Popen[bytes], args: argparse.Namespace) -> int:
    paths = targets(args.db_url, args.seed)
    await load(base, "warm-up", paths["article"], concurrency=args.concurrency, seconds=2)
    rows = []
    for name, next_path in paths.items():
        capacity = await load(
            base, name, next_path, concurrency=args.concurrency, seconds=args.duration
        )
        latency = await paced(base, name, next_path, rate=args.rate, seconds=args.duration)
        rows.append((capacity, latency))
    answer_bytes(base, paths)
    print(
        f"\n{args.articles:,} articles, SQLite; capacity with {args.concurrency} requests in "
        f"flight, latency at {args.rate:.0f} requests/s; {args.duration:.0f} s each\n"
    )
    print(
        "| endpoint | capacity req/s | p50 ms | p90 ms | p99 ms | target p99 "
        "| saturated p50 / p99 ms | errors |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    failed = 0
    for capacity, latency in rows:
        target = P99_SEARCH_MS if latency.name == "search" else P99_PAGE_MS
        verdict = "ok" if latency.percentile(99) <= target else "MISSED"
        errors = capacity.errors + latency.errors
        failed += verdict != "ok" or errors > 0
        print(
            f"| {latency.name} | {capacity.rate:,.0f} | {latency.percentile(50):.1f} "
            f"| {latency.percentile(90):.1f} | {latency.percentile(99):.1f} "
            f"| < {target:.0f} {verdict} | {capacity.percentile(50):.0f} / "
            f"{capacity.percentile(99):.0f} | {errors} |"
        )

    # Soak: everything mixed at the same rate, memory sampled while it runs.
    proc = psutil.Process(server.pid)
    samples: list[float] = [rss_mb(proc)]
    names = list(paths)

    def mixed() -> str:
        return paths[random.choice(names)]()

    async def sample() -> None:
        deadline = time.perf_counter() + args.soak
        while time.perf_counter() < deadline:
            await asyncio.sleep(min(5.0, args.soak / 6))
            samples.append(rss_mb(proc))

    soak, _ = await asyncio.gather(
        paced(base, "mixed", mixed, rate=args.rate, seconds=args.soak), sample()
    )
    print(
        f"\nmixed soak, {args.soak:.0f} s at {args.rate:.0f} requests/s: "
        f"p50 {soak.percentile(50):.1f} ms, p99 {soak.percentile(99):.1f} ms, "
        f"{soak.errors} errors"
    )
    print("server RSS (MB) every few seconds: " + ", ".join(f"{s:.0f}" for s in samples))
    # The first seconds fill caches (SQLite pages, compiled statements); after that, flat.
    growth = samples[-1] - samples[len(samples) // 2]
    print(f"growth over the second half of the run: {growth:+.1f} MB")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    serve_cmd = sub.add_parser("serve", help="(internal) run the site for the benchmark")
    serve_cmd.add_argument("--db", required=True)
    serve_cmd.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, default=Path("/tmp/colonnade-bench-site.db"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--columnists", type=int, default=5_000)
    parser.add_argument("--publications", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--rate", type=float, default=50.0, help="requests/s for latency")
    parser.add_argument("--soak", type=float, default=60.0, help="seconds of mixed load")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.db, args.port)
        return

    from colonnade.store import open_storage

    args.db_url = f"sqlite:///{args.db}"
    if args.fresh and args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    with open_storage(args.db_url) as storage:
        have = storage.stats()["articles"]
    if have != args.articles:
        if have:
            raise SystemExit(
                f"{args.db} holds {have:,} articles, not {args.articles:,}: "
                "pass --fresh to rebuild it"
            )
        print(f"filling {args.db} with {args.articles:,} articles...", file=sys.stderr)
        seconds = fill(
            args.db_url,
            articles=args.articles,
            columnists=args.columnists,
            publications=args.publications,
            seed=args.seed,
        )
        print(
            f"filled in {seconds:.0f} s ({args.articles / seconds:,.0f} articles/s)",
            file=sys.stderr,
        )
    size = sum(
        Path(f"{args.db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{args.db}{s}").exists()
    )
    print(f"database: {args.db} ({size / 1e6:,.0f} MB)", file=sys.stderr)
    server, base = start_server(args.db_url)
    try:
        failed = asyncio.run(measure(base, server, args))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    os.environ.setdefault("COLONNADE_CACHE_SECONDS", "30")
    main()
