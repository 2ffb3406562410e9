"""Builds small bench-data folders in the layouts of the real ones, with pages the tests write."""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def page(title: str, paragraphs: list[str], *, author: str = "", date: str = "") -> str:
    """A plain article page that any extractor should read well."""
    byline = f'<meta name="author" content="{author}">' if author else ""
    published = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{byline}{published}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example</footer>"
        "</body></html>"
    )


def write_aeb(root: Path, pages: Mapping[str, tuple[str, str]]) -> Path:
    """`pages`: id -> (html, gold body)."""
    folder = root / "scrapinghub-aeb"
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": body, "url": f"https://news.example.com/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def write_fundus(root: Path, pages: Mapping[str, tuple[str, dict[str, Any]]]) -> Path:
    """`pages`: "<cc>/<Publisher>_<YYYY_MM_DD>" -> (html, gold record); one gold version each,
    V1, V2... in date order per publisher, as fundus keeps them."""
    folder = root / "fundus"
    index: dict[str, dict[str, str]] = {}
    gold_files: dict[str, dict[str, Any]] = {}
    for key, (html, gold) in sorted(pages.items()):
        country, name = key.split("/")
        publisher = name.split("_")[0]
        data_dir = folder / "tests/resources/parser/test_data" / country
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / f"{name}.html.gz").write_bytes(gzip.compress(html.encode()))
        gold_path = f"tests/resources/parser/test_data/{country}/{publisher}.json"
        versions = gold_files.setdefault(gold_path, {})
        version = f"V{len(versions) + 1}"
        versions[version] = gold
        index[f"tests/resources/parser/test_data/{country}/{name}.html.gz"] = {
            "gold_json": gold_path,
            "version_key": version,
            "publisher": publisher,
            "country": country,
            "url": f"https://{publisher.lower()}.example.com/{name}",
            "crawl_date": "2025-01-01 00:00:00",
        }
    for gold_path, versions in gold_files.items():
        (folder / gold_path).write_text(json.dumps(versions), encoding="utf-8")
    (folder / "html-to-gold.json").write_text(json.dumps(index), encoding="utf-8")
    return folder
