"""The article's language as an ISO 639-1 code.

Declared values (html lang, Content-Language, og:locale, JSON-LD inLanguage) are cheap but often
wrong: templates ship `lang="en"` everywhere. The text itself is checked with py3langid, whose
model ships inside the wheel (no download). A declaration is trusted unless a long enough text
says otherwise with confidence.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from colonnade.codes import language_code

logger = logging.getLogger(__name__)

MIN_DETECT_CHARS = 200  # below this the detector is guessing
OVERRIDE_CHARS = 600  # a text this long outvotes a contrary declaration
MIN_CONFIDENCE = 0.9


def declared_language(value: str | None) -> str | None:
    """What a page declares ('en-US', 'eng', 'English', 'fr, en') as ISO 639-1, or None."""
    return language_code(value, strict=False, names=True)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """(language, confidence) of `text`; (None, 0) when too short to say."""
    # 2,000 characters settle the language; the detector's time grows with the sample.
    sample = text[:2000]
    if len(sample.strip()) < MIN_DETECT_CHARS:
        return None, 0.0
    identifier = _identifier()  # a missing model is a broken install: let it raise
    try:
        code, probability = identifier.classify(sample)
    except (ValueError, UnicodeError) as exc:  # odd input must not fail the extraction
        logger.debug("language detection failed: %s", exc)
        return None, 0.0
    return language_code(code, strict=False), float(probability)


def choose_language(declared: list[str | None], text: str) -> str | None:
    first_declared = next((code for code in map(declared_language, declared) if code), None)
    detected, confidence = detect(text)
    if detected is None or confidence < MIN_CONFIDENCE:
        return first_declared or detected
    if first_declared is None or first_declared == detected:
        return detected
    # Norwegian variants and similar close pairs: keep the more specific declaration.
    if {first_declared, detected} <= {"no", "nb", "nn"}:
        return first_declared
    return detected if len(text) >= OVERRIDE_CHARS else first_declared
