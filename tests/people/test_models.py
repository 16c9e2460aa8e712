import pytest
from django.db import IntegrityError, transaction

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
