"""Metadata guesses: title, deck, publication date, header fields, intro and closing note."""

import pytest

from interviews.transcript import PartialDate, parse
from interviews.transcript.dates import date_from_url, find_date
from tests.transcript.helpers import sample

TALK = "Ana: Why bees?\n\nBen: They dance.\n\nAna: And wasps?\n\nBen: They don't."


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("July 2, 2018", PartialDate(2018, 7, 2)),
        ("2 July 2018", PartialDate(2018, 7, 2)),
        ("Posted on Jul. 2nd, 2018 by Ana", PartialDate(2018, 7, 2)),
        ("Monday, 2 July 2018", PartialDate(2018, 7, 2)),
        ("Dec 2017", PartialDate(2017, 12)),
        ("December 2017", PartialDate(2017, 12)),
        ("Dec 2017 \u00a0· 15 min read", PartialDate(2017, 12)),
        ("2017-12-05", PartialDate(2017, 12, 5)),
        ("Published 2017/12/05", PartialDate(2017, 12, 5)),
        ("Samstag, 5. Oktober 2013", PartialDate(2013, 10, 5)),
        ("5. Okt. 2013", PartialDate(2013, 10, 5)),
        ("samedi 5 octobre 2013", PartialDate(2013, 10, 5)),
        ("le 1er février 2014", PartialDate(2014, 2, 1)),
        ("sábado, 5 de octubre de 2013", PartialDate(2013, 10, 5)),
        ("sabato 5 ottobre 2013", PartialDate(2013, 10, 5)),
        ("zaterdag 5 oktober 2013", PartialDate(2013, 10, 5)),
        ("5 de outubro de 2013", PartialDate(2013, 10, 5)),
        ("März 2020", PartialDate(2020, 3)),
        ("octubre de 2013", PartialDate(2013, 10)),
        ("Okt. 2013", PartialDate(2013, 10)),
    ],
)
def test_publication_dates_in_many_forms(dateline, expected):
    parsed = parse(f"A Title\n\n{dateline}\n\n{TALK}")
    assert parsed.published == expected
    assert parsed.title == "A Title"


@pytest.mark.parametrize("text", ["sold out 2013 tickets", "a set 2013 price"])
def test_a_foreign_month_abbreviation_needs_its_dot_without_a_day(text):
    """ "out" (Portuguese October) and "set" (Italian September) are English words first."""
    assert find_date(text) is None


def test_a_foreign_month_abbreviation_reads_with_a_day():
    assert find_date("12 set 2013") == PartialDate(2013, 9, 12)
    assert find_date("out. 2013") == PartialDate(2013, 10)


def test_date_precision_shows_in_the_json():
    assert parse(f"A Title\n\nDec 2017\n\n{TALK}").as_json()["published"] == "2017-12"
    assert parse(f"A Title\n\n2 July 2018\n\n{TALK}").as_json()["published"] == "2018-07-02"


def test_an_impossible_date_is_no_date():
    assert parse(f"A Title\n\nFebruary 30, 2018\n\n{TALK}").published is None


def test_a_date_inside_intro_prose_is_not_the_publication_date():
    intro = "On July 4, 1976, the town held a parade that everyone still remembers for the rain."
    assert parse(f"A Title\n\n{intro}\n\n{TALK}").published is None


def test_front_matter_is_metadata():
    parsed = parse(sample("markdown_bold.md"))
    assert parsed.title == "Ten Questions for a Lighthouse Keeper"
    assert parsed.published == PartialDate(2020, 6, 15)
    assert parsed.metadata["author"] == "Ines Carvalho"
    assert parsed.metadata["tags"] == "maritime, work"
    assert (
        parsed.deck
        == "Ines Carvalho spent a night at the last staffed lighthouse on the Atlantic coast."
    )


def test_key_value_header_lines_are_metadata_and_say_the_title_and_date():
    parsed = parse(f"Title: Bees and Wasps\nDate: 2019-05-01\nLocation: Lyon\n\n{TALK}")
    assert parsed.title == "Bees and Wasps"
    assert parsed.published == PartialDate(2019, 5, 1)
    assert parsed.metadata["location"] == "Lyon"
    assert parsed.intro == ""
    assert len(parsed.turns) == 4


def test_show_notes_in_the_header_are_metadata_not_turns():
    parsed = parse(
        "Host: Jane Doe\nGuest: Bob Roe\nRecorded: 2020-01-05\n\n"
        "JANE: Welcome, Bob. Why bees?\n\nBOB: Because.\n\nJANE: How many hives?\n\nBOB: Twelve."
    )
    assert parsed.metadata == {"host": "Jane Doe", "guest": "Bob Roe", "recorded": "2020-01-05"}
    # The header names the capitals labels and gives their roles.
    assert parsed.speakers == ["Jane Doe", "Bob Roe"]
    assert parsed.interviewers == ["Jane Doe"]
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_the_first_heading_is_the_title_and_a_subheading_the_deck():
    parsed = parse(f"# Bees\n\n## A keeper talks about his hives\n\nSome intro.\n\n{TALK}")
    assert parsed.title == "Bees"
    assert parsed.deck == "A keeper talks about his hives"
    assert parsed.intro == "Some intro."


def test_a_standfirst_followed_by_a_dateline_is_the_deck():
    parsed = parse(
        f"Bees\n\nA keeper talks about his hives, his neighbours and the wasps.\n"
        f"May 2019 · 4 min read\n\nSome intro.\n\n{TALK}"
    )
    assert parsed.deck == "A keeper talks about his hives, his neighbours and the wasps."
    assert parsed.intro == "Some intro."


