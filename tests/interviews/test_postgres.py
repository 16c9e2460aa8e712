"""What only the production database has, checked against a real PostgreSQL server."""

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.postgres


def test_the_suite_really_talks_to_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL")
    assert apps.is_installed("django.contrib.postgres")


def test_the_comment_parent_trigger_is_installed(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'interviews_comment'::regclass "
            "AND NOT tgisinternal"
        )
        triggers = {name for (name,) in cursor.fetchall()}
    assert triggers == {"comment_parent_same_interview"}
