"""What every command shares: the settings and a lazily opened storage."""

from __future__ import annotations

from dataclasses import dataclass, field

from colonnade.config import Settings
from colonnade.store import Storage, open_storage


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
            self._storage = open_storage(self.settings.resolved_database_url())
        return self._storage

    def close(self) -> None:
        if self._storage is not None:
            self._storage.close()
            self._storage = None
