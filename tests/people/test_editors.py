"""The "Editors" group (migration people/0002): what an editor can and cannot reach in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from interviews.models import Comment, Interview, Turn

EDITED = [
    ("interviews", "interview"),
    ("interviews", "turn"),
    ("interviews", "participation"),
    ("interviews", "outlet"),
    ("interviews", "topic"),
    ("interviews", "comment"),
    ("people", "person"),
]


def test_the_migration_creates_the_group_with_no_auth_permission(db):
    group = Group.objects.get(name="Editors")

    apps = set(group.permissions.values_list("content_type__app_label", flat=True))

    assert apps == {"interviews", "people"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_interview", "change_interview", "change_comment", "view_comment"} <= codenames
    assert "delete_comment" not in codenames


@pytest.mark.parametrize(("app", "model"), EDITED)
def test_an_editor_reaches_the_list_and_add_page_of_what_they_edit(
    editor_client, make_interview, app, model
):
    make_interview(comments=1)

    assert editor_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/axes/accessattempt/",
    ],
)
def test_an_editor_cannot_manage_users_groups_or_login_records(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editor_cannot_make_themselves_a_superuser(editor_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])

    response = editor_client.post(url, {"username": editor.username, "is_superuser": "on"})

    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_the_admin_index_shows_an_editor_only_the_archive(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert 'href="/admin/interviews/interview/"' in html
    assert 'href="/admin/people/person/"' in html
    assert "/admin/auth/" not in html
    assert "/admin/axes/" not in html


def test_an_editor_opens_the_import_page_and_previews_a_transcript(editor_client):
    url = reverse("admin:interviews_interview_import")
    assert editor_client.get(url).status_code == 200

    # The paste becomes the editor's draft, previewed on its own page.
    response = editor_client.post(url, {"text": "Q: Why?\n\nA: Because."}, follow=True)

    assert response.status_code == 200
    assert response.context["turns"].total_form_count() == 2
    assert editor_client.get(reverse("admin:interviews_importdraft_changelist")).status_code == 200


def test_an_editor_edits_a_turn_of_an_interview(editor_client, make_interview):
    interview = make_interview(turns=1)
    turn = interview.turns.get()
    url = reverse("admin:interviews_turn_change", args=[turn.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}

    response = editor_client.post(url, {**data, "text": "An editor's correction."})

    assert response.status_code == 302
    assert Turn.objects.get(pk=turn.pk).text == "An editor's correction."


def test_an_editor_moderates_comments_but_cannot_delete_them(editor_client, make_interview):
    interview = make_interview(comments=1)
    comment = interview.comments.get()
    url = reverse("admin:interviews_comment_changelist")

    editor_client.post(url, {"action": "hide", "_selected_action": [comment.pk]})
    response = editor_client.post(
        reverse("admin:interviews_comment_delete", args=[comment.pk]), {"post": "yes"}
    )

    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.HIDDEN
    assert response.status_code == 403


def test_an_editor_publishes_an_interview(editor_client, make_interview):
    interview = make_interview(status=Interview.Status.DRAFT)

    editor_client.post(
        reverse("admin:interviews_interview_changelist"),
        {"action": "publish", "_selected_action": [interview.pk]},
    )

    interview.refresh_from_db()
    assert interview.status == Interview.Status.PUBLISHED


def test_a_staff_user_outside_the_group_can_reach_nothing(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("temp", is_staff=True))

    assert client.get(reverse("admin:interviews_interview_changelist")).status_code == 403
    assert client.get(reverse("admin:interviews_interview_import")).status_code == 403
