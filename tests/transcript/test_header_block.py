"""The header before the talk: front matter, "Key: value" blocks, front-matter labels, rosters."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech


def _clean(text):
    parsed = parse(text)
    assert conservation_problems(text, parsed) == []
    return parsed


def test_a_front_matter_value_wrapped_onto_an_indented_line_belongs_to_the_value():
    text = (
        "---\n"
        "guest: Ana Lima\n"
        "title: Why the hives went quiet one summer and what the keepers | Ana\n"
        "  Lima\n"
        "description: 'A keeper''s year, told by her.\n"
        "\n"
        "  More at the site.\n"
        "\n"
        "  '\n"
        "tags:\n"
        "- bees\n"
        "- honey\n"
        "---\n\n"
        "# Why the hives went quiet one summer and what the keepers | Ana Lima\n\n"
        "Ana Lima (00:00:01):\nThe bees left in June.\n\n"
        "Ben (00:00:09):\nWhy June?\n\n"
        "Ana Lima (00:00:12):\nThe heat.\n"
    )
    parsed = _clean(text)
    assert parsed.title == "Why the hives went quiet one summer and what the keepers | Ana Lima"
    assert parsed.metadata["description"] == "A keeper's year, told by her. More at the site."
    assert parsed.metadata["tags"] == "bees, honey"
    assert "Lima" not in parsed.ignored
    assert [turn.speaker for turn in speech(parsed)] == ["Ana Lima", "Ben", "Ana Lima"]


ORAL_HISTORY = """## About the Interview

JANE ROE: An Interview Conducted by Al Poe for the Society History Center, 3 May 2001.

Interview #12 for the Society History Center.

## Interview

INTERVIEW: Jane Roe
INTERVIEWER: Al Poe
DATE: 3 May 2001
PLACE: Her office in Lyon

### Early years

Poe:

Where were you born?

Roe:

In Lyon, in 1940.

### School

Roe:

I went to school there, too.

Poe:

And then?

Roe:

Then Paris.
"""


def test_a_label_in_another_style_before_the_talk_is_front_matter_not_a_turn():
    parsed = _clean(ORAL_HISTORY)
    turns = speech(parsed)
    assert turns[0].speaker == "Poe"
    assert turns[0].text == "Where were you born?"
    assert "An Interview Conducted by Al Poe" in parsed.intro
    assert "Jane Roe" not in parsed.speakers


def test_a_header_block_in_capitals_is_metadata_that_names_the_participants():
    parsed = _clean(ORAL_HISTORY)
    assert parsed.metadata["interview"] == "Jane Roe"
    assert parsed.metadata["interviewer"] == "Al Poe"
    assert parsed.metadata["place"] == "Her office in Lyon"
    # The labels stay as written; the header says which side each is on.
    assert parsed.speakers == ["Poe", "Roe"]
    assert parsed.interviewers == ["Poe"]
    assert parsed.interviewees == ["Roe"]


def test_a_section_heading_between_two_labels_of_one_speaker_ends_the_turn():
    parsed = _clean(ORAL_HISTORY)
    assert [turn.speaker for turn in speech(parsed)] == ["Poe", "Roe", "Roe", "Poe", "Roe"]


def test_role_labels_are_named_from_the_header_block():
    text = (
        "INTERVIEWEE: Jane Roe\nINTERVIEWER: Al Poe\nDATE: 3 May 2001\n\n"
        "Q:\n\nWhere were you born?\n\nJane Roe:\n\nIn Lyon.\n\n"
        "Q:\n\nWhen?\n\nJane Roe:\n\nIn 1940.\n"
    )
    parsed = _clean(text)
    assert [turn.speaker for turn in speech(parsed)] == ["Al Poe", "Jane Roe"] * 2
    assert parsed.interviewers == ["Al Poe"]


def test_a_roster_of_those_present_is_metadata_not_a_speaker():
    text = (
        "HEARING ON HARBOUR SAFETY\n\n"
        "The Committee met, pursuant to notice, at 10:00 a.m., in room 106.\n\n"
        "Present: Senators Poe, Roe, Lee,\n    and Kim.\n\n"
        "Staff Present: Ann Bell, Staff Director; Tom Fox,\n    Counsel; Sue Day, Clerk.\n\n"
        "Also present: Ben Ash.\n\n"
        "Senator Poe: The hearing will come to order. Why did the crane fall?\n\n"
        "Mr. Roe: The wind.\n\n"
        "Senator Poe: Was it checked?\n\n"
        "Mr. Roe: Every week.\n"
    )
    parsed = _clean(text)
    assert parsed.speakers == ["Senator Poe", "Mr. Roe"]
    assert parsed.metadata["present"].startswith("Senators Poe, Roe")
    assert "Ann Bell" in parsed.metadata["staff present"]
    assert parsed.metadata["also present"] == "Ben Ash."
    assert speech(parsed)[0].text.startswith("The hearing will come to order.")


def test_a_one_off_label_with_a_role_opening_the_talk_is_a_turn():
    text = (
        "Harbour Hour\n\n"
        "JO MARSH, BYLINE: This is HARBOUR HOUR from the network.\n\n"
        "(SOUNDBITE OF GULLS)\n\n"
        "ANA LIMA, HOST: Today, a keeper. Why did the bees leave?\n\n"
        "BEN ROE: The heat, I think.\n\n"
        "ANA LIMA: And will they come back?\n\n"
        "BEN ROE: In the spring.\n"
    )
    parsed = _clean(text)
    turns = speech(parsed)
    assert len(turns) == 5
    assert turns[0].label == "JO MARSH, BYLINE"
    assert turns[0].text == "This is HARBOUR HOUR from the network."


def test_a_field_name_alone_with_its_value_on_the_next_line_is_metadata():
    parsed = _clean(
        "Oral History of Helen Park\n\nInterviewed by:\nMarc Alvarez\n\n"
        "Alvarez: Where did you grow up?\n\nPark: In Busan.\n\n"
        "Alvarez: And then?\n\nPark: California.\n"
    )
    assert parsed.metadata["interviewed by"] == "Marc Alvarez"
    assert "Marc Alvarez" not in parsed.ignored
    assert parsed.interviewers == ["Alvarez"]


WIKI_ORAL_HISTORY = """## About the Interview

Ruth Banner: An interview conducted by Tom Okafor, 12 March 2016

Interview #812 for the Engineering History Center.

## Interview

Interviewee: Ruth Banner

Interviewer: Tom Okafor

DATE: 12 March 2016

Ruth Banner:

My name is Ruth Banner and I was born in Leeds in 1951.

Interviewer:

Where did you go to school?

Ruth Banner:

In Leeds, then Manchester for engineering.

Interviewer:

Why engineering?

Ruth Banner:

My father fixed radios, and I wanted to know how they worked.
"""


def test_a_credit_line_under_the_subjects_name_is_front_matter_not_a_turn():
    # "Ruth Banner: An interview conducted by ..." reads like a label, but it credits the page;
    # the talk starts at her first label alone on its line, and "Interviewer:" is Tom Okafor.
    parsed = _clean(WIKI_ORAL_HISTORY)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Ruth Banner", "Tom Okafor"] * 2 + ["Ruth Banner"]
    assert turns[0].text == "My name is Ruth Banner and I was born in Leeds in 1951."
    assert parsed.interviewers == ["Tom Okafor"]
    assert "An interview conducted by Tom Okafor, 12 March 2016" in parsed.intro
