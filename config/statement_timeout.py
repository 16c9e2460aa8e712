"""A time limit on the database work of a request: PostgreSQL's statement_timeout.

A reader's request may not keep the database busy for longer than
DJANGO_PUBLIC_STATEMENT_TIMEOUT_MS (default 3 s) per statement: a search or a list that would take
longer is cancelled by PostgreSQL, and the reader gets a page that says so (503, with
Retry-After), not a traceback and not the outage page. The admin gets
DJANGO_ADMIN_STATEMENT_TIMEOUT_MS (default 0: no limit); management commands never pass through
here and keep the server's default.

The limit is a session setting, so a persistent connection keeps it: `SET statement_timeout` is
sent only when the connection's value differs from the one the request wants. The value set is
remembered on Django's connection wrapper and forgotten when a new connection is opened
(connection_created), which has the server's default: 0 sets no limit of the site's own, so it
costs no SET on a new connection (a limit configured on the server or the role then applies).
A request that has not touched the database yet when it starts gets the setting when its
connection is opened, before its first query.

Inside a transaction (a test's, say) the SET is rolled back with it, so it is sent but not
remembered there. SQLite has no such limit: on SQLite this middleware does nothing (sqlite3's
progress handler could interrupt a long query, but the small archives SQLite serves do not
need it).
"""

import logging

import psycopg.errors
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying a page that took too long again.
RETRY_AFTER_SECONDS = 30

# On Django's connection wrapper: the timeout the current request wants (None outside a
# request), and the one the open connection has (None when not known). A new connection has
# the server's default, which counts as 0: the site sets no limit of its own there.
WANTED = "statement_timeout_wanted"
CURRENT = "statement_timeout_current"

TOO_MUCH_TO_RANK = "This search matches too much to rank in time: add a word or a filter."
TOO_LONG = "This page took too long to prepare."
PLAIN_TOO_LONG_PAGE = (
    "<!doctype html><title>Taking too long</title><h1>Taking too long</h1><p>{message}</p>"
)


def _apply(connection) -> None:
    """SET the wanted timeout on `connection` if it is open, on PostgreSQL, and differs."""
    wanted = getattr(connection, WANTED, None)
    if wanted is None or connection.vendor != "postgresql" or connection.connection is None:
        return
    # A connection opened before this module was imported has the default too.
    if getattr(connection, CURRENT, 0) == wanted:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(wanted)}")
    except DatabaseError as error:
        # The database is failing: the view's first query will fail the same way, where the
        # outage page (config/outage.py) answers it.
        logger.info("statement_timeout not set: %s", error)
        return
    # A SET inside a transaction is undone by its rollback: known only outside one.
    setattr(connection, CURRENT, None if connection.in_atomic_block else wanted)


def connection_opened(sender, connection, **kwargs):
    """connection_created receiver: a new session has the server's default until told."""
    setattr(connection, CURRENT, 0)
    _apply(connection)


connection_created.connect(connection_opened, dispatch_uid="config.statement_timeout")


def is_statement_timeout(error: BaseException | None) -> bool:
    """True for a statement PostgreSQL cancelled (Django wraps it as an OperationalError)."""
    while error is not None:
        if isinstance(error, psycopg.errors.QueryCanceled):
            return True
        error = error.__cause__
    return False


def _is_admin(request) -> bool:
    return request.path.startswith(reverse("admin:index"))


def statement_timeout_response(request) -> HttpResponse:
    """The 503 for a page whose database work ran out of time: what to do, in a sentence."""
    searching = bool(request is not None and request.GET.get("q", "").strip())
    message = TOO_MUCH_TO_RANK if searching else TOO_LONG
    # Rendered without the request: context processors would query the database again.
    try:
        body = loader.get_template("statement_timeout.html").render({"message": message})
    except Exception:
        logger.exception("The statement timeout page could not be rendered")
        body = PLAIN_TOO_LONG_PAGE.format(message=message)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class StatementTimeoutMiddleware:
    """Sets the request's statement_timeout before its first query; answers a cancelled one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The primary and, when there is one, the read replica (config/db_router.py): a
        # reader's page may read either.
        databases = [connections[alias] for alias in settings.DATABASES]
        wanted = (
            settings.ADMIN_STATEMENT_TIMEOUT_MS
            if _is_admin(request)
            else settings.PUBLIC_STATEMENT_TIMEOUT_MS
        )
        for connection in databases:
            setattr(connection, WANTED, wanted)
            _apply(connection)
        try:
            return self.get_response(request)
        finally:
            # Code run outside a request (a command, a test) opens connections with the default.
            for connection in databases:
                setattr(connection, WANTED, None)

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        logger.warning(
            "Statement timeout, answered 503 for %s %s: %s",
            request.method,
            request.get_full_path(),
            exception,
        )
        return statement_timeout_response(request)
