"""Matching the speaker labels of a transcript to the people already in the archive."""

from people.selectors import person_match_labels


def test_a_label_matches_a_name_or_an_alias_ignoring_accents_and_case(make_person):
    chollet = make_person("François Chollet", aliases=["Chollet"])
    matches = person_match_labels(labels=["Francois Chollet", "CHOLLET", "françois chollet"])
    assert matches == {"Francois Chollet": chollet, "CHOLLET": chollet, "françois chollet": chollet}


def test_a_first_name_or_surname_matches_when_only_one_person_has_it(make_person):
    adrian = make_person("Adrian Rosebrock")
    hugo = make_person("Hugo Bowne-Anderson")
    matches = person_match_labels(labels=["Adrian", "Bowne-Anderson"])
    assert matches == {"Adrian": adrian, "Bowne-Anderson": hugo}


def test_a_label_two_people_answer_to_is_left_for_the_editor(make_person):
    make_person("Adrian Rosebrock")
    make_person("Adrian Birch")
    assert person_match_labels(labels=["Adrian"]) == {"Adrian": None}


def test_an_unknown_label_matches_no_one(make_person):
    make_person("Larry King")
    assert person_match_labels(labels=["Oprah Winfrey", "Q"]) == {
        "Oprah Winfrey": None,
        "Q": None,
    }


def test_matching_costs_one_query_whatever_the_number_of_labels(
    make_person, django_assert_num_queries
):
    for n in range(30):
        make_person(f"Guest Number{n}")
    with django_assert_num_queries(1):
        person_match_labels(labels=[f"Number{n}" for n in range(30)])
