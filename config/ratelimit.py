"""Per-client rate limits kept in Django's cache: so many actions per window, then 429.

A fixed window per client and action: the first action opens a window of `seconds`, and past
`limit` actions in it the client waits for the window to end. A client is its IP address as
`config.client_address` reads it. The cache is the process's own memory unless the settings
choose a shared one; with several workers and a local cache each worker counts alone, which is
why production should set a shared cache.

While the shared cache (Redis) is unavailable (config/degrading_cache.py), each process counts in
its own memory: the limit still holds, loosened to `limit` per process (every worker of every
instance), which neither fails every comment nor lets a flood through. A warning is logged for
each action counted that way. When Redis is back the shared counts take over again, from
wherever they were.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache

from config.client_address import client_address
from config.degrading_cache import CacheUnavailable

logger = logging.getLogger(__name__)

# The counters of this process, used only while the shared cache cannot count.
_process_counters = LocMemCache("config.ratelimit.process", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


@dataclass(frozen=True)
class RateLimit:
    limit: int
    seconds: int

    @classmethod
    def from_text(cls, text: str) -> "RateLimit":
        """ "5/600": five actions every 600 seconds."""
        limit, _, seconds = text.partition("/")
        return cls(int(limit), int(seconds or 60))


def client_key(request) -> str:
    """The client as the counters name it: its address, hashed, so no cache key holds an address."""
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def rate_limit_hit(*, action: str, client: str, rule: RateLimit) -> int:
    """0 if the client may go ahead (and counts this action), else the seconds left to wait."""
    try:
        return _counted(cache, action=action, client=client, rule=rule)
    except CacheUnavailable:
        logger.warning("Rate limit %r counted by this process alone: cache unavailable", action)
        return _counted(_process_counters, action=action, client=client, rule=rule)


def _counted(counters: BaseCache, *, action: str, client: str, rule: RateLimit) -> int:
    count_key = f"ratelimit:{action}:{client}"
    opened_key = f"{count_key}:opened"
    now = int(time.time())
    if counters.add(count_key, 0, timeout=rule.seconds):
        counters.set(opened_key, now, timeout=rule.seconds)
    try:
        count = counters.incr(count_key)
    except ValueError:
        # The window ended between add() and incr(): this action opens a new one.
        counters.set(count_key, 1, timeout=rule.seconds)
        counters.set(opened_key, now, timeout=rule.seconds)
        return 0
    if count <= rule.limit:
        return 0
    return max(1, counters.get(opened_key, now) + rule.seconds - now)
