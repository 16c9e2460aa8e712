"""The Redis cache backend the site uses: while Redis does not answer, pages render uncached.

Everything the site keeps in Redis can be lost: whole public pages (interviews/http_caching.py),
the interview page's rendered fragments (`{% cache %}` in its template), facet counts, the comment
rate limit's counters. Django's own RedisCache raises redis's ConnectionError from every call
while Redis is down, restarting or unreachable, and its callers are many, some of them Django's
(the `{% cache %}` tag). So the backend itself degrades, once for all of them: a read is a miss
and a write is dropped, and the page is rendered as if nothing had been cached.

After a failure this process leaves Redis alone for RETRY_SECONDS: a Redis that is unreachable
rather than refusing (a host gone from the network) costs one connection timeout per process in
that time, not one per request, and one warning is logged, not a traceback per request. Then the
next call tries again, and the cache refills by itself.

Counters are the exception: `incr` (and `decr`) raise CacheUnavailable instead, since a counter
that silently counts nothing is a decision for its caller; config/ratelimit.py counts in the
process's own memory meanwhile.
"""

from __future__ import annotations

import logging
import time

import redis.exceptions
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds a process does without Redis after it failed to answer, before trying it again.
RETRY_SECONDS = 5.0

# Redis down, restarting (still loading its data: BusyLoadingError is a ConnectionError),
# unreachable or too slow. An error Redis answers with (a wrong command) is not among them.
REDIS_DOWN_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

# redis-py's connection options, unless the cache's OPTIONS say otherwise. Redis answers in a
# millisecond on the same network: waiting longer only holds the page up. A command that fails
# on a pooled connection is tried once more on a new one, which is all it takes after Redis
# restarted (every pooled connection is then closed, though Redis is back).
CONNECTION_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "retry_on_error": [redis.exceptions.ConnectionError],
}

# The monotonic time until which each Redis (its LOCATION) is left alone; shared by the cache
# aliases of a process that use the same Redis (the default cache and the page cache).
_down_until: dict[str, float] = {}


class CacheUnavailable(Exception):
    """The shared cache cannot count just now (see the module's docstring)."""


class DegradingRedisCache(RedisCache):
    """Django's RedisCache, answering a miss while Redis is unavailable."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**CONNECTION_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)

    def is_available(self) -> bool:
        """False while this process is leaving Redis alone after a failure."""
        return time.monotonic() >= _down_until.get(self._location, 0.0)

    def _or(self, fallback, operation, *args, **kwargs):
        """`operation`'s result, or `fallback` if Redis is unavailable."""
        if not self.is_available():
            return fallback
        try:
            return operation(*args, **kwargs)
        except REDIS_DOWN_ERRORS as error:
            _down_until[self._location] = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "Cache unavailable (%s); serving uncached for %.0f s: %s",
                self._location.rsplit("@", 1)[-1],  # no password in the log
                RETRY_SECONDS,
                error,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # What was not stored, as Django's backends report it.
        return self._or(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def clear(self):
        return self._or(False, super().clear)

    def incr(self, key, delta=1, version=None):
        unavailable = object()
        result = self._or(unavailable, super().incr, key, delta, version)
        if result is unavailable:
            raise CacheUnavailable(f"cannot count {key!r}: the cache is unavailable")
        return result
