"""The primary and its read replica (config/db_router.py): which requests read which database.

Most tests give the test database a second alias, "replica", with its own connection to the
same database (what Django's TEST MIRROR does for a replica in tests): every query can be
counted on the connection that ran it, and the replica is a replica with no lag. The tests are
transactional, because a second connection sees only committed rows. The last test needs a real
streaming replica (bench/topology.py makes one) and runs only when DATABASE_REPLICA_URL names it:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ia_topology \\
    DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/ia_topology \\
        pytest tests/test_db_router.py

(only this file: elsewhere the suite's tests allow their queries on "default" alone).
"""

import contextlib
import logging
import os
import time
import types
from unittest import mock

import django.db
import psycopg
import pytest
from django.conf import settings
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import db_router
from config.archive_version import archive_version
from config.db_router import PRIMARY_PIN_COOKIE, REPLICA_DB_ALIAS, PrimaryReplicaRouter
from interviews.models import Comment

# Transactional, and every alias allowed: a real replica configured by DATABASE_REPLICA_URL too.
pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

VERSION_TABLE = "interviews_archiveversion"


def _forget_connection(alias: str) -> None:
    if alias in connections.settings and hasattr(connections._connections, alias):
        connections[alias].close()
        del connections[alias]


@contextlib.contextmanager
def replica_alias(**overrides):
    """The alias "replica", on the test database with `overrides`, for the block."""
    configured = settings.DATABASES.get(REPLICA_DB_ALIAS)
    _forget_connection(REPLICA_DB_ALIAS)
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    # settings.DATABASES is the dict the connection handler reads aliases from.
    settings.DATABASES[REPLICA_DB_ALIAS] = {
        **primary,
        "TEST": {**primary["TEST"], "MIRROR": DEFAULT_DB_ALIAS},
        **overrides,
    }
    try:
        yield connections[REPLICA_DB_ALIAS]
    finally:
        _forget_connection(REPLICA_DB_ALIAS)
        if configured is None:
            del settings.DATABASES[REPLICA_DB_ALIAS]
        else:
            settings.DATABASES[REPLICA_DB_ALIAS] = configured


@pytest.fixture
def replica():
    """The alias "replica": a connection of its own to the test database."""
    # Kept open from request to request: see below.
    with replica_alias(CONN_MAX_AGE=None) as replica:
        # The test case allows queries on the aliases that existed when it began, and this one
        # did not: its connection is opened here, past that check.
        replica.connect()
        yield replica


@pytest.fixture
def queries(replica):
    """`with queries() as (primary, replica):` counts each connection's queries in the block."""

    class Both:
        def __enter__(self):
            self.contexts = [
                CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]),
                CaptureQueriesContext(replica),
            ]
            return [context.__enter__() for context in self.contexts]

        def __exit__(self, *exc):
            for context in reversed(self.contexts):
                context.__exit__(*exc)

    return Both


@pytest.fixture
def interview(make_interview):
    return make_interview("Bees and their keepers", turns=4)


def post_comment(client, interview, text="Read on the primary."):
    return client.post(
        reverse("interviews:comment_create", args=[interview.slug]),
        {"author_name": "Ana Ruiz", "author_url": "", "text": text},
    )


def reads_version_table(captured) -> bool:
    return any(VERSION_TABLE in query["sql"] for query in captured.captured_queries)


def test_a_public_page_reads_the_replica_only(client, interview, queries):
    with queries() as (primary, replica):
        response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    assert "Bees and their keepers" in response.content.decode()
    assert len(replica) > 0
    assert len(primary) == 0
    assert PRIMARY_PIN_COOKIE not in response.cookies


def test_a_post_writes_and_reads_the_primary_and_pins_its_client(client, interview, queries):
    with queries() as (primary, replica):
        response = post_comment(client, interview)
    assert response.status_code == 302
    assert Comment.objects.filter(interview=interview, text="Read on the primary.").exists()
    assert len(replica) == 0
    assert len(primary) > 0
    pin = response.cookies[PRIMARY_PIN_COOKIE]
    assert pin["max-age"] == settings.READ_YOUR_WRITES_SECONDS
    assert pin["httponly"]
    assert "private" in response["Cache-Control"]


