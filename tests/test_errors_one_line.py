"""`colonnade.errors.one_line`: any error message, or a string, as one short readable line."""

from __future__ import annotations

from colonnade.errors import ONE_LINE_CHARS, FetchError, one_line


def test_a_multi_line_message_gives_its_first_non_blank_line_with_spaces_collapsed() -> None:
    error = ValueError("\n   \n  no such   table:\tarticles  \n[SQL: SELECT 1]\n")
    assert one_line(error) == "no such table: articles"


def test_an_exception_with_an_empty_or_blank_message_gives_its_class_name() -> None:
    assert one_line(TimeoutError()) == "TimeoutError"
    assert one_line(FetchError(" \n\t")) == "FetchError"


def test_a_long_message_is_cut_to_the_limit_with_an_ellipsis() -> None:
    cut = one_line(RuntimeError("x" * 2000))
    assert len(cut) == ONE_LINE_CHARS == 500
    assert cut == "x" * 499 + "…"
    assert one_line("abcdefghij", limit=5) == "abcd…"
    assert one_line("abcde", limit=5) == "abcde"  # exactly at the limit: untouched


def test_a_plain_string_is_handled_like_a_message() -> None:
    assert one_line("  connection refused  ") == "connection refused"
    assert one_line("first\nsecond") == "first"
    assert one_line("") == "failed"  # a blank string has no class name worth showing
    assert one_line(" \n ") == "failed"
