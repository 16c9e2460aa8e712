"""Text pulled out of a PDF: running headers, page numbers, hard wraps and broken words."""

from interviews.transcript import PartialDate, parse
from tests.transcript.helpers import everything_said, sample, speech

HARBOUR = """THE HARBOUR PAPERS: A CONVERSATION
Q: When did you first work on the docks, and who taught you the
ropes when you got there in the spring?
A: I started in 1962, when I was sixteen. My uncle was a fore-
man and he got me in. He taught me everything, mostly by shouting.
The self-
taught men were the worst, he said, because nobody had shouted at
them. Self-taught was an insult on the docks.
- 1 -
The Harbour Papers
Q: What changed when the containers came?
A: Everything. The gangs went from twenty men to four. The pubs
closed one after another, and the union hall became a
- 2 -
The Harbour Papers
carpet warehouse. People don't believe me when I tell them that.
Q: Do you miss it?
A: Every day, and not at all. Both are true.
- 3 -
"""


def test_form_feed_pages_lose_their_running_header_and_page_numbers():
    parsed = parse(sample("pdf_oral_history.txt"))
    said = everything_said(parsed)
    assert "Riverside Oral History Project" not in said
    assert "Page 1 of 2" not in said and "Page 2 of 2" not in said
    assert "Page 1 of 2" in parsed.ignored
    assert any(line.startswith("Riverside Oral History Project") for line in parsed.ignored)


def test_hard_wrapped_lines_become_paragraphs():
    turns = speech(parse(sample("pdf_oral_history.txt")))
    assert turns[0].text == (
        "Mrs. O'Connell, can you tell me where you were born and what the neighbourhood was "
        "like when you were a child?"
    )
    assert "\n" not in turns[1].text


def test_a_sentence_split_by_a_page_break_is_joined_again():
    turns = speech(parse(sample("pdf_oral_history.txt")))
    assert "came up to the second step of our porch, and when we went home the whole kitchen" in (
        turns[3].text
    )


def test_a_word_broken_at_the_line_end_is_mended():
    turns = speech(parse(sample("pdf_oral_history.txt")))
    assert "carried me on his shoulders up to the church" in turns[3].text


def test_pdf_header_metadata_names_the_interviewer():
    parsed = parse(sample("pdf_oral_history.txt"))
    assert parsed.title == "INTERVIEW WITH MARGARET O'CONNELL"
    assert parsed.metadata["interviewer"] == "James Whitfield"
    assert parsed.metadata["location"] == "Riverside Public Library, Room 2"
    assert parsed.published == PartialDate(2016, 4, 12)
    speakers = [turn.speaker for turn in speech(parsed)][:2]
    assert speakers == ["James Whitfield", "Margaret O'Connell"]


def test_page_numbers_without_form_feeds_and_a_repeated_running_title():
    parsed = parse(HARBOUR)
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 3
    assert parsed.turns[3].text == (
        "Everything. The gangs went from twenty men to four. The pubs closed one after another, "
        "and the union hall became a carpet warehouse. People don't believe me when I tell them "
        "that."
    )
    assert "The Harbour Papers" in parsed.ignored
    assert "- 2 -" in parsed.ignored
    assert parsed.title == "THE HARBOUR PAPERS: A CONVERSATION"


def test_hyphens_at_line_end_follow_the_texts_own_spelling():
    answer = parse(HARBOUR).turns[1].text
    assert "My uncle was a foreman and he got me in." in answer  # a broken word
    assert "The self-taught men were the worst" in answer  # "Self-taught" elsewhere: a compound


NARROW_COLUMN = """Ana: This answer was typed into a narrow column, and so it runs on
over several lines until it ends here.
Ben: A reply that is also long enough to wrap at the column edge of
the page and then stops.
Ana: Short one.
Ben: Another reply that is long enough to wrap at the column edge
and goes on for a while, as replies do when people are given the
time to think about what they want to say, which is rarer than it
should be.
Ana: And a last question that is long enough to be wrapped at the
edge, abso­
lutely?
Ben: Yes."""


