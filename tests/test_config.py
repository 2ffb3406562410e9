from pathlib import Path

import pytest

from colonnade.config import SETTINGS, Settings
from colonnade.errors import ConfigError

DOCS = Path(__file__).parents[1] / "docs" / "configuration.md"


def test_defaults_match_the_table() -> None:
    settings = Settings()
    for setting in SETTINGS:
        assert getattr(settings, setting.name) == setting.default, setting.name


def test_every_setting_is_a_field_and_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)
    for setting in SETTINGS:
        assert f"`{setting.env_var}`" in text, f"{setting.env_var} missing from {DOCS.name}"


def test_environment_values_are_converted() -> None:
    env = {
        "COLONNADE_ALLOW_PRIVATE_ADDRESSES": "1",
        "COLONNADE_PER_HOST_DELAY": "0.25",
        "COLONNADE_MAX_REDIRECTS": "3",
        "COLONNADE_OBEY_ROBOTS": "off",
    }
    settings = Settings.from_env(env)
    assert settings.allow_private_addresses is True
    assert settings.per_host_delay == 0.25
    assert settings.max_redirects == 3
    assert settings.obey_robots is False


@pytest.mark.parametrize(
    ("name", "raw"),
    [("COLONNADE_MAX_REDIRECTS", "five"), ("COLONNADE_OBEY_ROBOTS", "maybe")],
)
def test_bad_environment_value_is_one_clear_error(name: str, raw: str) -> None:
    with pytest.raises(ConfigError, match=f"{name}='{raw}' is not a valid"):
        Settings.from_env({name: raw})


def test_overrides_win_over_environment() -> None:
    settings = Settings.from_env(
        {"COLONNADE_DATABASE_URL": "sqlite:///a.db"}, database_url="sqlite:///b.db"
    )
    assert settings.database_url == "sqlite:///b.db"


def test_secrets_are_masked() -> None:
    rows = dict((n, v) for n, v, _ in Settings(admin_token="hunter2").as_rows())
    assert rows["admin_token"] == "***"
