"""The admin at scale: bounded queries per page, full-text search, pages of turns, filters.

docs/benchmarks.md ("The admin at 100,000 interviews") has the times; here, what keeps them:
no page's query count grows with an interview's turns or comments, the change lists search
through the stored search vector, and the turns of an interview are edited a page at a time.
"""

import pytest
from django.urls import reverse

from interviews.admin import TURNS_PER_PAGE, speakers_to_offer
from interviews.models import Comment, Interview, Turn

from .test_history import change_form_data

CHANGELISTS = {
    "interviews": ("admin:interviews_interview_changelist", {}),
    "interviews filtered": (
        "admin:interviews_interview_changelist",
        {"status__exact": "published", "date_precision__exact": "day"},
    ),
    "interviews searched": ("admin:interviews_interview_changelist", {"q": "number"}),
    "turns": ("admin:interviews_turn_changelist", {}),
    "turns of a kind": ("admin:interviews_turn_changelist", {"kind__exact": "question"}),
    "turns searched": ("admin:interviews_turn_changelist", {"q": "answer"}),
    "comments": ("admin:interviews_comment_changelist", {}),
    "moderation queue": ("admin:interviews_comment_changelist", {"status__exact": "pending"}),
}


def add_pending_comments(interview, count):
    start = interview.comments.count()
    Comment.objects.bulk_create(
        Comment(interview=interview, author_name="Reader", text=f"Pending {n}", position=n)
        for n in range(start + 1, start + count + 1)
    )


def query_count(client, url, params, assert_max):
    client.get(url, params)  # the first request of a test also fills Django's content types
    with assert_max(25) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


# --- Queries per page do not grow with turns or comments --------------------------------------


def test_the_change_page_makes_as_many_queries_for_5_turns_as_for_500(
    admin_client, make_interview, django_assert_max_num_queries
):
    small, large = make_interview(turns=5, comments=4), make_interview(turns=500, comments=400)
    counts = [
        query_count(
            admin_client,
            reverse("admin:interviews_interview_change", args=[interview.pk]),
            {},
            django_assert_max_num_queries,
        )
        for interview in (small, large)
    ]
    assert counts[0] == counts[1]


@pytest.mark.parametrize("page", list(CHANGELISTS))
def test_a_change_list_makes_as_many_queries_with_an_interview_of_500_turns(
    admin_client, make_interview, django_assert_max_num_queries, page
):
    name, params = CHANGELISTS[page]
    add_pending_comments(make_interview(turns=5, comments=4), 2)
    before = query_count(admin_client, reverse(name), params, django_assert_max_num_queries)
    add_pending_comments(make_interview(turns=500, comments=400), 200)
    after = query_count(admin_client, reverse(name), params, django_assert_max_num_queries)
    assert before == after


# --- The change lists search in full text ---------------------------------------------------


def listed(response) -> list:
    return list(response.context["cl"].result_list)


def test_the_interview_search_finds_words_of_the_deck_and_intro_not_only_the_title(
    admin_client, make_interview
):
    deck = make_interview(title="First", deck="On the harbour pilots")
    intro = make_interview(title="Second", intro="She learned the charts of the harbour.")
    make_interview(title="Third", deck="Nothing of the sea")
    url = reverse("admin:interviews_interview_changelist")
    assert set(listed(admin_client.get(url, {"q": "harbour"}))) == {deck, intro}
    assert listed(admin_client.get(url, {"q": "harbour -pilots"})) == [intro]
    assert listed(admin_client.get(url, {"q": '"the charts"'})) == [intro]


def test_the_interview_search_finds_a_participant_and_a_slug(
    admin_client, make_interview, make_person
):
    ada = make_interview(title="With her", interviewee=make_person("Ada Lovelace"))
    other = make_interview(title="Someone else", slug="someone-else-2020")
    url = reverse("admin:interviews_interview_changelist")
    assert listed(admin_client.get(url, {"q": "Lovelace"})) == [ada]
    assert listed(admin_client.get(url, {"q": "someone-else-2020"})) == [other]


def test_the_turn_search_finds_the_text_and_ignores_a_query_of_punctuation(
    admin_client, make_interview
):
    interview = make_interview(turns=4)
    Turn.objects.create(interview=interview, position=9, text="Keras began as a side project.")
    url = reverse("admin:interviews_turn_changelist")
    assert [turn.position for turn in listed(admin_client.get(url, {"q": "keras"}))] == [9]
    assert listed(admin_client.get(url, {"q": '" - "'})) == []


def test_the_turn_search_reads_the_sites_search_syntax(admin_client, make_interview):
    interview = make_interview(turns=0)
    for position, text in enumerate(
        ["Keras began as a side project.", "A side project of mine.", "The project, on the side."],
        start=1,
    ):
        Turn.objects.create(interview=interview, position=position, text=text)
    url = reverse("admin:interviews_turn_changelist")

    def positions(query):
        return sorted(turn.position for turn in listed(admin_client.get(url, {"q": query})))

    assert positions('"side project"') == [1, 2]
    assert positions('"side project" -keras') == [2]
    assert positions("keras or mine") == [1, 2]


