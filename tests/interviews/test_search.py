"""Searching the archive, on whichever database the suite runs: the same URLs, pages and results.

PostgreSQL's full-text search and SQLite's simpler matcher agree on everything here; what only
PostgreSQL does (stemming, weights, the GIN index) is in test_search_postgres.py.
"""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from interviews import search
from interviews.models import Interview, Turn

ENTRY_TITLE = re.compile(r'class="interview-entry-title"><a href="[^"]*">([^<]*)</a>')
SNIPPET = re.compile(r'<span class="snippet">(.*?)</span>\s*</li>', re.S)

# Every public page first reads the archive's version, for the page cache
# (interviews/http_caching.py); then the candidates (one query), count, the page's ids, the
# page, 3 prefetches, 5 facets, the matching passages of the page.
SEARCH_LIST_QUERIES = 1 + 13
# The version; the interview, its matching turns.
SEARCH_WITHIN_QUERIES = 1 + 2


def add_turn(interview, position, text, *, speaker=None, kind=Turn.Kind.ANSWER):
    return Turn.objects.create(
        interview=interview,
        position=position,
        text=text,
        kind=kind,
        speaker=speaker,
        speaker_label=speaker.name if speaker else "",
    )


def search_list(client, query, **params):
    response = client.get(reverse("interviews:list"), {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return ENTRY_TITLE.findall(response.content.decode())


def snippets(response) -> list[str]:
    return SNIPPET.findall(response.content.decode())


# --- Reading a query ----------------------------------------------------------------------------


def test_parse_reads_words_phrases_exclusions_and_or():
    parsed = search.parse('Keras "depthwise separable" -TensorFlow pytorch or caffe')

    assert parsed.groups == (("keras",), ("depthwise separable",), ("pytorch", "caffe"))
    assert parsed.excluded == ("tensorflow",)
    assert parsed.terms == ("keras", "depthwise separable", "pytorch", "caffe")


def test_parse_folds_accents_case_and_punctuation():
    parsed = search.parse("François l’Hôpital -Zürich")

    assert parsed.groups == (("francois",), ("l hopital",))
    assert parsed.excluded == ("zurich",)


@pytest.mark.parametrize("raw", ['"""', "-", '"', "or", "or or", "- -", "  ", "!!", '"-"', "&|!()"])
def test_parse_finds_nothing_to_search_in_punctuation(raw):
    assert search.parse(raw).is_empty


def test_an_unclosed_quote_runs_to_the_end():
    assert search.parse('"deep learn').groups == (("deep learn",),)


@given(st.text(max_size=300))
@hypothesis_settings(max_examples=300, deadline=None)
def test_parse_and_snippet_never_raise(raw):
    parsed = search.parse(raw)
    html = search.snippet(raw, parsed)
    assert "<script" not in html


def test_search_key_is_bare_words_between_spaces():
    assert search.search_key("François CHOLLET, Keras’s creator!") == (
        " francois chollet keras s creator "
    )
    assert search.search_key("") == " "


# --- Highlighting -------------------------------------------------------------------------------


def test_marked_escapes_the_text_and_allows_only_mark_tags():
    html = search.marked(f"<script>x</script> {search.MARK_START}word{search.MARK_STOP} & more")

    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>word</mark> &amp; more"


def test_snippet_highlights_every_matching_word_accents_aside():
    found = search.parse('francois "deep learning"')

    html = search.snippet("Ask François about deep learning, then deeper.", found)

    assert html == (
        "Ask <mark>François</mark> about <mark>deep</mark> <mark>learning</mark>, then deeper."
    )


def test_snippet_is_an_extract_around_the_first_match():
    text = " ".join(f"word{index}" for index in range(100)) + " keras " + "tail " * 50
    found = search.parse("keras")

    html = search.snippet(text, found, max_words=10, lead=3)

    assert html == "… word97 word98 word99 <mark>keras</mark> tail tail tail tail tail tail …"


def test_snippet_escapes_the_text_around_the_marks():
    html = search.snippet("<b>Keras</b> & <script>alert(1)</script>", search.parse("keras"))

    assert (
        html == "&lt;b&gt;<mark>Keras</mark>&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    )


# --- The list page ------------------------------------------------------------------------------


@pytest.fixture
def talks(make_interview, make_person):
    """Three interviews: one about Keras in its title, one that mentions it, one that does not."""
    guest = make_person("François Chollet")
    about = make_interview("Keras internals", turns=0, interviewee=guest)
    add_turn(about, 1, "Tell us how it began.")
    mention = make_interview("A long conversation", turns=0, interviewee=guest)
    add_turn(mention, 1, "What do you use?", kind=Turn.Kind.QUESTION)
    add_turn(mention, 2, "Mostly Keras, and Keras again: keras for everything.", speaker=guest)
    add_turn(mention, 3, "I also read about depthwise separable convolutions.", speaker=guest)
    other = make_interview("Gardening", turns=0)
    add_turn(other, 1, "Roses and tulips.")
    return {"about": about, "mention": mention, "other": other, "guest": guest}


def test_a_search_finds_words_in_the_turns(client, talks):
    response = search_list(client, "depthwise separable")

    assert titles(response) == ["A long conversation"]


def test_a_match_in_the_title_outranks_a_passing_mention(client, talks):
    response = search_list(client, "keras")

    assert titles(response) == ["Keras internals", "A long conversation"]


def test_sorting_a_search_by_date_instead(client, talks):
    interviews = Interview.objects.filter(title__in=["Keras internals", "A long conversation"])
    interviews.filter(title="Keras internals").update(published_on="2001-01-01")

    response = search_list(client, "keras", sort="newest")

    assert titles(response) == ["A long conversation", "Keras internals"]


def test_matching_turns_are_shown_under_their_interview_with_a_link_to_each(client, talks):
    mention = talks["mention"]

    html = search_list(client, "depthwise").content.decode()

    entry = html[html.index(">A long conversation<") :]
    assert f'href="{mention.get_absolute_url()}#t3"' in entry
    assert '<a class="search-match-speaker" href="' in entry
    assert ">François Chollet</a>" in entry
    assert "<mark>depthwise</mark>" in entry


def test_highlighting_marks_the_words_and_escapes_the_turn(client, make_interview):
    interview = make_interview("Safe", turns=0)
    add_turn(interview, 1, "Keras <img src=x onerror=alert(1)> & 2 < 3")

    response = search_list(client, "keras")
    html = response.content.decode()

    # (PostgreSQL's extract ends on the last word: the rest is cut.)
    (snippet,) = snippets(response)
    assert snippet.startswith("<mark>Keras</mark> &lt;img src=x onerror=alert")
    assert "<img" not in html


def test_a_script_in_a_turn_never_reaches_the_page(client, make_interview):
    interview = make_interview("Safe", turns=0)
    add_turn(interview, 1, "Keras <script>alert('x')</script> <b>bold</b>")

    response = search_list(client, "keras")
    html = response.content.decode()

    # PostgreSQL's headline drops what looks like an HTML tag; the rest is escaped on both.
    (snippet,) = snippets(response)
    assert snippet.startswith("<mark>Keras</mark>")
    assert "alert(&#x27;x&#x27;)" in snippet
    assert "<script" not in html
    assert "<b>" not in html


def test_an_extract_of_a_long_turn_says_where_it_was_cut(client, make_interview):
    words = [f"filler{index}" for index in range(100)]
    add_turn(make_interview("Long", turns=0), 1, " ".join([*words[:50], "keras", *words[50:]]))
    add_turn(make_interview("Short", turns=0), 1, "Keras in short.")

    long_snippet, short_snippet = snippets(search_list(client, "keras", sort="oldest"))

    assert long_snippet.startswith("… ")
    assert long_snippet.endswith(" …")
    assert "<mark>keras</mark>" in long_snippet
    assert short_snippet.startswith("<mark>Keras</mark> in short")
    assert "…" not in short_snippet


def test_a_search_is_accent_insensitive_both_ways(client, make_interview):
    accented = make_interview("Accented", turns=0)
    add_turn(accented, 1, "A talk with François about Zürich.")
    plain = make_interview("Plain", turns=0)
    add_turn(plain, 1, "A talk with Francois about Zurich.")

    assert sorted(titles(search_list(client, "Francois"))) == ["Accented", "Plain"]
    assert sorted(titles(search_list(client, "FRANÇOIS zürich"))) == ["Accented", "Plain"]
    assert "<mark>François</mark>" in search_list(client, "francois").content.decode()


def test_a_quoted_phrase_must_appear_as_written(client, make_interview):
    together = make_interview("Together", turns=0)
    add_turn(together, 1, "Deep learning changed the field.")
    apart = make_interview("Apart", turns=0)
    add_turn(apart, 1, "Learning is deep, and so is the field.")

    assert titles(search_list(client, '"deep learning"')) == ["Together"]
    assert sorted(titles(search_list(client, "deep learning"))) == ["Apart", "Together"]


def test_a_minus_leaves_out_a_word_and_or_accepts_either(client, make_interview):
    for title, text in [
        ("Both", "Keras runs on TensorFlow."),
        ("Keras only", "Keras is a library."),
        ("PyTorch", "PyTorch is another."),
    ]:
        add_turn(make_interview(title, turns=0), 1, text)

    assert titles(search_list(client, "keras -tensorflow")) == ["Keras only"]
    assert sorted(titles(search_list(client, "pytorch or tensorflow"))) == ["Both", "PyTorch"]


@pytest.mark.parametrize(
    "query", ['"""', "-", '"', "&|!", "(", "'", ":*", "keras:*", '"unclosed', "or", "-(-)", "\\"]
)
def test_broken_search_syntax_is_never_an_error(client, talks, query):
    response = client.get(reverse("interviews:list"), {"q": query})

    assert response.status_code == 200


def test_a_search_with_nothing_to_search_says_so_and_lists_everything(client, talks):
    response = search_list(client, '"""')

    assert "There is nothing to search for in" in response.content.decode()
    assert len(titles(response)) == 3


def test_a_search_without_results_says_so(client, talks):
    html = search_list(client, "zyzzyva").content.decode()

    assert "No interviews matching “zyzzyva”." in html
    assert "fewer or shorter words find more" in html


def test_a_search_combines_with_the_filters(client, talks, make_topic):
    topic = make_topic("Libraries", slug="libraries")
    talks["mention"].topics.add(topic)

    assert titles(search_list(client, "keras", topic="libraries")) == ["A long conversation"]
    html = search_list(client, "keras", topic="libraries").content.decode()
    assert "<h1>Interviews matching “keras” about Libraries</h1>" in html


def test_at_most_three_passages_an_interview_then_a_link_to_all(client, make_interview):
    interview = make_interview("Talkative", turns=0)
    for position in range(1, 8):
        add_turn(interview, position, f"Keras, part {position}.")

    response = search_list(client, "keras")
    html = response.content.decode()

    assert len(snippets(response)) == 3
    assert [f"#t{position}" in html for position in (1, 2, 3, 4)] == [True, True, True, False]
    within = reverse("interviews:search_within", kwargs={"slug": interview.slug})
    assert f'<a href="{within}?q=keras">All 7 matching passages in this interview</a>' in html


def test_a_draft_is_never_found(client, make_interview):
    draft = make_interview("Secret", turns=0, status=Interview.Status.DRAFT)
    add_turn(draft, 1, "Keras secrets.")

    assert titles(search_list(client, "keras")) == []


def test_the_header_has_a_search_box_on_every_page(client, talks):
    html = client.get(reverse("home")).content.decode()

    assert '<form class="site-search" role="search" method="get" action="/interviews/">' in html


@pytest.mark.parametrize("interviews", [1, 20])
def test_a_search_takes_a_fixed_number_of_queries(
    client, make_interview, django_assert_max_num_queries, interviews
):
    for index in range(interviews):
        interview = make_interview(turns=0)
        for position in range(1, 11):
            add_turn(interview, position, f"Keras answer {index}.{position}")

    with django_assert_max_num_queries(SEARCH_LIST_QUERIES):
        response = search_list(client, "keras")

    assert len(titles(response)) == interviews
    assert len(snippets(response)) == 3 * interviews


# --- A bounded search: only the first matches are ranked ----------------------------------------

CUT_NOTICE = (
    "More than 3 interviews match “learning”; showing the best of the first 3. "
    "Add a word or a filter to narrow it."
)


@pytest.fixture
def learning(make_interview, make_outlet):
    """Six interviews that mention learning, two turns each, from two outlets; one that does not."""
    outlets = [make_outlet("Radio"), make_outlet("Press")]
    found = []
    for index in range(6):
        interview = make_interview(f"Talk {index}", turns=0, outlet=outlets[index % 2])
        add_turn(interview, 1, f"On learning, part {index}.")
        add_turn(interview, 2, "Learning again, and again learning.")
        found.append(interview)
    make_interview("Gardening", turns=0)
    return found


def facet_counts(response, name: str) -> dict[str, int]:
    html = response.content.decode()
    section = re.search(rf'aria-labelledby="facet-{name}">(.*?)</section>', html, re.S)
    assert section, f"no {name} facet"
    # A chosen option carries a "remove" sign after its label.
    options = re.findall(
        r'<a href="[^"]*"[^>]*>([^<]*?) ?(?:<span[^<]*</span><span[^<]*</span>)?</a> '
        r'<span class="count">(\d+)</span>',
        section.group(1),
    )
    return {label: int(count) for label, count in options}


def candidates_of(query: str, *, limit: int) -> search.Candidates:
    return search.candidates(
        search.parse(query),
        interviews=Interview.objects.published(),
        turns=Turn.objects.all(),
        limit=limit,
    )


def test_candidates_are_the_first_matching_interviews_each_once(learning):
    found = candidates_of("learning", limit=4)

    assert found.cut is True
    assert len(found.ids) == len(set(found.ids)) == 4
    assert set(found.ids) <= {interview.pk for interview in learning}


def test_a_match_in_the_head_is_a_candidate_before_any_turn(learning, make_interview):
    titled = make_interview("Learning to listen", turns=0)

    found = candidates_of("learning", limit=2)

    assert found.ids[0] == titled.pk


def test_candidates_of_a_rare_word_are_every_match(learning):
    found = candidates_of("part 3", limit=4)

    assert found == search.Candidates(ids=(learning[3].pk,), cut=False, limit=4)


@override_settings(SEARCH_RANK_CANDIDATES=3)
def test_a_search_matching_more_than_the_limit_ranks_only_the_first_and_says_so(client, learning):
    response = search_list(client, "learning")
    html = response.content.decode()

    assert CUT_NOTICE in html
    assert "More than 3 interviews found" in html
    assert len(titles(response)) == 3
    assert "Counted over the first 3 matches." in html
    # The facets count the candidates, not every match.
    assert sum(facet_counts(response, "outlet").values()) == 3


@override_settings(SEARCH_RANK_CANDIDATES=3)
def test_sorted_by_date_a_cut_search_says_which_it_shows(client, learning):
    response = search_list(client, "learning", sort="newest")

    assert (
        "More than 3 interviews match “learning”; showing the first 3 found, newest first."
        in response.content.decode()
    )


@override_settings(SEARCH_RANK_CANDIDATES=6)
def test_a_search_within_the_limit_is_exact(client, learning):
    response = search_list(client, "learning")
    html = response.content.decode()

    assert "showing the best of the first" not in html
    assert "6 interviews found" in html
    assert facet_counts(response, "outlet") == {"Radio": 3, "Press": 3}


@override_settings(SEARCH_RANK_CANDIDATES=2)
def test_the_other_filters_apply_before_the_limit(client, learning):
    radio = learning[0].outlet

    response = search_list(client, "part", outlet=radio.slug)

    assert "More than 2 interviews match" in response.content.decode()
    assert len(titles(response)) == 2
    assert all(title in {"Talk 0", "Talk 2", "Talk 4"} for title in titles(response))
    # The outlet facet leaves its own filter out: its candidates come from every outlet.
    assert sum(facet_counts(response, "outlet").values()) == 2


@override_settings(SEARCH_RANK_CANDIDATES=25, INTERVIEWS_PER_PAGE=20)
def test_pages_of_a_cut_search_run_over_the_candidates_only(client, make_interview):
    for index in range(30):
        add_turn(make_interview(turns=0), 1, f"Learning {index}")

    first = search_list(client, "learning").content.decode()
    second = search_list(client, "learning", page=2)

    assert "Page 1 of 2" in first
    assert len(titles(second)) == 5
    assert client.get(reverse("interviews:list"), {"q": "learning", "page": 3}).status_code == 404


# --- Searching within one interview -------------------------------------------------------------


def search_within(client, interview, query=None):
    params = {} if query is None else {"q": query}
    url = reverse("interviews:search_within", kwargs={"slug": interview.slug})
    return client.get(url, params)


def test_the_interview_page_has_a_search_box_for_itself(client, talks):
    html = client.get(talks["mention"].get_absolute_url()).content.decode()

    action = reverse("interviews:search_within", kwargs={"slug": talks["mention"].slug})
    assert f'<form class="search-within" role="search" method="get" action="{action}">' in html


def test_searching_within_an_interview_lists_every_matching_turn_in_order(client, talks):
    mention = talks["mention"]

    response = search_within(client, mention, "keras or depthwise")
    html = response.content.decode()

    assert response.status_code == 200
    assert "2 passages match “keras or depthwise”" in html
    first = html.index(f'href="{mention.get_absolute_url()}#t2"')
    second = html.index(f'href="{mention.get_absolute_url()}#t3"')
    assert first < second
    assert f'href="{mention.get_absolute_url()}#t1"' not in html
    assert "<mark>Keras</mark>" in html
    assert "<mark>depthwise</mark>" in html


def test_searching_within_leaves_out_the_other_interviews(client, talks):
    html = search_within(client, talks["about"], "depthwise").content.decode()

    assert "No passage matches “depthwise”" in html
    assert 'href="/interviews/?q=depthwise"' in html


def test_searching_within_without_a_query_shows_only_the_box(client, talks):
    html = search_within(client, talks["about"]).content.decode()

    assert 'class="search-within"' in html
    assert "passage" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "A search can be at most 200 characters long."),
        ("\x00", "Null characters are not allowed."),
        ('"""', "There is nothing to search for in"),
    ],
)
def test_searching_within_with_a_bad_query_says_so(client, talks, query, message):
    response = search_within(client, talks["about"], query)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_searching_within_a_draft_or_unknown_interview_is_a_404(client, make_interview):
    draft = make_interview(status=Interview.Status.DRAFT)

    assert search_within(client, draft, "keras").status_code == 404
    assert client.get("/interviews/no-such-thing/search/?q=keras").status_code == 404


@pytest.mark.parametrize("turns", [5, 200])
def test_searching_within_takes_a_fixed_number_of_queries(
    client, make_interview, django_assert_max_num_queries, turns
):
    interview = make_interview(turns=0)
    for position in range(1, turns + 1):
        add_turn(interview, position, f"Keras passage {position}.")

    with django_assert_max_num_queries(SEARCH_WITHIN_QUERIES):
        response = search_within(client, interview, "keras")

    assert response.content.decode().count('class="search-match-speaker"') == turns


# --- SQLite's matcher ---------------------------------------------------------------------------


@pytest.mark.skipif(settings.USING_POSTGRES, reason="SQLite's matcher; PostgreSQL stems instead")
def test_sqlite_matches_the_start_of_words_only(client, make_interview):
    add_turn(make_interview("Convolutions", turns=0), 1, "Separable convolutions.")
    add_turn(make_interview("Said", turns=0), 1, "He said so.")

    assert titles(search_list(client, "convol")) == ["Convolutions"]
    assert titles(search_list(client, "ai")) == []
