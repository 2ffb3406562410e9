"""When and how long to wait before trying a request again."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# 429 and every 5xx may clear up; other statuses are answers, not accidents.
RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter; Retry-After honoured up to `retry_after_cap` seconds.

    The cap exists so a hostile or confused server cannot park a crawl for hours.
    """

    backoff_base: float = 0.5
    backoff_max: float = 30.0
    retry_after_cap: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based): half fixed, half
        random, so many clients that failed together do not come back together."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def retry_after(self, value: str | None, now: datetime | None = None) -> float | None:
        """Seconds a Retry-After header asks for (delta-seconds or HTTP date), capped."""
        seconds = parse_retry_after(value, now)
        return None if seconds is None else min(seconds, self.retry_after_cap)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
