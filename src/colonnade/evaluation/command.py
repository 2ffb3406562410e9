"""The evaluation command: `python benchmarks/extraction.py` today, `colonnade eval` later.

Tables go to standard output; progress, warnings and the baseline verdict to standard error.
Exit status: 0 on success, 1 when --check-baseline finds a figure below its floor or when
--update-baseline would lower a floor without --allow-lower, 2 on a usage error (unknown
extractor, missing data set, nothing to check).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from colonnade.evaluation import baseline, datasets, report
from colonnade.evaluation.harness import PageResult, Summary, evaluate
from colonnade.evaluation.peers import EXTRACTORS, OURS, is_available
from colonnade.evaluation.runner import DEFAULT_TIMEOUT, cpu_count

logger = logging.getLogger(__name__)

DEFAULT_BASELINE = Path(__file__).resolve().parents[3] / "benchmarks" / "extraction-baseline.json"


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extraction.py",
        description="Score Colonnade's extractor and its peers on pages with gold annotations.",
    )
    parser.add_argument("--dataset", choices=[*datasets.DATASETS, "all"], default="all")
    parser.add_argument(
        "--extractors",
        help="comma-separated names (default: every one installed): " + ", ".join(EXTRACTORS),
    )
    parser.add_argument("--jobs", type=int, default=cpu_count(), help="worker processes")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per page before a kill"
    )
    parser.add_argument("--limit", type=int, help="only the first N pages of each data set")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the tables")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    parser.add_argument(
        "--pages", type=Path, metavar="FILE", help="also write per-page scores (JSON lines)"
    )
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, metavar="FILE")
    verdict = parser.add_mutually_exclusive_group()
    verdict.add_argument(
        "--check-baseline",
        action="store_true",
        help=f"exit 1 when a figure of {OURS!r} falls below its floor in the baseline file",
    )
    verdict.add_argument(
        "--update-baseline",
        action="store_true",
        help=f"pin the current figures of {OURS!r} (minus a tolerance) as the new floors",
    )
    parser.add_argument(
        "--allow-lower",
        action="store_true",
        help="with --update-baseline: let the new floors be lower than the old ones",
    )
    parser.add_argument("--tolerance", type=float, default=baseline.DEFAULT_TOLERANCE)
    return parser


def _extractors(spec: str | None, err: Console) -> list[str]:
    # Named on purpose, an extractor must run; by default, the ones not installed are skipped.
    explicit = spec is not None
    names = [n.strip() for n in spec.split(",") if n.strip()] if spec else list(EXTRACTORS)
    unknown = [name for name in names if name not in EXTRACTORS]
    if unknown:
        raise UsageError(f"unknown extractor(s): {', '.join(unknown)}")
    chosen = []
    for name in names:
        if is_available(name):
            chosen.append(name)
        elif explicit:
            raise UsageError(f"extractor {name!r} is not importable here")
        else:
            err.print(f"[yellow]skipping {name}: not importable here[/yellow]")
    if not chosen:
        raise UsageError("no extractor to run")
    return chosen


def _run_dataset(
    name: str, extractors: list[str], args: argparse.Namespace, err: Console
) -> tuple[list[Summary], list[PageResult]]:
    cases = datasets.load(name)
    if args.limit:
        cases = cases[: args.limit]
    columns = [*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as progress:
        bar = progress.add_task(f"{name}", total=len(cases) * len(extractors))
        summaries, pages = evaluate(
            cases,
            extractors,
            jobs=args.jobs,
            timeout=args.timeout,
            progress=lambda page: progress.update(
                bar, advance=1, description=f"{name} {page.extractor}"
            ),
        )
    for page in pages:
        if page.crashed:
            reason = (page.error or "").split("\n", 1)[0][:160]
            err.print(
                f"[yellow]{page.extractor} crashed on {name}/{page.case_id}:[/] {reason}",
                soft_wrap=True,
                highlight=False,
            )
    return summaries, pages


def judge(
    rows: Sequence[Summary],
    *,
    path: Path,
    check: bool = False,
    update: bool = False,
    allow_lower: bool = False,
    tolerance: float = baseline.DEFAULT_TOLERANCE,
    err: Console | None = None,
) -> int:
    """Check our figures against the floors in `path`, or pin them there; the exit status.

    Pinning never lowers a floor (nor drops one) unless `allow_lower` says so.
    """
    err = err or Console(stderr=True)
    if not (check or update):
        return 0
    ours = {row.dataset: row.figures() for row in rows if row.extractor == OURS}
    if not ours:
        raise UsageError(f"the baseline concerns {OURS!r}, which was not evaluated")
    if update:
        previous = baseline.load(path) if path.exists() else None
        new = baseline.updated(ours, previous, extractor=OURS, tolerance=tolerance)
        lowerings = baseline.lowered(new, previous)
        if lowerings and not allow_lower:
            listed = ", ".join(str(lowering) for lowering in lowerings)
            err.print(
                f"[red]error:[/red] refusing to lower floors in {path}: {listed}; "
                "pass --allow-lower to lower them",
                soft_wrap=True,
                highlight=False,
            )
            return 1
        baseline.save(path, new)
        if lowerings:
            err.print(
                f"[yellow]floors lowered:[/yellow] {', '.join(map(str, lowerings))}",
                soft_wrap=True,
                highlight=False,
            )
        err.print(f"baseline floors written to {path}")
        return 0
    if not path.exists():
        raise UsageError(f"no baseline file at {path}; create one with --update-baseline")
    shortfalls = baseline.check(ours, baseline.load(path))
    for shortfall in shortfalls:
        err.print(f"[red]below floor[/red] {shortfall}")
    if shortfalls:
        return 1
    err.print(f"[green]every figure of {OURS} is at or above its floor[/green]")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # Tables wider than a pipe's default 80 columns would be cut; a terminal keeps its width.
    out = Console() if sys.stdout.isatty() else Console(width=160)
    err = Console(stderr=True)
    names = list(datasets.DATASETS) if args.dataset == "all" else [args.dataset]
    started = time.monotonic()
    try:
        if args.allow_lower and not args.update_baseline:
            raise UsageError("--allow-lower only goes with --update-baseline")
        extractors = _extractors(args.extractors, err)
        rows: list[Summary] = []
        pages: list[PageResult] = []
        markdown: list[str] = []
        for name in names:
            summaries, dataset_pages = _run_dataset(name, extractors, args, err)
            rows += summaries
            pages += dataset_pages
            out.print(report.rich_table(name, summaries))
            markdown.append(report.markdown_table(name, summaries))
        elapsed = time.monotonic() - started
        err.print(f"evaluated in {elapsed:.0f} s with {args.jobs} worker(s)")
        if args.markdown:
            note = f"_{len(extractors)} extractors, {args.jobs} workers, {elapsed:.0f} s._\n"
            args.markdown.write_text("\n".join(markdown) + "\n" + note, encoding="utf-8")
        if args.json:
            args.json.write_text(report.dumps(rows) + "\n", encoding="utf-8")
        if args.pages:
            lines = [json.dumps(record) for record in report.page_records(pages)]
            args.pages.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return judge(
            rows,
            path=args.baseline,
            check=args.check_baseline,
            update=args.update_baseline,
            allow_lower=args.allow_lower,
            tolerance=args.tolerance,
            err=err,
        )
    except (UsageError, datasets.DatasetMissing) as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
