"""Filtering the interview list through its query string: each filter, combinations, bad values.

The archive is tests/interviews/small_archive.py; its table says which interviews each filter
should leave.
"""

import datetime
import re

import pytest
from django.urls import reverse

from tests.interviews.small_archive import build_small_archive

ENTRY_TITLE = re.compile(r'class="interview-entry-title"><a href="[^"]*">Interview (\w+)</a>')


@pytest.fixture
def archive(make_interview, make_person, make_outlet, make_topic):
    return build_small_archive(make_interview, make_person, make_outlet, make_topic)


def listed(response) -> list[str]:
    """The interviews a list page shows, in order, by their short names."""
    assert response.status_code == 200
    return ENTRY_TITLE.findall(response.content.decode())


def get_list(client, query: str = ""):
    return client.get(f"{reverse('interviews:list')}?{query}")


def notices(response) -> str:
    html = response.content.decode()
    found = re.search(r'<div class="notice" role="status">(.*?)</div>', html, re.S)
    return " ".join(found.group(1).split()) if found else ""


# --- Each filter alone --------------------------------------------------------------------------


def test_no_filter_lists_every_published_interview_newest_first(client, archive):
    assert listed(get_list(client)) == ["five", "six", "four", "three", "one", "two"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("interviewer=ana", {"one", "two", "five"}),
        ("interviewer=bob", {"three", "four", "six"}),
        ("interviewee=cleo", {"one", "three", "five"}),
        ("interviewee=eve", {"six"}),
        ("person=dan", {"two", "four"}),
        ("person=ana", {"one", "two", "five"}),
        ("outlet=beta", {"three", "four"}),
        ("topic=python", {"three", "six"}),
        ("year=2016", {"one", "two"}),
        ("year=2017", {"three", "four"}),
    ],
)
def test_each_filter_alone(client, archive, query, expected):
    assert set(listed(get_list(client, query))) == expected


def test_a_person_is_not_matched_in_the_other_role(client, archive):
    assert listed(get_list(client, "interviewee=ana")) == []
    assert listed(get_list(client, "interviewer=cleo")) == []


def test_several_topics_must_all_match(client, archive):
    assert set(listed(get_list(client, "topic=keras"))) == {"one", "two", "three", "five"}
    assert set(listed(get_list(client, "topic=keras&topic=ethics"))) == {"one", "five"}
    assert listed(get_list(client, "topic=keras&topic=ethics&topic=books")) == ["five"]
    assert listed(get_list(client, "topic=python&topic=books")) == []


def test_drafts_are_never_listed_whatever_the_filter(client, archive):
    for query in ("", "interviewer=ana", "topic=keras", "year=2018", "outlet=alpha"):
        assert "draft" not in listed(get_list(client, query)), query


# --- Dates with a precision ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # December 2017 spans the 15th; 2018 dates are after it; 2016 ones are not.
        ("from=2017-12-15", {"three", "four", "five", "six"}),
        # December 2017 begins on the 1st; the 20th is after it.
        ("to=2017-12-01", {"one", "two", "three"}),
        # The year 2016 covers June; 5 March does not.
        ("from=2016-06-01&to=2016-06-30", {"two"}),
        # A bound given as a month or a year covers all of it.
        ("from=2017-12&to=2017-12", {"three", "four"}),
        ("from=2018", {"five", "six"}),
        ("to=2017", {"one", "two", "three", "four"}),
        ("from=2018-01-15&to=2018-01-20", {"six"}),
        ("from=2018-07-03", set()),
    ],
)
def test_a_date_range_matches_the_span_of_a_partial_date(client, archive, query, expected):
    assert set(listed(get_list(client, query))) == expected


def test_an_undated_interview_is_left_out_by_a_date_filter_only(client, archive, make_interview):
    make_interview("Interview undated", slug="undated", published_on=None)

    assert "undated" in listed(get_list(client))
    assert "undated" not in listed(get_list(client, "from=2000"))
    assert "undated" not in listed(get_list(client, "year=2018"))


# --- Combined -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("interviewee=cleo&topic=keras", {"one", "three", "five"}),
        ("interviewee=cleo&topic=keras&year=2018", {"five"}),
        ("interviewer=bob&topic=python", {"three", "six"}),
        ("interviewer=bob&topic=python&from=2018", {"six"}),
        ("outlet=alpha&interviewee=dan", {"two"}),
        ("person=cleo&outlet=beta&topic=keras", {"three"}),
        ("person=dan&interviewer=bob", {"four"}),
        ("outlet=beta&year=2016", set()),
    ],
)
def test_filters_combine(client, archive, query, expected):
    assert set(listed(get_list(client, query))) == expected


