"""Requests that no page can answer: refused with a 400 that says why, before any view or query.

A NUL character is never part of an address, a header or a form a person fills in, and
PostgreSQL refuses it in any text it is sent (a `DataError`, which would be a 500 wherever the
value reaches a query: a slug, an id, a session key, a search term). SQLite keeps it. So one
rule, here, for every page on both databases:

- A NUL in the path (raw or as %00), or in a header, is a 400 at once.
- A NUL in a query string or in a posted form (a name or a value) is a 400 once the URL is
  resolved, except where the page reads that input through a form that already refuses a NUL
  with its own message and still shows the page (`OWN_MESSAGE_VIEWS`): the filtered lists and
  the search within an interview leave the filter out and say "Null characters are not
  allowed.", and the comment form shows that error on the field, keeping what the reader wrote.
  A message on the page a reader was reading is better than a page of its own; everywhere else
  (a reply link, a page number, a feed) the 400 page names the parameter.
- The admin is one of those: its filters, forms and autocomplete answer bad values with their
  own messages (see interviews/admin.py and tests/sweep/test_admin_sweep.py).
- A cookie holding a NUL was not set by this site: it is dropped, as if not sent, like a session
  key that names no session, so a visitor is never locked out by a cookie they cannot see.

Invalid percent-encoding or UTF-8 in the path needs nothing here: Django re-encodes bytes that
are not UTF-8 (`repercent_broken_unicode`) and such a path matches no pattern, a 404.
"""

import logging

from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

NUL = "\x00"
# The longest parameter name the 400 page repeats: a name can be as long as the address.
SHOWN_NAME_LENGTH = 60

# Pages whose forms refuse a NUL with their own message (see the module's docstring), by URL
# name; the admin's by its app name.
OWN_MESSAGE_VIEWS = frozenset(
    {
        "interviews:list",
        "interviews:list_json",
        "interviews:outlet",
        "interviews:topic",
        "interviews:year",
        "interviews:search_within",
        "interviews:comment_create",
    }
)
OWN_MESSAGE_APPS = frozenset({"admin"})
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def malformed_input_response(message: str) -> HttpResponse:
    """The site's 400 page with `message`; rendered without the request, as bad_request is."""
    body = loader.get_template("400.html").render({"message": message})
    return HttpResponse(body, status=400)


def _shown(name: str) -> str:
    name = name.replace(NUL, "")
    if len(name) > SHOWN_NAME_LENGTH:
        return name[:SHOWN_NAME_LENGTH] + "…"
    return name


def _first_with_nul(fields) -> str | None:
    """The name of the first field (of a QueryDict) whose name or any value holds a NUL."""
    for name, values in fields.lists():
        if NUL in name or any(isinstance(value, str) and NUL in value for value in values):
            return name
    return None


def path_or_header_problem(request) -> str | None:
    if NUL in request.path_info or NUL in request.path:
        return "The address contains a null character (%00), which no address on this site has."
    for key, value in request.META.items():
        if key.startswith("HTTP_") and key != "HTTP_COOKIE" and NUL in str(value):
            header = key.removeprefix("HTTP_").replace("_", "-").title()
            return f"The request's {header} header contains a null character."
    return None


def query_or_form_problem(request) -> str | None:
    name = _first_with_nul(request.GET)
    if name is not None:
        return (
            f"The address's “{_shown(name)}” parameter contains a null character (%00), "
            "which no page of this site accepts."
        )
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        name = _first_with_nul(request.POST)
        if name is not None:
            return (
                f"The form's “{_shown(name)}” field contains a null character, which no form "
                "of this site accepts."
            )
    return None


def _drop_cookies_with_nul(request) -> None:
    dropped = [name for name, value in request.COOKIES.items() if NUL in name or NUL in value]
    for name in dropped:
        del request.COOKIES[name]
    if dropped:
        logger.warning("Dropped cookies holding a NUL: %s", ", ".join(map(repr, dropped)))


def has_own_message(resolver_match) -> bool:
    return resolver_match.view_name in OWN_MESSAGE_VIEWS or bool(
        OWN_MESSAGE_APPS.intersection(resolver_match.app_names)
    )


class MalformedInputMiddleware:
    """Goes before anything that reads the database (sessions, the statement timeout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = path_or_header_problem(request)
        if problem is not None:
            return self._refuse(request, problem)
        _drop_cookies_with_nul(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if has_own_message(request.resolver_match):
            return None
        problem = query_or_form_problem(request)
        return None if problem is None else self._refuse(request, problem)

    @staticmethod
    def _refuse(request, problem: str) -> HttpResponse:
        logger.warning("Bad request %s %r: %s", request.method, request.path, problem)
        return malformed_input_response(problem)
