"""Input written to break things, through every door a visitor has: none is a 500, all is inert."""

import pytest

from interviews.models import Interview

SCRIPT = "<script>alert(1)</script>"
HOSTILE_QUERIES = [
    "'; DROP TABLE interviews_interview; --",
    "' OR 1=1 --",
    '" OR ""="',
    "keras') UNION SELECT password FROM auth_user --",
    "%' AND 1=1 AND '%'='",
    '"""',
    "-",
    "- - -",
    "or or or",
    '"unclosed phrase',
    "\\",
    "&|!():*<>",
    "\u202ekeras\u202c",
    "\x00",
    SCRIPT,
    "x" * 5000,
]


@pytest.fixture
def archive(make_interview):
    make_interview("Keras and friends", turns=4)
    return make_interview("Bees", turns=2)


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_searches_answer_a_page_and_change_nothing(client, archive, query):
    before = Interview.objects.count()
    for url in ("/interviews/", "/interviews.json", f"{archive.get_absolute_url()}search/"):
        response = client.get(url, {"q": query})
        assert response.status_code in (200, 400), (url, response.status_code)
        assert SCRIPT not in response.content.decode()
    assert Interview.objects.count() == before


@pytest.mark.parametrize(
    "params",
    [
        {"topic": SCRIPT},
        {"outlet": "' OR 1=1 --"},
        {"person": "\u202eadmin"},
        {"interviewer": "x" * 10_000},
        {"year": "2018; DROP TABLE x"},
        {"from": "2017-13-45", "to": "tomorrow"},
        {"sort": SCRIPT},
        {"page": "-1"},
        {"topic": ["keras", "keras", SCRIPT]},
    ],
)
def test_hostile_filter_values_are_explained_inertly(client, archive, params):
    response = client.get("/interviews/", params)
    assert response.status_code in (200, 404)
    assert SCRIPT not in response.content.decode()
