"""The admin's "Import JSON export" page: an export file or its text, saved as an interview."""

import json

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from interviews.models import Interview
from tests.interviews.test_exports import SEED_000, SEED_001, export_url, get_json, turn_rows

IMPORT_JSON_URL = reverse("admin:interviews_interview_import_json")


@pytest.fixture
def export(client, sample_archive):
    """The JSON export of a seed interview, without its source URL (else it updates it)."""
    _, data = get_json(client, export_url(SEED_001, "json"))
    data["source_url"] = ""
    return data


def imported():
    """The interviews besides the sample archive's two."""
    return Interview.objects.exclude(slug__in=[SEED_000, SEED_001])


def upload(data: dict | bytes, name="interview.json") -> SimpleUploadedFile:
    content = data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="application/json")


def post(client, *, file=None, text="", status="draft", if_already_here="ask"):
    fields = {"text": text, "status": status, "if_already_here": if_already_here}
    if file is not None:
        fields["file"] = file
    return client.post(IMPORT_JSON_URL, fields)


def form_errors(response) -> list[str]:
    assert response.status_code == 200
    form = response.context["form"]
    return [error for errors in form.errors.values() for error in errors]


# --- The page and who may use it --------------------------------------------------------------


def test_the_changelist_links_to_the_json_import_beside_the_transcript_import(admin_client):
    html = admin_client.get(reverse("admin:interviews_interview_changelist")).content.decode()
    assert f'href="{IMPORT_JSON_URL}"' in html
    assert html.index("Import transcript") < html.index("Import JSON export")