def test_sort_oldest_first(client, archive):
    assert listed(get_list(client, "sort=oldest")) == ["two", "one", "three", "four", "six", "five"]
    assert listed(get_list(client, "topic=keras&sort=oldest")) == ["two", "one", "three", "five"]


# --- What the page says -------------------------------------------------------------------------


def test_title_and_heading_name_the_filters(client, archive):
    html = get_list(client, "interviewee=cleo&topic=keras").content.decode()

    assert "<h1>Interviews with Cléo Côté about Keras</h1>" in html
    assert "<title>Interviews with Cléo Côté about Keras · Interview Archive</title>" in html


def test_heading_names_every_kind_of_filter(client, archive):
    query = "interviewer=ana&outlet=gamma&topic=keras&topic=ethics&year=2018&from=2018-07&to=2018"
    html = get_list(client, query).content.decode()

    assert (
        "<h1>Interviews by Ana Arroyo from Gamma about AI ethics and Keras in 2018 "
        "from July 2018 until 2018</h1>"
    ) in html


def test_each_active_filter_is_a_chip_that_removes_it(client, archive):
    html = get_list(client, "interviewee=cleo&topic=keras&topic=ethics").content.decode()

    # Topics are listed by name in the links: "AI ethics" (ethics) before "Keras".
    assert '<a class="chip" href="/interviews/?topic=ethics&amp;topic=keras"' in html
    assert '<a class="chip" href="/interviews/?interviewee=cleo&amp;topic=ethics"' in html
    assert '<a class="chip" href="/interviews/?interviewee=cleo&amp;topic=keras"' in html
    assert ">with Cléo Côté <" in html
    assert ">about Keras <" in html
    assert '<a class="meta clear-filters" href="/interviews/">Clear all</a>' in html


def test_an_empty_result_says_why_and_offers_to_widen_it(client, archive):
    html = get_list(client, "outlet=beta&year=2016").content.decode()

    assert "No interviews from Beta in 2016." in html
    assert "Widen the list by removing one of the filters" in html
    assert '<a class="chip" href="/interviews/?outlet=beta"' in html
    assert '<a class="chip" href="/interviews/?year=2016"' in html
    assert '<a href="/interviews/">Or see all interviews.</a>' in html


def test_user_text_in_filters_is_escaped(client, archive, make_topic):
    make_topic("<script>alert(1)</script>", slug="evil")

    html = get_list(client, "topic=evil&q=%3Cscript%3E").content.decode()

    assert "<script>alert" not in html
    assert "about &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pagination_keeps_the_filters(client, make_interview, make_outlet, settings):
    settings.INTERVIEWS_PER_PAGE = 2
    outlet = make_outlet(slug="busy")
    # With 3 orphans, 9 interviews at 2 a page make pages of 2, 2 and 5.
    for day in range(1, 10):
        make_interview(outlet=outlet, published_on=datetime.date(2020, 1, day))
    make_interview()

    html = get_list(client, "outlet=busy&sort=oldest&page=2").content.decode()

    assert "Page 2 of 3" in html
    assert 'href="?outlet=busy&amp;sort=oldest&amp;page=3"' in html
    assert 'href="?outlet=busy&amp;sort=oldest&amp;page=1"' in html


def test_the_search_form_carries_the_other_filters(client, archive):
    html = get_list(client, "topic=keras&year=2018&q=hello").content.decode()

    start = html.index('<form class="filter-form"')
    form = html[start : html.index("</form>", start)]
    assert '<input type="hidden" name="topic" value="keras">' in form
    assert '<input type="hidden" name="year" value="2018">' in form
    assert 'name="q" value="hello"' in form
    assert 'type="hidden" name="q"' not in form


