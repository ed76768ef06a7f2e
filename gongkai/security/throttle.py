"""Counting limits in the shared "throttle" cache (Redis or the database cache: every worker and
machine sees the same counters). Used for the per-address login cap and the status lookup.

With Redis, `incr` is atomic. With the database cache it is read-then-write, so two requests at the
same instant may both count as one: a limit of N may let N+1 through under a race, never more
than the number of concurrent workers. Login lockout per (account, address) does not depend on
this (django-axes counts in its own table with row locks).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import caches


def _cache():
    return caches["throttle"]


@dataclass(frozen=True)
class Limit:
    name: str
    limit: int
    window_seconds: int

    def _keys(self, ident: str) -> tuple[str, str]:
        digest = hashlib.sha256(f"{self.name}\x00{ident}".encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}:n", f"throttle:{self.name}:{digest}:until"

    def wait_seconds(self, ident: str) -> int:
        """0 if `ident` may go on, else the seconds until its window ends."""
        count_key, until_key = self._keys(ident)
        values = _cache().get_many([count_key, until_key])
        if values.get(count_key, 0) < self.limit:
            return 0
        return max(1, math.ceil(values.get(until_key, time.time() + self.window_seconds) - time.time()))

    def hit(self, ident: str) -> int:
        """Count one event for `ident`; returns the count in the current window."""
        cache = _cache()
        count_key, until_key = self._keys(ident)
        if cache.add(count_key, 1, self.window_seconds):
            cache.set(until_key, time.time() + self.window_seconds, self.window_seconds)
            return 1
        try:
            return cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, self.window_seconds)
            cache.set(until_key, time.time() + self.window_seconds, self.window_seconds)
            return 1

    def reset(self, ident: str) -> None:
        _cache().delete_many(list(self._keys(ident)))


def wait_text(seconds: int) -> str:
    """「约 N 分钟」 for a wait in seconds (at least one minute)."""
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} 分钟"
