"""Reader comments on an interview's page: posting, moderation, threads, and what stays inert."""

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from interviews.forms import COMMENT_TEXT_MAX
from interviews.models import Comment, Interview
from interviews.views import COMMENT_RECEIPT_SALT, comment_receipt_token

# The archive's version (read first, for the page cache), the interview with the version, its
# participations, topics and turns, its neighbours, its comments.
DETAIL_PAGE_QUERIES = 7


@pytest.fixture
def interview(make_interview):
    return make_interview("Bees and their keepers", turns=4)


def post_url(interview: Interview) -> str:
    return reverse("interviews:comment_create", args=[interview.slug])


def post_comment(client, interview, headers=None, **fields):
    data = {"author_name": "Ana Ruiz", "author_url": "", "text": "A fine talk.", **fields}
    return client.post(post_url(interview), data, **(headers or {}))


def form_page_url(interview: Interview) -> str:
    return reverse("interviews:comment_new", args=[interview.slug])


def public_comment(interview, position=1, **fields):
    fields.setdefault("author_name", f"Reader {position}")
    fields.setdefault("text", f"Comment number {position}")
    return Comment.objects.create(
        interview=interview, status=Comment.Status.PUBLIC, position=position, **fields
    )


def page_html(client, interview) -> str:
    return client.get(interview.get_absolute_url()).content.decode()


# --- The form -----------------------------------------------------------------------------------


