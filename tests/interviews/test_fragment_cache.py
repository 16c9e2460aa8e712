"""An interview page's rendered turns and comment thread, kept under the archive's version."""

import pytest
from django.test import Client
from django.urls import reverse

from interviews.models import Comment, Turn


@pytest.fixture(autouse=True)
def fragments_kept(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600


def html_of(client, interview) -> str:
    return client.get(interview.get_absolute_url()).content.decode()


def test_the_turns_are_rendered_once_per_archive_version(client, make_interview):
    interview = make_interview(turns=4)
    assert "Answer number 2." in html_of(client, interview)
    # Changed behind the archive's back (a test transaction never commits, so the version stays):
    # the page still shows what was kept, which is what proves it was kept.
    Turn.objects.filter(interview=interview, position=2).update(text="Unseen until a commit.")
    assert "Answer number 2." in html_of(client, interview)


def test_an_edited_turn_shows_at_once(client, make_interview, committed):
    with committed():
        interview = make_interview(turns=4)
    assert "Answer number 2." in html_of(client, interview)
    with committed():
        turn = Turn.objects.get(interview=interview, position=2)
        turn.text = "A corrected answer."
        turn.save()
    html = html_of(client, interview)
    assert "A corrected answer." in html
    assert "Answer number 2." not in html


def test_an_approved_comment_shows_at_once(client, make_interview, committed):
    with committed():
        interview = make_interview(turns=2)
        comment = Comment.objects.create(
            interview=interview, author_name="Ana", text="Later approved.", position=1
        )
    assert "Later approved." not in html_of(client, interview)
    with committed():
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PUBLIC)
    assert "Later approved." in html_of(client, interview)


def test_a_posted_comment_is_not_in_anyones_thread_until_approved(make_interview, committed):
    with committed():
        interview = make_interview(turns=2)
    poster, stranger = Client(), Client()
    html_of(stranger, interview)  # the thread without it is now kept
    with committed():
        response = poster.post(
            reverse("interviews:comment_create", args=[interview.slug]),
            {"author_name": "Ana", "text": "Mine alone for now."},
        )
    assert "Mine alone for now." in poster.get(response["Location"]).content.decode()
    assert "Mine alone for now." not in html_of(poster, interview)
    assert "Mine alone for now." not in html_of(stranger, interview)


def test_citations_follow_the_host_the_page_is_read_at(make_interview, settings):
    settings.ALLOWED_HOSTS = ["archive.example.org", "testserver"]
    interview = make_interview(turns=2)
    html_of(Client(), interview)
    html = Client(HTTP_HOST="archive.example.org").get(interview.get_absolute_url())
    assert f"http://archive.example.org{interview.get_absolute_url()}#t1" in html.content.decode()
