"""The reading aids of an interview's page: reading time, question navigation, neighbours."""

import datetime

import pytest

from interviews.models import Interview, Turn

# The archive's version (for the page cache), then the page's own 6: none per turn.
DETAIL_PAGE_QUERIES = 1 + 6


def html_of(client, interview) -> str:
    return client.get(interview.get_absolute_url()).content.decode()


def test_the_page_says_how_long_it_takes_to_read(client, make_interview):
    interview = make_interview(turns=0)
    Turn.objects.create(interview=interview, position=1, kind="answer", text="word " * 1150)
    assert "<li>5 min read</li>" in html_of(client, interview)


def test_a_short_interview_takes_a_minute(client, make_interview):
    assert "<li>1 min read</li>" in html_of(client, make_interview(turns=2))


def test_each_question_links_to_the_next_and_the_previous(client, make_interview):
    interview = make_interview(turns=6)  # questions at positions 1, 3 and 5
    html = html_of(client, interview)
    first, second, third = (html.index(f'id="t{n}"') for n in (1, 3, 5))
    first_question = html[first:second]
    assert 'href="#t3" rel="next" data-question-nav="next">↓ Next question' in first_question
    assert "Previous question" not in first_question
    middle = html[second:third]
    assert 'href="#t1" rel="prev"' in middle
    assert 'href="#t5" rel="next"' in middle
    last = html[third:]
    assert 'href="#t3" rel="prev"' in last.split("</section>")[0]
    assert "Next question" not in last.split("</section>")[0]


def test_the_page_names_the_keys_that_move_between_questions(client, make_interview):
    html = html_of(client, make_interview(turns=4))
    assert "<kbd>j</kbd> next question" in html
    assert '<script src="/static/js/reading.js" defer></script>' in html


def test_the_newer_and_older_interviews_are_linked(client, make_interview):
    older = make_interview("Older", published_on=datetime.date(2017, 1, 1))
    middle = make_interview("Middle", published_on=datetime.date(2018, 1, 1))
    newer = make_interview("Newer", published_on=datetime.date(2019, 1, 1))
    make_interview("Draft", published_on=datetime.date(2018, 6, 1), status="draft")

    html = html_of(client, middle)
    assert f'<link rel="prev" href="{newer.get_absolute_url()}">' in html
    assert f'<link rel="next" href="{older.get_absolute_url()}">' in html
    assert "Newer interview</span> Newer</a>" in html
    assert "Older interview</span> Older</a>" in html
    assert "Draft" not in html

    assert "Newer interview" not in html_of(client, newer)
    assert "Older interview" not in html_of(client, older)


def test_interviews_on_one_day_and_undated_ones_follow_the_list_order(client, make_interview):
    day = datetime.date(2018, 1, 1)
    first = make_interview("First", published_on=day)
    second = make_interview("Second", published_on=day)
    undated = make_interview("Undated", published_on=None)
    later_undated = make_interview("Later undated", published_on=None)

    # The list shows, newest first: Second, First, Later undated, Undated.
    html = html_of(client, first)
    assert "Newer interview</span> Second<" in html
    assert "Older interview</span> Later undated<" in html
    html = html_of(client, later_undated)
    assert "Newer interview</span> First<" in html
    assert "Older interview</span> Undated<" in html
    assert "Older interview" not in html_of(client, undated)
    assert "Newer interview" not in html_of(client, second)


def test_the_stored_byline_is_shown_with_the_details_and_escaped(client, make_interview):
    interview = make_interview(byline="Interview by <b>Ann Lee</b>")
    html = html_of(client, interview)
    assert '<li class="byline">Interview by &lt;b&gt;Ann Lee&lt;/b&gt;</li>' in html
    assert 'class="byline"' not in html_of(client, make_interview())


def test_the_date_is_shown_to_its_precision(client, make_interview):
    interview = make_interview(published_on=datetime.date(2017, 12, 1), date_precision="month")
    assert '<time datetime="2017-12">December 2017</time>' in html_of(client, interview)


@pytest.mark.parametrize("turns", [5, 500])
def test_reading_aids_add_no_query(client, make_interview, django_assert_max_num_queries, turns):
    make_interview(published_on=datetime.date(2010, 1, 1))
    interview = make_interview(turns=turns, comments=4)
    make_interview(published_on=datetime.date(2030, 1, 1))
    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    assert Interview.objects.count() == 3
