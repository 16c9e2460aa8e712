"""What only PostgreSQL's full-text search does: stemming, weights, unaccent, the GIN indexes.

Run with DATABASE_URL=postgres://...; on SQLite these tests are skipped (see tests/conftest.py).
"""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse

from interviews import search, selectors
from interviews.models import Interview, Turn

pytestmark = pytest.mark.postgres

ENTRY_TITLE = re.compile(r'class="interview-entry-title"><a href="[^"]*">([^<]*)</a>')
PYIMAGESEARCH = "pyimagesearch-interview-francois-chollet-2018"
DATACAMP = "datacamp-interview-francois-chollet-2017"


def add_turn(interview, position, text):
    return Turn.objects.create(interview=interview, position=position, text=text)


def search_list(client, query):
    response = client.get(reverse("interviews:list"), {"q": query})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return ENTRY_TITLE.findall(response.content.decode())


def tsvector(text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [search.CONFIG, text])
        return cursor.fetchone()[0]


# --- The stored vectors -------------------------------------------------------------------------


def test_the_search_configuration_stems_english_and_drops_accents(db):
    assert tsvector("François Chollet is learning") == "'chollet':2 'francoi':1 'learn':4"


def test_vectors_are_generated_from_the_text_with_weights(make_interview):
    interview = make_interview("Keras", deck="Python", intro="Separable", turns=0)
    add_turn(interview, 1, "Convolutions")

    (head,) = Interview.objects.filter(pk=interview.pk).values_list("search_vector", flat=True)
    (turn,) = Turn.objects.filter(interview=interview).values_list("search_vector", flat=True)
    assert {"'kera':1A", "'python':2B", "'separ':3C"} <= set(head.split())
    assert turn == "'convolut':1"  # weight D, which PostgreSQL does not print


def test_a_turn_vector_follows_its_text(make_interview):
    interview = make_interview(turns=0)
    turn = add_turn(interview, 1, "Keras")

    Turn.objects.filter(pk=turn.pk).update(text="TensorFlow")

    assert Turn.objects.filter(search.matches(search.parse("tensorflow"))).get() == turn
    assert not Turn.objects.filter(search.matches(search.parse("keras"))).exists()


def test_the_gin_indexes_exist(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%search_gin'"
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"interview_search_gin", "turn_search_gin"}
    assert all("USING gin (search_vector)" in definition for definition in indexes.values())


# --- The GIN indexes are used -------------------------------------------------------------------


def test_the_list_search_finds_its_candidates_through_the_gin_indexes(make_interview):
    interviews = [make_interview(turns=0) for _ in range(20)]
    Turn.objects.bulk_create(
        Turn(interview=interview, position=position, text=f"Ordinary words, row {position}.")
        for interview in interviews
        for position in range(1, 151)
    )
    add_turn(interviews[3], 151, "A zyzzyva appears.")
    with connection.cursor() as cursor:
        # What autovacuum does in production: merge the indexes' pending entries, gather stats.
        cursor.execute("SELECT gin_clean_pending_list('turn_search_gin')")
        cursor.execute("ANALYZE interviews_turn")
        cursor.execute("ANALYZE interviews_interview")
    matching = search.candidate_query(
        search.parse("zyzzyva"), interviews=Interview.objects.published(), turns=Turn.objects.all()
    )

    plan = matching.explain()

    assert "Bitmap Index Scan on turn_search_gin" in plan
    assert "Seq Scan on interviews_turn" not in plan
    assert list(matching) == [interviews[3].pk]


def test_with_many_turns_the_planner_picks_the_gin_index_itself(make_interview):
    interview = make_interview(turns=0)
    Turn.objects.bulk_create(
        Turn(interview=interview, position=position, text=f"Ordinary words, row {position}.")
        for position in range(1, 3001)
    )
    add_turn(interview, 3001, "A zyzzyva appears.")
    with connection.cursor() as cursor:
        # What autovacuum does in production: merge the index's pending entries, gather stats.
        cursor.execute("SELECT gin_clean_pending_list('turn_search_gin')")
        cursor.execute("ANALYZE interviews_turn")

    plan = Turn.objects.filter(search.matches(search.parse("zyzzyva"))).order_by().explain()

    assert "turn_search_gin" in plan
    assert "Seq Scan" not in plan


# --- Matching -----------------------------------------------------------------------------------


