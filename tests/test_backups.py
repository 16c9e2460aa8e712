"""Backups as README.md ("Backups") documents them lose nothing: dumpdata and pg_dump, restored."""

import shutil
import subprocess

import psycopg
import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from reversion.models import Version

from config.archive_version import archive_version
from interviews.models import Comment, Interview, Turn

pytestmark = pytest.mark.django_db(transaction=True)

# The README's dumpdata command, option for option.
DUMPDATA_OPTIONS = {
    "natural_foreign": True,
    "natural_primary": True,
    "exclude": ["contenttypes", "auth.permission", "sessions", "axes"],
    "format": "exactjson",
}


@pytest.fixture
def archive(transactional_db, django_user_model):
    """The seed archive, with an editor, an edit in the history and a hidden comment."""
    call_command("loaddata", "sample_archive", verbosity=0)
    editor = django_user_model.objects.create_user("edith", password="pw", is_staff=True)
    # The migration's group is gone if an earlier test flushed the database: make it again.
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(codename__endswith="_interview"))
    editor.groups.add(editors)
    interview = Interview.objects.order_by("pk").first()
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("An edit")
        interview.deck = "Edited after the import."
        interview.save()
    Comment.objects.filter(pk=Comment.objects.order_by("pk").first().pk).update(status="hidden")


# A counter that every write moves, loaddata's too: so the restored archive is new to HTTP caches.
NOT_COMPARED = {"interviews.ArchiveVersion"}


def every_row() -> dict[str, list[dict]]:
    """Every row of the archive's own models, in primary-key order."""
    rows = {}
    for app_label in ("people", "interviews"):
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in NOT_COMPARED:
                continue
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
            for field in model._meta.many_to_many:
                # dumpdata writes a many-to-many field as the list of related keys, so the rows
                # of its own table come back with new ids: compare what they link.
                through = getattr(model, field.name).through
                if not through._meta.auto_created:
                    continue  # a model of its own (Participation), compared above
                links = [f.attname for f in through._meta.fields if not f.primary_key]
                rows[through._meta.label] = sorted(through.objects.values_list(*links))
    return rows


def accounts_and_history() -> dict:
    return {
        "users": sorted(User.objects.values_list("username", "is_staff", "password")),
        "groups": sorted(
            (group.name, tuple(sorted(group.permissions.values_list("codename", flat=True))))
            for group in Group.objects.all()
        ),
        "versions": sorted(
            Version.objects.values_list(
                "content_type__model", "object_id", "serialized_data", "revision__comment"
            )
        ),
        "revision_users": sorted(
            Version.objects.values_list("revision__user__username", flat=True).distinct()
        ),
    }


def test_dumpdata_flush_loaddata_gives_back_every_row(archive, tmp_path):
    before_rows, before_rest = every_row(), accounts_and_history()
    assert before_rows["interviews.Turn"] and before_rows["interviews.Comment"]
    dump = tmp_path / "archive.exactjson.gz"

    call_command("dumpdata", output=str(dump), verbosity=0, **DUMPDATA_OPTIONS)
    call_command("flush", interactive=False, verbosity=0)
    assert not Interview.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    after_rows = every_row()
    assert after_rows.keys() == before_rows.keys()
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    assert accounts_and_history() == before_rest


@pytest.mark.postgres
@pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="needs pg_dump and pg_restore on PATH (apt install postgresql-client)",
)
def test_pg_dump_and_pg_restore_into_another_database_give_back_every_row(archive, tmp_path):
    settings = connection.settings_dict
    scratch = f"{settings['NAME']}_restored"
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": str(settings["PORT"] or 5432),
        "user": settings["USER"],
    }
    client_args = ["-h", server["host"], "-p", server["port"], "-U", server["user"]]
    env = {"PGPASSWORD": settings["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    dump = tmp_path / "archive.dump"

    subprocess.run(
        [
            "pg_dump",
            *client_args,
            "--format=custom",
            "--no-owner",
            f"--file={dump}",
            settings["NAME"],
        ],
        check=True,
        env=env,
        timeout=120,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(
            [
                "pg_restore",
                *client_args,
                "--no-owner",
                "--exit-on-error",
                f"--dbname={scratch}",
                str(dump),
            ],
            check=True,
            env=env,
            timeout=120,
        )
        original, restored = (
            table_contents(psycopg.connect(dbname=name, **server))
            for name in (settings["NAME"], scratch)
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    assert original["counts"][Turn._meta.db_table] > 0
    assert restored == original


def table_contents(db) -> dict:
    """Row counts of every table, and every row of the archive's tables as text."""
    with db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }
        texts = {
            table: db.execute(f'SELECT t::text FROM "{table}" t ORDER BY id').fetchall()
            for table in tables
            if table.startswith(("interviews_", "people_"))
        }
    return {"counts": counts, "texts": texts}


def test_a_validator_from_before_a_restore_never_matches_after_it(archive, tmp_path):
    """A restore takes the version number back; the next change reaches a number the archive had
    before the restore, with other content: a client holding that number's old ETag gets 200."""
    client = Client()
    dump = tmp_path / "archive.exactjson.gz"
    call_command("dumpdata", output=str(dump), verbosity=0, **DUMPDATA_OPTIONS)
    Interview.objects.filter(pk=Interview.objects.order_by("pk").first().pk).update(
        title="Retitled after the backup"
    )
    before = client.get("/interviews/")
    assert "Retitled after the backup" in before.content.decode()

    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(dump), verbosity=0)  # its writes bump the restored number
    after = client.get("/interviews/", HTTP_IF_NONE_MATCH=before["ETag"])

    assert archive_version().number == int(before["ETag"].strip('"v').split(".")[0])
    assert after.status_code == 200
    assert "Retitled after the backup" not in after.content.decode()
    assert after["ETag"] != before["ETag"]
