"""Input written to break things, through every door a visitor has: none is a 500, all is inert."""

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from interviews.models import Interview, Turn
from interviews.transcript.model import PartialDate

from .test_history import change_form_data, snapshot

SCRIPT = "<script>alert(1)</script>"
BOTH = ["Bees", "Keras and friends"]  # the archive, newest first
# SQL, quoting and markup: searched for as words, which no turn or title holds.
FINDING_NOTHING = [
    "'; DROP TABLE interviews_interview; --",
    "' OR 1=1 --",
    '" OR ""="',
    "keras') UNION SELECT password FROM auth_user --",
    "%' AND 1=1 AND '%'='",
    '"unclosed phrase',
    SCRIPT,
]
# Nothing but search syntax, stop words or punctuation: the search is left out, and says so.
NOTHING_TO_SEARCH = ['"""', "-", "- - -", "or or or", "\\", "&|!():*<>"]
NUL_REFUSED = "Null characters are not allowed."
TOO_LONG = "A search can be at most 200 characters long."
LEFT_OUT = "That filter was left out."


@pytest.fixture
def archive(make_interview):
    make_interview("Keras and friends", turns=4)
    return make_interview("Bees", turns=2)


def listed_titles(response) -> list[str]:
    page = lxml.html.document_fromstring(response.content.decode())
    return [title.text_content() for title in page.cssselect(".interview-entry-title a")]


def notices(response) -> list[str]:
    """What the page tells the reader about the query, as the reader reads it (unescaped)."""
    page = lxml.html.document_fromstring(response.content.decode())
    shown = page.cssselect('.notice[role="status"] li, .notice[role="status"] p')
    return [item.text_content().strip() for item in shown]


@pytest.mark.parametrize(
    ("query", "titles", "message"),
    [
        *[(query, [], None) for query in FINDING_NOTHING],
        *[
            (query, BOTH, f"There is nothing to search for in “{query}”, so it was left out.")
            for query in NOTHING_TO_SEARCH
        ],
        ("\u202ekeras\u202c", ["Keras and friends"], None),  # the direction marks dropped
        ("\x00", BOTH, f"{NUL_REFUSED} {LEFT_OUT}"),
        ("x" * 5000, BOTH, f"{TOO_LONG} {LEFT_OUT}"),
    ],
)
def test_a_hostile_search_of_the_list_finds_what_its_words_find(
    client, archive, query, titles, message
):
    listed = client.get("/interviews.json", {"q": query})
    page = client.get("/interviews/", {"q": query})

    assert (listed.status_code, page.status_code) == (200, 200)
    assert [entry["title"] for entry in listed.json()["results"]] == titles
    assert listed.json()["messages"] == ([message] if message else [])
    assert listed_titles(page) == titles
    assert notices(page) == ([message] if message else [])
    html = page.content.decode()
    assert SCRIPT not in html
    if message is None:
        assert f"<title>Interviews matching “{escape(query)}” · Interview Archive</title>" in html


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        *[(query, None) for query in FINDING_NOTHING],
        *[(query, f"There is nothing to search for in “{query}”.") for query in NOTHING_TO_SEARCH],
        ("\u202ekeras\u202c", None),
        ("\x00", NUL_REFUSED),
        ("x" * 5000, TOO_LONG),
    ],
)
def test_a_hostile_search_within_an_interview_finds_no_passage(client, archive, query, notice):
    response = client.get(f"{archive.get_absolute_url()}search/", {"q": query})

    assert response.status_code == 200
    assert notices(response) == ([notice] if notice else [])
    html = response.content.decode()
    assert "Turn number" not in html and "Answer number" not in html  # no passage shown
    assert SCRIPT not in html
    if notice is None:
        assert f"No passage matches “{escape(query)}”" in html