def test_the_poster_reads_the_primary_while_others_read_the_replica(client, interview, queries):
    receipt_url = post_comment(client, interview)["Location"]
    with queries() as (primary, replica):
        receipt = client.get(receipt_url)
        page = client.get(interview.get_absolute_url())
    assert receipt.status_code == 200
    assert "Read on the primary." in receipt.content.decode()
    assert page.status_code == 200
    assert len(replica) == 0
    # The page's version (its ETag and page-cache key) included: the one with the comment.
    assert reads_version_table(primary)

    with queries() as (primary, replica):
        someone_else = Client().get(interview.get_absolute_url())
    assert someone_else.status_code == 200
    assert reads_version_table(replica)
    assert len(primary) == 0


def test_the_pin_lasts_read_your_writes_seconds(client, interview, queries):
    post_comment(client, interview)
    later = time.time() + settings.READ_YOUR_WRITES_SECONDS + 1
    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        queries() as (primary, replica),
    ):
        response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    assert len(replica) > 0
    assert len(primary) == 0


def test_a_forged_pin_is_ignored(client, interview, queries):
    client.cookies[PRIMARY_PIN_COOKIE] = signing.dumps("1")  # signed, but not as a pin
    with queries() as (primary, replica):
        response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    assert len(replica) > 0
    assert len(primary) == 0


def test_a_post_that_writes_nothing_does_not_pin(client, interview, queries):
    with queries() as (primary, replica):
        response = post_comment(client, interview, text="")
    assert response.status_code == 400
    assert PRIMARY_PIN_COOKIE not in response.cookies
    assert len(replica) == 0
    assert len(primary) > 0


def test_the_admin_reads_the_primary(admin_client, interview, queries):
    # admin_client, a superuser: a transactional test has no Editors group (a migration's row).
    with queries() as (primary, replica):
        changelist = admin_client.get(reverse("admin:interviews_interview_changelist"))
        page = admin_client.get(interview.get_absolute_url())
    assert changelist.status_code == 200
    assert page.status_code == 200
    assert len(replica) == 0
    assert len(primary) > 0


def test_the_admin_login_page_reads_the_primary(client, queries):
    with queries() as (_primary, replica):
        response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert len(replica) == 0


def test_outside_a_request_everything_reads_the_primary(replica, interview):
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Comment) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Comment) == DEFAULT_DB_ALIAS
    with CaptureQueriesContext(replica) as on_replica:
        archive_version()
    assert len(on_replica) == 0


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "interviews", "comment")
    assert not router.allow_migrate(REPLICA_DB_ALIAS, "interviews", "comment")


def test_objects_from_either_database_may_be_related(replica, interview):
    from_replica = type(interview).objects.using(REPLICA_DB_ALIAS).get(pk=interview.pk)
    comment = Comment(
        interview=from_replica, author_name="Ana", text="Related across aliases.", position=1
    )
    comment.save()
    assert Comment.objects.get(pk=comment.pk).interview_id == interview.pk


def test_without_a_replica_a_post_sets_no_pin(client, interview):
    if REPLICA_DB_ALIAS in settings.DATABASES:
        pytest.skip("DATABASE_REPLICA_URL configures a replica for this run")
    response = post_comment(client, interview)
    assert response.status_code == 302
    assert PRIMARY_PIN_COOKIE not in response.cookies


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_REPLICA_URL"),
    reason="needs a streaming replica: DATABASE_REPLICA_URL=postgres://... (bench/topology.py up)",
)
def test_a_real_replica_receives_the_primary_writes_and_refuses_its_own(client, interview):
    replica = connections[REPLICA_DB_ALIAS]
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    response = post_comment(client, interview, text="Streamed to the standby.")
    assert response.status_code == 302
    # Streaming replication on one machine takes milliseconds; ten seconds is a generous bound.
    deadline = time.monotonic() + 10
    while not Comment.objects.using(REPLICA_DB_ALIAS).filter(text="Streamed to the standby."):
        assert time.monotonic() < deadline, "the comment never reached the replica"
        time.sleep(0.05)
    with CaptureQueriesContext(replica) as on_replica:
        page = Client().get(interview.get_absolute_url())
    assert page.status_code == 200
    assert len(on_replica) > 0
    with pytest.raises(Exception, match="read-only transaction"), replica.cursor() as cursor:
        cursor.execute("CREATE TABLE written_on_the_replica (id integer)")


