"""One frame for every page: one search box a page, no empty sections and no count said twice,
year pages that lead to the years around them, and a year chart that can be read and used."""

import datetime
import re

import pytest
from django.urls import reverse

from interviews.models import Interview

# The archive's version (the page cache), the years that have interviews, then the count, the
# page's ids, the interviews with their outlet, interviewers, interviewees and topics, and one
# query per facet (topics, outlets, interviewees, interviewers: the year is the page's own).
YEAR_PAGE_QUERIES = 1 + 1 + 10

SEARCH_BOX = re.compile(r'<input [^>]*type="search"')


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def year_url(year: int) -> str:
    return reverse("interviews:year", kwargs={"year": year})


@pytest.fixture
def years(make_interview):
    """Published interviews in 2014, 2016 (two) and 2019; a draft in 2015 and an undated one."""
    for day in ("2014-03-01", "2016-05-01", "2016-09-01", "2019-01-01"):
        make_interview(published_on=datetime.date.fromisoformat(day))
    make_interview(published_on=datetime.date(2015, 6, 1), status=Interview.Status.DRAFT)
    make_interview(published_on=None)


# --- One search box a page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/interviews/",
        "/interviews/?topic=nothing-here",
        "/interviews/?q=answer",
    ],
)
def test_the_list_page_has_one_search_box_its_own(client, make_interview, path):
    make_interview()

    html = html_of(client.get(path))

    assert len(SEARCH_BOX.findall(html)) == 1
    assert html.count('role="search"') == 1
    assert 'id="filter-q"' in html
    assert 'class="site-search"' not in html


def test_outlet_topic_and_year_pages_have_one_search_box_each(
    client, make_interview, make_outlet, make_topic
):
    outlet, topic = make_outlet(), make_topic()
    interview = make_interview(outlet=outlet, topics=[topic])

    for url in (
        outlet.get_absolute_url(),
        topic.get_absolute_url(),
        year_url(interview.published_on.year),
    ):
        html = html_of(client.get(url))
        assert len(SEARCH_BOX.findall(html)) == 1, url


def test_a_page_without_its_own_search_keeps_the_sites_box(client, make_interview):
    interview = make_interview()
    person = interview.participations.first().person

    for url in ("/", person.get_absolute_url()):
        html = html_of(client.get(url))
        assert len(SEARCH_BOX.findall(html)) == 1, url
        assert 'id="site-search-q"' in html


# --- The list page: a way to the filters before the results -------------------------------------


def test_the_list_page_leads_to_its_filters_before_the_results(client, make_interview):
    make_interview()

    html = html_of(client.get("/interviews/"))

    link = html.index('<a class="chip" href="#filters">Filters')
    assert link < html.index('class="interview-list"') < html.index('id="filters"')


def test_a_list_without_facets_has_no_filters_link(client, db):
    html = html_of(client.get("/interviews/"))

    assert 'href="#filters"' not in html


# --- Entries: separators drawn by the stylesheet, never a leading dot ---------------------------


def test_an_entrys_facts_are_list_items_without_written_separators(
    client, make_interview, make_topic
):
    make_interview(topics=[make_topic("Keras")], turns=4)

    html = html_of(client.get("/interviews/"))
    entry = html[html.index('<article class="interview-entry">') : html.index("</article>")]

    assert " · " not in entry
    assert '<li class="question-count">2 questions</li>' in entry
    assert re.search(r'<li class="topics"><a class="topic" href="[^"]+">Keras</a></li>', entry)


# --- The person page ----------------------------------------------------------------------------


def test_the_person_page_does_not_name_the_person_in_their_own_entries(
    client, make_interview, make_person
):
    guest, host, co_guest = make_person("François Chollet"), make_person("Adrian"), make_person()
    joint = make_interview("Together", interviewer=host, interviewee=guest)
    joint.participations.create(person=co_guest, role="interviewee", position=2)

    html = html_of(client.get(guest.get_absolute_url()))
    entry = html[html.index('<article class="interview-entry">') : html.index("</article>")]

    assert "François Chollet" not in entry
    assert f">{co_guest.name}</a>" in entry
    assert "Interviewed by <a" in entry
    # Elsewhere the entry names everyone.
    listed = html_of(client.get("/interviews/"))
    assert ">François Chollet</a>" in listed


def test_the_person_page_shows_only_the_sections_they_have(client, make_interview, make_person):
    host, guest = make_person(), make_person()
    make_interview("Asked by the host", interviewer=host, interviewee=guest)

    host_html = html_of(client.get(host.get_absolute_url()))
    guest_html = html_of(client.get(guest.get_absolute_url()))

    assert ">Interviews conducted</h2>" in host_html and ">Interviews given<" not in host_html
    assert ">Interviews given</h2>" in guest_html and ">Interviews conducted<" not in guest_html
    assert "None in the archive." not in host_html + guest_html


def test_someone_who_asked_and_answered_has_both_sections(client, make_interview, make_person):
    person = make_person()
    make_interview("They ask", interviewer=person)
    make_interview("They answer", interviewee=person)

    html = html_of(client.get(person.get_absolute_url()))

    assert html.index(">Interviews given</h2>") < html.index("They answer")
    assert html.index(">Interviews conducted</h2>") < html.index("They ask")


# --- Counts said once ---------------------------------------------------------------------------


def count_phrases(html: str) -> list[str]:
    """Every "N interview(s)" the page shows as text (not the facet badges)."""
    text = re.sub(r"<[^>]+>", " ", html)
    return re.findall(r"\b\d+ (?:published )?interviews?\b", text)