def test_prose_right_after_the_title_is_intro_not_deck():
    parsed = parse(f"Bees\n\nIn this post I talk to a keeper.\n\nHe has twelve hives.\n\n{TALK}")
    assert parsed.deck == ""
    assert parsed.intro == "In this post I talk to a keeper.\n\nHe has twelve hives."


def test_a_repeated_title_is_not_intro():
    parsed = parse(f"Bees\n\nIn this post I talk to a keeper.\n\nBees\n\n{TALK}")
    assert parsed.intro == "In this post I talk to a keeper."
    assert parsed.ignored == ["Bees"]


def test_intro_keeps_its_bullet_list():
    parsed = parse(f"Bees\n\nWe discuss:\n\n  • swarms\n  - honey\n  * winter\n  – wasps\n\n{TALK}")
    assert parsed.intro == "We discuss:\n\n• swarms\n• honey\n• winter\n• wasps"


def test_no_title_when_the_page_starts_with_prose():
    parsed = parse(f"This is the start of a long article about bees, told by a keeper.\n\n{TALK}")
    assert parsed.title == ""
    assert parsed.intro.startswith("This is the start")


def test_a_closing_note_set_apart_by_a_wide_gap_and_naming_the_interviewee():
    parsed = parse(
        "Ana: Why bees?\n\nBen: They dance.\n\nAna: And wasps?\n\nBen: They don't.\n\n"
        "I mean it.\n\n\nBen's honey is sold at the market on Saturdays."
    )
    assert parsed.turns[-1].text == "They don't.\n\nI mean it."
    assert parsed.outro == "Ben's honey is sold at the market on Saturdays."
    assert not any("closing note" in warning for warning in parsed.warnings)


def test_a_last_answer_paragraph_is_not_taken_for_a_closing_note():
    parsed = parse(TALK + "\n\nAnd neither do hornets, by the way.")
    assert parsed.outro == ""
    assert parsed.turns[-1].text == "They don't.\n\nAnd neither do hornets, by the way."


def test_a_closing_note_guessed_from_a_name_only_is_flagged():
    parsed = parse(TALK + "\n\nBen Roe keeps bees in Lyon.")
    assert parsed.outro == "Ben Roe keeps bees in Lyon."
    assert any("third person" in warning for warning in parsed.warnings)


def test_a_label_seen_once_on_a_short_header_line_is_metadata():
    parsed = parse(f"Bees\n\nMusic: Kevin Rowe\n\nA keeper talks.\n\n{TALK}")
    assert parsed.metadata["music"] == "Kevin Rowe"
    assert parsed.intro == "A keeper talks."


def test_a_key_value_shaped_first_line_is_the_title():
    parsed = parse(f"Episode 12: The Baker\n\nA keeper talks.\n\n{TALK}")
    assert parsed.title == "Episode 12: The Baker"
    assert parsed.metadata == {}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/", "2018-07-02"),
        ("https://example.org/blog/2017/12/a-talk", "2017-12"),
        ("https://example.org/2017/12", "2017-12"),
        ("https://example.org/2018/13/02/not-a-month/", None),
        ("https://example.org/2018/02/30/not-a-day/", None),
        ("https://example.org/posts/12345/2018", None),
        ("https://example.org/a?from=/2018/07/02/", None),
        ("https://2018.example.org/", None),
        ("", None),
        ("not a url", None),
    ],
)
def test_a_source_urls_path_gives_its_date(url, expected):
    date = date_from_url(url)
    assert (date.isoformat() if date else None) == expected


@pytest.mark.parametrize("key", ["Source", "URL", "Link", "Source URL"])
def test_a_source_line_gives_the_source_url_and_its_date(key):
    parsed = parse(f"Bees\n\n{key}: https://example.org/2019/05/bees/\n\n{TALK}")
    assert parsed.metadata["source_url"] == "https://example.org/2019/05/bees/"
    assert parsed.published == PartialDate(2019, 5)
    assert all("example.org" not in turn.text for turn in parsed.turns)


def test_a_written_date_wins_over_the_source_urls():
    parsed = parse(f"Bees\n\nJuly 2, 2018\n\nSource: https://example.org/2019/05/bees/\n\n{TALK}")
    assert parsed.published == PartialDate(2018, 7, 2)


def test_a_source_line_that_is_not_an_address_is_no_source_url():
    parsed = parse(f"Bees\n\nSource: our own recording\n\n{TALK}")
    assert "source_url" not in parsed.metadata


def test_a_transcription_exports_field_heads_in_capitals():
    from interviews.transcript import parse

    text = (
        "Garden interview\nFri, Mar 10, 2023 2:14PM • 18:42\n\nSUMMARY KEYWORDS\n"
        "garden, plots, city, water\n\nSPEAKERS\nMaria Chen, Tom Alvarez\n\n"
        "Tom Alvarez  0:00\nHow did the garden start?\n\nMaria Chen  0:05\nWith an empty lot.\n\n"
        "Tom Alvarez  0:09\nAnd then?\n\nMaria Chen  0:11\nTwo years of permits.\n"
    )
    parsed = parse(text)
    assert parsed.intro == ""
    assert parsed.metadata["summary keywords"] == "garden, plots, city, water"
    assert parsed.metadata["speakers"] == "Maria Chen, Tom Alvarez"
    assert parsed.turns[0].speaker == "Tom Alvarez"
