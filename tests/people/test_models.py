import pytest
from django.db import IntegrityError, transaction

from interviews.models import Interview
from people.models import Person, name_key


@pytest.mark.parametrize(
    ("spelling", "key"),
    [("François Chollet", "francois chollet"), ("  FRANCOIS   chollet ", "francois chollet")],
)
def test_name_key_ignores_accents_case_and_spacing(spelling, key):
    assert name_key(spelling) == key


def test_a_person_answers_to_their_name_and_every_alias(db):
    person = Person(name="François Chollet", slug="fc", aliases=["Francois", "Chollet"])
    assert person.name_keys() == {"francois chollet", "francois", "chollet"}


def test_clean_drops_blank_and_repeated_aliases(db):
    person = Person(name="x", slug="x", aliases=["Francois", " françois ", "", "Chollet"])
    person.clean()
    assert person.aliases == ["Francois", "Chollet"]


def test_slugs_are_unique(make_person):
    make_person(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(slug="same")


def test_public_people_are_those_a_published_interview_names_each_once(make_interview, make_person):
    both_roles, asker, draft_only, nobody = (make_person() for _ in range(4))
    make_interview(interviewer=both_roles, interviewee=asker)
    make_interview(interviewer=asker, interviewee=both_roles)
    make_interview(interviewee=both_roles, status=Interview.Status.DRAFT)
    make_interview(interviewer=draft_only, status=Interview.Status.DRAFT)

    public = list(Person.objects.public())

    assert both_roles in public
    assert public.count(both_roles) == 1
    assert asker in public
    assert draft_only not in public
    assert nobody not in public


def test_public_people_is_one_query_that_composes(make_interview, django_assert_num_queries):
    interview = make_interview()
    person = interview.participations.first().person

    with django_assert_num_queries(1):
        found = Person.objects.public().filter(slug=person.slug).get()

    assert found == person
