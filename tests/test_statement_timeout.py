"""A reader's request runs under PostgreSQL's statement_timeout; one that hits it gets a 503 page.

The slow statement is a pg_sleep sent, through Django's execute_wrapper hook, just before the
query the page would run, on the same connection and so under the same limit.
"""

import django.db
import psycopg.errors
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import statement_timeout
from config.error_pages import server_error
from config.outage import is_database_down
from config.statement_timeout import is_statement_timeout

SEARCH_SENTENCE = "This search matches too much to rank in time: add a word or a filter."
PAGE_SENTENCE = "This page took too long to prepare."


@pytest.fixture(autouse=True)
def default_timeout_afterwards(django_db_blocker):
    """Leave the connection as the other tests expect it: no timeout, and known to have none.

    A test's transaction undoes its SET, a transactional test's SET stays: either way the
    connection wrapper would no longer know the value, and later tests would pay a SET.
    """
    yield
    if connection.vendor != "postgresql" or connection.connection is None:
        return
    # Torn down after the test's database fixture, which blocks queries again.
    with django_db_blocker.unblock():
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
    setattr(connection, statement_timeout.CURRENT, 0)


def cancelled() -> django.db.OperationalError:
    """A statement cancelled by its timeout, as Django raises it: psycopg's error wrapped."""
    try:
        try:
            raise psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
        except psycopg.Error as error:
            raise django.db.OperationalError(*error.args) from error
    except django.db.OperationalError as wrapped:
        return wrapped


def test_a_cancelled_statement_is_not_an_outage():
    error = cancelled()

    assert is_statement_timeout(error)
    assert not is_database_down(error)
    assert is_database_down(django.db.OperationalError("connection refused"))
    assert not is_statement_timeout(django.db.OperationalError("connection refused"))


def slow_statement(*, seconds: float, when=lambda sql: True):
    """An execute_wrapper that sleeps in the database before the first query `when` accepts.

    Never before the SET of the timeout itself: the sleep must run under the limit.
    """
    slept = []

    def sleep_first(execute, sql, params, many, context):
        if not slept and "statement_timeout" not in sql and when(sql):
            slept.append(sql)
            execute(f"SELECT pg_sleep({seconds})", None, False, context)
        return execute(sql, params, many, context)

    return sleep_first


def assert_took_too_long(response, sentence):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert sentence in html
    assert "Temporarily unavailable" not in html
    assert "Traceback" not in html


@pytest.mark.postgres
@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=100)
def test_a_search_that_runs_out_of_time_asks_for_another_word(client, sample_archive):
    # The ranking of the matches: the work a common word makes long.
    with connection.execute_wrapper(slow_statement(seconds=1, when=lambda sql: "ts_rank" in sql)):
        response = client.get(reverse("interviews:list"), {"q": "keras"})

    assert_took_too_long(response, SEARCH_SENTENCE)


@pytest.mark.postgres
@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=100)
def test_another_page_that_runs_out_of_time_says_so_plainly(client, sample_archive):
    with connection.execute_wrapper(slow_statement(seconds=1)):
        response = client.get(reverse("interviews:list"))

    assert_took_too_long(response, PAGE_SENTENCE)


@pytest.mark.postgres
@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=100, ADMIN_STATEMENT_TIMEOUT_MS=0)
def test_the_admin_is_not_limited(admin_client, sample_archive):
    with connection.execute_wrapper(slow_statement(seconds=0.3)):
        response = admin_client.get("/admin/interviews/interview/")

    assert response.status_code == 200


def timeout_statements(captured) -> list[str]:
    return [
        query["sql"] for query in captured.captured_queries if "statement_timeout" in query["sql"]
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=2500, ADMIN_STATEMENT_TIMEOUT_MS=0)
def test_the_timeout_is_set_only_when_the_connection_has_another(client, admin_client):
    """Outside a transaction the value is remembered: a persistent connection is SET once."""
    list_url = reverse("interviews:list")
    with CaptureQueriesContext(connection) as first:
        client.get(list_url)
    with CaptureQueriesContext(connection) as second:
        client.get(list_url)
    with CaptureQueriesContext(connection) as admin:
        admin_client.get("/admin/interviews/interview/")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        after_admin = cursor.fetchone()[0]
    with CaptureQueriesContext(connection) as public_again:
        client.get(list_url)

    assert timeout_statements(first) in ([], ["SET statement_timeout = 2500"])
    assert timeout_statements(second) == []
    assert timeout_statements(admin) == ["SET statement_timeout = 0"]
    assert after_admin == "0"
    assert timeout_statements(public_again) == ["SET statement_timeout = 2500"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=2500)
def test_a_new_connection_gets_the_timeout_before_its_first_query(client):
    connection.close()
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("interviews:list"))

    assert captured.captured_queries[0]["sql"] == "SET statement_timeout = 2500"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "2500ms"


@override_settings(PUBLIC_STATEMENT_TIMEOUT_MS=100)
def test_sqlite_sets_no_timeout(client, sample_archive, on_postgres):
    if on_postgres:
        pytest.skip("SQLite only: PostgreSQL's timeout is tested above")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("interviews:list"), {"q": "keras"})

    assert response.status_code == 200
    assert timeout_statements(captured) == []


def test_a_cancelled_statement_outside_a_view_gets_the_same_page(rf):
    request = rf.get("/interviews/", {"q": "learning"})
    try:
        raise cancelled()
    except django.db.OperationalError:
        # Django calls the 500 handler while the exception is being handled.
        response = server_error(request)

    assert_took_too_long(response, SEARCH_SENTENCE)
