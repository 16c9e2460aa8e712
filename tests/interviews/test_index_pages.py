"""The index pages: /people/ (A to Z, with a letter bar), /topics/ and /outlets/."""

import datetime
import re

import pytest
from django.urls import reverse

from interviews.index_pages import alphabetical_key, index_letter
from interviews.models import Interview
from tests.interviews.small_archive import build_small_archive

INDEX_PAGES = ["interviews:people_index", "interviews:topic_index", "interviews:outlet_index"]
# The archive's version (every public page reads it first), then the index's rows; the people
# index also counts the roles of the people on the page. Whatever the number of rows.
PEOPLE_INDEX_QUERIES = 3
TOPIC_INDEX_QUERIES = 2
OUTLET_INDEX_QUERIES = 2

# Sorted as on both databases: accents and case do not count, a space comes before any letter
# ("de la Cruz" before "Dean", where PostgreSQL's locale collation skips spaces and would put
# it after), and names that do not start with a Latin letter come last, under "#".
NAMES_IN_ORDER = [
    "adam Small",
    "de la Cruz",
    "Dean Dash",
    "Émile Ardent",
    "Eve East",
    "Łukasz Lis",
    "Øyvind Olsen",
    "“Quoted” Quinn",
    "Zoë Zed",
    "9 Nine",
    "Александр Пушкин",
    "李小龙",
]


@pytest.fixture
def small_archive(make_interview, make_person, make_outlet, make_topic):
    return build_small_archive(make_interview, make_person, make_outlet, make_topic)


@pytest.fixture
def named_people(make_interview, make_person):
    """NAMES_IN_ORDER, created in reverse order: the first interviews each of the others."""
    interviewer = make_person(NAMES_IN_ORDER[0])
    people = {NAMES_IN_ORDER[0]: interviewer}
    for name in reversed(NAMES_IN_ORDER[1:]):
        people[name] = make_person(name)
        make_interview(interviewer=interviewer, interviewee=people[name])
    return people


def listed_names(html: str) -> list[str]:
    """The names an index lists, in order: the links of its lists, not the letter bar's."""
    return re.findall(r'<li><a href="/[a-z]+/[^"]+/">([^<]+)</a>', html)


def letter_bar(html: str) -> dict[str, str | None]:
    """{letter as shown: its link, or None where the letter is not a link}."""
    nav = re.search(r'<nav class="letter-bar".*?</nav>', html, re.S).group(0)
    letters = {}
    for item in re.findall(r"<li>(.*?)</li>", nav, re.S):
        link = re.match(r'<a href="([^"]*)"[^>]*>([^<]+)', item)
        if link:
            letters[link.group(2)] = link.group(1)
        else:
            letters[re.match(r'<span class="letter-bar-empty">([^<]+)', item).group(1)] = None
    return letters


@pytest.mark.parametrize(
    ("name", "key", "letter"),
    [
        ("Émile Zola", "emile zola", "e"),
        ("ÉMILE", "emile", "e"),
        ("Øyvind", "oyvind", "o"),
        ("Æthelred", "aethelred", "a"),
        ("“Weird Al” Yankovic", "weird al” yankovic", "w"),
        ("50 Cent", "50 cent", "#"),
        ("Александр", "александр", "#"),
        ("李小龙", "李小龙", "#"),
        ("...", "...", "#"),
    ],
)
def test_a_name_is_filed_under_its_base_letter(name, key, letter):
    assert alphabetical_key(name) == key
    assert index_letter(key) == letter


def test_people_are_listed_a_to_z_the_same_on_every_database(client, named_people):
    response = client.get(reverse("interviews:people_index"))

    assert response.status_code == 200
    assert listed_names(response.content.decode()) == NAMES_IN_ORDER


def test_people_are_grouped_under_their_letters(client, named_people):
    html = client.get(reverse("interviews:people_index")).content.decode()

    headings = re.findall(r'<h3 class="index-letter">([^<]+)</h3>', html)
    assert headings == ["A", "D", "E", "L", "O", "Q", "Z", "#"]


def test_each_person_shows_their_published_roles_and_links_to_their_page(client, small_archive):
    html = client.get(reverse("interviews:people_index")).content.decode()

    # Counts over published interviews only: the draft names Ana and Cléo once more.
    assert (
        '<a href="/people/ana/">Ana Arroyo</a> <span class="index-detail">interviewer of 3<' in html
    )
    assert (
        '<a href="/people/cleo/">Cléo Côté</a> <span class="index-detail">interviewed 3 times<'
        in html
    )
    assert (
        '<a href="/people/dan/">Dan Dunne</a> <span class="index-detail">interviewed twice<' in html
    )
    assert (
        '<a href="/people/eve/">Eve Ekwueme</a> <span class="index-detail">interviewed once<'
        in html
    )


