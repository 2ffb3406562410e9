"""Syndicated copies on the site: a column is listed once with "Also in", its page names every
copy, and the API gives cluster_id, original and copies."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from enrich.prose import column, edited

from .conftest import Site
from .corpus import article

NOW = datetime(2026, 12, 3, tzinfo=UTC)


def _syndicate(site: Site) -> tuple[int, int]:
    """A column of The Daily republished by Die Zeitung two days later: (original, copy)."""
    text = column(11)
    daily, zeitung = site.corpus.daily, site.corpus.zeitung
    first = article(50, "daily.example", title="The river needs a plan", text=text)
    copy = article(
        51,
        "zeitung.example",
        title="Opinion | The river needs a plan",
        text="This column first appeared in The Daily.\n\n" + edited(text, 4),
        published="2026-01-12T09:00:00+00:00",
    )
    ids = []
    for item, pub in ((first, daily), (copy, zeitung)):
        ids.append(site.storage.articles.save(item, publication_id=pub.id, fetched_at=NOW).id)
    return ids[0], ids[1]


def test_a_column_is_listed_once_and_its_page_names_the_copies(site: Site) -> None:
    original, copy = _syndicate(site)
    home = lxml.html.fromstring(site.client.get("/?q=river plan").text)
    titles = [a.text_content() for a in home.cssselect(".card-title a")]
    assert titles.count("The river needs a plan") == 1
    also = home.cssselect(".card .also a")
    assert [a.text_content() for a in also] == ["Die Zeitung"]
    page = lxml.html.fromstring(site.client.get(also[0].get("href")).text)
    assert page.cssselect("h1")[0].text_content() == "The river needs a plan"  # label dropped
    named = [li.text_content() for li in page.cssselect(".copies li")]
    assert len(named) == 1 and named[0].startswith("The Daily (original)")
    # Die Zeitung's own page lists its copy.
    zeitung = lxml.html.fromstring(site.client.get("/publications/die-zeitung").text)
    assert "The river needs a plan" in [
        a.text_content() for a in zeitung.cssselect(".card-title a")
    ]
    body = site.client.get(f"/api/v1/articles/{copy}").json()
    assert (body["cluster_id"], body["original"]) == (original, False)
    assert [(c["id"], c["original"]) for c in body["copies"]] == [(original, True)]
    assert body["title"] == "Opinion | The river needs a plan"  # the API gives it as stored
