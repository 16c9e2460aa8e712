"""Per-client rate limits kept in Django's cache: so many actions per window, then 429.

A fixed window per client and action: the first action opens a window of `seconds`, and past
`limit` actions in it the client waits for the window to end. A client is its IP address as
`client_address` reads it. The cache is the process's own
memory unless the settings choose a shared one; with several workers and a local cache each
worker counts alone, which is why production should set a shared cache.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    limit: int
    seconds: int

    @classmethod
    def from_text(cls, text: str) -> "RateLimit":
        """ "5/600": five actions every 600 seconds."""
        limit, _, seconds = text.partition("/")
        return cls(int(limit), int(seconds or 60))


def client_address(request) -> str:
    """The client's IP address, seen through the proxies the settings trust.

    REMOTE_ADDR is whoever connected: behind a TLS proxy, the proxy, for every visitor alike.
    When it is one of TRUSTED_PROXIES, the proxy's X-Forwarded-For says who it forwarded for:
    its entries are read from the right (the nearest hop) past the trusted proxies, so a client
    cannot choose its own address by sending the header itself. Used by the comment rate limit
    and, as AXES_CLIENT_IP_CALLABLE, by the admin's login throttling.
    """
    address = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(settings.TRUSTED_PROXIES)
    if address not in trusted:
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if hop not in trusted:
            return hop
    return address


def client_key(request) -> str:
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def rate_limit_hit(*, action: str, client: str, rule: RateLimit) -> int:
    """0 if the client may go ahead (and counts this action), else the seconds left to wait."""
    count_key = f"ratelimit:{action}:{client}"
    opened_key = f"{count_key}:opened"
    now = int(time.time())
    if cache.add(count_key, 0, timeout=rule.seconds):
        cache.set(opened_key, now, timeout=rule.seconds)
    try:
        count = cache.incr(count_key)
    except ValueError:
        # The window ended between add() and incr(): this action opens a new one.
        cache.set(count_key, 1, timeout=rule.seconds)
        cache.set(opened_key, now, timeout=rule.seconds)
        return 0
    if count <= rule.limit:
        return 0
    return max(1, cache.get(opened_key, now) + rule.seconds - now)
