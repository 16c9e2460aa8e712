"""The page a reader gets while the database does not answer: a 503, never a traceback.

`DatabaseUnavailableMiddleware` catches the error where a view or its template raises it and
logs one line, not a traceback per request, since an outage fails every request at once. An
error raised outside the views (another middleware) reaches `config.error_pages.server_error`,
which answers with the same page; `/readyz` (config/health.py) answers 503 for the same errors.

Only a database that cannot be reached gets the 503 (`is_database_down`): a connection that
fails or breaks, a server shutting down or starting up, no connection left, SQLite's file out
of reach or locked. Any other database error (a missing table after a deploy that skipped a
migration, a regex that does not compile, a value the database refuses) is a fault: Django logs
it with its traceback and answers with the friendly 500 page (config/error_pages.py), so it is
seen and fixed rather than hidden behind "try again in a moment".
"""

import logging
import sqlite3

import django.db
import psycopg
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from config.statement_timeout import is_statement_timeout

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait: PostgreSQL restarting takes a few seconds.
RETRY_AFTER_SECONDS = 10

# The kinds of error a database that is down, restarting or unreachable raises: Django's
# wrapped errors, and the driver's own when a connection attempt fails before Django can wrap
# it. Not every error of these kinds is an outage (`is_database_down` tells); /readyz, whose
# only query is SELECT 1, takes any of them for "not ready".
DATABASE_DOWN_ERRORS = (
    django.db.OperationalError,
    django.db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)

# PostgreSQL's answers (SQLSTATE) that mean the server cannot serve this connection now: class
# 08, the connection failed or broke; class 53, out of connections (too_many_connections),
# memory or disk; 57P01-57P03, the server is shutting down, crashed, or is starting up.
POSTGRES_UNAVAILABLE_CLASSES = ("08", "53")
POSTGRES_UNAVAILABLE_STATES = frozenset({"57P01", "57P02", "57P03"})

# SQLite's OperationalError says what happened only in its message. The file cannot be opened or
# read (a volume gone, a full disk), or another process holds the write lock past the busy
# timeout: "database is locked" is contention, not a fault in the site, and trying again in a
# moment is the right advice, so it gets the 503 with Retry-After. Anything else from SQLite,
# "no such table" (a deploy that skipped a migration), "no such column", "user-defined function
# raised exception" (a regex that does not compile), is a fault to fix: a logged 500.
SQLITE_UNAVAILABLE_MESSAGES = (
    "unable to open database file",
    "disk i/o error",
    "database or disk is full",
    "database is locked",
    "database table is locked",
)


PLAIN_UNAVAILABLE_PAGE = (
    "<!doctype html><title>Temporarily unavailable</title><h1>Temporarily unavailable</h1>"
    "<p>The archive cannot reach its database just now. Please try again in a moment.</p>"
)


def _driver_error(error: BaseException) -> BaseException | None:
    """The driver's own exception under Django's wrapper (`raise ... from`), if there is one."""
    seen = error
    while seen is not None:
        if isinstance(seen, (psycopg.Error, sqlite3.Error)):
            return seen
        seen = seen.__cause__
    return None


def _driver_error_is_unavailable(driver_error: BaseException) -> bool:
    if isinstance(driver_error, psycopg.InterfaceError):
        return True  # The connection is closed, or was never made.
    if isinstance(driver_error, psycopg.OperationalError):
        state = driver_error.sqlstate
        # No SQLSTATE: the client failed to reach the server (refused, timed out, closed).
        return (
            state is None
            or state[:2] in POSTGRES_UNAVAILABLE_CLASSES
            or state in POSTGRES_UNAVAILABLE_STATES
        )
    if isinstance(driver_error, sqlite3.OperationalError):
        message = str(driver_error).lower()
        return any(text in message for text in SQLITE_UNAVAILABLE_MESSAGES)
    return False


def is_database_down(error: BaseException | None) -> bool:
    """Whether `error` says the database cannot be reached just now (the 503), not a fault.

    A missing table, a bad query, a value the database refuses or a statement PostgreSQL
    cancelled at its time limit (config/statement_timeout.py has its own 503) all come from a
    database that answered: they are not an outage. An error of the outage kinds that carries
    no driver error (raised by Django itself) is taken for one.
    """
    if not isinstance(error, DATABASE_DOWN_ERRORS) or is_statement_timeout(error):
        return False
    driver_error = _driver_error(error)
    if driver_error is None:
        return True
    return _driver_error_is_unavailable(driver_error)


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
