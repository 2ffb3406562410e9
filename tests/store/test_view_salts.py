"""The day's salt and visitor ids behind "one view per visitor, article and day": shared by
every process, counted once whoever records them, and kept for the current day only. Run on
SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from colonnade.store import Publication, Storage, open_storage
from colonnade.store.schema import view_salts, view_visitors

from .conftest import NOW, make_article

DAY = date(2024, 5, 1)


def kept(storage: Storage) -> tuple[list[date], list[tuple[date, int]]]:
    """The days whose salt is kept, and the kept (day, visitor id) pairs."""
    with storage.db.read() as conn:
        salts = list(conn.execute(sa.select(view_salts.c.day).order_by("day")).scalars())
        ids = conn.execute(sa.select(view_visitors).order_by("day", "visitor")).all()
    return salts, [(row.day, row.visitor) for row in ids]


def test_a_day_has_one_salt_for_every_process(storage: Storage, storage_url: str) -> None:
    salt = storage.views.salt(DAY)
    assert len(salt) == 32
    assert storage.views.salt(DAY) == salt
    with open_storage(storage_url) as other:  # another server process, or a restarted one
        assert other.views.salt(DAY) == salt
        assert other.views.salt(DAY + timedelta(days=1)) != salt


def test_an_id_counts_once_whichever_process_records_it(
    storage: Storage, storage_url: str, publication: Publication
) -> None:
    a = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW).id
    b = storage.articles.save(make_article(2), publication_id=publication.id, fetched_at=NOW).id
    # Ids are signed 64-bit numbers: both ends of the range fit.
    visits = {(DAY, -(2**63)): a, (DAY, 2**63 - 1): a, (DAY, 7): b, (DAY, 8): 999_999}
    assert storage.views.record_visits(visits, today=DAY) == 2  # rows: (a, DAY), (b, DAY)
    with open_storage(storage_url) as other:
        assert other.views.record_visits({(DAY, 7): b, (DAY, 9): b}, today=DAY) == 1
    assert storage.views.record_visits(visits, today=DAY) == 0
    assert storage.views.count(a, since=DAY) == 2
    assert storage.views.count(b, since=DAY) == 2
    assert storage.views.count(999_999, since=DAY) == 0  # an article deleted since: skipped


def test_earlier_days_are_forgotten(storage: Storage, publication: Publication) -> None:
    a = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW).id
    yesterday, today = DAY - timedelta(days=1), DAY
    storage.views.salt(yesterday)
    storage.views.record_visits({(yesterday, 1): a}, today=yesterday)
    storage.views.salt(today)
    assert kept(storage) == ([yesterday, today], [(yesterday, 1)])
    storage.views.forget_before(today)
    assert kept(storage) == ([today], [])
    assert storage.views.count(a, since=yesterday) == 1  # the counts stay


def test_late_ids_of_yesterday_still_count_once_and_are_not_kept(
    storage: Storage, publication: Publication
) -> None:
    """Views of the last seconds before midnight are written after it: they are recognised
    among yesterday's ids in the same transaction that deletes them."""
    a = storage.articles.save(make_article(1), publication_id=publication.id, fetched_at=NOW).id
    yesterday, today = DAY - timedelta(days=1), DAY
    storage.views.record_visits({(yesterday, 1): a}, today=yesterday)
    late = {(yesterday, 1): a, (yesterday, 2): a, (today, 1): a}
    assert storage.views.record_visits(late, today=today) == 2
    assert storage.views.count(a, since=yesterday) == 3
    assert storage.views.count(a, since=today) == 1
    assert kept(storage)[1] == [(today, 1)]


def test_nothing_about_the_reader_is_stored(storage: Storage) -> None:
    inspector = sa.inspect(storage.db.engine)
    assert {c["name"] for c in inspector.get_columns("view_salts")} == {"day", "salt"}
    assert {c["name"] for c in inspector.get_columns("view_visitors")} == {"day", "visitor"}
