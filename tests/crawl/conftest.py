from __future__ import annotations

import pytest

from colonnade.config import Settings


@pytest.fixture
def settings() -> Settings:
    """Fast, local settings: test servers live on 127.0.0.1, so the SSRF guard is off."""
    return Settings().with_(
        allow_private_addresses=True,
        per_host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=0.5,
        total_timeout=2.0,
        retries=1,
        max_body_bytes=300_000,
        extract_workers=1,
    )
