"""colonnade.codes: language and country codes checked against CLDR, and their names."""

from __future__ import annotations

import pytest

from colonnade.codes import country_code, country_name, country_zone, language_code, language_name
from colonnade.errors import BadRequest


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"), ("EN", "en"), ("pt-BR", "pt"), ("en_GB", "en"), ("zh-Hant-TW", "zh"),
        ("eng", "en"), ("deu", "de"), ("ger", "de"), ("fre", "fr"), ("nob", "nb"),
        ("iw", "he"), ("fr, en", "fr"), (" de ", "de"), (None, None), ("", None), ("  ", None),
    ],
)  # fmt: skip
def test_language_codes_and_tags(value: str | None, code: str | None) -> None:
    assert language_code(value) == code


@pytest.mark.parametrize("value", ["xx", "english", "x-klingon", "e", "tgl", "123"])
def test_what_names_no_language_is_refused_with_a_sentence(value: str) -> None:
    with pytest.raises(BadRequest, match="two-letter code") as caught:
        language_code(value)
    assert repr(value) in str(caught.value)
    assert language_code(value, strict=False) is None


def test_language_names_only_when_asked() -> None:
    assert language_code("English", strict=False) is None
    assert language_code("English", strict=False, names=True) == "en"
    assert language_code("Deutsch", strict=False, names=True) == "de"
    assert language_code("français", strict=False, names=True) == "fr"
    assert language_code("Klingon-ish", strict=False, names=True) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("GB", "GB"), ("fr", "FR"), (" de ", "DE"), ("XK", "XK"), ("AQ", "AQ"),
        # ISO 3166 reserves UK for the United Kingdom and CLDR aliases it to GB: an edition
        # typed as UK is the British one, not an error and not a second edition.
        ("UK", "GB"), ("uk", "GB"), ("GBR", "GB"), ("DEU", "DE"), ("FX", "FR"),
        (None, None), ("", None),
    ],
)  # fmt: skip
def test_country_codes(value: str | None, code: str | None) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize("value", ["XX", "ZZ", "EU", "UN", "SU", "France", "G", "001"])
def test_what_is_not_a_country_is_refused(value: str) -> None:
    with pytest.raises(BadRequest, match="two-letter code"):
        country_code(value)
    assert country_code(value, strict=False) is None


def test_names() -> None:
    assert country_name("fr") == "France" and country_name("GB") == "United Kingdom"
    assert country_name(None) == "Unknown country" and country_name("QQ") == "QQ"
    assert language_name("DE") == "German" and language_name("pt") == "Portuguese"
    assert language_name(None) == "Unknown language" and language_name("qq") == "qq"


@pytest.mark.parametrize(
    ("country", "zone"),
    [("DE", "Europe/Berlin"), ("us", "America/New_York"), ("IN", "Asia/Kolkata"),
     ("AU", "Australia/Sydney"), ("KE", "Africa/Nairobi"), ("XX", None), (None, None)],
)  # fmt: skip
def test_a_country_has_the_zone_its_publications_write_in(
    country: str | None, zone: str | None
) -> None:
    assert country_zone(country) == zone
