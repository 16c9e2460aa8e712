"""The health endpoints: /healthz (the process) and /readyz (the process and its database)."""

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, connections
from django.urls import reverse


def test_healthz_says_ok_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_is_not_cached(client, db):
    response = client.get(reverse("healthz"))

    assert "no-store" in response["Cache-Control"]


def test_readyz_says_ok_when_the_database_answers(client, db):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection refused"),
        psycopg.OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
        psycopg.InterfaceError("the connection is closed"),
    ],
    ids=["django", "psycopg", "django-closed", "psycopg-closed"],
)
def test_readyz_is_503_when_the_database_is_down(client, db, monkeypatch, error):
    def database_down():
        raise error

    # Undone before the test ends: the database fixture's teardown needs a working connection.
    with monkeypatch.context() as patch:
        patch.setattr(connections["default"], "ensure_connection", database_down)
        response = client.get(reverse("readyz"))

    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert response["Content-Type"].startswith("text/plain")
