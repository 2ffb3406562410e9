"""`colonnade sources export` writes well-formed OPML whatever a publisher put in a name,
for sources stored through the store's door and for rows stored before it."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner
from lxml import etree

from colonnade.cli import cli
from colonnade.store import Storage

# U+FFFF and U+0001 are not XML at all; U+202E (right-to-left override) is, but it makes a
# name read backwards.
DIRTY = "Bad\uffff\x01 \u202eNews"


def exported(storage_url: str) -> list[etree._Element]:
    """The outlines of the export, as the command line writes it, parsed with recovery off."""
    result = CliRunner().invoke(
        cli, ["--db", storage_url, "sources", "export"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    root = etree.fromstring(result.stdout.encode("utf-8"), parser)
    return list(root.iter("outline"))


def test_names_stored_through_the_door_export_cleanly(storage: Storage, storage_url: str) -> None:
    publication = storage.publications.add(f"The {DIRTY}", "https://bad.example")
    storage.feeds.add(publication.id, "https://bad.example/rss", title=f"Feed {DIRTY}")
    outlines = exported(storage_url)
    assert [(o.get("title"), o.get("xmlUrl")) for o in outlines] == [
        ("The Bad News", "https://bad.example/rss")
    ]


def test_rows_stored_before_the_door_still_export(storage: Storage, storage_url: str) -> None:
    publication = storage.publications.add("The Daily", "https://daily.example")
    storage.feeds.add(publication.id, "https://daily.example/rss")
    with storage.db.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE publications SET name = :name"), {"name": f"The {DIRTY}\ufffe"}
        )
        conn.execute(
            sa.text("UPDATE feeds SET url = :url"), {"url": "https://daily.example/\x01rss"}
        )
    outlines = exported(storage_url)
    # Only what XML forbids is gone on the way out: the rest is shown as stored.
    assert [(o.get("title"), o.get("xmlUrl")) for o in outlines] == [
        ("The Bad \u202eNews", "https://daily.example/rss")
    ]
