"""Whether a form post comes from one of this site's own pages: the CSRF check without a token.

The public pages are the same for every anonymous reader and kept whole in caches, so the
comment form they hold cannot carry a per-visitor CSRF token. A browser says where a post comes
from instead, and a forged cross-site post is always sent by a browser: it sends `Sec-Fetch-Site`
(every current browser), else `Origin` (every browser on a POST since 2020), else at least
`Referer` (this site asks for it on its own pages: Referrer-Policy same-origin). Whichever of
them comes first is believed. A request with none of them is not a browser's, so it is not a
cross-site request forgery (a script can post directly, with or without a token): it is let
through, and the rate limit and moderation deal with it as with any other comment.

Anything tied to a login keeps Django's own token check (see interviews/views.comment_create).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import is_same_domain


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _is_trusted(origin: str, request: HttpRequest) -> bool:
    """The request's own origin, or one of CSRF_TRUSTED_ORIGINS (with Django's `*.` subdomains)."""
    origin = origin.lower()
    if origin == f"{request.scheme}://{request.get_host()}".lower():
        return True
    scheme, _, host = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted = trusted.lower()
        if trusted == origin:
            return True
        trusted_scheme, _, trusted_host = trusted.partition("://")
        # "https://*.example.org" trusts every subdomain, as Django's CSRF check reads it.
        if (
            trusted_host.startswith("*")
            and scheme == trusted_scheme
            and is_same_domain(host, trusted_host.lstrip("*"))
        ):
            return True
    return False


def cross_site_reason(request: HttpRequest) -> str | None:
    """Why the request looks sent from another site's page, or None when it does not."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        if fetch_site == "same-origin":
            return None
        return f"the browser says the form was sent from elsewhere (Sec-Fetch-Site: {fetch_site})"
    origin = request.headers.get("Origin")
    if origin is not None:
        # "null" is what a sandboxed frame, a data: page or a file sends: nobody's origin.
        if origin != "null" and _is_trusted(origin, request):
            return None
        return f"the form was sent from another site ({origin})"
    referer = request.headers.get("Referer")
    if referer is not None:
        referer_origin = _origin_of(referer)
        if referer_origin is not None and _is_trusted(referer_origin, request):
            return None
        return "the form was sent from a page of another site"
    return None
