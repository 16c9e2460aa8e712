"""Edit history (django-reversion): an editor reverts and recovers interviews, turns, comments."""

import json

from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from reversion.models import Version

from interviews.importing.drafts import SpeakerChoice, TranscriptDraft
from interviews.importing.services import export_import, transcript_import
from interviews.models import Comment, Interview, Participation, Turn
from interviews.transcript.model import ParsedComment, ParsedTurn
from tests.interviews.importing.admin_pages import (
    SEED_000,
    confirm_new_people,
    form_data,
    paste,
    submit,
    upload,
)


def change_form_data(response) -> dict:
    """What the admin's change form (with its inlines) would post back unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [getattr(item, "pk", item) for item in value]
            data[form.add_prefix(name)] = value
    return data


def snapshot(interview: Interview) -> dict:
    """Everything an interview owns, as rows."""
    return {
        "interview": Interview.objects.filter(pk=interview.pk)
        .values("title", "slug", "deck")
        .get(),
        "topics": sorted(interview.topics.values_list("pk", flat=True)),
        "turns": list(Turn.objects.filter(interview=interview).order_by("pk").values()),
        "participations": list(
            Participation.objects.filter(interview=interview).order_by("pk").values()
        ),
        "comments": list(Comment.objects.filter(interview=interview).order_by("pk").values()),
    }


def edit_interview(client, interview, **changes):
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = {**change_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_editing_an_interview_and_a_turn_in_the_admin_can_be_reverted(
    editor_client, make_interview
):
    interview = make_interview(turns=2, comments=2, title="The original title")
    before = snapshot(interview)
    first_turn = interview.turns.order_by("position").first()

    edit_interview(
        editor_client, interview, title="A changed title", **{"turns-0-text": "Changed text."}
    )
    assert Turn.objects.get(pk=first_turn.pk).text == "Changed text."

    history = editor_client.get(reverse("admin:interviews_interview_history", args=[interview.pk]))
    versions = Version.objects.get_for_object(interview).order_by("pk")
    assert history.status_code == 200
    assert versions.first().revision.comment == ("The state before its first change in the admin.")
    # Revert to the first recorded state: the revision page, posted back as it is shown.
    revert_url = reverse(
        "admin:interviews_interview_revision", args=[interview.pk, versions.first().pk]
    )
    shown = editor_client.get(revert_url)
    assert shown.context["adminform"].form["title"].value() == "The original title"
    assert editor_client.post(revert_url, change_form_data(shown)).status_code == 302

    assert snapshot(interview)["turns"] == before["turns"]
    assert snapshot(interview)["interview"] == before["interview"]


def test_a_turn_edited_on_its_own_has_a_history(editor_client, make_interview):
    turn = make_interview(turns=1).turns.get()
    url = reverse("admin:interviews_turn_change", args=[turn.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    editor_client.post(url, {**data, "text": "Corrected."})

    texts = [v.field_dict["text"] for v in Version.objects.get_for_object(turn).order_by("pk")]

    assert texts == ["Turn number 1?", "Corrected."]


def test_a_deleted_interview_is_recovered_with_its_turns_and_comments(
    editor_client, admin_client, make_interview
):
    interview = make_interview(turns=3, comments=4)
    before = snapshot(interview)
    # Deleted by someone else, and never saved in the admin before: the deletion is recorded.
    admin_client.post(
        reverse("admin:interviews_interview_delete", args=[interview.pk]), {"post": "yes"}
    )
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert not Turn.objects.filter(interview_id=interview.pk).exists()

    recover_list = editor_client.get(reverse("admin:interviews_interview_recoverlist"))
    deleted = Version.objects.get_deleted(Interview).get()
    assert interview.title in recover_list.content.decode()
    recover_url = reverse("admin:interviews_interview_recover", args=[deleted.pk])
    shown = editor_client.get(recover_url)
    response = editor_client.post(recover_url, change_form_data(shown))

    assert response.status_code == 302
    assert snapshot(interview) == before
    assert [c.parent_id for c in Interview.objects.get(pk=interview.pk).comments.all()] == [
        c["parent_id"] for c in before["comments"]
    ]


def test_interviews_deleted_from_the_list_are_recoverable_too(admin_client, make_interview):
    interviews = [make_interview(turns=2, comments=2) for _ in range(2)]
    before = [snapshot(interview) for interview in interviews]

    admin_client.post(
        reverse("admin:interviews_interview_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [i.pk for i in interviews],
            "post": "yes",
        },
    )
    assert not Interview.objects.exists()
    for version in Version.objects.get_deleted(Interview):
        version.revision.revert()

    assert [snapshot(interview) for interview in interviews] == before


def test_hiding_a_comment_is_recorded_and_can_be_undone(editor_client, make_interview):
    comment = make_interview(comments=1).comments.get()
    editor_client.post(
        reverse("admin:interviews_comment_changelist"),
        {"action": "hide", "_selected_action": [comment.pk]},
    )

    versions = Version.objects.get_for_object(comment).order_by("pk")
    assert [v.field_dict["status"] for v in versions] == ["public", "hidden"]
    assert versions.last().revision.comment == "Hid 1 comment."
    assert versions.last().revision.user.username == "edith"
    versions.first().revert()
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLIC


def test_an_editor_reaches_the_history_and_recover_pages(editor_client, make_interview):
    interview = make_interview(comments=1)
    comment = interview.comments.get()
    for url in [
        reverse("admin:interviews_interview_history", args=[interview.pk]),
        reverse("admin:interviews_interview_recoverlist"),
        reverse("admin:interviews_turn_recoverlist"),
        reverse("admin:interviews_comment_history", args=[comment.pk]),
        reverse("admin:interviews_comment_recoverlist"),
    ]:
        assert editor_client.get(url).status_code == 200, url


def draft(**fields) -> TranscriptDraft:
    fields.setdefault("title", "An imported interview")
    fields.setdefault(
        "turns",
        [
            ParsedTurn(speaker="Host", kind="question", text="Why?"),
            ParsedTurn(speaker="Guest", kind="answer", text="Because."),
        ],
    )
    fields.setdefault("comments", [ParsedComment(author="Ada", text="Thanks.")])
    speakers = [
        SpeakerChoice(label="Host", new_name="Host"),
        SpeakerChoice(label="Guest", new_name="Guest"),
    ]
    return TranscriptDraft(speakers=speakers, **fields)


def test_an_import_records_a_revision_with_its_turns_and_comments(db):
    outcome = transcript_import(
        draft=draft(source_url="https://example.org/talk"), how="Imported from paste"
    )

    version = Version.objects.get_for_object(outcome.interview).get()
    revision = version.revision
    assert revision.comment == "Imported from paste: 2 turns, 1 comment"
    recorded = {v.content_type.model: v for v in revision.version_set.all()}.keys()
    assert set(recorded) == {"interview", "turn", "participation", "comment"}
    assert revision.version_set.filter(content_type__model="turn").count() == 2


def test_importing_again_keeps_the_state_it_replaced(db, make_interview):
    interview = make_interview(turns=2, source_url="https://example.org/talk")
    old_turns = sorted(interview.turns.values_list("text", flat=True))

    transcript_import(draft=draft(source_url="https://example.org/talk"))

    first, _imported = Version.objects.get_for_object(interview).order_by("pk")
    assert first.revision.comment == "The state before a new import."
    first.revision.revert(delete=True)
    assert sorted(Turn.objects.filter(interview=interview).values_list("text", flat=True)) == (
        old_turns
    )


# --- Who did what: moderation and publication actions -------------------------------------


def changelist_action(client, model: str, action: str, objects, *, query: str = ""):
    url = reverse(f"admin:interviews_{model}_changelist") + query
    return client.post(
        url, {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True
    )


def last_revision_of(obj):
    return Version.objects.get_for_object(obj).order_by("pk").last().revision


def pending_comments(interview, count: int) -> list[Comment]:
    return [
        Comment.objects.create(
            interview=interview,
            author_name=f"Visitor {n}",
            text=f"Pending comment {n}",
            origin=Comment.Origin.POSTED,
            status=Comment.Status.PENDING,
            position=100 + n,
        )
        for n in range(count)
    ]


def test_approving_from_the_moderation_queue_records_who_approved_what(
    editor, editor_client, make_interview
):
    comments = pending_comments(make_interview(), 3)

    # The queue is the change list filtered on status=pending, as its link opens it.
    response = changelist_action(
        editor_client, "comment", "approve", comments, query="?status__exact=pending"
    )

    assert "Approved 3 comments." in response.content.decode()
    revisions = {last_revision_of(comment) for comment in comments}
    [revision] = revisions
    assert revision.comment == "Approved 3 comments."
    assert revision.user == editor
    assert {v.field_dict["status"] for v in revision.version_set.all()} == {"public"}
    assert revision.version_set.count() == 3


def test_hiding_from_the_moderation_queue_records_who_hid_it(editor, editor_client, make_interview):
    [comment] = pending_comments(make_interview(), 1)

    changelist_action(editor_client, "comment", "hide", [comment], query="?status__exact=pending")

    revision = last_revision_of(comment)
    assert (revision.comment, revision.user) == ("Hid 1 comment.", editor)
    assert Version.objects.get_for_object(comment).latest("pk").field_dict["status"] == "hidden"


def test_approving_counts_only_the_comments_it_changed(editor_client, make_interview):
    interview = make_interview(comments=1)
    already_public = interview.comments.get()
    [pending] = pending_comments(interview, 1)

    response = changelist_action(editor_client, "comment", "approve", [already_public, pending])

    assert "Approved 1 comment." in response.content.decode()
    assert last_revision_of(pending).comment == "Approved 1 comment."
    assert not Version.objects.get_for_object(already_public).exists()


def test_approving_nothing_new_records_nothing_and_says_so(editor_client, make_interview):
    comment = make_interview(comments=1).comments.get()

    response = changelist_action(editor_client, "comment", "approve", [comment])

    assert "Nothing was changed: the selected comments were already public." in (
        response.content.decode()
    )
    assert not Version.objects.get_for_object(comment).exists()


def test_publishing_and_unpublishing_record_who_did_it(editor, editor_client, make_interview):
    drafts = [make_interview(status=Interview.Status.DRAFT) for _ in range(2)]

    published = changelist_action(editor_client, "interview", "publish", drafts)
    assert "Published 2 interviews." in published.content.decode()
    for interview in drafts:
        revision = last_revision_of(interview)
        assert (revision.comment, revision.user) == ("Published 2 interviews.", editor)

    changelist_action(editor_client, "interview", "unpublish", drafts[:1])
    revision = last_revision_of(drafts[0])
    assert (revision.comment, revision.user) == ("Returned 1 interview to draft.", editor)
    assert Interview.objects.get(pk=drafts[0].pk).status == Interview.Status.DRAFT


# --- Line endings: a browser's "\r\n" is not a change --------------------------------------


def as_a_browser_posts(data: dict) -> dict:
    """Every text with the "\r\n" line breaks a browser sends from a text area."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def test_changing_the_deck_changes_only_the_deck_not_the_turns(editor_client, make_interview):
    interview = make_interview(turns=3, intro="First paragraph.\n\nSecond paragraph.")
    Turn.objects.filter(interview=interview).update(
        text="A first paragraph.\n\nA second one.\n\nAnd a third."
    )
    turns_before = list(Turn.objects.filter(interview=interview).order_by("pk").values())
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = as_a_browser_posts(change_form_data(editor_client.get(url)))
    assert "\r\n\r\n" in data["turns-0-text"]

    response = editor_client.post(url, {**data, "deck": "A new deck"})

    assert response.status_code == 302
    assert list(Turn.objects.filter(interview=interview).order_by("pk").values()) == turns_before
    interview.refresh_from_db()
    assert interview.intro == "First paragraph.\n\nSecond paragraph."
    entry = LogEntry.objects.get(object_id=str(interview.pk), action_flag=CHANGE)
    assert json.loads(entry.change_message) == [{"changed": {"fields": ["Deck / subtitle"]}}]
    revision = last_revision_of(interview)
    assert revision.comment == "Changed Deck / subtitle."
    recorded_turns = [
        v.field_dict["text"] for v in revision.version_set.filter(content_type__model="turn")
    ]
    assert recorded_turns == ["A first paragraph.\n\nA second one.\n\nAnd a third."] * 3


