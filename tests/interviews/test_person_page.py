"""The person page: who someone is, and the published interviews they gave and conducted."""

import pytest
from django.urls import reverse

from interviews.models import Interview

# The person, then for each of the two lists: interviews, interviewers, interviewees, topics;
# then the facets of all their interviews: the person again (as a filter), years, topics, outlets;
# and first the archive's version, for the page cache (interviews/http_caching.py).
PERSON_PAGE_QUERIES = 1 + 13


def test_person_page_shows_name_bio_and_web_page(client, make_interview, make_person):
    person = make_person(
        "François Chollet",
        bio="Creator of Keras.\n\nAuthor of Deep Learning with Python.",
        url="https://fchollet.com/",
    )
    make_interview(interviewee=person)

    response = client.get(person.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>François Chollet</h1>" in html
    assert "<p>Creator of Keras.</p>\n<p>Author of Deep Learning with Python.</p>" in html
    assert 'href="https://fchollet.com/"' in html


def test_person_page_separates_interviews_given_from_conducted(client, make_interview, make_person):
    person = make_person("Adrian Rosebrock")
    make_interview("Adrian asks", interviewer=person)
    make_interview("Adrian answers", interviewee=person)

    html = client.get(person.get_absolute_url()).content.decode()

    given = html[html.index("Interviews given") : html.index("Interviews conducted")]
    conducted = html[html.index("Interviews conducted") :]
    assert "Adrian answers" in given
    assert "Adrian asks" not in given
    assert "Adrian asks" in conducted
    assert "Adrian answers" not in conducted


def test_person_page_leaves_out_drafts(client, make_interview, make_person):
    person = make_person()
    make_interview("Published talk", interviewee=person)
    make_interview("Draft talk", interviewee=person, status=Interview.Status.DRAFT)
    make_interview("Draft questions", interviewer=person, status=Interview.Status.DRAFT)

    html = client.get(person.get_absolute_url()).content.decode()

    assert "Published talk" in html
    assert "Draft talk" not in html
    assert "Draft questions" not in html


def test_person_who_never_asked_has_no_conducted_section(client, make_interview, make_person):
    person = make_person()
    make_interview("Their answers", interviewee=person)

    html = client.get(person.get_absolute_url()).content.decode()

    assert "Interviews given" in html
    assert "Interviews conducted" not in html
    assert "None in the archive." not in html


def test_person_name_and_bio_are_escaped(client, make_interview, make_person):
    person = make_person("<script>alert(1)</script>", bio="<script>alert(2)</script>")
    make_interview(interviewer=person)

    html = client.get(person.get_absolute_url()).content.decode()

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_unknown_person_is_a_404(client, db):
    response = client.get(reverse("interviews:person", kwargs={"slug": "nobody"}))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("interviews", [1, 25])
def test_person_page_queries_are_fixed(
    client, make_interview, make_person, make_topic, django_assert_max_num_queries, interviews
):
    person = make_person()
    topic = make_topic()
    for index in range(interviews):
        role = {"interviewer": person} if index % 2 else {"interviewee": person}
        make_interview(topics=[topic], **role)

    with django_assert_max_num_queries(PERSON_PAGE_QUERIES):
        response = client.get(person.get_absolute_url())

    assert response.status_code == 200


# --- Who has a page: only people a published interview names ------------------------------------


def seen_in_public(client, person) -> dict[str, bool]:
    """Where a reader finds the person: their page and feed, the sitemap, the list and filters."""
    list_url, json_url = reverse("interviews:list"), reverse("interviews:list_json")
    list_html = client.get(list_url).content.decode()
    filtered_html = client.get(f"{list_url}?person={person.slug}").content.decode()
    filtered_json = client.get(f"{json_url}?interviewee={person.slug}")
    return {
        "page": client.get(person.get_absolute_url()).status_code == 200,
        "feed": client.get(reverse("interviews:person_feed", args=[person.slug])).status_code
        == 200,
        "sitemap": person.get_absolute_url()
        in client.get(reverse("sitemap_section", args=["people"])).content.decode(),
        "list": person.name in list_html,
        "facet": f"interviewee={person.slug}" in list_html,
        "filter": f"Interviews involving {person.name}" in filtered_html,
        "json filter": not filtered_json.json()["messages"],
    }


NOWHERE = dict.fromkeys(
    ["page", "feed", "sitemap", "list", "facet", "filter", "json filter"], False
)
EVERYWHERE = dict.fromkeys(NOWHERE, True)


def test_a_person_only_a_draft_names_is_nowhere_in_public(client, make_interview, make_person):
    judy = make_person("Judy Hart")
    make_interview(interviewee=judy, status=Interview.Status.DRAFT)

    assert seen_in_public(client, judy) == NOWHERE


def test_a_person_no_interview_names_is_nowhere_in_public(client, make_interview, make_person):
    judy = make_person("Judy Hart")
    make_interview()

    assert seen_in_public(client, judy) == NOWHERE


def test_publishing_the_interview_makes_the_person_public_and_unpublishing_hides_them(
    client, make_interview, make_person, django_capture_on_commit_callbacks
):
    judy = make_person("Judy Hart")
    interview = make_interview(interviewee=judy, status=Interview.Status.DRAFT)
    assert seen_in_public(client, judy) == NOWHERE

    # As in production, the archive's version moves on commit, so no cached facet outlives it.
    with django_capture_on_commit_callbacks(execute=True):
        interview.status = Interview.Status.PUBLISHED
        interview.save()
    assert seen_in_public(client, judy) == EVERYWHERE

    with django_capture_on_commit_callbacks(execute=True):
        interview.status = Interview.Status.DRAFT
        interview.save()
    assert seen_in_public(client, judy) == NOWHERE


def test_a_person_only_a_draft_names_gets_the_unknown_persons_404(
    client, make_interview, make_person
):
    judy = make_person("Judy", slug="judy")
    make_interview(interviewer=judy, status=Interview.Status.DRAFT)

    hidden = client.get(reverse("interviews:person", kwargs={"slug": "judy"}))
    unknown = client.get(reverse("interviews:person", kwargs={"slug": "nobody"}))

    assert hidden.status_code == unknown.status_code == 404
    assert hidden.content == unknown.content


def test_a_person_only_a_draft_names_has_no_feed(client, make_interview, make_person):
    judy = make_person("Judy", slug="judy")
    make_interview(interviewer=judy, status=Interview.Status.DRAFT)

    response = client.get(reverse("interviews:person_feed", args=["judy"]))

    assert response.status_code == 404
    assert "Judy" not in response.content.decode()


def test_a_filter_on_a_person_only_a_draft_names_says_there_is_no_such_person(
    client, make_interview, make_person
):
    judy = make_person("Judy", slug="judy")
    make_interview("Judy's draft", interviewer=judy, status=Interview.Status.DRAFT)
    make_interview("Someone else's talk")

    html = client.get(f"{reverse('interviews:list')}?interviewer=judy").content.decode()

    assert "There is no one called “judy” in the archive." in html
    assert "Someone else&#x27;s talk" in html
    assert "<h1>Interviews</h1>" in html


def test_a_speaker_who_takes_no_part_has_no_page(client, make_interview, make_person):
    # The reading page prints a turn's speaker without linking them: taking part is what counts.
    interview = make_interview(turns=2)
    caller = make_person("A Caller")
    interview.turns.filter(position=2).update(speaker=caller)

    assert client.get(caller.get_absolute_url()).status_code == 404


def test_the_admin_still_shows_a_person_only_a_draft_names(
    editor_client, make_interview, make_person
):
    judy = make_person("Judy Hart")
    make_interview(interviewee=judy, status=Interview.Status.DRAFT)

    changelist = editor_client.get(reverse("admin:people_person_changelist"))
    change = editor_client.get(reverse("admin:people_person_change", args=[judy.pk]))

    assert "Judy Hart" in changelist.content.decode()
    assert change.status_code == 200


@pytest.mark.parametrize("people", [1, 20])
def test_the_sitemap_queries_do_not_grow_with_the_people(
    client, make_interview, django_assert_max_num_queries, people
):
    for _ in range(people):
        make_interview()
        make_interview(status=Interview.Status.DRAFT)

    # The people's section counts them, then reads them.
    with django_assert_max_num_queries(2):
        response = client.get(reverse("sitemap_section", args=["people"]))

    assert response.content.decode().count("/people/") == 2 * people
