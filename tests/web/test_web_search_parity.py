"""`colonnade search Q --json` and /api/v1/search?q=Q: the same ids in the same order, on a
collection with tied scores and words that share a stem, however the API is paged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from colonnade.cli import cli
from colonnade.config import Settings
from colonnade.models import Article
from colonnade.store import Storage
from colonnade.web.app import create_app

from .webserver import serving

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
START = datetime(2024, 5, 1, tzinfo=UTC)
TEXTS = [
    # Four identical columns: their scores tie, and only the id orders them.
    *[("Harbour budgets", "The harbour budget again.")] * 4,
    ("Harbours of the north", "Harbours and their budgets, compared."),
    ("Harbourside flats", "A harbourside development, and its budget."),
    ("Harbour budgets, harbour budgets", "Harbour budget, harbour budget, harbour budget."),
    ("Rail fares", "Nothing about the sea here; the budget for trains."),
    ("Harb", "A word that is only the start of the others."),
]
QUERIES = ["harbour", "harb", "harbour budget", "harbour budg", "budget", "ha", "sea trains"]


def build(storage: Storage) -> None:
    pub = storage.publications.add("The Daily", "https://daily.example", country="GB")
    for n, (title, text) in enumerate(TEXTS):
        item = Article(
            url=f"https://daily.example/{n}",
            title=title,
            authors=["Jane Doe"],
            published=(START + timedelta(hours=n % 3)).isoformat(),  # ties in date too
            language="en",
            text=text,
        )
        storage.articles.save(item, publication_id=pub.id, fetched_at=FETCHED)


def cli_ids(storage_url: str, query: str) -> list[int]:
    result = CliRunner().invoke(
        cli, ["--db", storage_url, "search", *query.split(), "--json", "--limit", "100"]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()]


def api_ids(client: httpx.Client, query: str, limit: int) -> list[int]:
    """Every hit of the API's search, walking its cursors `limit` at a time."""
    ids: list[int] = []
    params: dict[str, Any] = {"q": query, "limit": limit}
    for _ in range(100):
        body = client.get("/api/v1/search", params=params).json()
        ids += [hit["article"]["id"] for hit in body["items"]]
        if body["next_cursor"] is None:
            return ids
        params["cursor"] = body["next_cursor"]
    raise AssertionError("the cursor never ended")


@pytest.mark.parametrize("query", QUERIES)
def test_cli_and_api_search_agree(storage_url: str, storage: Storage, query: str) -> None:
    build(storage)
    expected = cli_ids(storage_url, query)
    app = create_app(storage, Settings(page_size=20, cache_seconds=0))
    with serving(app) as base, httpx.Client(base_url=base) as client:
        assert api_ids(client, query, 100) == expected, query
        assert api_ids(client, query, 2) == expected, query  # paged through the ties
        html = client.get("/search", params={"q": query})
        assert html.status_code == 200
    if query == "harb":
        assert len(expected) == 1  # whole words only: 'Harb', none of the harbour words
    if query == "harbour":
        assert len(expected) == 5  # and not 'Harbours' or 'Harbourside'
    if query == "ha":
        assert expected == []
