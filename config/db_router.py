"""Which database a query goes to: the primary, or its streaming read replica.

With `DATABASE_REPLICA_URL` set, settings.py adds a second database alias, "replica": a
PostgreSQL hot standby fed by streaming replication from the primary ("default"). Its copy lags
a little behind (milliseconds on a quiet network, more under load), so only what can bear that
goes there: the reads of a public page asked for by nobody in particular. Everything else
reads and writes the primary:

- every write (`db_for_write`), and every query of a request that is not a GET or HEAD;
- the admin (any path under it) and any request with a session cookie: only staff sign in to
  this site, and what they just changed must be what they see;
- migrations (`allow_migrate`: a hot standby is read-only and gets the schema by replication);
- reads right after a write (read-your-writes): a request that wrote sets a signed cookie, and
  for READ_YOUR_WRITES_SECONDS the client's next requests read the primary. A reader who posted
  a comment sees their receipt, and the page with the archive's new version, at once, whichever
  app instance answers: the cookie travels with the client, so nothing is shared between
  instances to make it work. After the window the replica has long caught up.
- anything outside a request: management commands, the shell, background work.

`ReadReplicaMiddleware` decides once per request and keeps the choice in a context variable,
which the router reads; Django asks the router for every query. The archive's version, which
keys the page cache and is the pages' ETag, is read through the router as well
(config/archive_version.py), so a page and its version always come from the same database:
a replica page is never stored under the primary's newer version, and the poster's pages are
keyed by the version that includes their comment.

A replica that does not answer (stopped, restarting, unreachable) is not an outage: its reads
go to the primary, which has the same rows and more. The middleware opens the replica's
connection before the view runs: the connection, and the health check, that the request's first
query would make anyway, so no query is added to a page (a request that reads no database at
all, such as /healthz, pays the health check of a kept connection). A connection that fails
marks the replica down in this process for REPLICA_RETRY_SECONDS, during which public reads go
to the primary without trying it; then the next request tries it again. A replica that drops
its connection in the middle of a request (it was stopped just then) has that request answered
again from the primary: a GET or HEAD may be run twice. One warning is logged per process and
window, not one per request.

Without a replica alias the router answers "default" to everything and the middleware does
nothing, so the site behaves exactly as it does with one database.
"""

from __future__ import annotations

import contextvars
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.urls import reverse
from django.utils.cache import patch_cache_control

from config.outage import is_database_down

logger = logging.getLogger(__name__)

REPLICA_DB_ALIAS = "replica"
# The cookie that sends a client who just wrote to the primary for a while; its value is
# signed with a timestamp, so the window is checked on the server and cannot be stretched.
PRIMARY_PIN_COOKIE = "primary_pin"
PRIMARY_PIN_SALT = "config.db_router.primary-pin"
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})
# Seconds a process reads the primary after the replica failed to answer, before trying it again.
REPLICA_RETRY_SECONDS = 5.0

# The monotonic time until which this process leaves the replica alone.
_replica_down_until = 0.0


@dataclass
class RequestDatabases:
    """The database choice of one request, whether it wrote anything, and whether the replica
    failed under it."""

    reads_from_replica: bool
    wrote: bool = False
    replica_failed: bool = False

    def watch_replica(self, execute, sql, params, many, context):
        """An execute wrapper on the replica: notes a connection lost in the middle of a query."""
        try:
            return execute(sql, params, many, context)
        except Error as error:
            if is_connection_failure(error):
                self.replica_failed = True
            raise


_current_request: contextvars.ContextVar[RequestDatabases | None] = contextvars.ContextVar(
    "config.db_router.current_request", default=None
)


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in settings.DATABASES


class PrimaryReplicaRouter:
    """Reads go to the replica when the current request may read it; everything else to the
    primary (see the module's docstring)."""

    def db_for_read(self, model, **hints):
        current = _current_request.get()
        if current is not None and current.reads_from_replica:
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        current = _current_request.get()
        if current is not None:
            current.wrote = True
            # What the request reads next may be what it just wrote.
            current.reads_from_replica = False
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may be related to
        # one read from the primary.
        same_data = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def is_connection_failure(error: BaseException | None) -> bool:
    """A database that could not be reached or dropped the connection, not a failed query.

    The outage page's rule (config/outage.py), so that "the replica went away" and "the
    database is down" are one judgement: a cancelled statement, a missing table or bad input is
    an answer from a working database, and not one of these.
    """
    return is_database_down(error)


def replica_marked_down() -> bool:
    return time.monotonic() < _replica_down_until


def mark_replica_down(error: BaseException) -> None:
    global _replica_down_until
    _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
    logger.warning(
        "Read replica unavailable; public reads go to the primary for %.0f s: %s",
        REPLICA_RETRY_SECONDS,
        str(error).strip(),
    )


def replica_answers() -> bool:
    """Whether this request can read the replica: not marked down, and connected now.

    The health check and the connection are the ones the request's first query on the replica
    would make anyway (Django checks a kept connection once per request): made before the view,
    so that a replica that is down sends the request to the primary instead of failing it.
    """
    if replica_marked_down():
        return False
    replica = connections[REPLICA_DB_ALIAS]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except Error as error:
        # Opening a connection fails only with the connection.
        mark_replica_down(error)
        return False
    return True


def is_pinned_to_primary(request) -> bool:
    """Whether the client wrote less than READ_YOUR_WRITES_SECONDS ago (its signed cookie)."""
    return (
        request.get_signed_cookie(
            PRIMARY_PIN_COOKIE,
            default=None,
            salt=PRIMARY_PIN_SALT,
            max_age=settings.READ_YOUR_WRITES_SECONDS,
        )
        is not None
    )


def may_read_replica(request) -> bool:
    """A public read by nobody in particular, who has not written just now."""
    return (
        request.method in READ_ONLY_METHODS
        and not request.path.startswith(reverse("admin:index"))
        # Only staff sign in here (the admin), and a session is how they are signed in; not
        # loading the session keeps this choice free of queries.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not is_pinned_to_primary(request)
    )


def pin_to_primary(response) -> None:
    """The client's next requests read the primary for READ_YOUR_WRITES_SECONDS."""
    # A response that sets a cookie is this client's own: no shared cache may keep it.
    patch_cache_control(response, private=True)
    response.set_signed_cookie(
        PRIMARY_PIN_COOKIE,
        "1",
        salt=PRIMARY_PIN_SALT,
        max_age=settings.READ_YOUR_WRITES_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReadReplicaMiddleware:
    """Chooses the request's database before anything reads one; pins a client that wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        current = RequestDatabases(
            reads_from_replica=may_read_replica(request) and replica_answers()
        )
        token = _current_request.set(current)
        try:
            if not current.reads_from_replica:
                response = self.get_response(request)
            else:
                with connections[REPLICA_DB_ALIAS].execute_wrapper(current.watch_replica):
                    response = self.get_response(request)
                if current.replica_failed and response.status_code >= 500:
                    # The replica went away under this GET or HEAD: answered again, from the
                    # primary (reading twice changes nothing).
                    mark_replica_down(RuntimeError("connection lost during a request"))
                    current.reads_from_replica = False
                    response = self.get_response(request)
        finally:
            _current_request.reset(token)
        if current.wrote:
            pin_to_primary(response)
        return response
