"""`manage.py import_transcript`: transcripts and JSON exports through `interviews.importing`."""

import io
import json

import psycopg
import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import OperationalError, connection
from reversion.models import Revision, Version

from interviews.models import Interview, Outlet, Topic
from people.models import Person
from tests.interviews.test_exports import SEED_001, export_url, get_json, turn_rows

TALK = (
    "A Talk on Tides\n\nBy Ann Lee\n\n"
    "Ann Lee: How did you start?\n\nTom Reid: On my father's boat.\n"
)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_transcript", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_json_export_imports_with_format_json(client, sample_archive, tmp_path):
    _, data = get_json(client, export_url(SEED_001, "json"))
    original = Interview.objects.get(slug=SEED_001)
    data["source_url"] = ""  # else it updates the original
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    out, _ = run(path, "--format", "json")

    copy = Interview.objects.exclude(pk=original.pk).get(title=original.title)
    assert "1 created" in out
    assert copy.status == Interview.Status.DRAFT
    assert copy.outlet == original.outlet  # found by its slug, not created again
    assert turn_rows(copy) == turn_rows(original)


def test_a_file_that_is_not_an_export_is_refused_with_its_reason(db, tmp_path):
    not_json, wrong_schema = tmp_path / "a.json", tmp_path / "b.json"
    not_json.write_text("{oops", encoding="utf-8")
    wrong_schema.write_text(json.dumps({"schema": "other/9"}), encoding="utf-8")
    with pytest.raises(CommandError, match="2 of 2 file"):
        run(not_json, wrong_schema, "--format", "json")
    assert not Interview.objects.exists()


def test_the_outlet_and_topics_named_on_the_command_line_are_found_as_the_admin_finds_them(
    db, tmp_path
):
    outlet = Outlet.objects.create(name="The Tide Review", slug="tide-review")
    topic = Topic.objects.create(name="Oceans", slug="oceans")
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")

    run(path, "--outlet", "the tide review", "--topic", "OCEANS", "--topic", "Boats")

    interview = Interview.objects.get()
    assert interview.outlet == outlet  # by name, whatever its case: not a second outlet
    assert sorted(interview.topics.values_list("name", flat=True)) == ["Boats", "Oceans"]
    assert Outlet.objects.count() == 1
    assert Topic.objects.filter(pk=topic.pk).exists()


# --- The edit history, and a file imported again --------------------------------------------


def last_revision(interview: Interview) -> Revision:
    return Version.objects.get_for_object(interview).order_by("-pk").first().revision


def test_the_history_says_the_command_imported_the_file_with_no_editor(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")

    run(path)

    revision = last_revision(Interview.objects.get())
    assert revision.user is None
    assert revision.comment == f"Imported by import_transcript from {path}: 2 turns, 0 comments"


def test_the_history_says_the_command_imported_a_json_export(client, sample_archive, tmp_path):
    _, data = get_json(client, export_url(SEED_001, "json"))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    run(path, "--format", "json")  # its source URL is the original's: an update

    revision = last_revision(Interview.objects.get(slug=SEED_001))
    assert revision.user is None
    assert revision.comment.startswith(
        f"Updated by a re-import (imported by import_transcript from {path}): "
    )


def test_a_file_already_imported_without_a_source_url_is_refused_naming_the_interview(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    run(path)
    interview = Interview.objects.get()

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", str(path), stdout=io.StringIO(), stderr=err)

    message = err.getvalue()
    assert f"“{interview.title}” (id {interview.pk}" in message
    assert "--update-matching" in message
    assert Interview.objects.count() == 1


def test_update_matching_updates_the_interview_whose_text_it_is(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    run(path)
    interview = Interview.objects.get()
    # The same transcript, with other line breaks and a new title: the same text.
    path.write_text(TALK.replace("A Talk on Tides", "Tides, again").replace("\n\n", "\n\n\n"))

    out, _ = run(path, "--update-matching")

    assert "0 created, 1 updated" in out
    assert Interview.objects.get().pk == interview.pk
    assert Interview.objects.get().title == "Tides, again"
    assert last_revision(interview).comment.startswith("Updated by a re-import")


def test_a_file_with_a_source_url_updates_its_interview_without_the_flag(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    run(path, "--source-url", "https://example.org/tides")

    out, _ = run(path, "--source-url", "https://example.org/tides")

    assert "0 created, 1 updated" in out
    assert Interview.objects.count() == 1


SECOND_TALK = (
    "Salt and Sails\n\nBy Cy Moss\n\n"
    "Cy Moss: Why the sea?\n\nDee Wren: It was there.\n\n"
    "Cy Moss: And now?\n\nDee Wren: Still there.\n"
)


def connection_lost_at_the_turns_of(title_word: str):
    """An execute wrapper: the connection breaks as the turns of the file with `title_word`
    are written, with the error psycopg and Django raise for it (no SQLSTATE, wrapped)."""
    state = {"importing": False}

    def wrapper(execute, sql, params, many, context):
        if sql.startswith("INSERT") and "interviews_interview" in sql:
            state["importing"] = any(title_word in str(param) for param in params or ())
        if state["importing"] and sql.startswith("INSERT") and "interviews_turn" in sql:
            error = OperationalError("server closed the connection unexpectedly\nDETAIL: ...")
            error.__cause__ = psycopg.OperationalError("server closed the connection unexpectedly")
            raise error
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_a_database_lost_mid_import_is_one_line_and_a_failure_with_nothing_half_saved(
    tmp_path, capsys
):
    first, second = tmp_path / "tides.txt", tmp_path / "salt.txt"
    first.write_text(TALK, encoding="utf-8")
    second.write_text(SECOND_TALK, encoding="utf-8")

    lost = connection.execute_wrapper(connection_lost_at_the_turns_of("Salt"))
    with lost, pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_transcript", str(first), str(second)]).execute()

    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines() == [
        f"CommandError: [2/2] {second}: the database stopped answering (server closed the "
        "connection unexpectedly): nothing of this file was saved, and the 1 file before it is "
        "kept. Run the command again once the database answers."
    ]
    assert Interview.objects.filter(title__icontains="tides").exists()
    assert not Interview.objects.filter(title__icontains="salt").exists()
    assert not Person.objects.filter(name__in=["Cy Moss", "Dee Wren"]).exists()
    assert Revision.objects.count() == 1
