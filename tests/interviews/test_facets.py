"""Facet counts beside the interview list, against the hand-counted archive of small_archive.py.

A year, outlet or person facet counts with every active filter but its own (choosing one of
its options replaces the one chosen), so it says how many a click would show. Topics add up,
so each topic counts within the current results.
"""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from interviews.models import Interview
from tests.interviews.small_archive import build_small_archive

OPTION = re.compile(
    r'<li(?P<selected> class="selected")?><a href="(?P<url>[^"]*)"[^>]*>(?P<label>[^<]*)'
    r'.*?</a> <span class="count">(?P<count>\d+)</span></li>'
)
# Two years or more are drawn as a chart whose bars are the options, each named for screen
# readers "2018: 2 interviews".
YEAR_BAR_OPTION = re.compile(
    r'<a class="year-bar" href="(?P<url>[^"]*)"(?P<selected> aria-current="true")?[^>]*>'
    r'.*?<span class="visually-hidden">(?P<label>\d+): (?P<count>\d+) interviews?[^<]*</span>'
)

# The list's queries with every kind of filter active: the person, outlet and topics looked up,
# The archive's version, which every public page reads for the page cache
# (interviews/http_caching.py); the search's candidates (for the list, and for the outlet and
# interviewer facets, which leave their own filter out), count, the page's ids, the page of
# interviews with 3 prefetches, 5 facets, the matching passages.
FILTERED_LIST_QUERIES = 1 + 18


@pytest.fixture
def archive(make_interview, make_person, make_outlet, make_topic):
    return build_small_archive(make_interview, make_person, make_outlet, make_topic)


def facets(response) -> dict[str, dict[str, int]]:
    """{facet name: {option label: count}} as the page shows them."""
    return {
        name: {label: count for label, (count, _, _) in options.items()}
        for name, options in facet_options(response).items()
    }


def facet_options(response) -> dict[str, dict[str, tuple[int, str, bool]]]:
    """{facet name: {option label: (count, link, chosen)}}."""
    assert response.status_code == 200
    html = response.content.decode()
    found = {}
    sections = re.findall(
        r'<section class="facet" aria-labelledby="facet-(\w+)">(.*?)</section>', html, re.S
    )
    for name, body in sections:
        found[name] = {
            unescape(match["label"]).strip(): (
                int(match["count"]),
                unescape(match["url"]),
                bool(match["selected"]),
            )
            for pattern in (OPTION, YEAR_BAR_OPTION)
            for match in pattern.finditer(body)
        }
    return found


def get_list(client, query: str = ""):
    return client.get(f"{reverse('interviews:list')}?{query}")


def test_facets_count_every_published_interview_without_filters(client, archive):
    assert facets(get_list(client)) == {
        "year": {"2018": 2, "2017": 2, "2016": 2},
        "topic": {"Keras": 4, "AI ethics": 3, "Python": 2, "Books": 1},
        "outlet": {"Alpha": 2, "Beta": 2, "Gamma": 2},
        "interviewee": {"Cléo Côté": 3, "Dan Dunne": 2, "Eve Ekwueme": 1},
        "interviewer": {"Ana Arroyo": 3, "Bob Brennan": 3},
    }


def test_facets_reflect_the_other_filters(client, archive):
    # Keras: one, two, three, five.
    assert facets(get_list(client, "topic=keras")) == {
        "year": {"2016": 2, "2017": 1, "2018": 1},
        "topic": {"Keras": 4, "AI ethics": 2, "Books": 1, "Python": 1},
        "outlet": {"Alpha": 2, "Beta": 1, "Gamma": 1},
        "interviewee": {"Cléo Côté": 3, "Dan Dunne": 1},
        "interviewer": {"Ana Arroyo": 3, "Bob Brennan": 1},
    }


