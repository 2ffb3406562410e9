"""Syndicated copies: which cluster (one column, all its copies) an article belongs to, and
which copy is the original that lists show.

`assign` runs in the transaction that saves a new or changed article: it refreshes the
article's keys (enrich/syndication.py) and, for an article not yet in a cluster with others,
looks up the clusters sharing a key, checks the most alike member of each with
`same_column` against its stored text, and joins every cluster that passes: a copy that
bridges two clusters (a full column whose two excerpts were stored apart) makes them one,
under the older id. A copy that names another copy's address as its canonical (`copy_of`)
joins that one's cluster without a text check. A cluster's id is the id of its first
article (stored as NULL while it is alone, which saves a write per article), so it stays the
same as copies join, and an article in a cluster with others stays there when it is fetched
again. A new member stores only the keys fewer than _ALL_KEYS members of its cluster hold, so
a look-up costs the same for a column copied 1,000 times as for one copied 8 times. The
original is the earliest published member; on a tie, the one in the publication its
columnist was first seen in; then the first stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.dates import in_offset
from colonnade.enrich.syndication import ANCHOR_BAND, EXACT_BAND, Text, keys, same_column, url_key
from colonnade.store.query import newest
from colonnade.store.schema import article_authors, articles, columnist_names, copy_keys

CANONICAL_BAND = 102
_CANDIDATES = 20  # clusters whose text is checked, most keys shared first
_TEASER_ANCHORS = 3
_ALL_KEYS = 8  # members of a cluster that hold one key (see _store_keys)


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
    current = None
    if not new:
        conn.execute(sa.delete(copy_keys).where(copy_keys.c.article_id == article_id))
        current = conn.execute(
            sa.select(articles.c.cluster_id).where(articles.c.id == article_id)
        ).scalar_one()
    sharing = conn.execute(_SHARING, {"buckets": [k for _, k in found], "me": article_id}).all()
    if current is not None and _members(conn, current, 2) > 1:
        _store_keys(conn, article_id, found, {current}, sharing)
        _elect(conn, current)
        return int(current)
    matched = _matching_clusters(conn, text, found, sharing)
    if not matched:  # a cluster of its own: NULL stands for its own id until a copy joins
        _store_keys(conn, article_id, found, set(), sharing)
        if not new:
            conn.execute(
                sa.update(articles)
                .where(articles.c.id == article_id)
                .values(cluster_id=None, original=True)
            )
        return article_id
    target = min(matched)  # the oldest: a copy that bridges two clusters makes them one
    for other in matched:  # a founder alone holds NULL: it becomes its cluster's id
        moving = (articles.c.id == other) & articles.c.cluster_id.is_(None)
        if other != target:  # rows already in the target are not rewritten
            moving = moving | (articles.c.cluster_id == other)
        conn.execute(sa.update(articles).where(moving).values(cluster_id=target))
    conn.execute(sa.update(articles).where(articles.c.id == article_id).values(cluster_id=target))
    _store_keys(conn, article_id, found, set(matched), sharing)
    _elect(conn, target, None if len(matched) > 1 else article_id)
    return target


def _members(conn: Connection, cluster_id: int, up_to: int) -> int:
    """How many articles the cluster has, counted up to `up_to`."""
    some = sa.select(articles.c.id).where(articles.c.cluster_id == cluster_id).limit(up_to)
    return int(conn.execute(sa.select(sa.func.count()).select_from(some.subquery())).scalar_one())


def _store_keys(
    conn: Connection,
    article_id: int,
    found: list[tuple[int, int]],
    clusters: set[int],
    sharing: Sequence[Any],
) -> None:
    """Store the article's keys, but not a key that _ALL_KEYS members of its cluster
    (`clusters`: the one it is in, or all it joined) hold already: a look-up then returns
    at most _ALL_KEYS rows per key for a cluster however many copies it has, and a removed
    member rarely takes a key the cluster still needs with it. Canonical links are always
    stored (a rebuild reads them). `sharing`: the rows of `_SHARING` for the keys."""
    if clusters:
        held = Counter((band, bucket) for _, band, bucket, c in sharing if c in clusters)
        found = [(b, k) for b, k in found if b == CANONICAL_BAND or held[(b, k)] < _ALL_KEYS]
    if found:
        rows = [{"band": b, "bucket": k, "article_id": article_id} for b, k in found]
        conn.execute(sa.insert(copy_keys), rows)


_SHARING = (
    sa.select(
        copy_keys.c.article_id,
        copy_keys.c.band,
        copy_keys.c.bucket,
        sa.func.coalesce(articles.c.cluster_id, articles.c.id).label("cluster"),
    )
    .join(articles, articles.c.id == copy_keys.c.article_id)
    .where(
        copy_keys.c.bucket.in_(sa.bindparam("buckets", expanding=True)),
        copy_keys.c.article_id != sa.bindparam("me"),
    )
)
_TEXTS = sa.select(articles.c.id, articles.c.text).where(
    articles.c.id.in_(sa.bindparam("ids", expanding=True))
)


@dataclass(slots=True)
class _Shared:
    """What one cluster shares with the new article: its distinct keys by kind, and the
    member that shares the most (whose text is checked)."""

    keys: set[tuple[int, int]]
    per_member: dict[int, int]
    linked: bool = False

    def kind(self, band: int) -> int:
        return sum(1 for b, _ in self.keys if b == band)

    def worth_a_look(self) -> bool:
        # A lone shared key is most often a common phrase or a chance band: a near copy
        # shares bands (and most often anchors), a teaser several anchors of the opening.
        # A link or the same text is enough on its own.
        if self.linked or self.kind(EXACT_BAND):
            return True
        a = self.kind(ANCHOR_BAND)
        b = len(self.keys) - a
        return (b >= 1 and b + a >= 2) or a >= _TEASER_ANCHORS

    def member(self) -> int:
        return min(self.per_member, key=lambda i: (-self.per_member[i], i))


def _matching_clusters(
    conn: Connection, text: str, found: list[tuple[int, int]], sharing: Sequence[Any]
) -> list[int]:
    """The clusters this article is a copy of: those sharing keys with it (`sharing`, the
    rows of `_SHARING`) whose most alike member passes `same_column` (a bucket is a 64-bit
    hash: a match in another band is a chance the check rules out). A link or the same text
    needs no check."""
    shared: dict[int, _Shared] = {}
    mine_keys = set(found)
    for member, band, bucket, cluster_id in sharing:
        key = (band, bucket)
        if key not in mine_keys:
            continue  # the same bucket in another band: chance
        cluster = shared.get(cluster_id)
        if cluster is None:
            cluster = shared[cluster_id] = _Shared(set(), {})
        cluster.per_member[member] = cluster.per_member.get(member, 0) + 1
        if band == CANONICAL_BAND:
            cluster.linked = True
        else:
            cluster.keys.add(key)
    sure = [c for c, s in shared.items() if s.linked or s.kind(EXACT_BAND)]
    if sure:
        return sure
    ranked = sorted(
        (c for c, s in shared.items() if s.worth_a_look()),
        key=lambda c: (-len(shared[c].keys), c),
    )[:_CANDIDATES]
    if not ranked:
        return []
    members = {c: shared[c].member() for c in ranked}
    stored = {r.id: r.text for r in conn.execute(_TEXTS, {"ids": list(members.values())})}
    mine = Text.of(text)
    return [
        c
        for c, m in members.items()
        if m in stored and same_column(mine, _stored_text(stored[m])) is not None
    ]


@lru_cache(maxsize=4)  # a text is up to MAX_WORDS words: a few MB with its arrays
def _stored_text(text: str) -> Text:
    """The checked member of a large cluster is most often the same one: read it once."""
    return Text.of(text)


def _elect(conn: Connection, cluster_id: int, newcomer: int | None = None) -> None:
    """Mark the original of a cluster: the earliest; where the earliest day's copies cannot
    be told apart by time (one gives only the day, which reads as midnight), the copy in
    its columnist's home publication, then one with a time; then the first stored.
    `newcomer`: the one article that just joined; dated on a later day than the original
    it cannot change the election, so only its own mark is written."""
    when = sa.select(
        articles.c.id,
        articles.c.publication_id,
        articles.c.published_offset,
        newest.label("when"),
    )
    if newcomer is not None:
        pair = conn.execute(
            when.where(
                (articles.c.id == newcomer)
                | ((articles.c.cluster_id == cluster_id) & (articles.c.original == sa.true()))
            )
        ).all()
        came = [m for m in pair if m.id == newcomer]
        held = [m for m in pair if m.id != newcomer]
        if came and len(held) == 1 and _local_day(came[0]) > _local_day(held[0]):
            conn.execute(
                sa.update(articles)
                .where(articles.c.id == newcomer, articles.c.original)
                .values(original=False)
            )
            return
    members = conn.execute(
        when.where(articles.c.cluster_id == cluster_id).order_by(articles.c.id)
    ).all()
    if not members:
        return
    if len(members) == 1:
        original = members[0].id
    else:
        first_day = min(_local_day(m) for m in members)
        tied = [m for m in members if _local_day(m) == first_day]
        homes = _home_publications(conn, [m.id for m in tied])
        day_only = {m.id: _day_only(m) for m in tied}

        def home_first(m: Any) -> tuple[Any, ...]:
            return (m.publication_id not in homes, day_only[m.id], m.when, m.id)

        def time_first(m: Any) -> tuple[Any, ...]:
            return (m.when, m.publication_id not in homes, m.id)

        timed = not any(day_only.values())
        original = min(tied, key=time_first if timed else home_first).id
    conn.execute(  # only the rows whose mark changes: a row rewrite costs a page write
        sa.update(articles)
        .where(
            articles.c.cluster_id == cluster_id,
            articles.c.original != (articles.c.id == original),
        )
        .values(original=articles.c.id == original)
    )


def _local(member: Any) -> Any:
    return in_offset(member.when, member.published_offset) or member.when


def _local_day(member: Any) -> Any:
    return _local(member).date()


def _day_only(member: Any) -> bool:
    t = _local(member)
    return (t.hour, t.minute, t.second) == (0, 0, 0)


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
