"""`python -m colonnade.demo`: serve the sample web in its own process until interrupted.

Prints one JSON object per publication on standard output (name, homepage_url, country,
language, feed_url), then the line "ready". `--manifest FILE` also writes the expected articles
as JSON. A benchmark can run the web this way so the server does not share the crawler's
process, memory or GIL.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from colonnade.demo import DemoServer, build_web


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m colonnade.demo", description=__doc__)
    parser.add_argument(
        "--publications",
        type=int,
        default=None,
        help="bulk mode with this many publications (default: hand-made set)",
    )
    parser.add_argument("--articles", type=int, default=None, help="articles per publication")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path, help="write the expected articles here (JSON)")
    args = parser.parse_args(argv)
    spec = build_web(
        publications=args.publications, articles_per_publication=args.articles, seed=args.seed
    )
    with DemoServer(spec) as server:
        if args.manifest:
            data = [e.to_dict() for e in server.expected]
            args.manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        for pub in server.publications:
            print(json.dumps(pub._asdict(), ensure_ascii=False))
        print("ready", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)


if __name__ == "__main__":
    main()
