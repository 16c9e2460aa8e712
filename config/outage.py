"""The page a reader gets while the database does not answer: a 503, never a traceback.

`DatabaseUnavailableMiddleware` catches the error where a view or its template raises it and
logs one line, not a traceback per request, since an outage fails every request at once. An
error raised outside the views (another middleware) reaches `config.error_pages.server_error`,
which answers with the same page; `/readyz` (config/health.py) answers 503 for the same errors.
"""

import logging

import django.db
import psycopg
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from config.statement_timeout import is_statement_timeout

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait: PostgreSQL restarting takes a few seconds.
RETRY_AFTER_SECONDS = 10

# A database that is down, restarting or unreachable: Django's wrapped errors, and the driver's
# own when a connection attempt fails before Django can wrap it. The one list: the middleware,
# the 500 handler and /readyz all read it.
DATABASE_DOWN_ERRORS = (
    django.db.OperationalError,
    django.db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)

PLAIN_UNAVAILABLE_PAGE = (
    "<!doctype html><title>Temporarily unavailable</title><h1>Temporarily unavailable</h1>"
    "<p>The archive cannot reach its database just now. Please try again in a moment.</p>"
)


def is_database_down(error: BaseException | None) -> bool:
    # A statement PostgreSQL cancelled at its time limit is an OperationalError too, but the
    # database answered: that page gets its own 503 (config/statement_timeout.py).
    return isinstance(error, DATABASE_DOWN_ERRORS) and not is_statement_timeout(error)


def database_unavailable_response() -> HttpResponse:
    # Rendered without the request: context processors could touch the database again.
    try:
        body = loader.get_template("503.html").render()
    except Exception:
        logger.exception("The 503 page could not be rendered")
        body = PLAIN_UNAVAILABLE_PAGE
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # No proxy or cache may keep the outage page in place of the real one.
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_down(exception):
            return None
        logger.warning(
            "Database unavailable, answered 503 for %s %s: %s",
            request.method,
            request.path,
            exception,
        )
        return database_unavailable_response()