def test_someone_in_both_roles_shows_both(client, make_interview, make_person):
    host = make_person("Hana Host", slug="hana")
    make_interview(interviewer=host)
    make_interview(interviewee=host)
    make_interview(interviewee=host)

    html = client.get(reverse("interviews:people_index")).content.decode()

    assert '>Hana Host</a> <span class="index-detail">interviewed twice, interviewer of 1<' in html


def test_someone_only_a_draft_names_is_not_listed(client, make_interview, make_person):
    make_interview(interviewee=make_person("Pat Published"))
    make_interview(interviewee=make_person("Dora Draft"), status=Interview.Status.DRAFT)

    html = client.get(reverse("interviews:people_index")).content.decode()

    assert "Pat Published" in html
    assert "Dora Draft" not in html
    assert letter_bar(html)["D"] is None


def test_the_letter_bar_links_only_letters_that_have_people(client, named_people):
    bar = letter_bar(client.get(reverse("interviews:people_index")).content.decode())

    linked = [letter for letter, link in bar.items() if link]
    assert linked == ["All", "A", "D", "E", "L", "O", "Q", "Z", "#"]
    assert bar["E"] == "?letter=e"
    assert bar["#"] == "?letter=%23"
    assert len(bar) == 1 + 26 + 1


def test_a_letter_lists_only_the_people_filed_under_it(client, named_people):
    response = client.get(reverse("interviews:people_index"), {"letter": "e"})

    html = response.content.decode()
    assert listed_names(html) == ["Émile Ardent", "Eve East"]
    assert "<title>People under E · Interview Archive</title>" in html
    # The page's heading names the letter; a letter heading over the list would repeat it.
    assert 'class="index-letter"' not in html
    assert '<a href="?letter=e" aria-current="page">E</a>' in html


def test_other_letters_are_under_the_number_sign(client, named_people):
    html = client.get(reverse("interviews:people_index"), {"letter": "#"}).content.decode()

    assert listed_names(html) == ["9 Nine", "Александр Пушкин", "李小龙"]


def test_a_letter_without_people_says_so(client, named_people):
    response = client.get(reverse("interviews:people_index"), {"letter": "x"})

    assert response.status_code == 200
    assert "No one in the archive is filed under this letter yet." in response.content.decode()


def test_pages_of_a_letter_keep_the_letter(client, make_interview, make_person):
    interviewer = make_person("Ana Arroyo")
    for n in range(105):
        make_interview(interviewer=interviewer, interviewee=make_person(f"Bea {n:03}"))

    first = client.get(reverse("interviews:people_index"), {"letter": "b"}).content.decode()
    second = client.get(reverse("interviews:people_index"), {"letter": "b", "page": "2"})

    assert len(listed_names(first)) == 100
    assert '<a rel="next" href="?letter=b&amp;page=2">' in first
    assert listed_names(second.content.decode()) == [
        "Bea 100",
        "Bea 101",
        "Bea 102",
        "Bea 103",
        "Bea 104",
    ]
    assert '<a rel="prev" href="?letter=b&amp;page=1">' in second.content.decode()


def test_topics_show_their_published_counts_a_to_z(client, small_archive):
    html = client.get(reverse("interviews:topic_index")).content.decode()

    assert listed_names(html) == ["AI ethics", "Books", "Keras", "Python"]
    assert '>Keras</a> <span class="index-detail">4 interviews<' in html
    assert '>Books</a> <span class="index-detail">1 interview<' in html
    # Four topics all fit on the page: a "most interviewed" group would only repeat them.
    assert "Most interviewed" not in html


def test_the_most_interviewed_topics_come_first_most_first(client, make_interview, make_topic):
    topics = [make_topic(f"Topic {letter}") for letter in "ABCDEFGHIJKL"]
    for count, topic in enumerate(topics, start=1):
        for _ in range(count):
            make_interview(topics=[topic])

    html = client.get(reverse("interviews:topic_index")).content.decode()

    group = re.search(r'<ol class="index-list index-list--ranked">.*?</ol>', html, re.S).group(0)
    assert listed_names(group) == [f"Topic {letter}" for letter in "LKJIHGFEDC"]
    assert '>Topic L</a> <span class="index-detail">12 interviews<' in group


def test_a_topic_without_published_interviews_is_not_listed(client, make_interview, make_topic):
    make_interview(topics=[make_topic("Published topic")])
    make_interview(topics=[make_topic("Draft topic")], status=Interview.Status.DRAFT)

    html = client.get(reverse("interviews:topic_index")).content.decode()

    assert listed_names(html) == ["Published topic"]


