"""A comment's badge ("Interviewer", "Interviewee", the outlet's name) says something true.

It comes from a stored verification only: an editor's, a staff account linked to the person, or
the source page's own mark on an import. A name typed into the form gives none; the moderation
list flags it instead.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from interviews.importing.editing import DraftSource, DraftState, parsed_comments
from interviews.importing.services import transcript_import
from interviews.importing.sources.web import document_from_html
from interviews.models import Comment
from interviews.transcript.model import ParsedComment, comment_json
from tests.interviews.importing.test_services import draft

BADGE = '<span class="comment-badge">Interviewer</span>'


@pytest.fixture
def ivy(make_person):
    return make_person("Ivy Asker", aliases=["Ivy A."])


@pytest.fixture
def interview(make_interview, make_outlet, ivy):
    return make_interview(
        "Bees and their keepers", interviewer=ivy, outlet=make_outlet("The Hive Times")
    )


def post(client, interview, author_name, text="A fine talk."):
    url = reverse("interviews:comment_create", args=[interview.slug])
    return client.post(url, {"author_name": author_name, "author_url": "", "text": text})


def approve_all():
    Comment.objects.update(status=Comment.Status.PUBLIC)


def page_html(client, interview) -> str:
    return client.get(interview.get_absolute_url()).content.decode()


def changelist_html(client, **query) -> str:
    return client.get(reverse("admin:interviews_comment_changelist"), query).content.decode()


def run_action(client, action, comments):
    return client.post(
        reverse("admin:interviews_comment_changelist"),
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


# --- On the page --------------------------------------------------------------------------------


def test_an_anonymous_comment_signed_with_the_interviewers_name_gets_no_badge(
    client, interview, ivy
):
    assert post(client, interview, ivy.name).status_code == 302
    approve_all()
    html = page_html(client, interview)
    assert "Ivy Asker" in html
    assert BADGE not in html
    assert "comment--by-" not in html
    assert Comment.objects.get().verified_as == ""


def test_a_signed_in_staff_account_linked_to_the_interviewer_gets_the_badge(
    client, interview, ivy, django_user_model
):
    ivy.user = django_user_model.objects.create_user("ivy", password="pw", is_staff=True)
    ivy.save()
    client.force_login(ivy.user)
    # Whatever name the form is signed with: the account says who it is.
    post(client, interview, "Ivy")
    comment = Comment.objects.get()
    assert (comment.verified_as, comment.verified_by) == ("interviewer", "account")
    assert comment.status == Comment.Status.PENDING
    approve_all()
    assert BADGE in page_html(client, interview)


def test_a_linked_account_gets_no_badge_on_an_interview_its_person_is_not_in(
    client, make_interview, ivy, django_user_model
):
    ivy.user = django_user_model.objects.create_user("ivy", password="pw", is_staff=True)
    ivy.save()
    other = make_interview("Wasps")
    client.force_login(ivy.user)
    post(client, other, ivy.name)
    assert Comment.objects.get().verified_as == ""


def test_a_staff_account_not_linked_to_the_person_gets_no_badge(editor_client, interview, ivy):
    post(editor_client, interview, ivy.name)
    assert Comment.objects.get().verified_as == ""


def test_a_linked_account_that_is_no_longer_staff_gets_no_badge(
    client, interview, ivy, django_user_model
):
    ivy.user = django_user_model.objects.create_user("ivy", password="pw", is_staff=False)
    ivy.save()
    client.force_login(ivy.user)
    post(client, interview, ivy.name)
    assert Comment.objects.get().verified_as == ""


def test_the_interviewee_and_the_outlet_have_badges_of_their_own(client, interview):
    outlet_name = interview.outlet.name
    for position, (name, role) in enumerate(
        [("Guest", "interviewee"), (outlet_name, "outlet")], start=1
    ):
        Comment.objects.create(
            interview=interview,
            author_name=name,
            text="Hello",
            status=Comment.Status.PUBLIC,
            position=position,
            verified_as=role,
            verified_by=Comment.Verification.EDITOR,
        )
    html = page_html(client, interview)
    assert '<span class="comment-badge">Interviewee</span>' in html
    assert f'<span class="comment-badge">{outlet_name}</span>' in html
    assert BADGE not in html


def test_a_badge_without_a_verification_is_refused_by_the_database(interview):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            interview=interview, author_name="X", text="Y", position=1, verified_as="interviewer"
        )


# --- Moderators ---------------------------------------------------------------------------------


def test_the_queue_flags_a_name_match_that_is_not_verified(admin_client, client, interview, ivy):
    post(client, interview, "ivy a.")  # an alias, in another case
    post(client, interview, "Someone Else")
    html = changelist_html(admin_client, status__exact="pending")
    assert html.count("signed as the interviewer’s name: unverified") == 1


def test_the_queue_flags_the_outlets_name_too(admin_client, client, interview):
    post(client, interview, "the hive times")
    html = changelist_html(admin_client)
    assert "signed as the outlet’s name: unverified" in html


def test_verifying_the_author_gives_the_badge_and_ends_the_flag(
    admin_client, client, interview, ivy
):
    post(client, interview, ivy.name)
    post(client, interview, "Someone Else")
    comments = list(Comment.objects.order_by("position"))
    response = run_action(admin_client, "verify_author", comments)
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Verified the author of 1 comment as the interviewer." in shown
    assert any("1 comment was left unverified: Someone Else is not the name" in m for m in shown)
    verified = Comment.objects.get(author_name=ivy.name)
    assert (verified.verified_as, verified.verified_by) == ("interviewer", "editor")
    assert "unverified</span>" not in changelist_html(admin_client)
    approve_all()
    assert page_html(client, interview).count(BADGE) == 1


def test_removing_the_verification_takes_the_badge_away(admin_client, client, interview, ivy):
    comment = Comment.objects.create(
        interview=interview,
        author_name=ivy.name,
        text="Hello",
        status=Comment.Status.PUBLIC,
        position=1,
        verified_as="interviewer",
        verified_by=Comment.Verification.IMPORT,
    )
    response = run_action(admin_client, "unverify_author", [comment])
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Removed the author verification of 1 comment." in shown
    comment.refresh_from_db()
    assert (comment.verified_as, comment.verified_by) == ("", "")
    assert BADGE not in page_html(client, interview)


def test_an_editor_sets_the_badge_on_the_change_form(admin_client, client, interview):
    post(client, interview, "Guest Writer")
    comment = Comment.objects.get()
    url = reverse("admin:interviews_comment_change", args=[comment.pk])
    form = {
        "interview": interview.pk,
        "parent": "",
        "position": comment.position,
        "author_name": comment.author_name,
        "author_url": "",
        "verified_as": "interviewee",
        "posted_at_0": "2024-01-02",
        "posted_at_1": "10:00:00",
        "text": comment.text,
        "status": "public",
        "origin": "posted",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert (comment.verified_as, comment.verified_by) == ("interviewee", "editor")
    form["verified_as"] = ""
    admin_client.post(url, form)
    comment.refresh_from_db()
    assert (comment.verified_as, comment.verified_by) == ("", "")


# --- Imports ------------------------------------------------------------------------------------

WORDPRESS_THREAD = """<html><body><article><h1>An interview</h1><p>Text.</p></article>
<div id="comments"><ol class="comment-list">
<li id="comment-1" class="comment byuser depth-1"><article class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader One</b></div>
  <div class="comment-metadata"><time datetime="2018-07-02T10:29:00+00:00">July 2, 2018</time></div>
  </footer><div class="comment-content"><p>Great talk.</p></div></article>
  <ol class="children">
  <li id="comment-2" class="comment byuser bypostauthor depth-2"><article class="comment-body">
    <footer class="comment-meta">
    <div class="comment-author vcard"><b class="fn">Larry King</b></div>
    <div class="comment-metadata"><time datetime="2018-07-02T11:56:00+00:00">July 2, 2018</time>
    </div></footer><div class="comment-content"><p>Thanks!</p></div></article></li>
  </ol></li>
