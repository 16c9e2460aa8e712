"""While the database does not answer, every page is a friendly 503, never a traceback."""

import socket

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory

from config.error_pages import server_error

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
