"""Selectors not covered through the pages: paging an annotated list by ids first."""

import datetime

import pytest

from interviews import selectors
from interviews.models import Interview


@pytest.fixture
def listed(make_interview):
    make_interview("A draft", status=Interview.Status.DRAFT)
    for day in range(1, 8):
        make_interview(f"Day {day}", published_on=datetime.date(2020, 1, day), turns=2 * day)
    return selectors.published_interviews()


@pytest.mark.parametrize("bounds", [(0, 3), (3, 6), (5, 7), (6, 40), (9, 12)])
def test_a_slice_by_ids_is_the_querysets_own_slice_with_its_annotations(listed, bounds):
    bottom, top = bounds

    sliced = selectors.IdsFirstSlicing(listed)[bottom:top]

    expected = list(listed[bottom:top])
    assert [i.title for i in sliced] == [i.title for i in expected]
    assert [i.question_count for i in sliced] == [i.question_count for i in expected]
    assert all(len(i.interviewee_participations) == 1 for i in sliced)


def test_a_slice_by_ids_counts_and_keeps_the_querysets_order(listed):
    oldest_first = listed.order_by(*selectors.OLDEST_FIRST)

    sliced = selectors.IdsFirstSlicing(oldest_first)

    assert sliced.count() == len(sliced) == 7
    assert sliced.ordered
    assert [i.title for i in sliced[0:2]] == ["Day 1", "Day 2"]


def test_a_slice_by_ids_is_cut_a_page_at_a_time(listed):
    with pytest.raises(TypeError):
        selectors.IdsFirstSlicing(listed)[0]


def test_a_slice_by_ids_costs_the_same_queries_at_any_depth(listed, django_assert_num_queries):
    # The ids, the rows, the interviewers, interviewees and topics.
    with django_assert_num_queries(5):
        selectors.IdsFirstSlicing(listed)[0:2]
    with django_assert_num_queries(5):
        selectors.IdsFirstSlicing(listed)[5:7]


def test_a_list_paged_by_ids_gives_the_filtered_pages_ready_for_a_list(listed, make_interview):
    oldest_first = listed.filter(title__startswith="Day").order_by(*selectors.OLDEST_FIRST)
    make_interview("Not a day")

    paged = selectors.interview_list_paged(oldest_first)

    assert paged.count() == 7
    page = paged[2:4]
    assert [(i.title, i.question_count) for i in page] == [("Day 3", 3), ("Day 4", 4)]
    assert all(len(i.interviewer_participations) == 1 for i in page)
