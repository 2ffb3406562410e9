"""The one rule for characters stored text may not hold: what XML 1.0 forbids everywhere, and
in names and titles also the bidirectional controls that reorder what a reader sees."""

from __future__ import annotations

from colonnade.unsafe_chars import name_safe, xml_safe

BIDI_CONTROLS = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def test_xml_safe_drops_every_character_xml_forbids() -> None:
    forbidden = "\x00\x01\x08\x0e\x1a\ud800\udbff\udc00\udfff\ufffe\uffff\x7f"
    assert xml_safe(f"a{forbidden}b") == "ab"


def test_xml_safe_keeps_everything_xml_allows() -> None:
    allowed = "tab\tnew\nline\rreturn é ش 中 😀 \ud7ff \ue000 \ufffd \U00010000 \U0010ffff"
    assert xml_safe(allowed) == allowed
    # Reordering controls are legal XML and may belong in running text.
    assert xml_safe(BIDI_CONTROLS) == BIDI_CONTROLS


def test_forbidden_characters_are_dropped_not_replaced() -> None:
    # Even those Python counts as whitespace (VT, FF, FS-US): what we cannot show, we drop.
    assert xml_safe("one\x0btwo\x0cthree\x1cfour\x1ffive") == "onetwothreefourfive"


def test_name_safe_also_drops_bidi_overrides_and_isolates() -> None:
    assert name_safe(f"Jane{BIDI_CONTROLS} Doe") == "Jane Doe"
    assert name_safe("Bad\uffff\x01 \u202eNews\ud800") == "Bad News"
    # Marks (LRM, RLM, ALM) do not reorder anything: right-to-left names need them.
    assert name_safe("\u200fعلي\u200e\u061c") == "\u200fعلي\u200e\u061c"
