"""`colonnade config` as a user runs it never prints a password, a token or a secret."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from colonnade.cli import cli
from colonnade.config import SETTINGS, Setting
from colonnade.links import mask_url_password


def config_output(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, [*args, "config"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def value_of(output: str, name: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith(f"{name} = "))
    return line.removeprefix(f"{name} = ")


@pytest.mark.parametrize(
    ("url", "printed"),
    [
        ("postgresql://user:hunter2@db.example/news", "postgresql://user:***@db.example/news"),
        # Written unencoded, as people do: SQLAlchemy still reads these as the password.
        ("postgresql://user:hun/ter2@db.example/news", "postgresql://user:***@db.example/news"),
        ("postgresql://user:hun?ter2@db.example/news", "postgresql://user:***@db.example/news"),
        ("postgresql://user:hun#ter2@db.example/news", "postgresql://user:***@db.example/news"),
        ("postgresql://user:hun@ter2@db.example/news", "postgresql://user:***@db.example/news"),
        (
            "postgresql+psycopg://user:hunter2@db.example:5432/news?sslmode=require",
            "postgresql+psycopg://user:***@db.example:5432/news?sslmode=require",
        ),
        (
            "postgresql://user@db.example/news?sslmode=require&password=hunter2",
            "postgresql://user@db.example/news?sslmode=require&password=***",
        ),
        ("postgresql://user@db.example/news?sslpassword=hunter2", None),
    ],
)
def test_database_passwords_are_masked(url: str, printed: str | None) -> None:
    for output in (
        config_output(env={"COLONNADE_DATABASE_URL": url}),
        config_output("--db", url),
    ):
        assert "hunter2" not in output
        assert "ter2" not in value_of(output, "database_url")
        if printed is not None:
            assert value_of(output, "database_url") == repr(printed)


def test_the_admin_token_is_masked_and_an_empty_one_shown() -> None:
    output = config_output(env={"COLONNADE_ADMIN_TOKEN": "t0ken-value"})
    assert "t0ken-value" not in output
    assert value_of(output, "admin_token") == "***"
    assert value_of(config_output(env={"COLONNADE_ADMIN_TOKEN": ""}), "admin_token") == "''"


def test_urls_without_a_password_are_shown_whole() -> None:
    for url in (
        "postgresql://user@db.example:5432/news",
        "sqlite:////var/lib/colonnade/colonnade.db",
        "https://columns.example/",
    ):
        assert mask_url_password(url) == url
    output = config_output(env={"COLONNADE_PUBLIC_URL": "https://columns.example"})
    assert value_of(output, "public_url") == "'https://columns.example'"


@pytest.mark.parametrize("name", ["db_password", "api_token", "session_secret", "SMTP_PASSWD"])
def test_any_setting_named_for_a_secret_is_masked(name: str) -> None:
    setting = Setting(name, str, "", "help")  # not flagged secret: its name is enough
    assert setting.is_secret
    assert setting.show("hunter2") == "***"
    assert setting.show("") == "''"


def test_every_secret_setting_is_masked_by_name_or_flag() -> None:
    assert [s.name for s in SETTINGS if s.is_secret] == ["admin_token"]
    assert not next(s for s in SETTINGS if s.name == "max_request_bytes").is_secret