def test_a_facet_leaves_out_its_own_filter(client, archive):
    # Keras in 2018 is only "five", but the year facet still offers the other Keras years,
    # and the outlet facet the other outlets of 2018 Keras interviews (none but Gamma).
    counts = facets(get_list(client, "topic=keras&year=2018"))

    assert counts["year"] == {"2016": 2, "2017": 1, "2018": 1}
    assert counts["outlet"] == {"Gamma": 1}
    assert counts["topic"] == {"Keras": 1, "AI ethics": 1, "Books": 1}
    assert counts["interviewee"] == {"Cléo Côté": 1}
    assert counts["interviewer"] == {"Ana Arroyo": 1}


def test_facets_of_an_empty_result_still_offer_a_way_out(client, archive):
    # Beta published nothing in 2016: each of the two facets shows what dropping the other keeps.
    counts = facets(get_list(client, "outlet=beta&year=2016"))

    assert counts["year"] == {"2017": 2}
    assert counts["outlet"] == {"Alpha": 2}
    assert "topic" not in counts


def test_a_person_facet_counts_one_role_only(client, archive):
    counts = facets(get_list(client, "person=cleo"))

    assert counts["interviewee"] == {"Cléo Côté": 3}
    assert counts["interviewer"] == {"Ana Arroyo": 2, "Bob Brennan": 1}


def test_an_option_links_to_the_list_with_it_added_or_replacing(client, archive):
    options = facet_options(get_list(client, "topic=keras&year=2018"))

    assert options["year"]["2016"] == (2, "/interviews/?topic=keras&year=2016", False)
    assert options["topic"]["AI ethics"] == (
        1,
        "/interviews/?topic=keras&topic=ethics&year=2018",
        False,
    )
    # Parameters keep one order in every link: q, person, interviewee, interviewer, outlet, ...
    assert options["outlet"]["Gamma"] == (
        1,
        "/interviews/?outlet=gamma&topic=keras&year=2018",
        False,
    )


def test_a_chosen_option_is_marked_and_links_to_its_removal(client, archive):
    options = facet_options(get_list(client, "topic=keras&year=2018"))

    assert options["year"]["2018"] == (1, "/interviews/?topic=keras", True)
    assert options["topic"]["Keras"] == (1, "/interviews/?year=2018", True)
    assert 'aria-current="true"' in get_list(client, "year=2018").content.decode()


def test_facet_options_are_ordered_by_count_then_name(client, archive):
    options = list(facets(get_list(client))["topic"])

    assert options == ["Keras", "AI ethics", "Python", "Books"]


def test_drafts_are_not_counted(client, archive):
    counts = facets(get_list(client, "outlet=alpha"))

    assert counts["topic"] == {"Keras": 2, "AI ethics": 1}
    assert counts["year"] == {"2016": 2}


def test_undated_interviews_have_no_year(client, archive, make_interview):
    make_interview(published_on=None, outlet=archive.outlets["alpha"])

    counts = facets(get_list(client, "outlet=alpha"))

    assert counts["year"] == {"2016": 2}
    assert counts["outlet"]["Alpha"] == 3


def test_outlet_page_facets_are_within_the_outlet(client, archive):
    counts = facets(client.get(archive.outlets["gamma"].get_absolute_url()))

    assert "outlet" not in counts
    assert counts["year"] == {"2018": 2}
    assert counts["topic"] == {"AI ethics": 1, "Books": 1, "Keras": 1, "Python": 1}


def test_topic_page_facets_leave_out_the_topic_itself(client, archive):
    response = client.get(archive.topics["keras"].get_absolute_url())
    options = facet_options(response)

    assert facets(response)["topic"] == {"AI ethics": 2, "Books": 1, "Python": 1}
    assert options["topic"]["AI ethics"][1] == "/topics/keras/?topic=ethics"


def test_person_page_shows_the_facets_of_their_interviews(client, archive):
    response = client.get(archive.people["cleo"].get_absolute_url())
    options = facet_options(response)

    assert facets(response) == {
        "year": {"2016": 1, "2017": 1, "2018": 1},
        "topic": {"Keras": 3, "AI ethics": 2, "Books": 1, "Python": 1},
        "outlet": {"Alpha": 1, "Beta": 1, "Gamma": 1},
    }
    assert options["topic"]["Keras"][1] == "/interviews/?person=cleo&topic=keras"


