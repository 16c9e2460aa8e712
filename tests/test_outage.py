"""While the database does not answer, every page is a friendly 503, never a traceback."""

import socket
import sqlite3

import django.db.utils
import psycopg
import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory

from config.error_pages import server_error
from config.outage import is_database_down

READER_PAGES = [
    "/",
    "/interviews/",
    "/interviews/?q=keras",
    "/interviews/pyimagesearch-interview-francois-chollet-2018/",
    "/interviews/pyimagesearch-interview-francois-chollet-2018/export.json",
    "/people/francois-chollet/",
    "/feeds/interviews/",
    "/sitemap.xml",
]


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in html
    assert "try again in a moment" in html
    for leak in ("Traceback", "OperationalError", "5432", "Connection refused"):
        assert leak not in html


@pytest.mark.parametrize("url", READER_PAGES)
def test_a_reader_page_is_a_503_while_the_database_is_down(
    client, sample_archive, broken_database, url
):
    assert_friendly_503(client.get(url))


def test_the_admin_is_a_503_too(admin_client, broken_database):
    assert_friendly_503(admin_client.get("/admin/interviews/interview/"))


def test_a_comment_posted_while_the_database_is_down_gets_the_503(client, sample_archive):
    page = "/interviews/pyimagesearch-interview-francois-chollet-2018/"
    client.get(page)
    with connection.execute_wrapper(_refuse):
        response = client.post(page + "comments/", {"author_name": "Ada", "text": "Hello"})

    assert_friendly_503(response)


def test_the_health_checks_tell_liveness_from_readiness(client, broken_database):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503


def test_the_page_comes_back_once_the_database_answers(client, sample_archive):
    with connection.execute_wrapper(_refuse):
        assert client.get("/interviews/").status_code == 503

    assert client.get("/interviews/").status_code == 200


@pytest.mark.parametrize("error", [OperationalError("server closed"), InterfaceError("closed")])
def test_a_database_error_raised_outside_a_view_is_a_503_too(error):
    request = RequestFactory().get("/interviews/")
    try:
        raise error
    except type(error):
        # As Django calls handler500: inside the handling of the exception.
        response = server_error(request)

    assert_friendly_503(response)


def test_any_other_error_is_still_the_500_page():
    request = RequestFactory().get("/interviews/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def free_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_refusing_connections_gives_the_503_page(sample_archive):
    """A real failed connection: the server's port is one where nothing listens."""
    settings_dict = connection.settings_dict
    port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = str(free_port())
    try:
        response = Client(raise_request_exception=False).get("/interviews/")
    finally:
        connection.close()
        settings_dict["PORT"] = port

    assert_friendly_503(response)
    assert Client().get("/interviews/").status_code == 200


def _refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")


# --- Which database errors are an outage: the 503 is for a database that cannot be reached ------


def assert_friendly_500(response):
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Temporarily unavailable" not in html
    assert "Retry-After" not in response
    for leak in ("Traceback", "no_such_table", "REGEXP"):
        assert leak not in html


def run_instead(sql: str, params=()):
    """An execute wrapper that sends `sql` to the database in place of the page's first query."""

    def wrapper(execute, _sql, _params, many, context):
        return execute(sql, list(params), False, context)

    return wrapper


# Django's wrapper classes, in the order Django tries them (django.db.utils.DatabaseErrorWrapper).
PEP_249_NAMES = (
    "DataError", "OperationalError", "IntegrityError", "InternalError", "ProgrammingError",
    "NotSupportedError", "DatabaseError", "InterfaceError", "Error",
)  # fmt: skip


def wrapped_like_django(driver_error: Exception) -> Exception:
    """`driver_error` as Django raises it: its own class of the same name, `from` the driver's."""
    driver = psycopg if isinstance(driver_error, psycopg.Error) else sqlite3
    name = next(name for name in PEP_249_NAMES if isinstance(driver_error, getattr(driver, name)))
    wrapped = getattr(django.db.utils, name)(*driver_error.args)
    wrapped.__cause__ = driver_error
    return wrapped


def raising_as_the_driver(driver_error: Exception):
    """An execute wrapper that fails with `driver_error`, wrapped by Django as the driver's is."""

    def wrapper(execute, sql, params, many, context):
        raise wrapped_like_django(driver_error)

    return wrapper


BAD_REGEX = {"sqlite": "SELECT 'a' REGEXP '('", "postgresql": "SELECT 'a' ~ '('"}


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("SELECT * FROM no_such_table", id="missing table (a deploy mistake)"),
        pytest.param(BAD_REGEX, id="a regex that does not compile"),
    ],
)
def test_a_database_error_that_is_not_an_outage_is_a_logged_500(sample_archive, caplog, sql):
    """The database answered, with an error: a fault to fix, not "try again in a moment"."""
    if isinstance(sql, dict):
        sql = sql[connection.vendor]
    client = Client(raise_request_exception=False)

    with connection.execute_wrapper(run_instead(sql)):
        response = client.get("/interviews/")

    assert_friendly_500(response)
    (logged,) = [record for record in caplog.records if record.levelname == "ERROR"]
    assert logged.getMessage().startswith("Internal Server Error: /interviews/")
    assert logged.exc_info is not None  # with its traceback