@pytest.mark.postgres
def test_the_admin_search_stems_and_folds_accents_on_postgres(
    admin_client, make_interview, make_person
):
    found = make_interview(title="Models and methods", intro="Where François worked.")
    make_interview(title="Something else")
    Turn.objects.create(interview=found, position=9, text="We trained the models for weeks.")
    interviews = reverse("admin:interviews_interview_changelist")
    assert listed(admin_client.get(interviews, {"q": "model"})) == [found]
    assert listed(admin_client.get(interviews, {"q": "Francois"})) == [found]
    turns = reverse("admin:interviews_turn_changelist")
    assert [turn.position for turn in listed(admin_client.get(turns, {"q": "train"}))] == [9]


def test_the_interview_autocomplete_still_finds_the_start_of_a_title(admin_client, make_interview):
    make_interview(title="Harbour pilots")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "interviews",
            "model_name": "comment",
            "field_name": "interview",
            "term": "Harb",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Harbour pilots"]


# --- Filters --------------------------------------------------------------------------------


def test_the_interview_list_filters_by_status_outlet_topic_and_year(
    admin_client, make_interview, make_outlet, make_topic
):
    outlet, topic = make_outlet("Harbour News"), make_topic("Boats")
    wanted = make_interview(outlet=outlet, topics=[topic], published_on="2019-05-01")
    make_interview(outlet=outlet, status=Interview.Status.DRAFT, published_on="2019-06-01")
    make_interview(topics=[topic], published_on="2018-05-01")
    url = reverse("admin:interviews_interview_changelist")
    params = {
        "status__exact": "published",
        "outlet__id__exact": outlet.pk,
        "topics__id__exact": topic.pk,
        "published_on__year": "2019",
    }
    response = admin_client.get(url, params)
    assert listed(response) == [wanted]
    assert response.context["cl"].result_count == 1
    searched = admin_client.get(url, {**params, "q": wanted.title})
    assert listed(searched) == [wanted]


def test_the_turn_and_comment_lists_filter(admin_client, make_interview):
    interview = make_interview(turns=4, comments=2)
    add_pending_comments(interview, 1)
    turns = admin_client.get(reverse("admin:interviews_turn_changelist"), {"kind__exact": "answer"})
    assert [turn.position for turn in listed(turns)] == [2, 4]
    queue = admin_client.get(
        reverse("admin:interviews_comment_changelist"), {"status__exact": "pending"}
    )
    assert [comment.text for comment in listed(queue)] == ["Pending 3"]
    assert "Moderation queue: 1 awaiting" in queue.content.decode()
    imported = admin_client.get(
        reverse("admin:interviews_comment_changelist"), {"origin__exact": "imported"}
    )
    assert len(listed(imported)) == 2


def test_the_interview_list_shows_turn_counts(admin_client, make_interview):
    make_interview(turns=7)
    make_interview(turns=0)
    response = admin_client.get(reverse("admin:interviews_interview_changelist"))
    assert sorted(interview.turn_count or 0 for interview in listed(response)) == [0, 7]


# --- The turns of an interview, a page at a time --------------------------------------------


def test_the_change_page_shows_one_page_of_turns_with_links_to_the_others(
    admin_client, make_interview
):
    interview = make_interview(turns=TURNS_PER_PAGE * 2 + 5)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    first = admin_client.get(url)
    formset = first.context["inline_admin_formsets"][1].formset
    assert [form.instance.position for form in formset.forms] == list(range(1, TURNS_PER_PAGE + 1))
    html = first.content.decode()
    assert f"Turns 1–{TURNS_PER_PAGE} of {TURNS_PER_PAGE * 2 + 5}" in html
    assert 'href="?turns=3"' in html

    last = admin_client.get(url, {"turns": "3"}).context["inline_admin_formsets"][1].formset
    assert [form.instance.position for form in last.forms] == list(
        range(TURNS_PER_PAGE * 2 + 1, TURNS_PER_PAGE * 2 + 6)
    )


def test_saving_a_page_of_turns_changes_those_and_keeps_the_others(admin_client, make_interview):
    interview = make_interview(turns=TURNS_PER_PAGE + 3)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    page_url = f"{url}?turns=2"
    data = change_form_data(admin_client.get(page_url))
    data["turns-0-text"] = "A corrected answer."
    data["_continue"] = "Save and continue editing"

    response = admin_client.post(page_url, data)

    assert response.status_code == 302
    assert response["Location"].endswith("turns=2")
    texts = list(interview.turns.order_by("position").values_list("text", flat=True))
    assert len(texts) == TURNS_PER_PAGE + 3
    assert texts[TURNS_PER_PAGE] == "A corrected answer."
    assert texts[0] == "Turn number 1?"


def test_the_speakers_offered_include_someone_speaking_who_is_not_a_participant(
    make_interview, make_person
):
    interview = make_interview(turns=2)
    guest = make_person("A Guest From The Floor")
    Turn.objects.create(interview=interview, position=3, speaker=guest, text="A question.")
    make_interview(turns=2)  # their people are not offered
    offered = {name for _, name in speakers_to_offer(interview)}
    assert offered == {*interview.people.values_list("name", flat=True), guest.name}


def test_the_year_filter_offers_the_archives_years_newest_first(admin_client, make_interview):
    make_interview(published_on="2017-03-01")
    make_interview(published_on="2019-05-01")
    response = admin_client.get(reverse("admin:interviews_interview_changelist"))
    year_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "year published"
    )
    assert [label for _, label in year_filter.lookup_choices] == ["2019", "2018", "2017"]
