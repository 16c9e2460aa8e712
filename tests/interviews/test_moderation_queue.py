"""The comment moderation queue in the admin, and the admin index's ways to it."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import Comment, Interview

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
QUEUE_URL = reverse("admin:interviews_comment_changelist")


def make_comment(interview, position, **fields):
    fields.setdefault("author_name", f"Reader {position}")
    fields.setdefault("text", f"Comment number {position}")
    fields.setdefault("status", Comment.Status.PENDING)
    return Comment.objects.create(interview=interview, position=position, **fields)


def queue_html(client, **query) -> str:
    response = client.get(QUEUE_URL, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_shows_the_whole_comment_escaped_with_its_line_breaks(
    admin_client, make_interview
):
    interview = make_interview("Bees & <wasps>")
    text = f"First line {HOSTILE}\nSecond line. " + "Long words " * 40 + "the very end."
    make_comment(interview, 1, text=text)
    html = queue_html(admin_client, status__exact="pending")
    assert "the very end." in html  # not cut at 80 characters as before
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "First line" in html and "\nSecond line." in html  # shown with white-space: pre-line
    assert "Bees &amp; &lt;wasps&gt;</a>" in html


def test_a_reply_shows_an_excerpt_of_what_it_answers(admin_client, make_interview):
    interview = make_interview()
    parent = make_comment(
        interview, 1, author_name="Ana <Ruiz>", text="Why bees? " + "x" * 300, status="public"
    )
    make_comment(interview, 2, parent=parent)
    html = queue_html(admin_client)
    excerpt = html[html.index('<p class="comment-parent">') :]
    excerpt = excerpt[: excerpt.index("</p>")]
    assert excerpt.startswith('<p class="comment-parent">In reply to Ana &lt;Ruiz&gt;: “Why bees? ')
    assert excerpt.endswith("…”")
    assert len(excerpt) < 200


def test_a_public_comment_links_to_its_place_on_the_page_and_a_pending_one_to_its_form(
    admin_client, make_interview
):
    interview = make_interview()
    public = make_comment(interview, 1, status=Comment.Status.PUBLIC)
    pending = make_comment(interview, 2)
    html = queue_html(admin_client)
    assert f'href="{interview.get_absolute_url()}#{public.anchor}">See it on the page</a>' in html
    change_url = reverse("admin:interviews_comment_change", args=[pending.pk])
    assert f'href="{change_url}">Open to moderate</a>' in html


def test_a_public_comment_on_a_draft_has_no_public_page_to_link_to(admin_client, make_interview):
    interview = make_interview(status=Interview.Status.DRAFT)
    make_comment(interview, 1, status=Comment.Status.PUBLIC)
    html = queue_html(admin_client)
    assert "See it on the page" not in html
    assert "Open to moderate" in html


def test_the_status_column_says_where_the_comment_came_from(admin_client, make_interview):
    make_comment(make_interview(), 1, origin=Comment.Origin.IMPORTED)
    html = queue_html(admin_client)
    assert "Awaiting moderation" in html
    assert "Imported from the source page" in html


def queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        queue_html(client)
    return len(queries)


def test_the_queue_reads_a_fixed_number_of_queries_however_many_comments(
    admin_client, make_interview
):
    first = make_interview()
    make_comment(first, 1)
    few = queue_queries(admin_client)
    for _ in range(8):
        interview = make_interview()
        parent = make_comment(interview, 1, status=Comment.Status.PUBLIC)
        make_comment(interview, 2, parent=parent)
    assert queue_queries(admin_client) == few


@pytest.mark.parametrize(
    ("count", "message"), [(1, "Approved 1 comment."), (3, "Approved 3 comments.")]
)
def test_approving_says_how_many_in_proper_english(admin_client, make_interview, count, message):
    interview = make_interview()
    comments = [make_comment(interview, n) for n in range(1, count + 1)]
    response = admin_client.post(
        QUEUE_URL,
        {"action": "approve", "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [message]
    assert "(s)" not in response.content.decode()


# --- The admin index ----------------------------------------------------------------------------


def test_the_admin_index_links_the_import_and_the_queue_with_its_count(
    editor_client, make_interview
):
    interview = make_interview()
    for n in range(1, 4):
        make_comment(interview, n)
    make_comment(interview, 4, status=Comment.Status.PUBLIC)
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{reverse("admin:interviews_interview_import")}">Import transcript</a>' in html
    assert f'<a href="{QUEUE_URL}?status__exact=pending">Moderation queue (3)</a>' in html


def test_the_queue_count_on_the_index_is_one_query(editor_client, make_interview):
    editor_client.get(reverse("admin:index"))  # the session and permissions, read once
    with CaptureQueriesContext(connection) as queries:
        editor_client.get(reverse("admin:index"))
    counting = [
        q["sql"] for q in queries if "COUNT(" in q["sql"] and "interviews_comment" in q["sql"]
    ]
    assert len(counting) == 1


def test_a_staff_member_without_those_permissions_sees_no_shortcuts(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Import transcript" not in html
    assert "Moderation queue (" not in html