# --- A replica that does not answer ----------------------------------------------------------


@pytest.fixture(autouse=True)
def replica_not_marked_down(monkeypatch):
    """Each test starts with the replica untried, as a new process does."""
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)


@pytest.fixture
def dead_replica(closed_port, django_db_blocker):
    """The alias "replica" on a port nothing listens on: a replica that is stopped."""
    with replica_alias(HOST="127.0.0.1", PORT=closed_port) as dead:
        # The test case refuses to connect an alias made after it began (see `replica`): here
        # Django's own ensure_connection, which tries the port.
        dead.ensure_connection = types.MethodType(django_db_blocker._real_ensure_connection, dead)
        yield dead


def replica_warnings(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "config.db_router" and "replica unavailable" in record.getMessage()
    ]


@pytest.mark.postgres
def test_a_stopped_replica_sends_public_reads_to_the_primary(
    client, interview, dead_replica, caplog
):
    with caplog.at_level(logging.WARNING), CaptureQueriesContext(connections["default"]) as primary:
        pages = [client.get(interview.get_absolute_url()) for _ in range(3)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Bees and their keepers" in pages[0].content.decode()
    assert len(primary) > 0
    # Tried once: the next requests go to the primary without trying, for the window.
    assert len(replica_warnings(caplog)) == 1
    assert db_router.replica_marked_down()


@pytest.mark.postgres
def test_the_replica_is_tried_again_after_the_window(client, interview, dead_replica, caplog):
    now = [1000.0]
    with (
        mock.patch.object(db_router.time, "monotonic", lambda: now[0]),
        caplog.at_level(logging.WARNING),
    ):
        assert client.get(interview.get_absolute_url()).status_code == 200
        now[0] += db_router.REPLICA_RETRY_SECONDS / 2
        assert client.get(interview.get_absolute_url()).status_code == 200
        assert len(replica_warnings(caplog)) == 1
        now[0] += db_router.REPLICA_RETRY_SECONDS
        assert client.get(interview.get_absolute_url()).status_code == 200
    assert len(replica_warnings(caplog)) == 2


@pytest.mark.postgres
def test_a_stopped_replica_changes_nothing_for_a_post(client, interview, dead_replica):
    response = post_comment(client, interview, text="Posted while the replica is down.")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


class DroppedConnectionCursor:
    """A cursor whose server went away: what a query meets when the replica stops under it."""

    _query = None  # read by Django's query log

    def execute(self, *args, **kwargs):
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    executemany = execute

    def close(self):
        pass


@pytest.mark.postgres
def test_a_replica_lost_during_a_request_is_answered_from_the_primary(
    client, interview, replica, queries, monkeypatch, caplog
):
    monkeypatch.setattr(replica, "create_cursor", lambda name=None: DroppedConnectionCursor())
    with caplog.at_level(logging.WARNING), queries() as (primary, _):
        response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    assert "Bees and their keepers" in response.content.decode()
    assert len(primary) > 0
    assert db_router.replica_marked_down()


@pytest.mark.parametrize(
    ("error", "is_failure"),
    [
        (psycopg.OperationalError("connection failed: Connection refused"), True),
        (psycopg.OperationalError("server closed the connection unexpectedly"), True),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), True),
        (psycopg.errors.CannotConnectNow("the database system is starting up"), True),
        (psycopg.InterfaceError("the connection is closed"), True),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), False),
        (psycopg.errors.UndefinedTable('relation "x" does not exist'), False),
    ],
)
def test_what_counts_as_the_replica_going_away(error, is_failure):
    wrapped = django.db.OperationalError(str(error))
    wrapped.__cause__ = error
    assert db_router.is_connection_failure(error) is is_failure
    assert db_router.is_connection_failure(wrapped) is is_failure


def test_an_error_that_is_not_the_databases_is_not_the_replica_going_away():
    assert not db_router.is_connection_failure(ValueError("not a database error"))
    assert not db_router.is_connection_failure(None)