def test_outlets_show_their_counts_and_years(client, make_interview, make_outlet):
    long_running = make_outlet("Long Running Radio")
    one_year = make_outlet("annual Review")
    undated = make_outlet("Undated Weekly")
    for year in (2016, 2020, 2024):
        make_interview(outlet=long_running, published_on=datetime.date(year, 5, 1))
    # A draft's date is not part of the outlet's range.
    make_interview(
        outlet=long_running, published_on=datetime.date(2030, 1, 1), status=Interview.Status.DRAFT
    )
    make_interview(outlet=one_year, published_on=datetime.date(2019, 1, 1))
    make_interview(outlet=one_year, published_on=datetime.date(2019, 12, 1))
    make_interview(outlet=undated, published_on=None)

    html = client.get(reverse("interviews:outlet_index")).content.decode()

    assert listed_names(html) == ["annual Review", "Long Running Radio", "Undated Weekly"]
    assert '>Long Running Radio</a> <span class="index-detail">3 interviews, 2016–2024<' in html
    assert '>annual Review</a> <span class="index-detail">2 interviews, 2019<' in html
    assert '>Undated Weekly</a> <span class="index-detail">1 interview<' in html


@pytest.mark.parametrize("name", INDEX_PAGES)
def test_an_empty_archive_has_empty_indexes(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert listed_names(response.content.decode()) == []


@pytest.mark.parametrize("rows", [5, 200])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("interviews:people_index", PEOPLE_INDEX_QUERIES),
        ("interviews:topic_index", TOPIC_INDEX_QUERIES),
        ("interviews:outlet_index", OUTLET_INDEX_QUERIES),
    ],
)
def test_an_index_costs_the_same_queries_for_any_number_of_rows(
    client, make_interview, make_topic, django_assert_max_num_queries, rows, name, queries
):
    # Each interview brings its own outlet, topic and two people.
    for _ in range(rows):
        make_interview(topics=[make_topic()])

    with django_assert_max_num_queries(queries):
        response = client.get(reverse(name))

    assert response.status_code == 200
    counted = re.search(r'class="index-count">(\d+) ', response.content.decode()).group(1)
    assert int(counted) == rows * (2 if name == "interviews:people_index" else 1)


@pytest.mark.parametrize("name", INDEX_PAGES)
def test_an_index_is_a_cached_public_page(client, small_archive, name):
    first = client.get(reverse(name))
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=first["ETag"])

    assert "public" in first["Cache-Control"]
    assert first["ETag"]
    assert again.status_code == 304


@pytest.mark.parametrize("name", INDEX_PAGES)
@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=99999999999999999999",
        "page=2",
        "page=1&page=abc",
        # A NUL is refused before the view: a 400 (tests/test_malformed_input.py).
    ],
)
def test_a_bad_page_number_is_a_404_that_says_why(client, small_archive, name, query):
    response = client.get(f"{reverse(name)}?{query}")

    assert response.status_code == 404


@pytest.mark.parametrize("letter", ["ab", "%C3%A9", "%3Cscript%3E", "%23%23", "0"])
def test_a_letter_that_is_not_in_the_bar_is_a_404(client, small_archive, letter):
    response = client.get(f"{reverse('interviews:people_index')}?letter={letter}")

    assert response.status_code == 404
    assert "<script>" not in response.content.decode()


def test_a_repeated_parameter_takes_its_last_value(client, named_people):
    response = client.get(f"{reverse('interviews:people_index')}?letter=e&letter=z&page=abc&page=1")

    assert response.status_code == 200
    assert listed_names(response.content.decode()) == ["Zoë Zed"]


def test_an_upper_case_letter_is_the_same_letter(client, named_people):
    response = client.get(reverse("interviews:people_index"), {"letter": "E"})

    assert listed_names(response.content.decode()) == ["Émile Ardent", "Eve East"]


def test_names_are_escaped(client, make_interview, make_person, make_topic, make_outlet):
    make_interview(
        interviewee=make_person("<b>Bold</b> Person"),
        topics=[make_topic("<i>Slanted</i>")],
        outlet=make_outlet("<script>alert(1)</script> Weekly"),
    )

    for name in INDEX_PAGES:
        html = client.get(reverse(name)).content.decode()
        assert "<b>Bold</b>" not in html
        assert "<i>Slanted</i>" not in html
        assert "<script>alert" not in html
    people = client.get(reverse("interviews:people_index")).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; Person" in people


def test_the_header_links_every_index(client, db):
    html = client.get(reverse("home")).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)

    assert re.findall(r'<a href="([^"]+)">', nav) == [
        "/interviews/",
        "/people/",
        "/topics/",
        "/outlets/",
    ]


def test_the_indexes_are_in_the_sitemap(small_archive, read_sitemap):
    paths = {path for path in read_sitemap()}

    assert {"/people/", "/topics/", "/outlets/"} <= {
        path.removeprefix("http://testserver") for path in paths
    }