def test_short_lines_of_a_wrapped_text_end_paragraphs():
    parsed = parse(NARROW_COLUMN)
    assert [turn.text for turn in parsed.turns][:4] == [
        "This answer was typed into a narrow column, and so it runs on over several lines until "
        "it ends here.",
        "A reply that is also long enough to wrap at the column edge of the page and then stops.",
        "Short one.",
        "Another reply that is long enough to wrap at the column edge and goes on for a while, as "
        "replies do when people are given the time to think about what they want to say, which "
        "is rarer than it should be.",
    ]


def test_a_soft_hyphen_at_the_line_end_disappears():
    assert parse(NARROW_COLUMN).turns[4].text.endswith("at the edge, absolutely?")


def test_a_few_short_lines_are_not_taken_for_wrapped_text():
    parsed = parse(
        "Bees\nA talk with a keeper\nBy Al Roe\nAna: Why?\nBen: They dance.\nAna: Ok?\nBen: Ok."
    )
    assert parsed.title == "Bees"
    assert parsed.deck == "A talk with a keeper"


ARCHIVE_PDF = """Oral History of Ruth Example

Interviewed by:
 Tom Sample

Recorded: May 2, 2011

© 2011 Valley Archive

Oral History of Ruth Example

Ref: VA.2011.07          © 2011 Valley Archive                          Page 2 of 30

Tom Sample:  Thank you for coming in today.  Where did you grow up?
Ruth (Rudy) Example:  In a small town by the lake.  My father ran the ferry, and my
mother kept the books for the mill, which was the only employer for miles around.  We
lived above the ticket office, and every morning the horn of the first boat woke the

Oral History of Ruth Example

Ref: VA.2011.07          © 2011 Valley Archive                          Page 3 of 30

whole street.
Sample:  And school?
Example:  One room, twelve children.  I loved it.

Oral History of Ruth Example

Ref: VA.2011.07          © 2011 Valley Archive                          Page 4 of 30

Sample:  When did you leave?
Example:  At seventeen, for the city.
"""


def test_a_long_footer_with_the_page_number_is_the_page_boundary_without_form_feeds():
    parsed = parse(ARCHIVE_PDF)
    said = everything_said(parsed)
    assert "Page 3 of 30" not in said and "Valley Archive" not in said
    assert "Oral History of Ruth Example" not in said
    assert any(line.endswith("Page 2 of 30") for line in parsed.ignored)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Tom Sample", "Ruth (Rudy) Example"] * 3


def test_a_turn_cut_by_the_footer_goes_on_after_it():
    turns = speech(parse(ARCHIVE_PDF))
    assert turns[1].text.endswith("the first boat woke the whole street.")


def test_the_running_title_above_the_first_page_is_the_title():
    parsed = parse(ARCHIVE_PDF)
    assert parsed.title == "Oral History of Ruth Example"
    assert parsed.ignored.count("Oral History of Ruth Example") == 1


def test_page_n_at_the_end_of_a_wrapped_sentence_is_not_a_footer():
    text = (
        "Q: Where is the photograph?\n"
        "A: In the yearbook, I think it is on page 12\n"
        "of the second volume, next to the team.\n"
        "Q: And the other one?\n"
        "A: That one is on page 14\n"
        "of the same volume.\n"
    )
    parsed = parse(text)
    assert parsed.ignored == []
    turns = speech(parsed)
    joined = " ".join(turns[1].text.split())
    assert joined.endswith("page 12 of the second volume, next to the team.")
    assert " ".join(turns[3].text.split()) == "That one is on page 14 of the same volume."


def test_every_line_of_a_pdf_with_long_footers_is_placed_once():
    from interviews.transcript.accounting import conservation_problems

    assert conservation_problems(ARCHIVE_PDF, parse(ARCHIVE_PDF)) == []


def test_what_makes_a_page_footer():
    from interviews.transcript.pdf import is_page_footer

    assert is_page_footer("Ref: AB12.2009     © 2009 Valley Archive      Page 2 of 49")
    assert is_page_footer("Interview with Ruth Example  |  Page 3")
    assert is_page_footer("Page 3 of 12")
    assert not is_page_footer("I think it is on page 12")
