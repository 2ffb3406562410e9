"""One person across outlets on the site: a merged columnist's old addresses redirect, an
unverified join is shown as such, and the admin API lists what to check and what was corrected."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

import lxml.html

from .conftest import Site
from .corpus import article

NOW = datetime(2026, 12, 3, tzinfo=UTC)


def test_a_merged_columnists_old_addresses_redirect_to_the_person(site: Site) -> None:
    site.storage.columnists.merge("jane-doe", "ann-other", now=NOW)
    for old, new in [
        ("/columnists/ann-other", "/columnists/jane-doe"),
        ("/columnists/ann-other?page=2", "/columnists/jane-doe?page=2"),
        ("/columnists/ann-other/feed.atom", "/columnists/jane-doe/feed.atom"),
        ("/api/v1/columnists/ann-other", "/api/v1/columnists/jane-doe"),
        ("/api/v1/columnists/ann-other/articles", "/api/v1/columnists/jane-doe/articles"),
    ]:
        response = site.client.get(old)
        assert (response.status_code, response.headers["location"]) == (301, new), old
    assert site.client.get("/columnists/nobody-at-all").status_code == 404
    followed = site.client.get("/api/v1/columnists/ann-other", follow_redirects=True).json()
    assert followed["slug"] == "jane-doe" and followed["names"] == ["Ann Other"]


def _second_marie_curie(site: Site) -> None:
    """Marie Curie in another French publication, with nothing but the name to join her."""
    soir = site.storage.publications.add(
        "Le Soir", "https://soir.example", country="FR", language="fr"
    )
    column = article(40, "soir.example", title="Le port, vu d'ailleurs", authors=["Marie Curie"])
    site.storage.articles.save(column, publication_id=soir.id, fetched_at=NOW)


def test_a_join_by_name_alone_is_shown_as_unverified(site: Site) -> None:
    _second_marie_curie(site)
    doc = lxml.html.fromstring(site.client.get("/columnists/marie-curie").text)
    assert [a.text_content() for a in doc.cssselect(".affiliations li > a")] == [
        "Le Soir",
        "Le Quotidien",
    ]
    assert "by the name alone" in doc.cssselect(".unverified")[0].text_content()
    body = site.client.get("/api/v1/columnists/marie-curie").json()
    assert body["verified"] is False and body["kind"] == "person"
    assert [a["publication"]["slug"] for a in body["affiliations"]] == ["le-soir", "le-quotidien"]


def test_the_admin_api_lists_unverified_columnists_and_corrections(
    site: Site, site_with: Callable[..., AbstractContextManager[Site]]
) -> None:
    _second_marie_curie(site)
    site.storage.columnists.split("marie-curie", "le-soir", now=NOW)
    site.storage.columnists.merge("jane-doe", "ann-other", now=NOW)
    with site_with(admin_token="t0ken") as admin:
        response = admin.client.get(
            "/api/v1/admin/columnists", headers={"Authorization": "Bearer t0ken"}
        )
    assert response.status_code == 200
    body = response.json()
    assert body["unverified"] == []  # the split settled Marie Curie
    assert [(c["kind"], c["detail"]) for c in body["corrections"]] == [
        ("merge", {"kept": "jane-doe", "merged": "ann-other"}),
        ("split", {"from": "marie-curie", "new": "marie-curie-le-soir", "publication": "le-soir"}),
    ]
