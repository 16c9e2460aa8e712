"""Input written to break things, through every door a visitor has: none is a 500, all is inert."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from interviews.models import Interview
from interviews.transcript.model import PartialDate

from .test_history import change_form_data, snapshot

SCRIPT = "<script>alert(1)</script>"
HOSTILE_QUERIES = [
    "'; DROP TABLE interviews_interview; --",
    "' OR 1=1 --",
    '" OR ""="',
    "keras') UNION SELECT password FROM auth_user --",
    "%' AND 1=1 AND '%'='",
    '"""',
    "-",
    "- - -",
    "or or or",
    '"unclosed phrase',
    "\\",
    "&|!():*<>",
    "\u202ekeras\u202c",
    "\x00",
    SCRIPT,
    "x" * 5000,
]


@pytest.fixture
def archive(make_interview):
    make_interview("Keras and friends", turns=4)
    return make_interview("Bees", turns=2)


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_searches_answer_a_page_and_change_nothing(client, archive, query):
    before = Interview.objects.count()
    for url in ("/interviews/", "/interviews.json", f"{archive.get_absolute_url()}search/"):
        response = client.get(url, {"q": query})
        assert response.status_code in (200, 400), (url, response.status_code)
        assert SCRIPT not in response.content.decode()
    assert Interview.objects.count() == before


@pytest.mark.parametrize(
    "params",
    [
        {"topic": SCRIPT},
        {"outlet": "' OR 1=1 --"},
        {"person": "\u202eadmin"},
        {"interviewer": "x" * 10_000},
        {"year": "2018; DROP TABLE x"},
        {"from": "2017-13-45", "to": "tomorrow"},
        {"sort": SCRIPT},
        {"page": "-1"},
        {"topic": ["keras", "keras", SCRIPT]},
    ],
)
def test_hostile_filter_values_are_explained_inertly(client, archive, params):
    response = client.get("/interviews/", params)
    assert response.status_code in (200, 404)
    assert SCRIPT not in response.content.decode()


# --- Numbers that are not numbers: Unicode digits, NUL bytes, huge values ------------------

UNICODE_DIGIT = "²"  # str.isdigit() says yes, int() says no
HUGE_ID = "9" * 20  # beyond any 64-bit id
NOT_IDS = ["abc", HUGE_ID, UNICODE_DIGIT, "1\x00", "-1"]


def comment_form_url(interview) -> str:
    return reverse("interviews:comment_new", args=[interview.slug])


@pytest.mark.parametrize("reply_to", [UNICODE_DIGIT, HUGE_ID, "\x00", "abc", "-3", "0"])
def test_a_malformed_reply_to_is_ignored(client, make_interview, reply_to):
    interview = make_interview(comments=1)

    response = client.get(comment_form_url(interview), {"reply_to": reply_to})

    assert response.status_code == 200
    assert response.context["comment_form"]["parent"].value() is None
    assert "Add a comment" in response.content.decode()
    # The interview's own page sends an old reply link on to the form, without the bad id.
    response = client.get(interview.get_absolute_url(), {"reply_to": reply_to})
    assert response.status_code == 302
    assert response["Location"] == f"{comment_form_url(interview)}#comment-form"


def test_a_reply_to_a_comment_not_shown_here_is_ignored(client, make_interview):
    interview = make_interview(comments=1)
    elsewhere = make_interview(comments=1).comments.get()
    hidden = interview.comments.create(
        author_name="Hidden", text="Hidden.", status="hidden", position=9
    )

    for reply_to in (elsewhere.pk, hidden.pk, 10**6):
        response = client.get(comment_form_url(interview), {"reply_to": reply_to})
        assert response.status_code == 200
        assert response.context["comment_form"]["parent"].value() is None
        assert response.context["replying_to"] is None


def test_a_reply_to_a_public_comment_opens_the_reply_form(client, make_interview):
    interview = make_interview(comments=1)
    comment = interview.comments.get()

    response = client.get(comment_form_url(interview), {"reply_to": comment.pk})

    assert response.context["comment_form"]["parent"].value() == comment.pk
    assert f"Reply to {comment.author_name}" in response.content.decode()


