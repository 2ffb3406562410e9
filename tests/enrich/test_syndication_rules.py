"""When is a text another copy of a column (enrich/syndication.py)? Copies with the changes
syndication makes are found; hard negatives are not."""

from __future__ import annotations

from colonnade.enrich.syndication import ANCHOR_BAND, EXACT_BAND, Text, keys, same_column, url_key

from .prose import column, edited, paragraphs


def _same(a: str, b: str) -> float | None:
    return same_column(Text.of(a), Text.of(b))


def _share_a_key(a: str, b: str) -> bool:
    return bool(set(keys(Text.of(a))) & set(keys(Text.of(b))))


ORIGINAL = column(1)
PARAS = ORIGINAL.split("\n\n")


def test_an_exact_copy_is_the_same_column_whatever_its_case_and_spacing() -> None:
    copy = "  " + ORIGINAL.upper().replace(" ", "  ")
    assert _same(ORIGINAL, copy) == 1.0
    exact = {k for k in keys(Text.of(ORIGINAL)) if k[0] == EXACT_BAND}
    assert exact <= set(keys(Text.of(copy)))


def test_copies_with_the_changes_syndication_makes_are_found() -> None:
    intro = "This column first appeared in The Northern Echo and is republished with permission."
    bio = "Jane Doe is a columnist for The Northern Echo. Her book on rivers is out in May."
    copies = {
        "edits": edited(ORIGINAL, 7),
        "intro and bio": "\n\n".join([intro, *PARAS, bio]),
        "a dropped paragraph": "\n\n".join(PARAS[:3] + PARAS[4:]),
        "all at once": edited("\n\n".join([intro, *PARAS[:5], *PARAS[6:], bio]), 9),
    }
    for name, copy in copies.items():
        score = _same(ORIGINAL, copy)
        assert score is not None and score >= 0.6, name
        assert _share_a_key(ORIGINAL, copy), name  # found by look-up, not only when compared


def test_a_teaser_of_the_opening_is_a_copy() -> None:
    teaser = "\n\n".join(PARAS[:2])
    assert _same(teaser, ORIGINAL) is not None
    assert _same(ORIGINAL, teaser) is not None
    shared = set(keys(Text.of(teaser))) & set(keys(Text.of(ORIGINAL)))
    assert any(band == ANCHOR_BAND for band, _ in shared)
    with_intro = "This column first appeared in The Northern Echo.\n\n" + ORIGINAL
    assert _same(teaser, with_intro) is not None


def test_different_columns_on_one_subject_are_not_copies() -> None:
    assert _same(ORIGINAL, column(2)) is None
    assert not _share_a_key(ORIGINAL, column(2))


def test_two_columns_sharing_a_quoted_paragraph_are_not_copies() -> None:
    quoted = PARAS[3]
    other = column(3).split("\n\n")
    other.insert(4, quoted)
    assert _same(ORIGINAL, "\n\n".join(other)) is None


def test_a_wire_paragraph_quoted_in_a_column_is_not_a_copy_of_the_wire_story() -> None:
    wire = "\n\n".join(paragraphs(50, count=2))
    host = column(4).split("\n\n")
    host.insert(5, wire.split("\n\n")[0])
    assert _same(wire, "\n\n".join(host)) is None
    # Even the whole short wire story quoted in the middle of a column is not its teaser.
    host.insert(6, wire.split("\n\n")[1])
    assert _same(wire, "\n\n".join(host)) is None


def test_short_pieces_are_never_copies() -> None:
    boilerplate = "Subscribe to our newsletter for the best opinion every morning."
    a = "The council met again. " + boilerplate
    b = "The harbour is busy. " + boilerplate
    assert _same(a, b) is None
    assert _same(a, a) is None  # too short to tell: even an exact repeat
    assert keys(Text.of(a)) == []


def test_empty_and_huge_texts_are_handled() -> None:
    assert _same("", ORIGINAL) is None
    assert keys(Text.of("")) == []
    huge = " ".join([ORIGINAL] * 400)  # about 2 MB of text, compared by its first words
    assert len(huge) > 1_000_000
    assert len(Text.of(huge).tokens) == 20_000
    assert _same(huge, huge) == 1.0


def test_url_keys_ignore_scheme_www_fragment_and_trailing_slash() -> None:
    assert url_key("https://www.Example.com/a/b/#top") == url_key("http://example.com/a/b")
    assert url_key("https://example.com/a/B") != url_key("https://example.com/a/b")


def test_a_teaser_with_a_standfirst_in_front_is_still_the_opening() -> None:
    standfirst = "The consultation drew ninety written responses, most of them from first buyers."
    teaser = "\n\n".join([standfirst, *PARAS[:2], "Subscribe for the price of a coffee a month."])
    assert _same(teaser, ORIGINAL) is not None
    # The same paragraphs from the middle of the column are no teaser of it.
    middle = "\n\n".join([standfirst, *PARAS[4:6]])
    assert _same(middle, ORIGINAL) is None
