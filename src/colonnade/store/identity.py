"""Which columnist a byline is: the same person across publications, two people with one name
kept apart, and the merges and splits made by hand.

`resolve` runs inside the transaction that saves an article. For each byline name it looks, in
order, for: a correction by hand for this name in this publication; a columnist owning one of
the byline's profile URLs (author page, `sameAs`) under a compatible name, which also merges in
a columnist the same name had here before; the columnist this name already is in this
publication; a columnist of the same name elsewhere when nothing separates them (recorded as
evidence `name`: unverified); else a new columnist. The rules are in enrich/identity.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from colonnade.enrich.identity import (
    is_organisation,
    may_join_by_name,
    name_key,
    names_compatible,
    profiles_conflict,
)
from colonnade.errors import BadRequest
from colonnade.links import hostname, profile_key
from colonnade.store.naming import slugify
from colonnade.store.schema import (
    article_authors,
    articles,
    columnist_aliases,
    columnist_apart,
    columnist_corrections,
    columnist_names,
    columnist_profiles,
    columnists,
    publications,
)
from colonnade.store.sql import insert_or_ignore

_NAME_KEY = ("key", "publication_id", "columnist_id")
_PAIR = ("columnist_id", "other_id")


@dataclass(frozen=True, slots=True)
class _Place:
    """The publication a byline appears in."""

    id: int
    slug: str
    host: str
    language: str | None
    country: str | None


def resolve(
    conn: Connection,
    bylines: Sequence[tuple[str, Sequence[str]]],
    *,
    publication_id: int,
    now: datetime,
) -> list[int]:
    """Columnist ids for these (name, profile URLs) bylines, in order, each once."""
    place = _place(conn, publication_id)
    ids: list[int] = []
    for name, urls in bylines:
        key = name_key(name)
        if not key or not slugify(name, fallback=""):
            continue
        links = {k: url for url in urls if (k := profile_key(url))}
        columnist_id = _resolve_one(conn, name, key, links, place, now)
        if columnist_id not in ids:
            ids.append(columnist_id)
    return ids


def _resolve_one(
    conn: Connection, name: str, key: str, links: dict[str, str], place: _Place, now: datetime
) -> int:
    here = _named_here(conn, key, place.id)
    manual = [cid for cid, evidence in here if evidence == "manual"]
    if manual:
        return _remember(conn, manual[0], name, key, links, place, "manual", now)
    owners = [cid for cid in _owners(conn, list(links)) if _compatible(conn, cid, name)]
    if owners:
        keep = owners[0]
        for other in [*owners[1:], *(cid for cid, _ in here)]:
            if other != keep and _may_merge(conn, keep, other):
                merge(conn, keep, other, evidence="profile")
        return _remember(conn, keep, name, key, links, place, "profile", now)
    for cid, evidence in here:
        if not profiles_conflict(links, _profile_keys(conn, cid)):
            return _remember(conn, cid, name, key, links, place, evidence, now)
    if not is_organisation(name):
        for cid in _named_elsewhere(conn, key, place.id):
            if profiles_conflict(links, _profile_keys(conn, cid)):
                continue
            languages, countries = _where_they_write(conn, cid)
            if may_join_by_name(languages, countries, place.language, place.country):
                return _remember(conn, cid, name, key, links, place, "name", now)
    created = _create(conn, name, place, now)
    return _remember(conn, created, name, key, links, place, "first", now)


def _place(conn: Connection, publication_id: int) -> _Place:
    row = conn.execute(
        sa.select(
            publications.c.id,
            publications.c.slug,
            publications.c.homepage,
            publications.c.language,
            publications.c.country,
        ).where(publications.c.id == publication_id)
    ).one()
    return _Place(row.id, row.slug, hostname(row.homepage), row.language, row.country)


def _named_here(conn: Connection, key: str, publication_id: int) -> list[tuple[int, str]]:
    rows = conn.execute(
        sa.select(columnist_names.c.columnist_id, columnist_names.c.evidence)
        .where(columnist_names.c.key == key, columnist_names.c.publication_id == publication_id)
        .order_by(columnist_names.c.first_seen_at, columnist_names.c.columnist_id)
    )
    return [(row.columnist_id, row.evidence) for row in rows]


def _named_elsewhere(conn: Connection, key: str, publication_id: int) -> list[int]:
    query = (
        sa.select(columnist_names.c.columnist_id)
        .join(columnists, columnists.c.id == columnist_names.c.columnist_id)
        .where(
            columnist_names.c.key == key,
            columnist_names.c.publication_id != publication_id,
            columnists.c.kind == "person",
        )
        .group_by(columnist_names.c.columnist_id)
        .order_by(sa.func.min(columnist_names.c.first_seen_at), columnist_names.c.columnist_id)
    )
    return list(conn.execute(query).scalars())


def _owners(conn: Connection, keys: list[str]) -> list[int]:
    """The columnists owning any of these profile keys, in the order of the keys."""
    if not keys:
        return []
    owned = dict(
        conn.execute(
            sa.select(columnist_profiles.c.key, columnist_profiles.c.columnist_id).where(
                columnist_profiles.c.key.in_(keys)
            )
        ).all()
    )
    found: list[int] = []
    for key in keys:
        if key in owned and owned[key] not in found:
            found.append(owned[key])
    return found


def _names_of(conn: Connection, columnist_id: int) -> list[str]:
    main = conn.execute(sa.select(columnists.c.name).where(columnists.c.id == columnist_id))
    variants = conn.execute(
        sa.select(columnist_names.c.name).where(columnist_names.c.columnist_id == columnist_id)
    )
    return [*main.scalars(), *variants.scalars()]


def _compatible(conn: Connection, columnist_id: int, name: str) -> bool:
    return any(names_compatible(name, known) for known in _names_of(conn, columnist_id))


def _profile_keys(conn: Connection, columnist_id: int) -> set[str]:
    query = sa.select(columnist_profiles.c.key).where(
        columnist_profiles.c.columnist_id == columnist_id
    )
    return set(conn.execute(query).scalars())


def _where_they_write(
    conn: Connection, columnist_id: int
) -> tuple[list[str | None], list[str | None]]:
    rows = conn.execute(
        sa.select(publications.c.language, publications.c.country)
        .join(columnist_names, columnist_names.c.publication_id == publications.c.id)
        .where(columnist_names.c.columnist_id == columnist_id)
    ).all()
    return [row.language for row in rows], [row.country for row in rows]


def _apart(conn: Connection, a: int, b: int) -> bool:
    pairs = sa.or_(
        sa.and_(columnist_apart.c.columnist_id == a, columnist_apart.c.other_id == b),
        sa.and_(columnist_apart.c.columnist_id == b, columnist_apart.c.other_id == a),
    )
    return conn.execute(sa.select(sa.literal(1)).where(pairs).limit(1)).first() is not None


def _may_merge(conn: Connection, keep: int, other: int) -> bool:
    if _apart(conn, keep, other):
        return False
    kinds = conn.execute(
        sa.select(columnists.c.kind).where(columnists.c.id.in_([keep, other]))
    ).scalars()
    if "organisation" in set(kinds):
        return False
    return not profiles_conflict(_profile_keys(conn, keep), _profile_keys(conn, other))


def _remember(
    conn: Connection,
    columnist_id: int,
    name: str,
    key: str,
    links: dict[str, str],
    place: _Place,
    evidence: str,
    now: datetime,
) -> int:
    """Record that `name` is `columnist_id` in this publication (upgrading an unverified join
    when evidence now confirms it) and that its free profile URLs are theirs."""
    row = {
        "key": key,
        "publication_id": place.id,
        "columnist_id": columnist_id,
        "name": name,
        "evidence": evidence,
        "first_seen_at": now,
    }
    mine = sa.and_(
        columnist_names.c.key == key,
        columnist_names.c.publication_id == place.id,
        columnist_names.c.columnist_id == columnist_id,
    )
    known = conn.execute(sa.select(columnist_names.c.evidence).where(mine)).scalar_one_or_none()
    if known is None:
        conn.execute(sa.insert(columnist_names).values(**row))
    elif known == "name" and evidence in ("profile", "manual"):
        conn.execute(sa.update(columnist_names).where(mine).values(evidence=evidence))
    for profile, url in links.items():
        conn.execute(
            insert_or_ignore(conn, columnist_profiles, "key").values(
                key=profile, url=url, columnist_id=columnist_id, publication_id=place.id
            )
        )
    return columnist_id


def _create(conn: Connection, name: str, place: _Place, now: datetime) -> int:
    kind = "organisation" if is_organisation(name) else "person"
    slug = _free_slug(conn, name, place.slug)
    return int(
        conn.execute(
            sa.insert(columnists)
            .values(slug=slug, name=name, kind=kind, created_at=now)
            .returning(columnists.c.id)
        ).scalar_one()
    )


def _free_slug(conn: Connection, name: str, publication_slug: str) -> str:
    """The name's slug; when another columnist (or an alias) has it, the name and the
    publication ('jane-doe-the-paper'), then numbered."""
    base = slugify(name, fallback="columnist")
    candidates = [base, slugify(f"{base} {publication_slug}", fallback=base)]
    candidates += [f"{candidates[1]}-{n}" for n in range(2, 1000)]
    for slug in candidates:
        taken = conn.execute(
            sa.select(sa.literal(1)).where(
                sa.or_(
                    sa.exists().where(columnists.c.slug == slug),
                    sa.exists().where(columnist_aliases.c.slug == slug),
                )
            )
        ).first()
        if taken is None:
            return slug
    raise BadRequest(f"no free slug for columnist {name!r}")


def merge(conn: Connection, keep: int, other: int, *, evidence: str) -> None:
    """Fold columnist `other` into `keep`: its articles, names, profiles and slug (which stays
    an alias of `keep`). `evidence` is recorded on the names that move."""
    if keep == other:
        return
    taken = sa.select(article_authors.c.article_id).where(article_authors.c.columnist_id == keep)
    conn.execute(
        sa.delete(article_authors).where(
            article_authors.c.columnist_id == other, article_authors.c.article_id.in_(taken)
        )
    )
    conn.execute(
        sa.update(article_authors)
        .where(article_authors.c.columnist_id == other)
        .values(columnist_id=keep)
    )
    for row in conn.execute(
        sa.select(columnist_names).where(columnist_names.c.columnist_id == other)
    ).all():
        conn.execute(
            insert_or_ignore(conn, columnist_names, *_NAME_KEY).values(
                key=row.key,
                publication_id=row.publication_id,
                columnist_id=keep,
                name=row.name,
                evidence=evidence,
                first_seen_at=row.first_seen_at,
            )
        )
    conn.execute(
        sa.update(columnist_profiles)
        .where(columnist_profiles.c.columnist_id == other)
        .values(columnist_id=keep)
    )
    conn.execute(
        sa.update(columnist_aliases)
        .where(columnist_aliases.c.columnist_id == other)
        .values(columnist_id=keep)
    )
    for mine, theirs in (("columnist_id", "other_id"), ("other_id", "columnist_id")):
        for row in conn.execute(
            sa.select(columnist_apart.c[theirs]).where(columnist_apart.c[mine] == other)
        ).scalars():
            if row != keep:
                conn.execute(
                    insert_or_ignore(conn, columnist_apart, *_PAIR).values(
                        {mine: keep, theirs: row}
                    )
                )
    slug = conn.execute(sa.select(columnists.c.slug).where(columnists.c.id == other)).scalar_one()
    conn.execute(sa.delete(columnists).where(columnists.c.id == other))
    conn.execute(sa.insert(columnist_aliases).values(slug=slug, columnist_id=keep))


_PEERS = 50


def join_by_copies(conn: Connection, article_id: int, cluster_id: int) -> None:
    """Syndication is evidence: the bylines of copies of one column, under compatible names
    ('J. O'Connor' on a copy of Jane O'Connor's column), are one person. The columnist seen
    first is kept. The bylines compared are those of the cluster's first _PEERS members, so
    a column copied 1,000 times costs no more than one copied 50 times."""
    mine = sorted(
        conn.execute(
            sa.select(article_authors.c.columnist_id).where(
                article_authors.c.article_id == article_id
            )
        ).scalars()
    )
    if not mine:
        return
    in_cluster = (
        sa.select(articles.c.id)
        .where(articles.c.cluster_id == cluster_id, articles.c.id != article_id)
        .order_by(articles.c.id)
        .limit(_PEERS)
    )
    others = sorted(
        set(
            conn.execute(
                sa.select(article_authors.c.columnist_id).where(
                    article_authors.c.article_id.in_(in_cluster),
                    article_authors.c.columnist_id.not_in(mine),
                )
            ).scalars()
        )
    )
    if not others:
        return
    for own in mine:
        names = _names_of(conn, own)
        for other in others:
            if not any(_compatible(conn, other, name) for name in names):
                continue
            if _may_merge(conn, min(own, other), max(own, other)):
                keep, gone = min(own, other), max(own, other)
                merge(conn, keep, gone, evidence="copy")
                others = [keep if o == gone else o for o in others]
                if gone == own:
                    break


# Corrections by hand: kept across re-crawls, because resolution reads `manual` names first and
# never joins a pair split apart.


def merge_by_hand(conn: Connection, keep: int, other: int, *, now: datetime) -> None:
    """`colonnade columnists merge`: `other` becomes part of `keep`, for good."""
    if keep == other:
        raise BadRequest("a columnist cannot be merged with itself")
    names = {cid: _slug_name(conn, cid) for cid in (keep, other)}
    conn.execute(
        sa.delete(columnist_apart).where(
            sa.or_(
                sa.and_(
                    columnist_apart.c.columnist_id == keep, columnist_apart.c.other_id == other
                ),
                sa.and_(
                    columnist_apart.c.columnist_id == other, columnist_apart.c.other_id == keep
                ),
            )
        )
    )
    merge(conn, keep, other, evidence="manual")
    conn.execute(
        sa.update(columnist_names)
        .where(columnist_names.c.columnist_id == keep)
        .values(evidence="manual")
    )
    _log(conn, "merge", keep, {"kept": names[keep][0], "merged": names[other][0]}, now)


def split_by_hand(
    conn: Connection, columnist_id: int, publication_id: int, *, now: datetime
) -> int:
    """`colonnade columnists split`: the columns in one publication become a columnist of their
    own, never joined to this one again. Returns the new columnist's id."""
    place = _place(conn, publication_id)
    slug, name = _slug_name(conn, columnist_id)
    in_place = sa.select(articles.c.id).where(articles.c.publication_id == publication_id)
    linked = sa.select(sa.func.count()).where(article_authors.c.columnist_id == columnist_id)
    total = conn.execute(linked).scalar_one()
    here = conn.execute(linked.where(article_authors.c.article_id.in_(in_place))).scalar_one()
    if here == 0:
        raise BadRequest(f"columnist {slug!r} has no columns in publication {place.slug!r}")
    if here == total:
        raise BadRequest(f"nothing to split: {slug!r} writes only in {place.slug!r}")
    kind = conn.execute(
        sa.select(columnists.c.kind).where(columnists.c.id == columnist_id)
    ).scalar_one()
    new_id = int(
        conn.execute(
            sa.insert(columnists)
            .values(slug=_free_slug(conn, name, place.slug), name=name, kind=kind, created_at=now)
            .returning(columnists.c.id)
        ).scalar_one()
    )
    conn.execute(
        sa.update(article_authors)
        .where(
            article_authors.c.columnist_id == columnist_id,
            article_authors.c.article_id.in_(in_place),
        )
        .values(columnist_id=new_id)
    )
    conn.execute(
        sa.update(columnist_names)
        .where(
            columnist_names.c.columnist_id == columnist_id,
            columnist_names.c.publication_id == publication_id,
        )
        .values(columnist_id=new_id, evidence="manual")
    )
    _remember(conn, new_id, name, name_key(name), {}, place, "manual", now)
    conn.execute(
        sa.update(columnist_profiles)
        .where(
            columnist_profiles.c.columnist_id == columnist_id,
            columnist_profiles.c.publication_id == publication_id,
        )
        .values(columnist_id=new_id)
    )
    conn.execute(sa.insert(columnist_apart).values(columnist_id=columnist_id, other_id=new_id))
    new_slug = _slug_name(conn, new_id)[0]
    _log(
        conn, "split", columnist_id, {"from": slug, "publication": place.slug, "new": new_slug}, now
    )
    return new_id


def _slug_name(conn: Connection, columnist_id: int) -> tuple[str, str]:
    row = conn.execute(
        sa.select(columnists.c.slug, columnists.c.name).where(columnists.c.id == columnist_id)
    ).first()
    if row is None:
        raise BadRequest(f"no columnist with id {columnist_id}")
    return row.slug, row.name


def _log(
    conn: Connection, kind: str, columnist_id: int, detail: dict[str, str], now: datetime
) -> None:
    conn.execute(
        sa.insert(columnist_corrections).values(
            kind=kind,
            columnist_id=columnist_id,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            at=now,
        )
    )
