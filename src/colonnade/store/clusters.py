"""Syndicated copies: which cluster (one column, all its copies) an article belongs to, and
which copy is the original that lists show.

`assign` runs in the transaction that saves a new or changed article: it refreshes the
article's keys (enrich/syndication.py) and, for an article not yet in a cluster with others,
looks up the articles sharing a key, checks each with `same_column` against their stored
text, and joins the cluster of the most alike. A copy that names another copy's address as
its canonical (`copy_of`) joins that one's cluster without a text check. A cluster's id is
the id of its first article (stored as NULL while it is alone, which saves a write per
article), so it stays the same as copies join, and an article in a
cluster with others stays there when it is fetched again. The original is the earliest
published member; on a tie, the one in the publication its columnist was first seen in;
then the first stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.dates import in_offset
from colonnade.enrich.syndication import ANCHOR_BAND, EXACT_BAND, Text, keys, same_column, url_key
from colonnade.store.query import newest
from colonnade.store.schema import article_authors, articles, columnist_names, copy_keys

CANONICAL_BAND = 102
_CANDIDATES = 20
_TEASER_ANCHORS = 3
_SURE = 0.9  # a candidate this alike ends the search


def assign(
    conn: Connection,
    article_id: int,
    text: str,
    canonical_url: str,
    copy_of: str | None,
    *,
    new: bool = False,
    text_keys: list[tuple[int, int]] | None = None,
) -> int:
    """Put a new (`new`: just inserted) or changed article in its cluster; returns the
    cluster id. `text_keys` are `keys(Text.of(text))` when the caller made them already."""
    found = list(text_keys) if text_keys is not None else keys(Text.of(text))
    found.append((CANONICAL_BAND, url_key(canonical_url)))
    if copy_of:
        found.append((CANONICAL_BAND, url_key(copy_of)))
    found = list(dict.fromkeys(found))
    if not new:
        conn.execute(sa.delete(copy_keys).where(copy_keys.c.article_id == article_id))
    conn.execute(
        sa.insert(copy_keys), [{"band": b, "bucket": k, "article_id": article_id} for b, k in found]
    )
    current = None
    if not new:
        current = conn.execute(
            sa.select(articles.c.cluster_id).where(articles.c.id == article_id)
        ).scalar_one()
    if current is not None and _size(conn, current) > 1:
        _elect(conn, current)
        return int(current)
    target = _best_cluster(conn, article_id, text, found)
    if target is None:  # a cluster of its own: NULL stands for its own id until a copy joins
        if not new:
            conn.execute(
                sa.update(articles)
                .where(articles.c.id == article_id)
                .values(cluster_id=None, original=True)
            )
        return article_id
    conn.execute(  # the first copy joins: the founder's NULL becomes its id
        sa.update(articles)
        .where(articles.c.id == target, articles.c.cluster_id.is_(None))
        .values(cluster_id=target)
    )
    conn.execute(sa.update(articles).where(articles.c.id == article_id).values(cluster_id=target))
    _elect(conn, target)
    return target


def _size(conn: Connection, cluster_id: int) -> int:
    query = sa.select(sa.func.count()).where(articles.c.cluster_id == cluster_id)
    return int(conn.execute(query).scalar_one())


_SHARING = sa.select(copy_keys.c.article_id, copy_keys.c.band).where(
    copy_keys.c.bucket.in_(sa.bindparam("buckets", expanding=True)),
    copy_keys.c.article_id != sa.bindparam("me"),
)
_TEXTS = sa.select(articles.c.id, articles.c.cluster_id, articles.c.text).where(
    articles.c.id.in_(sa.bindparam("ids", expanding=True))
)


def _best_cluster(
    conn: Connection, article_id: int, text: str, found: list[tuple[int, int]]
) -> int | None:
    """The cluster of the most alike stored article among those sharing keys with this one
    (a bucket is a 64-bit hash: a match in another band is a chance the check rules out)."""
    rows = conn.execute(_SHARING, {"buckets": [k for _, k in found], "me": article_id}).all()
    if not rows:
        return None
    shared: dict[int, int] = {}
    bands: dict[int, int] = {}
    anchors: dict[int, int] = {}
    linked: set[int] = set()
    exact: set[int] = set()
    for row in rows:
        shared[row.article_id] = shared.get(row.article_id, 0) + 1
        if row.band == CANONICAL_BAND:
            linked.add(row.article_id)
        elif row.band == EXACT_BAND:
            exact.add(row.article_id)
        elif row.band == ANCHOR_BAND:
            anchors[row.article_id] = anchors.get(row.article_id, 0) + 1
        else:
            bands[row.article_id] = bands.get(row.article_id, 0) + 1

    def worth_a_look(i: int) -> bool:
        # A lone shared key is most often a common phrase or a chance band: a near copy
        # shares bands (and most often anchors), a teaser several anchors of the opening.
        # A link or the same text is enough on its own.
        b, a = bands.get(i, 0), anchors.get(i, 0)
        return i in linked or i in exact or (b >= 1 and b + a >= 2) or a >= _TEASER_ANCHORS

    ranked = sorted(
        filter(worth_a_look, shared),
        key=lambda i: (i not in linked and i not in exact, -shared[i], i),
    )[:_CANDIDATES]
    if not ranked:
        return None
    stored = {r.id: r for r in conn.execute(_TEXTS, {"ids": ranked})}
    mine = Text.of(text)
    best: tuple[float, int] | None = None  # (score, cluster)
    tried: set[int] = set()
    for candidate in ranked:
        other = stored.get(candidate)
        if other is None:
            continue
        cluster = int(other.cluster_id or other.id)
        if cluster in tried:
            continue  # one member of a cluster is enough to judge it
        tried.add(cluster)
        if other.id in linked or other.id in exact:
            return cluster
        score = same_column(mine, Text.of(other.text))
        if score is not None and (best is None or score > best[0]):
            best = (score, cluster)
            if score >= _SURE:
                break
    return int(best[1]) if best else None


def _elect(conn: Connection, cluster_id: int) -> None:
    """Mark the original of a cluster: the earliest; where the earliest day's copies cannot
    be told apart by time (one gives only the day, which reads as midnight), the copy in
    its columnist's home publication, then one with a time; then the first stored."""
    members = conn.execute(
        sa.select(
            articles.c.id,
            articles.c.publication_id,
            articles.c.published_offset,
            newest.label("when"),
        )
        .where(articles.c.cluster_id == cluster_id)
        .order_by(articles.c.id)
    ).all()
    if not members:
        return
    if len(members) == 1:
        original = members[0].id
    else:
        homes = _home_publications(conn, [m.id for m in members])
        local = {m.id: in_offset(m.when, m.published_offset) or m.when for m in members}
        day_only = {i: (t.hour, t.minute, t.second) == (0, 0, 0) for i, t in local.items()}
        first_day = min(t.date() for t in local.values())
        tied = [m for m in members if local[m.id].date() == first_day]

        def home_first(m: Any) -> tuple[Any, ...]:
            return (m.publication_id not in homes, day_only[m.id], m.when, m.id)

        def time_first(m: Any) -> tuple[Any, ...]:
            return (m.when, m.publication_id not in homes, m.id)

        timed = not any(day_only[m.id] for m in tied)
        original = min(tied, key=time_first if timed else home_first).id
    conn.execute(  # only the rows whose mark changes: a row rewrite costs a page write
        sa.update(articles)
        .where(
            articles.c.cluster_id == cluster_id,
            articles.c.original != (articles.c.id == original),
        )
        .values(original=articles.c.id == original)
    )


