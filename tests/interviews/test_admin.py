"""The admin as an editor uses it: lists with facets, inline turns, moderation actions."""

import pytest
from django.urls import reverse

from interviews.models import Comment, Interview, Turn
from people.models import Person

from .test_history import change_form_data


@pytest.mark.parametrize(
    "model",
    [
        "interviews.interview",
        "interviews.turn",
        "interviews.comment",
        "interviews.outlet",
        "interviews.topic",
        "interviews.participation",
        "people.person",
    ],
)
def test_every_model_has_a_working_changelist(admin_client, make_interview, model):
    app_label, model_name = model.split(".")
    make_interview(turns=2, comments=2)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_interview_list_shows_facet_counts_on_request(admin_client, make_interview):
    make_interview(status=Interview.Status.DRAFT)
    make_interview()
    make_interview()
    url = reverse("admin:interviews_interview_changelist")
    assert "Published (2)" not in admin_client.get(url).content.decode()

    html = admin_client.get(url, {"_facets": "True"}).content.decode()
    assert "Published (2)" in html
    assert "Draft (1)" in html


def test_turn_list_shows_facet_counts_on_request(admin_client, make_interview):
    make_interview(turns=3)
    url = reverse("admin:interviews_turn_changelist")
    assert "Question (2)" not in admin_client.get(url).content.decode()

    html = admin_client.get(url, {"_facets": "True"}).content.decode()
    assert "Question (2)" in html
    assert "Answer (1)" in html


def test_interview_search_finds_a_participant_by_name(admin_client, make_interview, make_person):
    make_interview(title="With Ada", interviewee=make_person("Ada Lovelace"))
    make_interview(title="Someone else")
    response = admin_client.get(reverse("admin:interviews_interview_changelist"), {"q": "Lovelace"})
    assert "With Ada" in response.content.decode()
    assert "Someone else" not in response.content.decode()


def test_interview_change_page_lists_turns_inline_in_order(admin_client, make_interview):
    interview = make_interview(turns=6)
    response = admin_client.get(reverse("admin:interviews_interview_change", args=[interview.pk]))
    html = response.content.decode()
    positions = [html.index(f"Turn number {n}?") for n in (1, 3, 5)]
    assert positions == sorted(positions)
    assert "Answer number 6." in html


def test_the_interview_change_page_edits_the_byline(admin_client, make_interview):
    interview = make_interview(byline="By Ann Lee")
    response = admin_client.get(reverse("admin:interviews_interview_change", args=[interview.pk]))
    assert 'name="byline" value="By Ann Lee"' in response.content.decode()


def test_interview_change_page_queries_do_not_grow_with_turns(
    admin_client, make_interview, django_assert_max_num_queries
):
    small, large = make_interview(turns=4), make_interview(turns=200)
    counts = []
    for interview in (small, large):
        url = reverse("admin:interviews_interview_change", args=[interview.pk])
        with django_assert_max_num_queries(40) as captured:
            assert admin_client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_turn_speaker_choices_are_the_interviews_participants(admin_client, make_interview):
    interview = make_interview(turns=2)
    make_interview(turns=2)  # their people must not be offered
    response = admin_client.get(reverse("admin:interviews_interview_change", args=[interview.pk]))
    formset = response.context["inline_admin_formsets"][1].formset
    offered = {label for value, label in formset.forms[0].fields["speaker"].choices if value}
    expected = set(interview.people.values_list("name", flat=True))
    assert offered == expected


def test_editing_a_turn_inline_saves_it(admin_client, make_interview):
    interview = make_interview(turns=1)
    turn = interview.turns.get()
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        field: value
        for field, value in form.initial.items()
        if field
        in {"title", "slug", "deck", "byline", "status", "source_url", "intro", "closing_note"}
    }
    data.update(
        {
            "outlet": interview.outlet_id,
            "published_on": interview.published_on.isoformat(),
            "date_precision": "day",
            "participations-TOTAL_FORMS": 0,
            "participations-INITIAL_FORMS": 0,
            "turns-TOTAL_FORMS": 1,
            "turns-INITIAL_FORMS": 1,
            "turns-0-id": turn.pk,
            "turns-0-interview": interview.pk,
            "turns-0-position": 1,
            "turns-0-kind": "question",
            "turns-0-speaker": turn.speaker_id,
            "turns-0-speaker_label": "Host",
            "turns-0-text": "A corrected question?",
        }
    )
    # Existing participations stay: they are not in the submitted formset's initial forms.
    data["participations-TOTAL_FORMS"] = 0
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Turn.objects.get(pk=turn.pk).text == "A corrected question?"


def test_approve_and_hide_comment_actions(admin_client, make_interview):
    interview = make_interview(turns=0)
    pending = Comment.objects.create(
        interview=interview, author_name="New", text="Hello", position=1
    )
    url = reverse("admin:interviews_comment_changelist")
    admin_client.post(url, {"action": "approve", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PUBLIC
    admin_client.post(url, {"action": "hide", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == Comment.Status.HIDDEN


def test_a_comment_added_without_a_position_goes_to_the_end(admin_client, make_interview):
    interview = make_interview(turns=0, comments=3)
    response = admin_client.post(
        reverse("admin:interviews_comment_add"),
        {
            "interview": interview.pk,
            "author_name": "Editor",
            "text": "A note from the editors.",
            "status": "public",
            "origin": "posted",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get(author_name="Editor").position == 4


def test_a_reply_on_another_interview_is_refused_with_a_message(admin_client, make_interview):
    first, second = make_interview(turns=0, comments=1), make_interview(turns=0)
    response = admin_client.post(
        reverse("admin:interviews_comment_add"),
        {
            "interview": second.pk,
            "parent": first.comments.get().pk,
            "author_name": "Editor",
            "text": "Misplaced",
            "status": "public",
            "origin": "posted",
        },
    )
    assert response.status_code == 200
    assert "same interview" in response.content.decode()
    assert not second.comments.exists()


def test_people_autocomplete_finds_by_alias(admin_client, make_interview, make_person):
    make_person("François Chollet", aliases=["Francois", "Chollet"])
    make_person("Someone Else")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "interviews",
            "model_name": "participation",
            "field_name": "person",
            "term": "Chollet",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["François Chollet"]


def test_outlet_and_topic_autocomplete(admin_client, make_outlet, make_topic):
    make_outlet("DataCamp")
    make_topic("Keras")
    for field, term, expected in (("outlet", "Data", "DataCamp"), ("topics", "Ker", "Keras")):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "interviews",
                "model_name": "interview",
                "field_name": field,
                "term": term,
            },
        )
        assert [r["text"] for r in response.json()["results"]] == [expected]


def test_person_aliases_are_edited_one_per_line(admin_client):
    response = admin_client.post(
        reverse("admin:people_person_add"),
        {
            "name": "François Chollet",
            "slug": "francois-chollet",
            "aliases": "Francois\n\n Chollet \nfrançois",
            "bio": "",
            "url": "fchollet.com",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="francois-chollet")
    assert person.aliases == ["Francois", "Chollet"]
    assert person.url == "https://fchollet.com"


def test_two_turns_swapped_in_one_save_are_refused_with_a_message_not_an_error(
    editor_client, make_interview
):
    interview = make_interview(turns=2)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    data = change_form_data(editor_client.get(url))
    data.update({"turns-0-position": "2", "turns-1-position": "1"})

    response = editor_client.post(url, data, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Nothing was saved" in response.content.decode()
    texts = list(interview.turns.order_by("position").values_list("text", flat=True))
    assert texts == ["Turn number 1?", "Answer number 2."]
