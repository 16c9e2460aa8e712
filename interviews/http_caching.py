"""HTTP caching: validators for conditional GET, and what each kind of page lets caches keep.

Every validator is built on the archive's version (interviews/changes.py), which goes up after
any change to what a page can show: an interview, its turns, people, topics, outlet, comments,
or its neighbours in the list. An unchanged version means an unchanged page, so a conditional
GET can be answered with 304 after reading that one number.

- Public pages (home, lists, outlet, topic, year and person pages, search within an
  interview): `Cache-Control: public, max-age=PUBLIC_PAGE_MAX_AGE`. They hold no form that
  posts and nothing of the visitor's.
- Feeds: the same, plus `ETag` and `Last-Modified`, so feed readers poll with a 304.
- An interview's page holds the comment form, with the visitor's CSRF token, and may show the
  visitor their own comments awaiting moderation: `Cache-Control: private, no-cache` (a
  browser keeps it and asks again each time; no shared cache keeps it at all), `Vary: Cookie`,
  and an ETag that also digests the cookies the page depends on (CSRF, session, messages).
  A visitor's pending comments change only when a comment is saved, which moves the version.
  The page sends no Last-Modified: a date cannot say that the visitor's cookies changed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from interviews import changes

# The cookies whose value changes what an interview's page shows or accepts.
MESSAGES_COOKIE = "messages"


def _visitor_cookies(request: HttpRequest) -> str:
    # The CSRF secret as the CSRF middleware holds it: read from the cookie, or made while the
    # page was rendered and about to be set as the cookie, which the next request then sends.
    csrf = request.META.get("CSRF_COOKIE") or request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    values = "\n".join(
        [
            f"csrf={csrf}",
            f"session={request.COOKIES.get(settings.SESSION_COOKIE_NAME, '')}",
            f"messages={request.COOKIES.get(MESSAGES_COOKIE, '')}",
        ]
    )
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def reading_page_etag(request: HttpRequest, *, version: int) -> str:
    """The ETag of an interview's page for this visitor, at this version of the archive."""
    return quote_etag(f"v{version}-{_visitor_cookies(request)}")


def archive_etag(version: int) -> str:
    return quote_etag(f"v{version}")


def revalidated_private_page(
    request: HttpRequest, *, version: int, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """304 when the visitor holds this page at this version; otherwise `render()` it.

    Either way the response says that only the visitor's browser may keep it.
    """
    response = get_conditional_response(request, etag=reading_page_etag(request, version=version))
    if response is None:
        response = render()
    if 200 <= response.status_code < 300 or response.status_code == 304:
        # Taken again after rendering: a first visit has just been given its CSRF secret.
        response["ETag"] = reading_page_etag(request, version=version)
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view):
    """Let any cache keep a successful response for PUBLIC_PAGE_MAX_AGE seconds."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return response

    return wrapper


def public_feed(feed):
    """A feed with ETag and Last-Modified (one query, which is all a 304 costs) and
    Cache-Control: public, max-age=PUBLIC_PAGE_MAX_AGE."""

    @functools.wraps(feed)
    def view(request, *args, **kwargs):
        version, changed_at = changes.archive_version()
        etag = archive_etag(version)
        last_modified = int(changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = feed(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return response

    return view
