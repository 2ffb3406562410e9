"""What every command shares: the settings and a lazily opened storage."""

from __future__ import annotations

from dataclasses import dataclass, field

from colonnade.config import Settings
from colonnade.errors import ConfigError
from colonnade.links import mask_url_password
from colonnade.store import Storage, open_storage
from colonnade.store.engine import parse_url

_USAGE = "use sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


@dataclass
class AppContext:
    settings: Settings
    _storage: Storage | None = field(default=None, repr=False)

    @classmethod
    def create(cls, database_url: str | None) -> AppContext:
        return cls(Settings.from_env(database_url=database_url))

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            url = self.settings.resolved_database_url()
            check_database_url(url)
            self._storage = open_storage(url)
        return self._storage

    def close(self) -> None:
        if self._storage is not None:
            self._storage.close()
            self._storage = None


def check_database_url(url: str) -> None:
    """ConfigError for a URL whose host or port cannot be read (`postgresql://u@:x/db`): the
    URL parser says so with a bare ValueError, where the store expects its own errors."""
    try:
        parse_url(url)
    except ValueError:
        shown = mask_url_password(url)
        raise ConfigError(
            f"invalid database URL {shown!r}: the host or port cannot be read ({_USAGE})"
        ) from None
