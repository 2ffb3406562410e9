"""The evaluation data sets: pages with gold annotations, read from the shared bench-data folder.

The pages are third-party content and are never copied into the repository; they are read from
`<repo>/../shared/bench-data` or from the folder named by COLONNADE_BENCH_DATA.

- ``aeb``: scrapinghub's article-extraction-benchmark, 181 pages, gold body only.
- ``fundus``: fundus's parser test pages, 258 pages from many countries and languages, gold
  title, authors, publishing date and body.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ENV_VAR = "COLONNADE_BENCH_DATA"
DATASETS = ("aeb", "fundus")
_FOLDERS = {"aeb": "scrapinghub-aeb", "fundus": "fundus"}


class DatasetMissing(LookupError):
    """The bench-data folder, or one data set in it, is not on this machine."""


@dataclass(frozen=True, slots=True)
class Gold:
    """What a page should yield. None means the data set does not annotate that field."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """One page to extract: its id within the data set, where the HTML lives, its URL."""

    dataset: str
    id: str
    path: Path
    url: str | None
    gold: Gold

    def read_html(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())


def default_root() -> Path:
    """`COLONNADE_BENCH_DATA`, else `shared/bench-data` beside the repository checkout."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "bench-data"


def dataset_dir(name: str, root: Path | None = None) -> Path:
    if name not in _FOLDERS:
        raise ValueError(f"unknown data set {name!r}; choose from {', '.join(DATASETS)}")
    folder = (root or default_root()) / _FOLDERS[name]
    if not folder.is_dir():
        raise DatasetMissing(f"data set {name!r} not found at {folder} (set {ENV_VAR})")
    return folder


def load(name: str, root: Path | None = None) -> list[Case]:
    folder = dataset_dir(name, root)
    cases = list(_load_aeb(folder) if name == "aeb" else _load_fundus(folder))
    logger.debug("loaded %d pages of %s from %s", len(cases), name, folder)
    return cases


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _load_aeb(folder: Path) -> Iterator[Case]:
    truth: dict[str, dict[str, str]] = _read_json(folder / "ground-truth.json")
    for page_id in sorted(truth):
        item = truth[page_id]
        yield Case(
            dataset="aeb",
            id=page_id,
            path=folder / "html" / f"{page_id}.html.gz",
            url=item.get("url"),
            gold=Gold(text=item.get("articleBody") or ""),
        )


def fundus_body_text(body: dict[str, Any]) -> str:
    """The gold body as fundus renders it: summary, then each section's headline and paragraphs,
    depth first, joined by blank lines."""
    parts: list[str] = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n\n".join(parts)


def _load_fundus(folder: Path) -> Iterator[Case]:
    index: dict[str, dict[str, str]] = _read_json(folder / "html-to-gold.json")
    gold_files: dict[str, dict[str, Any]] = {}
    for html_path in sorted(index):
        entry = index[html_path]
        gold_path = entry["gold_json"]
        if gold_path not in gold_files:
            gold_files[gold_path] = _read_json(folder / gold_path)
        gold = gold_files[gold_path][entry["version_key"]]
        yield Case(
            dataset="fundus",
            id=Path(html_path).name.removesuffix(".html.gz"),
            path=folder / html_path,
            url=entry.get("url"),
            gold=Gold(
                text=fundus_body_text(gold.get("body") or {}),
                title=gold.get("title"),
                # fundus writes None where a page names no author: gold "nobody", not unknown.
                authors=tuple(gold.get("authors") or ()),
                published=gold.get("publishing_date"),
            ),
        )
