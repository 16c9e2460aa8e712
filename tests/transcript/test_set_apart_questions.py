"""Unlabelled Q&A whose questions are set apart (italic, bold): who asks and answers, as the
byline and the headline say, and what the page prints after the last answer."""

from interviews.transcript import parse
from interviews.transcript.furniture import line_furniture
from interviews.transcript.roles import interviewee_from_title
from tests.transcript.helpers import speech

MAGAZINE = """<-- prev | next -->

# Interview: Ada Moreno, Harbour Radio Project

**By Tom Becker**

Ada Moreno founded the Harbour Radio Project in 2003 and has built receivers since.

*How did the project start?*

With a borrowed antenna and a lot of patience.

*Who builds the receivers now?*

About forty volunteers, most of them retired engineers.

They meet every Thursday in the old customs house.

*What comes next?*

A second station up the coast, if the permits come through.

*Much has been done. There is more to do. Go and see them. Isn't that how to learn radio?*

Talkback: Discuss this article with the editors

*Tom Becker lives in Bremen and writes about radio and the sea. He has used Linux since 1998.*

Copyright © 2006, Tom Becker. Released under the Open Publication license.
"""


def test_byline_and_headline_name_the_two_sides():
    parsed = parse(MAGAZINE)
    assert [(t.speaker, t.kind) for t in speech(parsed)] == [
        ("Tom Becker", "question"),
        ("Ada Moreno", "answer"),
        ("Tom Becker", "question"),
        ("Ada Moreno", "answer"),
        ("Tom Becker", "question"),
        ("Ada Moreno", "answer"),
    ]
    assert parsed.title == "Interview: Ada Moreno, Harbour Radio Project"
    assert parsed.intro.startswith("Ada Moreno founded")


def test_closing_note_and_author_bio_are_the_outro_not_turns():
    parsed = parse(MAGAZINE)
    assert speech(parsed)[-1].text == "A second station up the coast, if the permits come through."
    assert parsed.outro.startswith("Much has been done.")
    assert "Tom Becker lives in Bremen" in parsed.outro
    assert "Talkback" not in parsed.outro


def test_a_short_unanswered_last_question_stays_a_question():
    text = MAGAZINE.split("*Much has been")[0] + "*And after that?*\n"
    assert speech(parse(text))[-1].text == "And after that?"


def test_a_row_of_neighbour_links_is_navigation():
    assert line_furniture("<-- prev | next -->") == "navigation"
    assert line_furniture("« Previous | Index | Next »") == "navigation"
    assert line_furniture("Yes | No") is None


def test_headlines_that_open_on_the_guest_speaking_name_the_interviewee():
    assert interviewee_from_title("Ada Moreno talks about harbour radio") == "Ada Moreno"
    assert interviewee_from_title('Ada Moreno: "Radio is patience"') == "Ada Moreno"
    assert interviewee_from_title("Q&A: Ada Moreno") == "Ada Moreno"
    assert interviewee_from_title("Why harbour radio matters") is None


def test_copied_without_italics_the_page_still_names_both_sides_and_ends_the_talk():
    """The same page copied as plain text: the headline reads as an "Interview:" field, the
    questions are the paragraphs ending in "?"."""
    plain = MAGAZINE.replace("*", "").replace("# Interview", "Interview")
    parsed = parse(plain)
    assert {(t.speaker, t.kind) for t in speech(parsed)} == {
        ("Tom Becker", "question"),
        ("Ada Moreno", "answer"),
    }
    assert len(speech(parsed)) == 6
    assert "Tom Becker lives in Bremen" in parsed.outro