def test_words_match_their_other_forms(client, make_interview):
    add_turn(make_interview("Stems", turns=0), 1, "Separable convolutions for learning.")

    for query in ("convolution", "separability", "learns", '"separable convolution"'):
        assert titles(search_list(client, query)) == ["Stems"], query


def test_weights_rank_title_then_deck_then_intro_then_turns(client, make_interview):
    make_interview("Keras", turns=0)
    make_interview("Deck", deck="About Keras", turns=0)
    make_interview("Intro", intro="We talk about Keras.", turns=0)
    add_turn(make_interview("Turns", turns=0), 1, "Keras, Keras and Keras again.")

    assert titles(search_list(client, "keras")) == ["Keras", "Deck", "Intro", "Turns"]


def test_only_very_common_words_find_nothing_without_an_error(client, make_interview):
    add_turn(make_interview("Common", turns=0), 1, "The and of.")

    html = search_list(client, "the and").content.decode()

    assert "No interviews matching “the and”." in html


def test_a_headline_marks_the_accented_word_a_plain_query_found(client, make_interview):
    add_turn(make_interview("Accents", turns=0), 1, "Déjà vu in Zürich with Hervé.")

    html = search_list(client, "deja herve").content.decode()

    assert "<mark>Déjà</mark> vu in Zürich with <mark>Hervé</mark>" in html


# --- The seed pages -----------------------------------------------------------------------------


def test_seed_depthwise_separable_finds_the_turn_in_the_first_seed(client, sample_archive):
    turn = Turn.objects.get(interview__slug=PYIMAGESEARCH, text__contains="depthwise separable")

    response = search_list(client, "depthwise separable")
    html = response.content.decode()

    assert titles(response) == ["An interview with Francois Chollet"]
    assert f'href="/interviews/{PYIMAGESEARCH}/#{turn.anchor}"' in html
    assert "<mark>depthwise</mark> <mark>separable</mark>" in html


def test_seed_francois_finds_francois_with_a_cedilla(client, sample_archive):
    response = search_list(client, "Francois")
    html = response.content.decode()

    assert "An Interview with François Chollet" in titles(response)
    assert f'href="/interviews/{DATACAMP}/#t1"' in html
    assert "<mark>François</mark>, you’re a software engineer" in html


def test_seed_phrase_without_a_word(client, sample_archive):
    response = search_list(client, '"deep learning" -keras')
    filters = selectors.interview_filter(params=QueryDict("q=%22deep+learning%22+-keras"))
    found = Turn.objects.filter(search.matches(filters.search))

    assert titles(response)
    assert found.exists()
    for turn in found:
        assert "deep learning" in turn.text.lower(), turn
        assert "keras" not in turn.text.lower(), turn
    assert "<mark>Keras</mark>" not in response.content.decode()


@pytest.mark.parametrize("query", ['"""', "-", '"deep', "keras -", '-"" or', "!!(", "or -or"])
def test_seed_broken_syntax_is_not_an_error(client, sample_archive, query):
    assert client.get(reverse("interviews:list"), {"q": query}).status_code == 200


def test_seed_search_within_lists_every_matching_turn(client, sample_archive):
    interview = Interview.objects.get(slug=PYIMAGESEARCH)
    matching = Turn.objects.filter(search.matches(search.parse("keras")), interview=interview)

    url = reverse("interviews:search_within", kwargs={"slug": PYIMAGESEARCH})
    html = client.get(url, {"q": "keras"}).content.decode()

    assert matching.count() > 3
    assert f"{matching.count()} passages match “keras”" in html
    for turn in matching:
        assert f'href="/interviews/{PYIMAGESEARCH}/#{turn.anchor}"' in html


# --- A bounded search ---------------------------------------------------------------------------


@override_settings(SEARCH_RANK_CANDIDATES=3)
def test_a_cut_search_ranks_its_candidates_with_a_title_match_first(client, make_interview):
    for index in range(5):
        add_turn(make_interview(f"Talk {index}", turns=0), 1, f"Machine learning, part {index}.")
    make_interview("Deep learning at scale", turns=0)

    response = search_list(client, "learned")  # stemmed: learning, learned
    html = response.content.decode()

    assert titles(response)[0] == "Deep learning at scale"
    assert len(titles(response)) == 3
    assert "More than 3 interviews match “learned”; showing the best of the first 3." in html
    assert "More than 3 interviews found" in html
