"""The person page: who someone is, and the published interviews they gave and conducted."""

import pytest
from django.urls import reverse

from interviews.models import Interview

# The person, then for each of the two lists: interviews, interviewers, interviewees, topics;
# then the facets of all their interviews: the person again (as a filter), years, topics, outlets.
PERSON_PAGE_QUERIES = 13


def test_person_page_shows_name_bio_and_web_page(client, make_person):
    person = make_person(
        "François Chollet",
        bio="Creator of Keras.\n\nAuthor of Deep Learning with Python.",
        url="https://fchollet.com/",
    )

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


def test_person_without_interviews_says_so(client, make_person):
    person = make_person()

    html = client.get(person.get_absolute_url()).content.decode()

    assert html.count("None in the archive.") == 2


def test_person_name_and_bio_are_escaped(client, make_person):
    person = make_person("<script>alert(1)</script>", bio="<script>alert(2)</script>")

    html = client.get(person.get_absolute_url()).content.decode()

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_unknown_person_is_a_404(client, db):
    response = client.get(reverse("people:detail", kwargs={"slug": "nobody"}))

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