# --- The year chart -----------------------------------------------------------------------------


YEAR_BAR = re.compile(
    r'<li class="year-chart-year[^"]*">\s*(?:<a class="year-bar" href="([^"]*)"[^>]*>'
    r'<svg class="year-bar-fill"[^>]*><rect x="0" y="\d+%" width="100%" height="(\d+)%"/>.*?</a>'
    r'|<span class="year-bar"><span class="visually-hidden">(\d+): none</span>)'
)


def year_bars(response) -> list[tuple[str, str, str]]:
    """(link, height %, "") for a year with interviews, ("", "", year) for one without."""
    html = response.content.decode()
    start = html.index('<ol class="year-chart"')
    return YEAR_BAR.findall(html[start : html.index("</ol>", start)])


def test_year_chart_draws_a_bar_a_year_that_filters_by_it(client, archive, make_interview):
    make_interview(published_on=datetime.date(2018, 3, 1))

    bars = year_bars(get_list(client))

    # 2016: 2, 2017: 2, 2018: 3, oldest first; the tallest is 100%.
    assert bars == [
        ("/interviews/?year=2016", "67", ""),
        ("/interviews/?year=2017", "67", ""),
        ("/interviews/?year=2018", "100", ""),
    ]


def test_year_chart_gap_years_are_empty_bars(client, archive, make_interview):
    make_interview(published_on=datetime.date(2013, 5, 1))

    bars = year_bars(get_list(client))

    assert [bar[2] for bar in bars] == ["", "2014", "2015", "", "", ""]
    assert bars[0][0] == "/interviews/?year=2013"


def test_year_chart_bar_of_the_chosen_year_is_marked(client, archive):
    html = get_list(client, "year=2017").content.decode()

    assert '<a class="year-bar" href="/interviews/" aria-current="true"' in html
    assert "2017: 2 interviews (chosen: remove)" in html


# --- A fixed number of queries ------------------------------------------------------------------


@pytest.mark.parametrize("interviews", [1, 30])
def test_facets_and_filters_take_a_fixed_number_of_queries(
    client,
    make_interview,
    make_person,
    make_outlet,
    make_topic,
    django_assert_max_num_queries,
    interviews,
):
    host = make_person(slug="host")
    outlet = make_outlet(slug="outlet")
    topics = [make_topic(slug=f"topic-{index}") for index in range(4)]
    for index in range(interviews):
        interview = make_interview(
            interviewer=host,
            outlet=outlet,
            topics=topics,
            turns=6,
            published_on=datetime.date(2000 + index % 20, 1 + index % 12, 1),
            date_precision=Interview.DatePrecision.MONTH,
        )
        interview.turns.filter(position=2).update(text=f"Deep learning answer {index}.")
    query = "interviewer=host&outlet=outlet&topic=topic-0&topic=topic-1&from=2000&to=2030&q=answer"

    with django_assert_max_num_queries(FILTERED_LIST_QUERIES):
        response = get_list(client, query)

    assert response.status_code == 200
    counts = facets(response)
    assert sum(counts["year"].values()) == interviews
    assert counts["interviewer"] == {host.name: interviews}
    assert counts["topic"][topics[2].name] == interviews


@pytest.mark.parametrize("interviews", [1, 30])
def test_an_unfiltered_list_takes_a_fixed_number_of_queries(
    client, make_interview, make_topic, django_assert_max_num_queries, interviews
):
    topics = [make_topic(), make_topic()]
    for _ in range(interviews):
        make_interview(topics=topics)

    # count, the page's ids, the page, 3 prefetches, 5 facets
    with django_assert_max_num_queries(1 + 11):  # the version for the page cache, then 11
        response = get_list(client)

    assert sum(facets(response)["outlet"].values()) == interviews
