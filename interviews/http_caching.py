"""HTTP caching: validators for conditional GET, the response cache, and what caches may keep.

Every validator is built on the archive's version (config/archive_version.py), which goes up after
any change to what a page can show: an interview, its turns, people, topics, outlet, comments,
or its neighbours in the list. An unchanged version means an unchanged page, so a conditional
GET can be answered with 304 after reading that one number, and a page rendered at one version
can be served again to anyone who asks at that version.

- Public pages (home, lists, interview, outlet, topic, year and person pages, search within an
  interview, the comment form): `cached_public_page`. Rendered for an anonymous reader they
  are the same for every anonymous reader: the comment form carries no CSRF token (anonymous
  comments are checked by their origin, config/same_origin.py) and no page shows anything of a
  session. So they are `Cache-Control: public`, carry the version as their ETag, and are kept
  whole in the "pages" cache under the version: the next anonymous reader costs one query. A
  change moves the version, so the next request misses; old pages are left to expire (no purge).
  A request with a session cookie (possibly a signed-in editor, whose form carries Django's CSRF
  token) or an Authorization header is rendered for it alone: `private, no-cache`, never cached.
  Every public page says `Vary: Cookie`, so that a shared cache never hands the anonymous copy
  to an editor.
- Feeds: public, with `ETag` and `Last-Modified`, so feed readers poll with a 304.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag
from django.views.decorators.http import condition, require_safe

from config.archive_version import ArchiveVersion, archive_version

PAGE_CACHE = "pages"
# Set on every public page after the view has run, so never stored with it.
_CACHING_HEADERS = {"cache-control", "etag", "vary", "expires", "last-modified"}


def archive_etag(version: ArchiveVersion) -> str:
    """The version's number and time (`ArchiveVersion.tag`): a restored backup can bring the
    number back, and the next change reach a number it had, but never with the same time."""
    return quote_etag(f"v{version.tag}")


def may_be_signed_in(request: HttpRequest) -> bool:
    """Whether the request has a session, the only way to be signed in to this site.

    Without a session cookie a visitor is nobody in particular: what they are shown is what
    everyone is shown, and a form they post needs no CSRF token (config/same_origin.py).
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_anonymous(request: HttpRequest) -> bool:
    """A GET or HEAD from nobody in particular: the only requests served from the page cache."""
    return (
        request.method in ("GET", "HEAD")
        and not may_be_signed_in(request)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_cache_key(request: HttpRequest, *, version: ArchiveVersion) -> str:
    """The key of this page at this version: scheme, host, path and query string, hashed."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "backslashreplace")).hexdigest()
    return f"v{version.tag}:{digest}"


def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    # Anything made for this visitor alone (a cookie, a CSRF secret the page used, a
    # Cache-Control of the view's own) keeps the response out of the cache.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _stored(response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        "content": response.content,
        "headers": [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _CACHING_HEADERS
        ],
    }


def _restored(stored: dict) -> HttpResponse:
    return HttpResponse(stored["content"], status=stored["status"], headers=stored["headers"])


def _private(response: HttpResponse) -> HttpResponse:
    """Only the visitor's browser may keep it, and must ask again before showing it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _anonymous_response(view, request, *args, **kwargs) -> HttpResponse:
    version = archive_version()
    etag = archive_etag(version)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        seconds = settings.PAGE_CACHE_SECONDS
        key = page_cache_key(request, version=version)
        stored = caches[PAGE_CACHE].get(key) if seconds else None
        if stored is not None:
            response = _restored(stored)
        else:
            response = view(request, *args, **kwargs)
            if not _is_shareable(request, response):
                return _private(response)
            if seconds:
                caches[PAGE_CACHE].set(key, _stored(response), seconds)
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        s_maxage=settings.PUBLIC_PAGE_S_MAXAGE,
    )
    patch_vary_headers(response, ["Cookie"])
    return response


def cached_public_page(view):
    """A page that is the same for every anonymous reader: public, and kept in the page cache.

    Anonymous requests (`is_anonymous`) get a 304 when their ETag holds the archive's version,
    else the page from the "pages" cache, else the page rendered, and kept when nothing in it
    is the visitor's own. Any other request is rendered for itself, `private, no-cache`.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_anonymous(request):
            return _anonymous_response(view, request, *args, **kwargs)
        return _private(view(request, *args, **kwargs))

    return wrapper


def public_feed(feed):
    """A feed with ETag and Last-Modified from the archive's version, through Django's
    `condition` (one query, which is all a 304 costs), and Cache-Control: public,
    max-age=PUBLIC_PAGE_MAX_AGE. GET and HEAD only, as every page: any other method is a 405
    (Django's Feed answers any method with the whole feed)."""

    @functools.wraps(feed)
    @require_safe
    def view(request, *args, **kwargs):
        # Read once for both validators, which `condition` asks for separately.
        version = archive_version()
        conditional = condition(
            etag_func=lambda *_, **__: archive_etag(version),
            last_modified_func=lambda *_, **__: version.changed_at,
        )(feed)
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return response

    return view