# --- Bad values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("interviewer=nobody", "There is no one called “nobody” in the archive."),
        ("person=nobody", "There is no one called “nobody” in the archive."),
        ("outlet=nowhere", "There is no outlet “nowhere” in the archive."),
        ("topic=keras&topic=bogus", "There is no topic “bogus” in the archive."),
        ("year=abc", "A year is a number, such as 2017."),
        ("year=0", "A year is a number from 1 to 9999."),
        ("year=99999999999999999999", "A year is a number from 1 to 9999."),
        ("from=2017-13-45", "“2017-13-45” is not a date"),
        ("to=2017-02-30", "“2017-02-30” is not a date"),
        ("from=yesterday", "“yesterday” is not a date"),
        ("sort=bogus", "“bogus” is not a way to sort"),
        ("q=" + "x" * 201, "A search can be at most 200 characters long."),
        ("q=%00", "Null characters are not allowed."),
        ("interviewer=%00", "Null characters are not allowed."),
        ("topic=%00", "Null characters are not allowed."),
    ],
)
def test_a_bad_value_gives_a_message_and_the_list_without_it(client, archive, query, message):
    response = get_list(client, query)

    assert response.status_code == 200
    assert message in notices(response)
    assert len(listed(response)) == 6


def test_a_bad_value_leaves_the_good_ones_filtering(client, archive):
    response = get_list(client, "outlet=beta&year=abc&interviewer=nobody")

    assert set(listed(response)) == {"three", "four"}
    assert "That filter was left out." in notices(response)
    assert "<h1>Interviews from Beta</h1>" in response.content.decode()


def test_relevance_without_a_search_sorts_newest_first_and_says_so(client, archive):
    response = get_list(client, "sort=relevance")

    assert listed(response)[0] == "five"
    assert "Sorting by relevance needs a search." in notices(response)


def test_dates_that_run_backwards_say_so(client, archive):
    response = get_list(client, "from=2018&to=2016")

    assert listed(response) == []
    assert "The dates run backwards: from 2018 to 2016." in notices(response)


@pytest.mark.parametrize("page", ["2", str(10**9), "abc", "0"])
def test_a_bad_page_of_a_filtered_list_is_a_404(client, archive, page):
    response = get_list(client, f"topic=keras&page={page}")

    assert response.status_code == 404
    assert "page" in response.context["message"]


# --- Pages that are a list pre-filtered ---------------------------------------------------------


def test_outlet_page_is_the_list_of_its_interviews_with_more_filters(client, archive):
    beta = archive.outlets["beta"]

    assert set(listed(client.get(beta.get_absolute_url()))) == {"three", "four"}
    response = client.get(beta.get_absolute_url(), {"topic": "python"})
    html = response.content.decode()
    assert listed(response) == ["three"]
    assert "<h1>Beta</h1>" in html
    assert "Interviews about Python</h2>" in html
    assert "1 interview found</p>" in html
    assert "<title>Beta: interviews about Python · Interview Archive</title>" in html
    # The outlet is the page itself: no outlet facet, and ?outlet= cannot change it.
    assert 'id="facet-outlet"' not in html
    assert set(listed(client.get(beta.get_absolute_url(), {"outlet": "alpha"}))) == {
        "three",
        "four",
    }


def test_topic_page_adds_further_topics(client, archive):
    keras = archive.topics["keras"]

    assert set(listed(client.get(keras.get_absolute_url()))) == {"one", "two", "three", "five"}
    assert set(listed(client.get(keras.get_absolute_url(), {"topic": "ethics"}))) == {
        "one",
        "five",
    }
    assert listed(client.get(keras.get_absolute_url(), {"year": "2017"})) == ["three"]


def test_year_page_lists_that_year(client, archive):
    response = client.get(reverse("interviews:year", kwargs={"year": 2017}))
    html = response.content.decode()

    assert set(listed(response)) == {"three", "four"}
    assert "<h1>2017</h1>" in html
    assert "2 published interviews</p>" in html
    assert 'id="facet-year"' not in html
    # The year is the page itself: ?year= cannot change it.
    other_year = client.get(reverse("interviews:year", kwargs={"year": 2017}), {"year": 2016})
    assert set(listed(other_year)) == {"three", "four"}


def test_year_page_filtered_further(client, archive):
    url = reverse("interviews:year", kwargs={"year": 2018})

    assert listed(client.get(url, {"interviewee": "eve"})) == ["six"]
    assert listed(client.get(url, {"from": "2018-06"})) == ["five"]


@pytest.mark.parametrize("year", [0, 10000, 99999999])
def test_year_page_out_of_range_is_a_404(client, db, year):
    assert client.get(f"/years/{year}/").status_code == 404


def test_year_page_without_interviews_is_a_404(client, archive):
    response = client.get(reverse("interviews:year", kwargs={"year": 1999}))

    assert response.status_code == 404
    assert "The archive has no interview published in 1999." in response.content.decode()