@pytest.mark.parametrize(
    ("changelist", "action"),
    [
        ("admin:interviews_interview_changelist", "publish"),
        ("admin:interviews_comment_changelist", "approve"),
        ("admin:interviews_turn_changelist", "delete_selected"),
        ("admin:people_person_changelist", "delete_selected"),
    ],
)
@pytest.mark.parametrize("selected", NOT_IDS)
def test_a_bulk_action_on_ids_that_are_not_ids_does_nothing_and_says_so(
    admin_client, make_interview, changelist, action, selected
):
    interview = make_interview(turns=2, comments=1, status=Interview.Status.DRAFT)
    before = snapshot(interview)

    response = admin_client.post(
        reverse(changelist),
        {"action": action, "_selected_action": [interview.pk, selected], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse(changelist), 302)]
    assert "Some selected items are not valid ids; nothing was done." in (response.content.decode())
    assert snapshot(interview) == before


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:auth_user_changelist",
        "admin:auth_group_changelist",
        "admin:axes_accessattempt_changelist",
        "admin:interviews_importdraft_changelist",
    ],
)
@pytest.mark.parametrize("selected", NOT_IDS)
def test_the_admins_the_site_does_not_define_refuse_ids_that_are_not_ids_too(
    admin_client, admin_user, changelist, selected
):
    response = admin_client.post(
        reverse(changelist),
        {"action": "delete_selected", "_selected_action": [admin_user.pk, selected]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Some selected items are not valid ids; nothing was done." in response.content.decode()
    assert User.objects.filter(pk=admin_user.pk).exists()


@pytest.mark.parametrize(
    "params",
    [
        {"published_on__year": HUGE_ID},
        {"published_on__year": UNICODE_DIGIT},
        {"published_on__year": "2020", "published_on__month": "99999999999"},
        {"status__exact": "\x00"},
        {"q": "keras\x00"},
    ],
)
def test_a_malformed_admin_filter_shows_the_whole_list_with_a_message(
    admin_client, make_interview, params
):
    make_interview("Keras and friends")
    url = reverse("admin:interviews_interview_changelist")

    response = admin_client.get(url, params, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{url}?e=1", 302)]
    assert "Some filter values in the address are not valid" in response.content.decode()
    assert "Keras and friends" in response.content.decode()


def test_an_autocomplete_search_with_a_nul_byte_answers(admin_client, make_topic):
    make_topic("Keras")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "interviews",
            "model_name": "interview",
            "field_name": "topics",
            "term": "Ker\x00as",
        },
    )
    assert response.status_code == 200


@pytest.mark.parametrize("value", [UNICODE_DIGIT, HUGE_ID, "1\x00"])
@pytest.mark.parametrize("field", ["outlet", "topics", "participations-0-person"])
def test_an_interview_form_with_an_id_that_is_not_one_is_shown_again_with_an_error(
    admin_client, make_interview, field, value
):
    interview = make_interview(turns=1)
    before = snapshot(interview)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = {**change_form_data(admin_client.get(url)), field: value}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["errors"]
    assert snapshot(interview) == before


@pytest.mark.parametrize("posted", ["2017-²", f"{HUGE_ID}-01-01", "2017-13", "2017-01-0\x00"])
def test_a_partial_date_that_is_not_one_is_refused_with_a_reason(posted):
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.from_iso(posted)


@pytest.mark.parametrize("initial_forms", ["١", "1", "-" + HUGE_ID])
def test_a_tampered_form_count_that_makes_a_turn_new_is_refused_with_a_message(
    editor_client, make_interview, initial_forms
):
    interview = make_interview(turns=2)
    before = snapshot(interview)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = {**change_form_data(editor_client.get(url)), "turns-INITIAL_FORMS": initial_forms}

    response = editor_client.post(url, data, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Nothing was saved" in response.content.decode()
    assert snapshot(interview) == before
    assert Version.objects.get_for_object(interview).count() <= 1  # the state before, at most