@pytest.mark.postgres
def test_a_value_postgresql_refuses_is_a_500_not_an_outage(sample_archive):
    client = Client(raise_request_exception=False)

    with connection.execute_wrapper(run_instead("SELECT %s::int", ["not a number"])):
        assert_friendly_500(client.get("/interviews/"))
    with connection.execute_wrapper(run_instead("SELECT %s", ["a\x00b"])):
        assert_friendly_500(client.get("/interviews/"))


def test_a_missing_table_met_outside_a_view_is_the_500_page_too(sample_archive):
    """Met by a middleware (request_limits reads the user of a form posted to the admin, so the
    session), the error reaches handler500 rather than the outage middleware: the same verdict."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefghijklmnop"

    with connection.execute_wrapper(run_instead("SELECT * FROM no_such_table")):
        response = client.post("/admin/login/", {"username": "ada", "password": "pw"})

    assert_friendly_500(response)


@pytest.mark.parametrize(
    "driver_error",
    [
        pytest.param(psycopg.OperationalError("connection refused"), id="pg refused"),
        pytest.param(psycopg.OperationalError("server closed the connection"), id="pg closed"),
        pytest.param(psycopg.InterfaceError("the connection is closed"), id="pg interface"),
        pytest.param(psycopg.errors.TooManyConnections("too many clients"), id="pg too many"),
        pytest.param(psycopg.errors.AdminShutdown("terminating connection"), id="pg shutdown"),
        pytest.param(psycopg.errors.CannotConnectNow("the system is starting up"), id="pg start"),
        pytest.param(sqlite3.OperationalError("unable to open database file"), id="sqlite file"),
        pytest.param(sqlite3.OperationalError("database is locked"), id="sqlite locked"),
    ],
)
def test_a_connection_failure_is_the_503(sample_archive, driver_error):
    client = Client(raise_request_exception=False)

    with connection.execute_wrapper(raising_as_the_driver(driver_error)):
        assert_friendly_503(client.get("/interviews/"))


@pytest.mark.parametrize(
    "driver_error",
    [
        pytest.param(psycopg.errors.UndefinedTable("relation does not exist"), id="pg table"),
        pytest.param(psycopg.errors.UndefinedColumn("column does not exist"), id="pg column"),
        pytest.param(psycopg.errors.InvalidRegularExpression("invalid regex"), id="pg regex"),
        pytest.param(psycopg.errors.SyntaxError("syntax error"), id="pg syntax"),
        pytest.param(psycopg.errors.ObjectNotInPrerequisiteState("not ready"), id="pg state"),
        pytest.param(sqlite3.OperationalError("no such table: x"), id="sqlite table"),
        pytest.param(sqlite3.OperationalError("no such column: y"), id="sqlite column"),
        pytest.param(
            sqlite3.OperationalError("user-defined function raised exception"), id="sqlite regex"
        ),
        pytest.param(sqlite3.IntegrityError("UNIQUE constraint failed"), id="sqlite integrity"),
    ],
)
def test_an_error_from_a_database_that_answered_is_not_an_outage(driver_error):
    wrapped = wrapped_like_django(driver_error)

    assert not is_database_down(wrapped)
    request = RequestFactory().get("/interviews/")
    try:
        raise wrapped
    except type(wrapped):
        assert_friendly_500(server_error(request))
