"""Captions that mark each change of speaker ('>>', '- ') but name nobody: two people taking
turns, named from what they say in the opening."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

CAPTION_FEED = """1
00:00:03,500 --> 00:00:07,100
>> WELCOME BACK TO "THE BRIEF."
I'M JOANNA PRICE.

2
00:00:07,300 --> 00:00:11,900
JOINING ME NOW IS SENATOR
MARK HALVERSON OF OREGON.

3
00:00:14,600 --> 00:00:16,800
>> GOOD TO BE WITH YOU, JOANNA.

4
00:00:17,000 --> 00:00:21,500
>> WILL THERE BE A DEAL THIS WEEK?

5
00:00:21,700 --> 00:00:26,300
>> I THINK THERE WILL BE.
[ LAUGHTER ]

6
00:00:26,300 --> 00:00:29,800
NOBODY WANTS A SHUTDOWN.

7
00:00:30,000 --> 00:00:33,100
>> CAN THE HOUSE PASS IT?

8
00:00:33,300 --> 00:00:37,900
>> WE'LL SEE ON THURSDAY.
"""


def test_chevrons_without_names_alternate_two_sides():
    parsed = parse(CAPTION_FEED)
    turns = speech(parsed)
    kinds = ["question", "answer", "question", "answer", "answer", "question", "answer"]
    assert [turn.kind for turn in turns] == kinds
    assert turns[3].speaker == turns[4].speaker  # going on after the laughter
    assert not conservation_problems(CAPTION_FEED, parsed)


def test_the_host_names_themselves_and_the_guest():
    parsed = parse(CAPTION_FEED)
    assert parsed.interviewers == ["Joanna Price"]
    assert parsed.interviewees == ["Senator Mark Halverson"]


def test_dialogue_dashes_without_names_and_a_guest_described_first():
    text = """1
00:00:00,500 --> 00:00:03,000
- Hi, I'm Sam Patel, and this is Making Things.

2
00:00:03,200 --> 00:00:06,000
Today I'm talking with the potter Hiroshi Tanaka.

3
00:00:06,200 --> 00:00:08,100
- Thanks for having me, Sam.

4
00:00:08,300 --> 00:00:11,000
- How long have you been working with clay?

5
00:00:11,200 --> 00:00:15,800
- About forty years.
"""
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == [
        "Sam Patel",
        "Hiroshi Tanaka",
        "Sam Patel",
        "Hiroshi Tanaka",
    ]
    assert parsed.interviewers == ["Sam Patel"]


def test_without_names_in_the_opening_the_sides_are_named_by_role():
    text = """1
00:00:00,000 --> 00:00:02,000
- So where did it start?

2
00:00:02,000 --> 00:00:04,000
- In a garage, like everything.

3
00:00:04,000 --> 00:00:06,000
- And then?

4
00:00:06,000 --> 00:00:08,000
- Then a bigger garage.
"""
    parsed = parse(text)
    assert parsed.speakers == ["Interviewer", "Interviewee"]
    assert parsed.interviewers == ["Interviewer"]
