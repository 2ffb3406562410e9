"""Every setting in one typed table: name, type, default, help; env var COLONNADE_<NAME>.

`Settings.from_env()` reads the environment; `colonnade config` prints the effective values and
docs/configuration.md is checked against this table by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from colonnade.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return f"COLONNADE_{self.name.upper()}"


def default_database_url() -> str:
    """`./colonnade.db` when it exists (a project folder), else one in the user's data directory."""
    local = Path("colonnade.db")
    if local.exists():
        return f"sqlite:///{local.resolve()}"
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("colonnade", appauthor=False))
    return f"sqlite:///{folder / 'colonnade.db'}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        str,
        "",
        "Database URL (sqlite:///path or postgresql://...). "
        "Empty: ./colonnade.db if present, else colonnade.db in the user data directory.",
    ),
    Setting(
        "user_agent",
        str,
        "Colonnade/0.1 (+https://github.com/colonnade/colonnade)",
        "User-Agent sent with every request and matched against robots.txt.",
    ),
    Setting(
        "allow_private_addresses",
        bool,
        False,
        "Allow fetching loopback, private, link-local and metadata addresses (SSRF guard off).",
    ),
    Setting("obey_robots", bool, True, "Obey robots.txt."),
    Setting("per_host_concurrency", int, 2, "Requests in flight at once to one host."),
    Setting("per_host_delay", float, 1.0, "Minimum seconds between request starts to one host."),
    Setting("concurrency", int, 16, "Requests in flight at once in total."),
    Setting("connect_timeout", float, 10.0, "Seconds to wait for a connection."),
    Setting("read_timeout", float, 20.0, "Seconds to wait between bytes of a response."),
    Setting("total_timeout", float, 60.0, "Seconds a whole request may take, body included."),
    Setting("max_redirects", int, 5, "Redirects followed per request."),
    Setting("max_body_bytes", int, 5_000_000, "Largest body accepted, after decompression."),
    Setting("retries", int, 2, "Retries on 429, 5xx and network errors, with backoff."),
    Setting("feed_min_interval", int, 900, "Shortest seconds between checks of one feed."),
    Setting("feed_max_interval", int, 86_400, "Longest seconds between checks of one feed."),
    Setting("max_articles_per_feed", int, 200, "New article URLs taken from one feed per pass."),
    Setting("extract_workers", int, 0, "Extraction worker processes (0: one per CPU core)."),
    Setting("excerpt_chars", int, 600, "Length of the excerpt shown on the site and in exports."),
    Setting(
        "show_full_text",
        bool,
        False,
        "Show the full article text on the site, not only the excerpt.",
    ),
    Setting(
        "admin_token", str, "", "Token for the administration API; empty disables it.", secret=True
    ),
    Setting(
        "page_size",
        int,
        20,
        "Articles per page on the site and in feeds; the API's "
        "default page size (it accepts up to 100).",
    ),
    Setting(
        "cache_seconds",
        float,
        30.0,
        "Seconds the site keeps its front-page lists, most "
        "read and filter lists in memory (0: no cache).",
    ),
    Setting(
        "public_url",
        str,
        "",
        "The site's public address (https://columns.example), for "
        "absolute links in feeds. Empty: the address each request came to.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _convert(setting: Setting, raw: str) -> Any:
    try:
        if setting.type is bool:
            low = raw.strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(raw)
        return setting.type(raw)
    except ValueError:
        raise ConfigError(
            f"{setting.env_var}={raw!r} is not a valid {setting.type.__name__}"
        ) from None


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = ""
    user_agent: str = _BY_NAME["user_agent"].default
    allow_private_addresses: bool = False
    obey_robots: bool = True
    per_host_concurrency: int = 2
    per_host_delay: float = 1.0
    concurrency: int = 16
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_body_bytes: int = 5_000_000
    retries: int = 2
    feed_min_interval: int = 900
    feed_max_interval: int = 86_400
    max_articles_per_feed: int = 200
    extract_workers: int = 0
    excerpt_chars: int = 600
    show_full_text: bool = False
    admin_token: str = ""
    page_size: int = 20
    cache_seconds: float = 30.0
    public_url: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.env_var in env:
                values[setting.name] = _convert(setting, env[setting.env_var])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()

    def as_rows(self) -> list[tuple[str, str, str]]:
        """(name, value, env var) for display; secrets masked."""
        rows = []
        for f in fields(self):
            setting = _BY_NAME[f.name]
            value = getattr(self, f.name)
            shown = "***" if setting.secret and value else repr(value)
            rows.append((f.name, shown, setting.env_var))
        return rows
