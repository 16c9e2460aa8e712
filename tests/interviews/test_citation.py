"""Citing a turn: its anchor, a link that copies its address, and a line of text to cite it by."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from interviews.models import Interview, Turn

SEED_000 = "pyimagesearch-interview-francois-chollet-2018"
SEED_001 = "datacamp-interview-francois-chollet-2017"
# The archive's version (for the page cache), then interview+outlet, interviewers,
# interviewees, topics, turns, comments: none per turn.
DETAIL_PAGE_QUERIES = 1 + 6
CITE = re.compile(r'<p class="cite">(.*?)</p>', re.S)


def detail_html(client, slug: str) -> str:
    response = client.get(reverse("interviews:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def turn_section(html: str, anchor: str) -> str:
    start = html.index(f'<section id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_a_turn_is_cited_by_speaker_title_outlet_date_and_address(client, sample_archive):
    html = detail_html(client, SEED_000)

    (cite,) = CITE.findall(turn_section(html, "t3"))
    assert cite == (
        "François Chollet, in “An interview with Francois Chollet”, PyImageSearch, "
        f"2 July 2018. http://testserver/interviews/{SEED_000}/#t3"
    )


def test_the_citation_gives_the_date_only_as_precisely_as_it_is_known(client, sample_archive):
    html = detail_html(client, SEED_001)

    (cite,) = CITE.findall(turn_section(html, "t1"))
    assert cite == (
        "Hugo Bowne-Anderson, in “An Interview with François Chollet”, DataCamp, "
        f"December 2017. http://testserver/interviews/{SEED_001}/#t1"
    )


def test_a_caption_has_no_citation_of_its_own(client, sample_archive):
    html = detail_html(client, SEED_000)

    caption = turn_section(html, "t1")
    assert "<figcaption>" in caption
    assert CITE.findall(caption) == []
    assert "copy-link" not in caption


def test_every_turn_but_a_caption_has_its_anchor_a_copy_link_and_a_citation(client, sample_archive):
    interview = Interview.objects.get(slug=SEED_000)
    html = detail_html(client, SEED_000)

    for turn in interview.turns.exclude(kind=Turn.Kind.CAPTION):
        section = turn_section(html, turn.anchor)
        assert f'<a class="copy-link" href="#{turn.anchor}"' in section
        page = f"http://testserver{interview.get_absolute_url()}"
        assert f'data-copy-url="{page}#{turn.anchor}"' in section
        assert '<details class="turn-tools">' in section
        assert len(CITE.findall(section)) == 1


def test_the_copy_script_is_a_deferred_static_file(client, sample_archive):
    html = detail_html(client, SEED_000)

    assert '<script src="/static/js/cite.js" defer></script>' in html
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None  # no inline script
    script = finders.find("js/cite.js")
    with open(script, encoding="utf-8") as source:
        assert "navigator.clipboard" in source.read()
    assert client.get("/static/js/cite.js").status_code == 200


def test_the_citation_is_escaped(client, make_interview):
    interview = make_interview(title="<b>Bold</b> & co", turns=0)
    Turn.objects.create(interview=interview, position=1, speaker_label="<i>Eve</i>", text="Hi")

    html = detail_html(client, interview.slug)

    (cite,) = CITE.findall(turn_section(html, "t1"))
    assert cite.startswith("&lt;i&gt;Eve&lt;/i&gt;, in “&lt;b&gt;Bold&lt;/b&gt; &amp; co”, ")


@pytest.mark.parametrize("turns", [2, 80])
def test_citations_add_no_queries_per_turn(
    client, make_interview, django_assert_max_num_queries, turns
):
    interview = make_interview(turns=turns, comments=3)

    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        html = detail_html(client, interview.slug)

    assert html.count('<p class="cite">') == turns
