"""Renders evaluation summaries: one table per data set, for the terminal (Rich) or Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from colonnade.evaluation.harness import PageResult, Summary

TITLES = {
    "aeb": "scrapinghub article-extraction-benchmark",
    "fundus": "fundus parser test pages",
}


def _columns(rows: Sequence[Summary]) -> list[str]:
    columns = ["Extractor", "Body P", "Body R", "Body F1"]
    # Only fundus annotates metadata; an all-None column would only be noise.
    for name, label in (
        ("title", "Title"),
        ("authors", "Authors"),
        ("author_precision", "Auth P"),
        ("author_recall", "Auth R"),
        ("date", "Date"),
    ):
        if any(getattr(row, name) is not None for row in rows):
            columns.append(label)
    return [*columns, "ms median", "ms mean", "Crashes"]


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cells(row: Summary, columns: Sequence[str]) -> list[str]:
    crashes = str(row.crashes)
    if row.timeouts:
        crashes += f" ({row.timeouts} timeouts)"
    values = {
        "Extractor": row.extractor,
        "Body P": _fmt(row.body.precision),
        "Body R": _fmt(row.body.recall),
        "Body F1": _fmt(row.body.f1),
        "Title": _fmt(row.title),
        "Authors": _fmt(row.authors),
        "Auth P": _fmt(row.author_precision),
        "Auth R": _fmt(row.author_recall),
        "Date": _fmt(row.date),
        "ms median": f"{row.ms_median:.1f}",
        "ms mean": f"{row.ms_mean:.1f}",
        "Crashes": crashes,
    }
    return [values[column] for column in columns]


def _ordered(rows: Sequence[Summary]) -> list[Summary]:
    return sorted(rows, key=lambda row: -row.body.f1)


def heading(dataset: str, rows: Sequence[Summary]) -> str:
    pages = max((row.pages for row in rows), default=0)
    return f"{dataset}: {TITLES.get(dataset, dataset)} ({pages} pages)"


def rich_table(dataset: str, rows: Sequence[Summary]) -> Table:
    columns = _columns(rows)
    table = Table(title=heading(dataset, rows))
    for column in columns:
        table.add_column(column, justify="left" if column == "Extractor" else "right")
    for row in _ordered(rows):
        table.add_row(*_cells(row, columns))
    return table


def markdown_table(dataset: str, rows: Sequence[Summary]) -> str:
    columns = _columns(rows)
    lines = [
        f"### {heading(dataset, rows)}",
        "",
        "| " + " | ".join(columns) + " |",
        "| " + " | ".join("---" if c == "Extractor" else "---:" for c in columns) + " |",
    ]
    lines += ["| " + " | ".join(_cells(row, columns)) + " |" for row in _ordered(rows)]
    return "\n".join(lines) + "\n"


def as_json(rows: Sequence[Summary]) -> list[dict[str, Any]]:
    return [
        {
            "dataset": row.dataset,
            "extractor": row.extractor,
            "pages": row.pages,
            **row.figures(),
            "ms_median": row.ms_median,
            "ms_mean": row.ms_mean,
            "crashes": row.crashes,
            "timeouts": row.timeouts,
        }
        for row in rows
    ]


def dumps(rows: Sequence[Summary]) -> str:
    return json.dumps(as_json(rows), indent=2)


def page_records(pages: Sequence[PageResult]) -> list[dict[str, Any]]:
    """One record per page and extractor, for finding where an extractor goes wrong."""
    return [
        {
            "dataset": page.dataset,
            "id": page.case_id,
            "extractor": page.extractor,
            "precision": round(page.overlap.precision, 4) if page.overlap.has_output else None,
            "recall": round(page.overlap.recall, 4) if page.overlap.has_gold else None,
            "title_ok": page.title_ok,
            "authors_ok": page.authors_ok,
            "date_ok": page.date_ok,
            "ms": round(page.seconds * 1000, 1),
            "error": page.error,
        }
        for page in pages
    ]
