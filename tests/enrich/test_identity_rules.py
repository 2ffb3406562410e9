"""The rules identity resolution applies (enrich/identity.py): name keys, compatible names,
conflicting profiles, and when a bare name may join two publications."""

from __future__ import annotations

import pytest

from colonnade.enrich.identity import (
    is_organisation,
    may_join_by_name,
    name_key,
    names_compatible,
    profiles_conflict,
)
from colonnade.links import profile_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José O’Connor-Smith", "jose oconnor smith"),
        ("JANE O'CONNOR", "Jane O’Connor"),
        ("Zoë  Müller", "Zoe Muller"),
        ("J.K. Rowling", "JK Rowling"),
        ("Søren Kjærgaard", "Soren Kjaergaard"),
        ("Łukasz Wiśniewski", "LUKASZ WISNIEWSKI"),
        ("Johann Strauß", "Johann Strauss"),
    ],
)
def test_variants_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_names_have_different_keys() -> None:
    assert name_key("Jane Doe") != name_key("Jane Dow")
    assert name_key("Зеленський") != name_key("Zelenskyy")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J. O'Connor", "Jane O'Connor"),
        ("Jane O'Connor", "J O’Connor"),
        ("O'Connor", "Jane O'Connor"),
        ("Володимир Зеленський", "Volodymyr Zelenskyy"),  # two scripts: evidence decides
        ("Jane Mary Doe", "Jane M. Doe"),
    ],
)
def test_names_that_evidence_may_join(a: str, b: str) -> None:
    assert names_compatible(a, b)
    assert names_compatible(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jane Doe", "John Smith"),  # a shared publisher URL must not join these
        ("Jane O'Connor", "Kate O'Connor"),
        ("J. Doe", "K. Doe"),
    ],
)
def test_names_no_evidence_may_join(a: str, b: str) -> None:
    assert not names_compatible(a, b)


def test_profiles_conflict_only_on_one_site_with_nothing_shared() -> None:
    one = {profile_key("https://twitter.com/janedoe")}
    other = {profile_key("https://x.example/jane")}
    assert profiles_conflict({"twitter.com/janedoe"}, {"twitter.com/jdoe"})
    assert not profiles_conflict({"twitter.com/janedoe"}, {"twitter.com/janedoe"})
    assert not profiles_conflict(
        {"twitter.com/janedoe", "daily.example/authors/jane"}, {"twitter.com/janedoe"}
    )
    assert not profiles_conflict(one, other)  # different sites say nothing
    assert not profiles_conflict(set(), {"twitter.com/jdoe"})


def test_profile_keys_compare_addresses_not_spellings() -> None:
    assert profile_key("https://www.Twitter.com/JaneDoe/?ref=x#top") == "twitter.com/janedoe"
    assert profile_key("http://twitter.com/janedoe") == "twitter.com/janedoe"
    assert profile_key("https://daily.example/") is None  # a homepage is nobody's profile
    assert profile_key("mailto:jane@daily.example") is None
    assert profile_key("https://twitter.com/intent/tweet?text=hi") is None


@pytest.mark.parametrize(
    ("languages", "countries", "language", "country", "joins"),
    [
        (["en"], ["GB"], "en", "GB", True),
        (["en"], ["GB"], "en", "US", True),  # read in another country of their language
        (["fr"], ["CH"], "de", "CH", True),  # another language of their country
        (["en"], ["GB"], "de", "DE", False),  # nothing shared: two people
        (["en"], ["GB"], None, "DE", True),  # unknown is no evidence either way
        ([None], [None], "de", "DE", True),
        (["en", "de"], ["GB", "DE"], "de", "AT", True),
    ],
)
def test_a_bare_name_joins_unless_country_and_language_both_differ(
    languages: list[str | None],
    countries: list[str | None],
    language: str | None,
    country: str | None,
    joins: bool,
) -> None:
    assert may_join_by_name(languages, countries, language, country) is joins


def test_editorial_boards_are_organisations_and_people_are_not() -> None:
    assert is_organisation("The Editorial Board")
    assert is_organisation("The Editors")
    assert not is_organisation("Jane Doe")
