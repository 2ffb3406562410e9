"""When to check a feed next: often for feeds that publish often, rarely for quiet ones.

The interval follows the feed's own rhythm: half the median gap between its recent entries,
clamped to [feed_min_interval, feed_max_interval]. A feed without dates backs off by 1.5x after
a pass with nothing new and halves after a pass with something new.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from statistics import median

from colonnade.config import Settings


def next_interval(
    settings: Settings,
    *,
    previous: int | None,
    new_items: int,
    entry_dates: list[datetime],
) -> int:
    low, high = settings.feed_min_interval, settings.feed_max_interval
    dates = sorted(d for d in entry_dates if d is not None)[-20:]
    if len(dates) >= 3:
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(dates)]
        gaps = [g for g in gaps if g > 0]
        if gaps:
            return int(min(high, max(low, median(gaps) / 2)))
    current = previous or low
    guess = current / 2 if new_items else current * 1.5
    return int(min(high, max(low, guess)))


def next_check(now: datetime, interval_s: int) -> datetime:
    return now + timedelta(seconds=interval_s)


def error_backoff(settings: Settings, errors_in_a_row: int) -> int:
    """Seconds before a failing feed is tried again: doubling from the minimum interval."""
    doubled = settings.feed_min_interval * 2 ** min(errors_in_a_row - 1, 16)
    return int(min(settings.feed_max_interval, doubled))
