"""Edit history (django-reversion): an editor reverts and recovers interviews, turns, comments."""

from django.urls import reverse
from reversion.models import Version

from interviews.importing.drafts import SpeakerChoice, TranscriptDraft
from interviews.importing.services import transcript_import
from interviews.models import Comment, Interview, Participation, Turn
from interviews.transcript.model import ParsedComment, ParsedTurn


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
    assert versions.last().revision.comment == "Hidden."
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
