"""The fetch stage: polite, bounded, SSRF-guarded HTTP that yields `FetchedPage`s.

See docs/fetching.md for what it does and which settings govern it.
"""

from colonnade.fetch.client import Fetcher, TransientError, fetch_sync
from colonnade.fetch.retry import RetryPolicy
from colonnade.fetch.ssrf import AddressGuard

__all__ = ["AddressGuard", "Fetcher", "RetryPolicy", "TransientError", "fetch_sync"]