def test_the_page_has_a_labelled_comment_form(client, interview):
    html = page_html(client, interview)
    form = html[html.index('<form id="comment-form"') :]
    assert f'action="{post_url(interview)}"' in form
    for name, label in [
        ("author_name", "Your name"),
        ("author_url", "Your web site (optional)"),
        ("text", "Comment"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in form
        assert f'name="{name}"' in form
    # The trap for bots is in the form, hidden from people by the stylesheet.
    assert 'class="form-field form-field--trap"' in form
    assert 'name="website"' in form


def test_an_anonymous_readers_form_carries_no_csrf_token(client, interview):
    # The page is the same for every anonymous reader, and kept by caches: nothing of theirs.
    for url in (interview.get_absolute_url(), form_page_url(interview)):
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies


def test_a_signed_in_editors_form_carries_djangos_csrf_token(editor_client, interview):
    for url in (interview.get_absolute_url(), form_page_url(interview)):
        assert 'name="csrfmiddlewaretoken"' in editor_client.get(url).content.decode()


def test_a_reply_link_opens_the_form_page_quoting_the_comment(client, interview):
    parent = public_comment(interview, author_name="Ben Okafor", text="Bees dance to talk.")
    html = page_html(client, interview)
    reply_url = f"{form_page_url(interview)}?reply_to={parent.pk}"
    assert f'href="{reply_url}#comment-form"' in html

    response = client.get(reply_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reply to Ben Okafor" in html
    assert f'name="parent" value="{parent.pk}"' in html
    quoted = html[html.index('class="comment-quoted"') : html.index('<form id="comment-form"')]
    assert "Bees dance to talk." in quoted
    assert "Post reply" in html


def test_the_form_page_without_reply_to_is_a_top_level_form(client, interview):
    response = client.get(form_page_url(interview))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Add a comment" in html
    assert 'class="comment-quoted"' not in html
    assert 'name="parent" id="id_parent"' in html
    assert 'name="parent" value=' not in html


@pytest.mark.parametrize(
    "reply_to", ["abc", "-1", "0", "²", "99999999999999999999", "99999999999999999999999", ""]
)
def test_a_bad_reply_to_is_ignored(client, interview, reply_to):
    public_comment(interview)
    response = client.get(form_page_url(interview), {"reply_to": reply_to})
    assert response.status_code == 200
    assert response.context["comment_form"]["parent"].value() is None
    assert "Add a comment" in response.content.decode()


def test_a_percent_encoded_superscript_reply_to_is_ignored(client, interview):
    public_comment(interview)
    response = client.get(f"{form_page_url(interview)}?reply_to=%C2%B2")
    assert response.status_code == 200
    assert "Add a comment" in response.content.decode()


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.HIDDEN])
def test_a_reply_to_a_comment_that_is_not_public_is_ignored(client, interview, status):
    comment = public_comment(interview, text="Not for everyone.")
    Comment.objects.filter(pk=comment.pk).update(status=status)
    response = client.get(form_page_url(interview), {"reply_to": comment.pk})
    assert "Add a comment" in response.content.decode()
    assert "Not for everyone." not in response.content.decode()


def test_a_reply_to_on_the_interview_page_redirects_to_the_form_page(client, interview):
    parent = public_comment(interview)
    response = client.get(interview.get_absolute_url(), {"reply_to": parent.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{form_page_url(interview)}?reply_to={parent.pk}#comment-form"

    response = client.get(interview.get_absolute_url(), {"reply_to": "²"})
    assert response.status_code == 302
    assert response["Location"] == f"{form_page_url(interview)}#comment-form"


def test_the_form_page_of_a_draft_is_a_404(client, make_interview):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert client.get(form_page_url(draft)).status_code == 404


# --- Posting and moderation ---------------------------------------------------------------------


def test_a_posted_comment_awaits_moderation_on_its_posters_receipt(client, interview):
    response = post_comment(client, interview, text="Bees never sleep, it seems.")

    comment = Comment.objects.get()
    assert response.status_code == 302
    receipt_url = response["Location"]
    assert receipt_url.startswith(f"{interview.get_absolute_url()}comments/posted/")
    assert comment.status == Comment.Status.PENDING
    assert comment.origin == Comment.Origin.POSTED
    assert comment.posted_at is not None
    assert comment.author_name == "Ana Ruiz"

    receipt = client.get(receipt_url)
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert "Thank you: your comment awaits moderation" in html
    assert "Bees never sleep, it seems." in html
    assert "Ana Ruiz" in html
    assert f'href="{interview.get_absolute_url()}#comments"' in html
    assert "private" in receipt["Cache-Control"] and "no-store" in receipt["Cache-Control"]

    # The interview's page is everyone's: not even the poster sees it there yet.
    for reader in (client, Client()):
        page = page_html(reader, interview)
        assert "Bees never sleep" not in page
        assert "No comments yet" in page


def test_a_receipt_for_a_reply_names_whom_it_answers(client, interview):
    parent = public_comment(interview, author_name="Ben Okafor")
    response = post_comment(client, interview, parent=parent.pk, text="Quite so.")
    html = client.get(response["Location"]).content.decode()
    assert "in reply to Ben Okafor" in html
    assert "Quite so." in html


def test_a_receipt_says_when_the_comment_is_published(client, admin_client, interview):
    response = post_comment(client, interview, text="Approved words.")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PUBLIC)

    html = client.get(response["Location"]).content.decode()
    assert "Your comment is published" in html
    assert "awaits moderation" not in html
    assert f'href="{interview.get_absolute_url()}#{comment.anchor}"' in html


def test_a_bad_or_stale_or_misplaced_receipt_is_a_404(client, interview, make_interview):
    post_comment(client, interview)
    comment = Comment.objects.get()
    with mock.patch("time.time", return_value=time.time() - 8 * 24 * 3600):
        eight_days_old = comment_receipt_token(comment)
    tokens = {
        "not a token": (interview, "nonsense"),
        "another salt": (interview, signing.dumps(comment.pk, salt="something else")),
        "another interview": (make_interview(), comment_receipt_token(comment)),
        "not an id": (interview, signing.dumps(str(comment.pk), salt=COMMENT_RECEIPT_SALT)),
        "no such comment": (interview, signing.dumps(10**6, salt=COMMENT_RECEIPT_SALT)),
        "too old": (interview, eight_days_old),
    }
    for what, (on, token) in tokens.items():
        url = reverse("interviews:comment_posted", args=[on.slug, token])
        assert client.get(url).status_code == 404, what
    token = comment_receipt_token(comment)
    fresh = reverse("interviews:comment_posted", args=[interview.slug, token])
    assert client.get(fresh).status_code == 200


def test_an_approved_comment_is_shown_to_everyone(client, admin_client, interview):
    post_comment(client, interview, text="Approved words.")
    comment = Comment.objects.get()

    response = admin_client.post(
        reverse("admin:interviews_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    assert response.status_code == 302

    stranger = page_html(Client(), interview)
    assert "Approved words." in stranger
    assert "1 comment" in stranger


def test_a_hidden_comment_is_never_shown(client, admin_client, interview):
    post_comment(client, interview, text="Soon hidden.")
    comment = Comment.objects.get()
    admin_client.post(
        reverse("admin:interviews_comment_changelist"),
        {"action": "hide", "_selected_action": [comment.pk]},
    )
    assert "Soon hidden." not in page_html(client, interview)
    assert "No comments yet" in page_html(client, interview)


def test_a_reply_is_saved_under_its_parent(client, interview):
    parent = public_comment(interview)
    post_comment(client, interview, parent=parent.pk, text="I agree.")
    reply = Comment.objects.get(text="I agree.")
    assert reply.parent == parent
    assert reply.position == parent.position + 1


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.HIDDEN])
def test_a_reply_to_a_comment_nobody_can_see_is_refused(client, interview, status):
    parent = public_comment(interview)
    Comment.objects.filter(pk=parent.pk).update(status=status)
    response = post_comment(client, interview, parent=parent.pk, text="Hello?")
    assert response.status_code == 400
    assert "not on this page any more" in response.content.decode()
    assert not Comment.objects.filter(text="Hello?").exists()


def test_a_reply_to_another_interviews_comment_is_refused(client, interview, make_interview):
    elsewhere = public_comment(make_interview())
    response = post_comment(client, interview, parent=elsewhere.pk, text="Wrong page.")
    assert response.status_code == 400
    assert not Comment.objects.filter(text="Wrong page.").exists()


def test_an_over_long_comment_is_refused_and_kept_in_the_form(client, interview):
    text = "word " * (COMMENT_TEXT_MAX // 5) + "and more"
    response = post_comment(client, interview, text=text)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"at most {COMMENT_TEXT_MAX:,} characters" in html
    assert f"this one has {len(text.strip())}" in html
    assert "nothing you wrote is lost" in html
    assert text.strip() in html
    assert Comment.objects.count() == 0


def test_an_invalid_post_shows_the_form_page_with_everything_typed(client, interview):
    parent = public_comment(interview, author_name="Ben Okafor", text="Bees dance to talk.")
    response = post_comment(
        client,
        interview,
        author_name="Ana Ruiz",
        author_url="not a web address",
        text="They do, and they vote too.",
        parent=parent.pk,
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert response.templates[0].name == "interviews/comment_form_page.html"
    assert 'class="transcript"' not in html
    assert "Please give a full web address" in html
    assert 'value="Ana Ruiz"' in html
    assert 'value="not a web address"' in html
    assert "They do, and they vote too.</textarea>" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert "Reply to Ben Okafor" in html
    assert "Bees dance to talk." in html
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"author_name": ""}, "Please give a name"),
        ({"author_name": "   "}, "Please give a name"),
        ({"author_name": "x" * 101}, "at most 100 characters"),
        ({"text": ""}, "Please write a comment."),
        ({"text": " a "}, "Please write a little more."),
        ({"author_url": "javascript:alert(1)"}, "Please give a full web address"),
        ({"parent": "abc"}, "Enter a whole number."),
    ],
)
def test_invalid_fields_get_a_message_and_save_nothing(client, interview, fields, message):
    response = post_comment(client, interview, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_the_honeypot_saves_nothing_and_says_nothing(client, interview):
    response = post_comment(client, interview, website="http://spam.example")
    assert response.status_code == 302
    assert Comment.objects.count() == 0


def test_a_flood_of_comments_gets_429_and_the_text_back(client, interview, settings):
    settings.COMMENT_RATE_LIMIT = "3/600"
    for n in range(3):
        assert post_comment(client, interview, text=f"Comment {n}").status_code == 302
    response = post_comment(client, interview, text="One too many.")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Too many comments" in html
    assert "One too many." in html
    assert Comment.objects.count() == 3


def test_the_rate_limit_is_per_client(interview, settings):
    settings.COMMENT_RATE_LIMIT = "1/600"
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert post_comment(first, interview).status_code == 302
    assert post_comment(first, interview).status_code == 429
    assert post_comment(second, interview).status_code == 302


# --- Where a post comes from ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/bees.html"},
        # Sec-Fetch-Site is believed first: an Origin cannot talk it round.
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_comment_posted_from_another_site_is_refused(client, interview, headers):
    data = {"author_name": "Mallory", "text": "Forged for you."}
    response = client.post(post_url(interview), data, **headers)
    assert response.status_code == 403
    assert "sent from a page of another web site" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/interviews/"},
        {},  # no browser at all: nothing a forged page could make happen
    ],
)
def test_a_comment_posted_from_this_sites_page_is_saved(interview, headers):
    # Enforcing CSRF checks, as a browser's request is checked: no token is needed.
    client = Client(enforce_csrf_checks=True)
    data = {"author_name": "Ana Ruiz", "text": "From the form itself."}
    response = client.post(post_url(interview), data, **headers)
    assert response.status_code == 302
    assert "awaits moderation" in client.get(response["Location"]).content.decode()
    assert Comment.objects.get().text == "From the form itself."


