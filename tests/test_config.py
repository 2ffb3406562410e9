from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from colonnade.cli.config_cmd import config
from colonnade.cli.context import AppContext
from colonnade.config import SETTINGS, Settings, markdown_table, mask_url_password
from colonnade.errors import ConfigError

DOCS = Path(__file__).parents[1] / "docs" / "configuration.md"


def _show(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(config, list(args), obj=AppContext(settings))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_table_is_read_from_the_fields() -> None:
    settings = Settings()
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    for setting in SETTINGS:
        assert getattr(settings, setting.name) == setting.default, setting.name
        assert isinstance(setting.default, setting.type), setting.name
        assert setting.help, setting.name
    assert [s.name for s in SETTINGS if s.secret] == ["admin_token"]


def test_docs_table_is_the_generated_table() -> None:
    """docs/configuration.md holds exactly the table `colonnade config --markdown` prints."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    documented = [line for line in lines if line.startswith("|")]
    assert documented == markdown_table().splitlines(), "run `colonnade config --markdown`"
    assert _show(Settings(), "--markdown") == markdown_table()


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
    assert settings.with_(retries=0) == Settings.from_env(env, retries=0)


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


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:secret@h/db", "postgresql://u:***@h/db"),
        (
            "postgresql://u:p%40ss@db.example:5432/x?sslmode=require",
            "postgresql://u:***@db.example:5432/x?sslmode=require",
        ),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("sqlite:///var/colonnade.db", "sqlite:///var/colonnade.db"),
        ("", ""),
    ],
)
def test_passwords_inside_urls_are_masked(url: str, shown: str) -> None:
    assert mask_url_password(url) == shown


def test_config_command_prints_every_setting_and_no_password() -> None:
    settings = Settings(database_url="postgresql://reader:hunter2@db.example/colonnade")
    out = _show(settings.with_(admin_token="t0ken"))
    for setting in SETTINGS:
        assert f"{setting.name} = " in out
        assert f"{setting.env_var}: {setting.help}" in out
    assert "database_url = 'postgresql://reader:***@db.example/colonnade'" in out
    assert "hunter2" not in out and "t0ken" not in out
