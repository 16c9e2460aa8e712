"""Who the client is: its IP address, seen through the proxies the settings trust.

Read by the comment rate limit (config/ratelimit.py) and, as AXES_CLIENT_IP_CALLABLE, by the
admin's login throttling, so that both count the same client.
"""

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address, seen through the proxies the settings trust.

    REMOTE_ADDR is whoever connected: behind a TLS proxy, the proxy, for every visitor alike.
    When it is one of TRUSTED_PROXIES, the proxy's X-Forwarded-For says who it forwarded for:
    its entries are read from the right (the nearest hop) past the trusted proxies, so a client
    cannot choose its own address by sending the header itself.
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