def _home_publications(conn: Connection, article_ids: list[int]) -> set[int]:
    """The publications the columnists of these articles were first seen in."""
    writers = sa.select(article_authors.c.columnist_id).where(
        article_authors.c.article_id.in_(article_ids)
    )
    query = sa.select(columnist_names.c.publication_id).where(
        columnist_names.c.columnist_id.in_(writers), columnist_names.c.evidence == "first"
    )
    return set(conn.execute(query).scalars())


def elect_missing(conn: Connection) -> int:
    """After articles were deleted (a publication removed): elect an original in every
    cluster left without one. Returns how many."""
    other = articles.alias("other")
    orphaned = conn.execute(
        sa.select(articles.c.cluster_id)
        .where(
            articles.c.cluster_id.is_not(None),
            ~sa.exists().where(other.c.cluster_id == articles.c.cluster_id, other.c.original),
        )
        .distinct()
    ).scalars()
    clusters = list(orphaned)
    for cluster_id in clusters:
        _elect(conn, cluster_id)
    return len(clusters)


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What `rebuild` changed: articles read, copies (articles in a cluster with others)
    before and after, and articles whose cluster is not the one it was."""

    articles: int
    copies_before: int
    copies_after: int
    moved: int


def rebuild(
    run: Callable[[Callable[[Connection], object]], object],
    *,
    batch: int = 200,
    progress: Callable[[int], None] | None = None,
) -> Rebuilt:
    """Recompute every article's keys and cluster from its text, in the order articles were
    first seen (so each cluster keeps the id of its first article). `run(fn)` calls fn in a
    write transaction; work goes in batches, so a killed rebuild leaves a usable state and
    a new one starts over."""
    before: dict[int, int] = {}
    links: dict[int, list[tuple[int, int]]] = {}  # canonical keys: a copy's link to its original

    def snapshot(conn: Connection) -> None:
        for row in conn.execute(sa.select(articles.c.id, articles.c.cluster_id)):
            before[row.id] = row.cluster_id if row.cluster_id is not None else row.id
        for row in conn.execute(
            sa.select(copy_keys.c.article_id, copy_keys.c.bucket).where(
                copy_keys.c.band == CANONICAL_BAND
            )
        ):
            links.setdefault(row.article_id, []).append((CANONICAL_BAND, row.bucket))

    run(snapshot)
    copies_before = _copies(before)

    def reset(conn: Connection) -> None:
        conn.execute(sa.delete(copy_keys))
        conn.execute(sa.update(articles).values(cluster_id=None, original=True))

    run(reset)
    order: list[int] = []
    run(
        lambda conn: order.extend(
            conn.execute(
                sa.select(articles.c.id).order_by(articles.c.first_seen_at, articles.c.id)
            ).scalars()
        )
    )
    after: dict[int, int] = {}
    for start in range(0, len(order), max(1, batch)):
        chunk = order[start : start + batch]

        def step(conn: Connection, chunk: list[int] = chunk) -> None:
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.text, articles.c.canonical_url).where(
                    articles.c.id.in_(chunk)
                )
            ).all()
            by_id = {row.id: row for row in rows}
            for article_id in chunk:
                row = by_id.get(article_id)
                if row is not None:
                    found = keys(Text.of(row.text)) + links.get(article_id, [])
                    after[article_id] = assign(
                        conn, article_id, row.text, row.canonical_url, None, text_keys=found
                    )

        run(step)
        if progress is not None:
            progress(min(start + batch, len(order)))
    moved = sum(1 for i, c in after.items() if before.get(i) != c)
    return Rebuilt(len(order), copies_before, _copies(after), moved)


def _copies(clusters: dict[int, int]) -> int:
    sizes: dict[int, int] = {}
    for cluster in clusters.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    return sum(n for n in sizes.values() if n > 1)
