"""Every setting in one typed table: the `Settings` fields, each with its default and help.

Each field's env var is COLONNADE_<NAME>. `SETTINGS` (name, type, default, help, secret) is
derived from the fields, and so is the table in docs/configuration.md (`markdown_table`, checked
by a test). `Settings.from_env()` reads the environment; `colonnade config` prints the values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

from colonnade.errors import ConfigError
from colonnade.links import MASK, SECRET_WORDS, mask_url_password

T = TypeVar("T", str, int, float, bool)


def setting(default: T, help: str, *, secret: bool = False) -> T:
    """A `Settings` field: its default, one line of help and whether its value is secret."""
    return field(default=default, metadata={"help": help, "secret": secret})


def default_database_url() -> str:
    """`./colonnade.db` when it exists (a project folder), else one in the user's data directory."""
    local = Path("colonnade.db")
    if local.exists():
        return f"sqlite:///{local.resolve()}"
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("colonnade", appauthor=False))
    return f"sqlite:///{folder / 'colonnade.db'}"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = setting(
        "",
        "Database URL (sqlite:///path or postgresql://...). "
        "Empty: ./colonnade.db if present, else colonnade.db in the user data directory.",
    )
    user_agent: str = setting(
        "Colonnade/0.1 (+https://github.com/colonnade/colonnade)",
        "User-Agent sent with every request and matched against robots.txt.",
    )
    allow_private_addresses: bool = setting(
        False,
        "Allow fetching loopback, private, link-local and metadata addresses (SSRF guard off).",
    )
    obey_robots: bool = setting(True, "Obey robots.txt.")
    per_host_concurrency: int = setting(2, "Requests in flight at once to one host.")
    per_host_delay: float = setting(1.0, "Minimum seconds between request starts to one host.")
    concurrency: int = setting(16, "Requests in flight at once in total.")
    connect_timeout: float = setting(10.0, "Seconds to wait for a connection.")
    read_timeout: float = setting(20.0, "Seconds to wait between bytes of a response.")
    total_timeout: float = setting(60.0, "Seconds a whole request may take, body included.")
    max_redirects: int = setting(5, "Redirects followed per request.")
    max_body_bytes: int = setting(5_000_000, "Largest body accepted, after decompression.")
    retries: int = setting(2, "Retries on 429, 5xx and network errors, with backoff.")
    feed_min_interval: int = setting(900, "Shortest seconds between checks of one feed.")
    feed_max_interval: int = setting(86_400, "Longest seconds between checks of one feed.")
    max_articles_per_feed: int = setting(200, "New article URLs taken from one feed per pass.")
    extract_workers: int = setting(0, "Extraction worker processes (0: one per CPU core).")
    extract_timeout: float = setting(
        30.0, "Seconds one page's extraction may take; its worker is then killed (0: no limit)."
    )
    extract_memory_mb: int = setting(
        256, "MiB an extraction worker may grow by over its size at start (0: no limit)."
    )
    excerpt_chars: int = setting(600, "Length of the excerpt shown on the site and in exports.")
    show_full_text: bool = setting(
        False, "Show the full article text on the site, not only the excerpt."
    )
    admin_token: str = setting(
        "", "Token for the administration API; empty disables it.", secret=True
    )
    page_size: int = setting(
        20,
        "Articles per page on the site and in feeds; the API's "
        "default page size (it accepts up to 100).",
    )
    cache_seconds: float = setting(
        30.0,
        "Seconds the site keeps its front-page lists, most "
        "read and filter lists in memory (0: no cache).",
    )
    public_url: str = setting(
        "",
        "The site's public address (https://columns.example), for "
        "absolute links in feeds. Empty: the address each request came to.",
    )
    max_request_bytes: int = setting(
        1_048_576,
        "Largest request body the site accepts, in bytes; a larger one is refused with 413.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            s.name: s.parse(env[s.env_var]) for s in SETTINGS if s.env_var in env
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()

    def as_rows(self) -> list[tuple[str, str, str]]:
        """(name, value, env var) for display; secrets and passwords inside URLs masked."""
        return [(s.name, s.show(getattr(self, s.name)), s.env_var) for s in SETTINGS]


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True, slots=True)
class Setting:
    """One row of the table, as read from a `Settings` field."""

    name: str
    type: type
    default: Any
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return f"COLONNADE_{self.name.upper()}"

    def parse(self, raw: str) -> Any:
        """The value of the environment variable as this setting's type, or one clear error."""
        try:
            if self.type is not bool:
                return self.type(raw)
            low = raw.strip().lower()
            if low in _TRUE or low in _FALSE:
                return low in _TRUE
            raise ValueError(raw)
        except ValueError:
            raise ConfigError(
                f"{self.env_var}={raw!r} is not a valid {self.type.__name__}"
            ) from None

    @property
    def is_secret(self) -> bool:
        """Flagged secret, or named for a token, password or secret."""
        return self.secret or any(word in self.name.lower() for word in SECRET_WORDS)

    def show(self, value: Any) -> str:
        """The value for display: `***` for a set secret, URL passwords masked, else repr."""
        if self.is_secret and value:
            return MASK
        if isinstance(value, str):
            return repr(mask_url_password(value))
        return repr(value)

    @property
    def documented_default(self) -> str:
        return f"`{self.default}`" if self.default != "" else "(empty)"


def _table() -> tuple[Setting, ...]:
    types = get_type_hints(Settings)
    return tuple(
        Setting(f.name, types[f.name], f.default, f.metadata["help"], f.metadata["secret"])
        for f in fields(Settings)
    )


SETTINGS: tuple[Setting, ...] = _table()


def markdown_table() -> str:
    """The settings table of docs/configuration.md, one row per setting."""
    rows = [
        "| setting | environment variable | type | default | what it does |",
        "| --- | --- | --- | --- | --- |",
    ]
    rows += [
        f"| {s.name} | `{s.env_var}` | {s.type.__name__} | {s.documented_default} | {s.help} |"
        for s in SETTINGS
    ]
    return "\n".join(rows) + "\n"