def test_a_trusted_origin_may_post(interview, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://archive.example.org"]
    client = Client(enforce_csrf_checks=True)
    response = post_comment(client, interview, {"HTTP_ORIGIN": "https://archive.example.org"})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_signed_in_poster_needs_djangos_csrf_token(editor, interview):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    # Same origin is not enough once a login is involved.
    response = post_comment(client, interview, {"HTTP_SEC_FETCH_SITE": "same-origin"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0

    client.get(interview.get_absolute_url())
    token = client.cookies["csrftoken"].value
    response = post_comment(
        client, interview, {"HTTP_SEC_FETCH_SITE": "same-origin"}, csrfmiddlewaretoken=token
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_comment_address_takes_only_posts(client, interview):
    assert client.get(post_url(interview)).status_code == 405


def test_a_draft_takes_no_comments(client, make_interview):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert post_comment(client, draft).status_code == 404
    assert Comment.objects.count() == 0


# --- What a comment shows, and what it cannot do ------------------------------------------------


def test_markup_in_a_comment_is_shown_as_text(client, interview):
    response = post_comment(
        client,
        interview,
        author_name='<img src=x onerror="alert(1)">',
        text="<script>alert('x')</script> <b>bold</b>",
    )
    receipt = client.get(response["Location"]).content.decode()
    Comment.objects.update(status=Comment.Status.PUBLIC)
    thread = page_html(client, interview)
    for html in (receipt, thread):
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_web_addresses_in_a_comment_become_nofollow_links(client, interview):
    public_comment(
        interview, text='See https://example.org/bees?a=1&b=2. Or "javascript:alert(1)".'
    )
    html = page_html(client, interview)
    assert (
        '<a href="https://example.org/bees?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/bees?a=1&amp;b=2</a>." in html
    )
    assert 'href="javascript' not in html


def test_direction_overrides_and_control_characters_are_dropped(client, interview):
    post_comment(client, interview, author_name="Ana\u202e Ruiz\x07", text="Fine\u2066 talk\x1b.")
    comment = Comment.objects.get()
    assert comment.author_name == "Ana Ruiz"
    assert comment.text == "Fine talk."


def test_a_null_character_is_refused_with_a_message(client, interview):
    response = post_comment(client, interview, text="Fine\x00 talk.")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_replies_by_the_interviewer_are_marked(client, sample_archive):
    html = page_html(client, Interview.objects.get(slug__startswith="pyimagesearch"))
    # Adrian Rosebrock interviewed François Chollet and answers his readers under the post.
    marked = re.findall(r'class="comment comment--by-interviewer"', html)
    assert len(marked) >= 5
    assert '<span class="comment-badge">Interviewer</span>' in html


def test_comments_with_replies_say_how_many(client, interview):
    top = public_comment(interview, 1)
    reply = public_comment(interview, 2, parent=top)
    public_comment(interview, 3, parent=reply)
    html = page_html(client, interview)
    assert '<span class="comment-reply-count">2 replies</span>' in html
    assert '<span class="comment-reply-count">1 reply</span>' in html


def test_deep_replies_say_whom_they_answer(client, interview):
    parent = None
    for position in range(1, 8):
        parent = public_comment(interview, position, parent=parent)
    html = page_html(client, interview)
    assert "in reply to Reader 4" in html
    assert "in reply to Reader 6" in html
    assert "in reply to Reader 1<" not in html


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("comments", [2, 60])
def test_the_interview_page_takes_a_fixed_number_of_queries(
    client, make_interview, django_assert_max_num_queries, comments
):
    interview = make_interview(turns=10, comments=comments)
    post_comment(client, interview)
    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        assert client.get(interview.get_absolute_url()).status_code == 200


# --- The moderation queue -----------------------------------------------------------------------


def test_the_moderation_queue_lists_what_awaits_newest_first(client, admin_client, interview):
    public_comment(interview, text="Already public.")
    for text in ("First posted.", "Then this."):
        post_comment(client, interview, text=text)

    changelist = reverse("admin:interviews_comment_changelist")
    html = admin_client.get(changelist).content.decode()
    assert "Moderation queue: 2 awaiting" in html
    assert 'href="?status__exact=pending"' in html

    queue = admin_client.get(changelist, {"status__exact": "pending"}).content.decode()
    assert "Already public." not in queue
    assert queue.index("Then this.") < queue.index("First posted.")


def test_editors_approve_several_comments_at_once(client, admin_client, interview):
    for n in range(3):
        post_comment(client, interview, text=f"Comment {n} to approve.")
    pending = list(Comment.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:interviews_comment_changelist"),
        {"action": "approve", "_selected_action": pending},
        follow=True,
    )
    assert "Approved 3 comments." in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PUBLIC}
    stranger = page_html(Client(), interview)
    assert all(f"Comment {n} to approve." in stranger for n in range(3))


def test_behind_a_proxy_each_forwarded_client_has_its_own_limit(interview, settings):
    settings.COMMENT_RATE_LIMIT = "1/600"
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert post_comment(first, interview).status_code == 302
    assert post_comment(second, interview).status_code == 302
    assert post_comment(first, interview).status_code == 429
