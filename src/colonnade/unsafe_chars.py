"""Characters no stored or served text may hold: what XML 1.0 forbids, everywhere, and in names
and titles also the bidirectional controls that reorder what a reader sees.

Publishers send both: stray control bytes, U+FFFE and U+FFFF, lone surrogates from a bad
decode, and U+202E (right-to-left override), which makes a byline or a headline read
backwards. The store applies these at its door, once; XML writers apply `xml_safe` again on
the way out, for rows stored before the rule.
"""

from __future__ import annotations

import re

# Outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
# [#x10000-#x10FFFF]), plus DEL: legal XML, but a control no text needs (HTML calls it an error).
_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff"
# Embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI). The marks
# (LRM, RLM, ALM) reorder nothing, and right-to-left names need them: they stay.
_BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
_NOT_XML = re.compile(f"[{_FORBIDDEN}]")
_NOT_IN_NAMES = re.compile(f"[{_FORBIDDEN}{_BIDI_CONTROLS}]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry, escaped or not (and without DEL)."""
    return _NOT_XML.sub("", text)


def name_safe(text: str) -> str:
    """`xml_safe`, and without bidirectional controls: for names, titles and labels, where they
    only serve to disguise what is shown."""
    return _NOT_IN_NAMES.sub("", text)