<li id="comment-3" class="comment depth-1"><article class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Larry King</b></div>
  <div class="comment-metadata"><time datetime="2018-07-03T09:00:00+00:00">July 3, 2018</time>
  </div></footer><div class="comment-content"><p>An impostor.</p></div></article></li>
</ol></div></body></html>"""


def test_the_web_reader_keeps_the_pages_mark_of_its_author():
    thread = document_from_html(WORDPRESS_THREAD).comments
    reply = thread[0].replies[0]
    assert (reply.author, reply.by_page_author) == ("Larry King", True)
    # The same name without the page's mark is just a name.
    assert (thread[1].author, thread[1].by_page_author) == ("Larry King", False)
    assert thread[0].by_page_author is False


def test_the_mark_survives_the_draft_stored_between_preview_pages():
    state = DraftState(
        transcript="",
        source=DraftSource(),
        comments=[
            {"author": "A", "posted": None, "text": "x", "replies": [], "by_page_author": True},
            {"author": "B", "posted": None, "text": "y", "replies": []},
        ],
    )
    stored = DraftState.from_json(json.loads(json.dumps(state.as_json())))
    assert [c.by_page_author for c in parsed_comments(stored)] == [True, False]


def test_a_draft_comment_with_an_unknown_key_is_still_refused():
    state = DraftState(transcript="", source=DraftSource())
    data = state.as_json()
    data["comments"] = [{"author": "A", "posted": None, "text": "x", "replies": [], "x": 1}]
    with pytest.raises(ValueError, match="unknown keys 'x'"):
        DraftState.from_json(data)


def test_an_import_keeps_the_badges_the_source_page_showed(db):
    comments = document_from_html(WORDPRESS_THREAD).comments
    interview = transcript_import(draft=draft(comments=comments)).interview
    by_text = {c.text: c for c in interview.comments.all()}
    assert (by_text["Thanks!"].verified_as, by_text["Thanks!"].verified_by) == (
        "interviewer",
        "import",
    )
    assert by_text["An impostor."].verified_as == ""
    assert by_text["Great talk."].verified_as == ""


def test_a_page_authors_comment_signed_as_the_guest_gets_the_guests_badge(db):
    comments = [ParsedComment("Ada Guest", "Thank you all.", by_page_author=True)]
    interview = transcript_import(draft=draft(comments=comments)).interview
    assert interview.comments.get().verified_as == "interviewee"


def test_a_reimport_follows_the_page_but_keeps_an_editors_verification(db):
    marked = [
        ParsedComment("Larry King", "Thanks!", by_page_author=True),
        ParsedComment("Reader", "Hello.", by_page_author=False),
    ]
    interview = transcript_import(draft=draft(comments=marked)).interview
    Comment.objects.filter(text="Hello.").update(
        verified_as="outlet", verified_by=Comment.Verification.EDITOR
    )
    unmarked = [ParsedComment("Larry King", "Thanks!"), ParsedComment("Reader", "Hello.")]
    transcript_import(draft=draft(comments=unmarked))
    by_text = {c.text: c for c in interview.comments.all()}
    assert by_text["Thanks!"].verified_as == ""
    assert (by_text["Hello."].verified_as, by_text["Hello."].verified_by) == ("outlet", "editor")


def test_the_parser_json_leaves_the_mark_out_unless_it_is_there():
    assert "by_page_author" not in comment_json(ParsedComment("A", "x"))
    assert comment_json(ParsedComment("A", "x", by_page_author=True))["by_page_author"] is True


def test_the_sample_interview_shows_its_pages_author_badges(client, sample_archive):
    interview = sample_archive.get(slug__startswith="pyimagesearch")
    verified = interview.comments.exclude(verified_as="")
    assert verified.count() == 9
    assert set(verified.values_list("author_name", "verified_as", "verified_by")) == {
        ("Adrian Rosebrock", "interviewer", "import")
    }
    assert page_html(client, interview).count(BADGE) == 9