def test_a_comment_saved_from_its_form_keeps_its_line_breaks(editor_client, make_interview):
    comment = make_interview(comments=1).comments.get()
    Comment.objects.filter(pk=comment.pk).update(text="One.\n\nTwo.")
    url = reverse("admin:interviews_comment_change", args=[comment.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}

    editor_client.post(url, as_a_browser_posts({**data, "author_name": "Renamed"}))

    assert Comment.objects.get(pk=comment.pk).text == "One.\n\nTwo."
    entry = LogEntry.objects.get(object_id=str(comment.pk), action_flag=CHANGE)
    assert json.loads(entry.change_message) == [{"changed": {"fields": ["Author name"]}}]


def test_a_persons_bio_saved_from_its_form_has_plain_line_breaks(admin_client, make_person):
    person = make_person("Ada Lovelace")
    url = reverse("admin:people_person_change", args=[person.pk])

    admin_client.post(
        url,
        {"name": person.name, "slug": person.slug, "aliases": "", "url": "", "bio": "A.\r\n\r\nB."},
    )

    person.refresh_from_db()
    assert person.bio == "A.\n\nB."


# --- Imports: who imported what, from where -------------------------------------------------


def test_an_import_in_the_admin_records_the_editor_and_the_paste(admin_user, admin_client):
    preview = paste(admin_client, SEED_000)
    submit(admin_client, preview, confirm_new_people(form_data(preview)), "save")

    interview = Interview.objects.get()
    revision = last_revision_of(interview)
    assert revision.user == admin_user
    assert revision.comment == (
        f"Imported from paste: {interview.turns.count()} turns, "
        f"{interview.comments.count()} comments"
    )


def test_an_uploaded_file_is_named_and_a_reimport_says_it_updated(admin_user, admin_client):
    source = {"title": "Tides", "source_url": "https://example.org/tides"}
    preview = upload(admin_client, b"Q: Why?\n\nA: Because.", name="tides.txt")
    submit(admin_client, preview, {**form_data(preview), **source}, "save")
    interview = Interview.objects.get()
    assert (
        last_revision_of(interview).comment == "Imported from file tides.txt: 2 turns, 0 comments"
    )

    again = paste(admin_client, "Q: Why?\n\nA: Because, really.", **source)
    submit(admin_client, again, {**form_data(again), **source}, "save")

    revision = last_revision_of(interview)
    assert revision.user == admin_user
    assert revision.comment == ("Updated by a re-import (imported from paste): 2 turns, 0 comments")


def test_a_json_export_import_records_the_editor(client, editor, make_interview):
    original = make_interview(turns=2, comments=1)
    url = reverse("interviews:export_json", kwargs={"slug": original.slug})
    data = json.loads(client.get(url).content)
    original.delete()

    outcome = export_import(data=data, user=editor)

    revision = last_revision_of(outcome.interview)
    assert revision.user == editor
    assert revision.comment == "Imported from a JSON export: 2 turns, 1 comment"