def test_the_page_offers_a_file_a_textarea_and_draft_by_default(editor_client):
    response = editor_client.get(IMPORT_JSON_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="file" name="file"' in html
    assert '<textarea name="text"' in html
    assert 'enctype="multipart/form-data"' in html
    assert '<option value="draft" selected>' in html


def test_the_json_import_needs_the_add_interview_permission(client, db):
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_interview"))
    client.force_login(viewer)
    assert client.get(IMPORT_JSON_URL).status_code == 403
    assert post(client, text="{}").status_code == 403
    html = client.get(reverse("admin:interviews_interview_changelist")).content.decode()
    assert "Import JSON export" not in html


def test_the_json_import_asks_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(IMPORT_JSON_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


# --- Importing --------------------------------------------------------------------------------


def test_an_uploaded_export_becomes_a_draft_and_opens_its_change_page(
    editor_client, editor, export
):
    original = Interview.objects.get(slug=SEED_001)

    response = post(editor_client, file=upload(export))

    copy = Interview.objects.exclude(pk=original.pk).get(title=original.title)
    assert response.status_code == 302
    assert response.url == reverse("admin:interviews_interview_change", args=[copy.pk])
    assert copy.status == Interview.Status.DRAFT
    assert turn_rows(copy) == turn_rows(original)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith(f"Created the interview “{original.title}” from the export: ")


def test_the_history_records_the_editor_and_the_json_import(editor_client, editor, export):
    post(editor_client, file=upload(export))

    copy = imported().get()
    revision = Version.objects.get_for_object(copy).get().revision
    assert revision.user == editor
    turns, comments = copy.turns.count(), copy.comments.count()
    assert revision.comment == f"Imported from a JSON export: {turns} turns, {comments} comments"


def test_a_pasted_export_can_be_saved_as_published(editor_client, export):
    response = post(editor_client, text=json.dumps(export), status="published")

    assert response.status_code == 302
    assert imported().get().status == Interview.Status.PUBLISHED


def test_an_export_with_a_source_url_in_the_archive_updates_that_interview(editor_client, export):
    original = Interview.objects.get(slug=SEED_001)
    export["source_url"] = original.source_url
    export["title"] = "A new title"

    response = post(editor_client, file=upload(export))

    assert response.status_code == 302
    assert Interview.objects.filter(title__in=["A new title"]).get().pk == original.pk
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Updated the interview “A new title”")


# --- An export already imported: the editor decides -------------------------------------------


def test_an_export_already_imported_asks_before_saving(editor_client, export):
    post(editor_client, file=upload(export))
    first = imported().get()

    response = post(editor_client, file=upload(export))

    [error] = form_errors(response)
    assert f"already in the archive as “{first.title}”" in error
    html = response.content.decode()
    assert reverse("admin:interviews_interview_change", args=[first.pk]) in html
    assert Interview.objects.count() == 3


def test_an_export_already_imported_updates_it_when_the_editor_says_so(editor_client, export):
    post(editor_client, file=upload(export))
    first = imported().get()
    export["deck"] = "A corrected deck"

    response = post(editor_client, file=upload(export), if_already_here="update")

    assert response.url == reverse("admin:interviews_interview_change", args=[first.pk])
    assert Interview.objects.count() == 3
    first.refresh_from_db()
    assert first.deck == "A corrected deck"


def test_an_export_already_imported_is_a_new_interview_when_the_editor_says_so(
    editor_client, export
):
    post(editor_client, file=upload(export))

    response = post(editor_client, file=upload(export), if_already_here="new")

    assert response.status_code == 302
    assert Interview.objects.count() == 4
    assert len(set(Interview.objects.values_list("slug", flat=True))) == 4


# --- What cannot be imported: a reason in the form, never a server error ----------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{oops", "This is not JSON: Expecting property name"),
        (b"[1, 2]", "This is not an interview export: its schema is not interview-archive/1"),
        (b'{"schema": "other/9"}', "its schema is not interview-archive/1"),
        (b'{"schema": "interview-archive/1"}', "The export is incomplete or malformed"),
        ("{}".encode("utf-16"), "The file is not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_readable_export_is_refused_with_its_reason(
    editor_client, db, content, reason
):
    response = post(editor_client, file=upload(content))

    [error] = form_errors(response)
    assert reason in error
    assert not Interview.objects.exists()


def test_malformed_pasted_json_is_refused_with_its_reason(editor_client, db):
    [error] = form_errors(post(editor_client, text='{"schema": '))
    assert error.startswith("This is not JSON: Expecting value: line 1 column 12")


def test_an_export_too_large_is_refused_unread(editor_client, db, monkeypatch):
    monkeypatch.setattr("interviews.importing.export_form.MAX_EXPORT_BYTES", 1024)

    [error] = form_errors(post(editor_client, file=upload(b" " * 2048 + b"{}")))

    assert error == "The file is 2 kB; the limit is 1 kB."


def test_a_file_and_a_paste_at_once_or_neither_are_refused(editor_client, export):
    [both] = form_errors(post(editor_client, file=upload(export), text=json.dumps(export)))
    [neither] = form_errors(post(editor_client))
    assert both == "Choose a file or paste the export, not both."
    assert neither == "Choose an export file, or paste its text."
    assert Interview.objects.count() == 2


def test_an_export_whose_content_cannot_be_saved_says_why(editor_client, export):
    export["turns"][0]["kind"] = "bogus"

    [error] = form_errors(post(editor_client, file=upload(export)))

    assert error == "Nothing was saved: Turn 1 has an unknown kind 'bogus'."
    assert Interview.objects.count() == 2


@pytest.mark.parametrize("character", ["\x00", "\ud800", "\udfff"])
@pytest.mark.parametrize(
    "where",
    [("title",), ("slug",), ("outlet", "name"), ("turns", 0, "text"), ("interviewers", 0, "name")],
)
def test_an_export_holding_text_no_database_can_store_is_refused_unsaved(
    editor_client, export, where, character
):
    """JSON's \\u0000 and \\ud800 escapes: PostgreSQL refuses NUL and no driver encodes half a
    surrogate pair, so reading or saving them was a 500."""
    target = export
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = f"a{character}b"

    [error] = form_errors(post(editor_client, text=json.dumps(export), if_already_here="new"))

    path = "/".join(map(str, where))
    assert error.startswith(f"The value of {path} holds a NUL character or half of a surrogate")
    assert Interview.objects.count() == 2


def test_an_export_whose_key_holds_a_nul_is_refused(editor_client, export):
    export["turns"][0]["a\x00b"] = 1

    [error] = form_errors(post(editor_client, text=json.dumps(export), if_already_here="new"))

    assert error.startswith("A key in turns/0 holds a NUL character")


def test_a_database_refusal_is_told_in_words_not_in_sql(editor_client, export, monkeypatch):
    # As if another import took the slug between the look-up and the insert.
    export["slug"] = ""
    monkeypatch.setattr("interviews.importing.services.unique_slug", lambda *a, **k: SEED_001)

    [error] = form_errors(post(editor_client, file=upload(export)))

    assert error.startswith("Nothing was saved: Another interview took this slug")
    assert "constraint" not in error.lower() and "duplicate key" not in error
    assert Interview.objects.count() == 2


@pytest.mark.parametrize("text", [None, 12, ["a"], {"a": 1}])
def test_a_turn_whose_text_is_not_text_is_refused_with_a_reason(admin_client, export, text):
    export["turns"][0]["text"] = text

    response = post(admin_client, text=json.dumps(export))

    assert any("The export is incomplete or malformed" in error for error in form_errors(response))
    assert not imported().exists()