def test_sql_in_a_search_is_searched_for_never_run(client, archive, admin_user):
    password_hash = admin_user.password
    for query in FINDING_NOTHING:
        for url in ("/interviews/", "/interviews.json", f"{archive.get_absolute_url()}search/"):
            response = client.get(url, {"q": query})
            assert response.status_code == 200
            assert password_hash not in response.content.decode()
    # The table the first query would drop is whole, and the list still finds by its words.
    assert sorted(Interview.objects.values_list("title", flat=True)) == BOTH
    assert Turn.objects.filter(interview__title__in=BOTH).count() == 6
    assert listed_titles(client.get("/interviews/", {"q": "keras"})) == ["Keras and friends"]


@pytest.mark.parametrize(
    ("params", "messages"),
    [
        ({"topic": SCRIPT}, [f"There is no topic “{SCRIPT}” in the archive. {LEFT_OUT}"]),
        ({"outlet": "' OR 1=1 --"},
         [f"There is no outlet “' OR 1=1 --” in the archive. {LEFT_OUT}"]),
        ({"person": "\u202eadmin"},
         [f"There is no one called “\u202eadmin” in the archive. {LEFT_OUT}"]),
        (
            {"interviewer": "x" * 10_000},
            [f"There is no one called “{'x' * 10_000}” in the archive. {LEFT_OUT}"],
        ),
        ({"year": "2018; DROP TABLE x"}, [f"A year is a number, such as 2017. {LEFT_OUT}"]),
        (
            {"from": "2017-13-45", "to": "tomorrow"},
            [
                f"“{value}” is not a date: write it as 2017-12-15, 2017-12 or 2017. {LEFT_OUT}"
                for value in ("2017-13-45", "tomorrow")
            ],
        ),
        (
            {"sort": SCRIPT},
            [f"“{SCRIPT}” is not a way to sort: choose newest, oldest or relevance. "
             "Showing the newest first."],
        ),
    ],
)  # fmt: skip
def test_hostile_filter_values_are_left_out_with_a_message(client, archive, params, messages):
    listed = client.get("/interviews.json", params)
    page = client.get("/interviews/", params)

    assert (listed.status_code, page.status_code) == (200, 200)
    assert [entry["title"] for entry in listed.json()["results"]] == BOTH
    assert listed.json()["messages"] == messages
    assert listed_titles(page) == BOTH
    assert notices(page) == messages
    assert SCRIPT not in page.content.decode()


def test_unknown_topics_repeated_or_hostile_leave_the_topic_filter_out(client, archive):
    params = {"topic": ["keras", "keras", SCRIPT]}
    listed = client.get("/interviews.json", params)
    page = client.get("/interviews/", params)

    assert (listed.status_code, page.status_code) == (200, 200)
    assert [entry["title"] for entry in listed.json()["results"]] == BOTH
    assert listed_titles(page) == BOTH
    # Django's multiple choice field names one value it does not know: which one depends on
    # the order of a set.
    (message,) = listed.json()["messages"]
    assert message in {
        f"There is no topic “{value}” in the archive. {LEFT_OUT}" for value in ("keras", SCRIPT)
    }
    assert notices(page) == [message]
    assert SCRIPT not in page.content.decode()


def test_a_page_number_below_one_is_a_404_that_says_so(client, archive):
    listed = client.get("/interviews.json", {"page": "-1"})
    page = client.get("/interviews/", {"page": "-1"})

    assert (listed.status_code, page.status_code) == (404, 404)
    assert listed.json()["error"] == "There is no such page of interviews: they all fit on page 1."
    assert listed_titles(page) == []


# --- Numbers that are not numbers: Unicode digits, NUL bytes, huge values ------------------

UNICODE_DIGIT = "²"  # str.isdigit() says yes, int() says no
HUGE_ID = "9" * 20  # beyond any 64-bit id
NOT_IDS = ["abc", HUGE_ID, UNICODE_DIGIT, "1\x00", "-1"]


def comment_form_url(interview) -> str:
    return reverse("interviews:comment_new", args=[interview.slug])


# A NUL is refused before the view (config/malformed_input.py, tests/test_malformed_input.py).
@pytest.mark.parametrize("reply_to", [UNICODE_DIGIT, HUGE_ID, "abc", "-3", "0"])
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
