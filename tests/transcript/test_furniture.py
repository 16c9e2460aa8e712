"""Page furniture copied along with an article is dropped, listed in `ignored`, never spoken."""

import pytest

from interviews.transcript import PartialDate, parse
from tests.transcript.helpers import everything_said

PAGE = """Skip to content
Menu
Search
Home › Culture › Interviews
We use cookies to give you the best experience. By continuing to browse, you agree to our cookies.
Accept all cookies

The Baker of Rue Oberkampf

A conversation about flour, fire and four a.m.

By Claire Martin
Updated 5 June 2023 · 6 min read

Share
Facebook
Twitter
Email

Marc Duval has run the same bakery for thirty years.

Claire: What time do you start?

Marc: Four, every day except Monday.

Advertisement

Claire: Do you ever sleep in?

Marc: On Mondays, until six. My wife says that is not sleeping in.

Sign up for our newsletter
Get the best stories delivered to your inbox every Friday.

Tags: food, Paris, bakeries

Related articles

The Cheesemonger Who Knows Every Goat
5 min read

Inside Paris's Oldest Market
8 min read

Leave a Reply
Your email address will not be published. Required fields are marked *
"""


@pytest.fixture(scope="module")
def page():
    return parse(PAGE)


def test_the_conversation_survives_the_page_around_it(page):
    assert [(t.kind, t.speaker, t.text) for t in page.turns] == [
        ("question", "Claire", "What time do you start?"),
        ("answer", "Marc", "Four, every day except Monday."),
        ("question", "Claire", "Do you ever sleep in?"),
        ("answer", "Marc", "On Mondays, until six. My wife says that is not sleeping in."),
    ]
    assert page.intro == "Marc Duval has run the same bakery for thirty years."
    assert page.warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Menu",
        "Home › Culture › Interviews",
        "Accept all cookies",
        "Share",
        "Facebook",
        "Advertisement",
        "Sign up for our newsletter",
        "Get the best stories delivered to your inbox every Friday.",
        "Related articles",
        "The Cheesemonger Who Knows Every Goat",
        "8 min read",
        "Leave a Reply",
    ],
)
def test_furniture_is_ignored_and_never_spoken(page, line):
    assert line in page.ignored
    assert line not in everything_said(page)


def test_cookie_notice_is_furniture(page):
    assert any(line.startswith("We use cookies") for line in page.ignored)


def test_read_time_line_gives_the_date_and_is_dropped(page):
    assert page.published == PartialDate(2023, 6, 5)
    assert "Updated 5 June 2023 · 6 min read" in page.ignored


def test_title_deck_and_byline_are_read_around_the_furniture(page):
    assert page.title == "The Baker of Rue Oberkampf"
    assert page.deck == "A conversation about flour, fire and four a.m."
    assert page.metadata["byline"] == "By Claire Martin"


def test_tags_after_the_talk_are_metadata(page):
    assert page.metadata["tags"] == "food, Paris, bakeries"


def test_ignored_lines_are_in_page_order(page):
    assert page.ignored.index("Skip to content") < page.ignored.index("Advertisement")
    assert page.ignored.index("Advertisement") < page.ignored.index("Leave a Reply")


@pytest.mark.parametrize(
    "breadcrumb",
    [
        "HomeBlogDeep Learning",
        "Home > Blog > AI",
        "Home / Podcasts / Season 2",
        "News » Science » Space",
    ],
)
def test_breadcrumbs_above_the_title(breadcrumb):
    parsed = parse(
        f"{breadcrumb}\n\nA Title\n\nAna: Why?\n\nBen: Because.\n\nAna: Sure?\n\nBen: Yes."
    )
    assert parsed.title == "A Title"
    assert breadcrumb in parsed.ignored


def test_a_tag_line_of_bare_punctuation_is_furniture():
    parsed = parse("Ana: Why?\n\nBen: Because.\n\nAna: Sure?\n\nBen: Yes.\n\n, , , ,")
    assert parsed.turns[-1].text == "Yes."
    assert ", , , ," in parsed.ignored


def test_a_one_word_answer_is_not_a_menu_item():
    parsed = parse("Where do you go after work?\n\nHome.\n\nAnd then?\n\nBed.")
    assert [turn.text for turn in parsed.turns][1] == "Home."


def test_related_teasers_after_an_unlabelled_interview_are_cut():
    parsed = parse(
        "Why bees?\n\nBecause they dance.\n\nAnd wasps?\n\nThey don't.\n\n\n"
        "Ten Facts About Hornets\n\nA look at the bigger cousin.\nJo Smith's photo\n\n"
        "Jo Smith\n\n4 min\n\nWhy Ants Win\n\nColonies explained.\nAl Roe's photo\n\n"
        "Al Roe\n\n7 min\n\nSee More"
    )
    assert parsed.turns[-1].text == "They don't."
    assert "Ten Facts About Hornets" in parsed.ignored
    assert "See More" in parsed.ignored


def test_a_comment_heading_without_a_thread_still_ends_the_article():
    parsed = parse(
        "Ana: Why?\n\nBen: Because.\n\nAna: Sure?\n\nBen: Yes.\n\n2 Comments\n\nNice piece!"
    )
    assert parsed.turns[-1].text == "Yes."
    assert "Nice piece!" not in everything_said(parsed)


def test_a_letter_sign_off_is_not_speech():
    parsed = parse("Ana: Why?\n\nBen: Because.\n\nAna: Sure?\n\nBen: Yes.\n\nBest,\nAna")
    assert parsed.turns[-1].text == "Yes."
    assert parsed.ignored[-2:] == ["Best,", "Ana"]


def test_a_shouted_notice_in_the_header_is_furniture():
    parsed = parse(
        "THIS IS A RUSH TRANSCRIPT. IT MAY BE UPDATED.\n\nKING: Hello?\n\nGATES: Hi.\n\n"
        "KING: Bye?\n\nGATES: Bye."
    )
    assert parsed.intro == ""
    assert "THIS IS A RUSH TRANSCRIPT. IT MAY BE UPDATED." in parsed.ignored


def test_a_wrapped_sentence_ending_in_minutes_is_not_a_reading_time():
    text = (
        "    Mr. Doe. Thank you, Mr. Chairman. I will recognize myself\n"
        "for 5 minutes.\n"
        "    Ms. Roe. I will yield back and recognize the\n"
        "gentleman from Ohio for 5 minutes.\n"
        "    Mr. Doe. Thank you.\n"
    )
    parsed = parse(text)
    said = everything_said(parsed)
    assert "for 5 minutes." in said and "gentleman from Ohio for 5 minutes." in said
    assert parsed.ignored == []