def test_the_outlet_page_gives_its_count_once(client, make_interview, make_outlet):
    outlet = make_outlet("DataCamp")
    make_interview(outlet=outlet)
    make_interview(outlet=outlet)

    html = html_of(client.get(outlet.get_absolute_url()))

    assert count_phrases(html) == ["2 published interviews"]
    assert "Interviews</h2>" in html


def test_the_topic_page_gives_its_count_once(client, make_interview, make_topic):
    topic = make_topic("Keras")
    make_interview(topics=[topic])

    html = html_of(client.get(topic.get_absolute_url()))

    assert count_phrases(html) == ["1 published interview"]


def test_a_filtered_outlet_page_gives_the_filtered_count_once(
    client, make_interview, make_outlet, make_topic
):
    outlet, topic = make_outlet(), make_topic("Python")
    make_interview(outlet=outlet, topics=[topic])
    make_interview(outlet=outlet)

    html = html_of(client.get(outlet.get_absolute_url(), {"topic": topic.slug}))

    assert count_phrases(html) == ["1 interview"]
    assert "Interviews about Python</h2>" in html


# --- Year pages ---------------------------------------------------------------------------------


def test_a_year_page_links_the_years_before_and_after_that_have_interviews(client, years):
    html = html_of(client.get(year_url(2016)))

    # 2015 has only a draft, 2017 and 2018 nothing: the neighbours are 2014 and 2019.
    assert f'href="{year_url(2014)}" aria-label="Previous year with interviews: 2014"' in html
    assert f'href="{year_url(2019)}" aria-label="Next year with interviews: 2019"' in html
    assert count_phrases(html) == ["2 published interviews"]


def test_the_first_and_last_years_link_one_way(client, years):
    first = html_of(client.get(year_url(2014)))
    last = html_of(client.get(year_url(2019)))

    assert "Previous year" not in first and f'href="{year_url(2016)}"' in first
    assert "Next year" not in last and f'href="{year_url(2016)}"' in last


def test_a_single_year_archive_has_no_year_links(client, make_interview):
    make_interview(published_on=datetime.date(2018, 1, 1))

    html = html_of(client.get(year_url(2018)))

    assert 'class="year-neighbours"' not in html


@pytest.mark.parametrize("year", [1999, 2015, 2017])
def test_a_year_without_published_interviews_is_a_404(client, years, year):
    response = client.get(year_url(year))

    assert response.status_code == 404
    assert f"The archive has no interview published in {year}." in response.content.decode()


@pytest.mark.parametrize("path", ["/years/0/", "/years/99999/", "/years/-1/", "/years/1e3/"])
def test_a_year_out_of_range_is_a_404(client, years, path):
    assert client.get(path).status_code == 404


def test_a_year_with_interviews_filtered_to_none_is_still_the_year_page(client, years):
    response = client.get(year_url(2014), {"q": "nowhere"})

    assert response.status_code == 200
    assert "No interviews from this year" in response.content.decode()


@pytest.mark.parametrize("interviews", [1, 30])
def test_a_year_page_takes_a_fixed_number_of_queries(
    client, make_interview, make_topic, django_assert_max_num_queries, interviews
):
    topic = make_topic()
    for index in range(interviews):
        make_interview(topics=[topic], published_on=datetime.date(2000 + index, 1, 1))
    make_interview(topics=[topic], published_on=datetime.date(2000, 6, 1))

    with django_assert_max_num_queries(YEAR_PAGE_QUERIES):
        html = html_of(client.get(year_url(2000)))

    assert "2 published interviews" in html


# --- The year chart -----------------------------------------------------------------------------


def chart_of(html: str) -> str:
    start = html.index('<ol class="year-chart"')
    return html[start : html.index("</ol>", start)]


def test_every_year_bar_is_a_link_named_with_its_year_and_count(client, years):
    chart = chart_of(html_of(client.get("/interviews/")))

    names = re.findall(r'<span class="visually-hidden">([^<]+)</span>', chart)
    assert names == [
        "2014: 1 interview",
        "2015: none",
        "2016: 2 interviews",
        "2017: none",
        "2018: none",
        "2019: 1 interview",
    ]
    assert chart.count('<a class="year-bar" href="/interviews/?year=') == 3
    assert 'tabindex="-1"' not in chart and 'aria-hidden="true" focusable="false"' in chart


def test_a_few_years_are_all_labelled_and_counted(client, years):
    chart = chart_of(html_of(client.get("/interviews/")))

    labels = re.findall(r'<span class="year-chart-label" aria-hidden="true">(\d+)</span>', chart)
    assert labels == ["2014", "2015", "2016", "2017", "2018", "2019"]
    assert "on-demand" not in chart
    counts = re.findall(r'text-anchor="middle">(\d+)</text>', chart)
    assert counts == ["1", "2", "1"]


def test_many_years_have_their_labels_thinned_and_every_name_kept(client, make_interview):
    for year in range(1990, 2020):
        make_interview(published_on=datetime.date(year, 1, 1))

    chart = chart_of(html_of(client.get("/interviews/", {"year": 2003})))

    labels = re.findall(r'<span class="year-chart-label" aria-hidden="true">(\d+)</span>', chart)
    assert labels == ["1994", "1999", "2004", "2009", "2014", "2019"]
    assert len(re.findall(r'<span class="visually-hidden">\d+: 1 interview', chart)) == 30
    # Too narrow for every count: the chosen year's is shown, the others on focus or pointer.
    assert chart.count('class="year-bar-count on-demand"') == 29
    assert "2003: 1 interview (chosen: remove)" in chart
