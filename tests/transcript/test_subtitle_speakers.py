"""Subtitles: unnamed speaker changes and cue timings in every common form."""

import pytest

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

BROADCAST = """1
00:00:01,000 --> 00:00:03,000
>> Good evening, and welcome.

2
00:00:03,000 --> 00:00:06,000
>> Thank you. It's good to be
back in the studio.

3
00:00:06,000 --> 00:00:08,000
>> How was the trip?

4
00:00:08,000 --> 00:00:10,000
>> Long.
"""


def test_chevrons_without_names_start_turns_of_two_people_taking_turns():
    parsed = parse(BROADCAST)
    assert [(t.speaker, t.text) for t in speech(parsed)] == [
        ("Interviewer", "Good evening, and welcome."),
        ("Interviewee", "Thank you. It's good to be back in the studio."),
        ("Interviewer", "How was the trip?"),
        ("Interviewee", "Long."),
    ]
    assert any("name no one" in warning for warning in parsed.warnings)
    assert conservation_problems(BROADCAST, parsed) == []


def test_dialogue_dashes_without_names_are_two_turns():
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\n- Are you coming?\n- In a minute.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n- Hurry.\n"
    )
    parsed = parse(text)
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Speaker", "Are you coming?"),
        ("Speaker", "In a minute."),
        ("Speaker", "Hurry."),
    ]


def test_text_before_the_first_change_is_not_left_blank():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nwe're back after the break\n\n"
        "00:00:03.000 --> 00:00:05.000\n>> thanks, it's good to be here\n"
    )
    parsed = parse(text)
    assert [t.speaker for t in parsed.turns] == ["Speaker", "Speaker"]


def test_a_bare_chevron_among_named_speakers_is_a_new_paragraph_of_the_same_speaker():
    text = (
        "00:00:01.000 --> 00:00:03.000\n>> ANA: Who are you?\n\n"
        "00:00:03.000 --> 00:00:05.000\n>> BEN: Nobody.\n\n"
        "00:00:05.000 --> 00:00:07.000\n>> Somebody, surely.\n\n"
        "00:00:07.000 --> 00:00:09.000\n>> ANA: Fine.\n"
    )
    parsed = parse(text)
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("ANA", "Who are you?"),
        ("BEN", "Nobody. Somebody, surely."),
        ("ANA", "Fine."),
    ]
    assert not any("name no one" in warning for warning in parsed.warnings)
    assert conservation_problems(text, parsed) == []


CART_LECTURE = """1
00:00:01,000 --> 00:00:04,000
>> HOST: Welcome, everyone. Today our guest
needs no introduction.

2
00:00:04,000 --> 00:00:06,000
>> [APPLAUSE]

3
00:00:06,000 --> 00:00:09,000
>> GUEST SPEAKER: Thanks. It's great to be here.

4
00:00:09,000 --> 00:00:12,000
>> Let me start with a story
about my first job.

5
00:00:12,000 --> 00:00:15,000
GUEST SPEAKER: It did not go well.

6
00:00:15,000 --> 00:00:18,000
>> HOST: Questions? Over by the mic.

7
00:00:18,000 --> 00:00:21,000
>> AUDIENCE: What would you tell your younger self?

8
00:00:21,000 --> 00:00:24,000
>> GUEST SPEAKER: Ship early.

9
00:00:24,000 --> 00:00:27,000
>> And listen to your customers.
"""


def test_captions_naming_speakers_with_chevrons_keep_the_speaker_across_bare_chevrons():
    parsed = parse(CART_LECTURE)
    assert [t.speaker for t in parsed.turns] == [
        "HOST",
        "",
        "GUEST SPEAKER",
        "HOST",
        "AUDIENCE",
        "GUEST SPEAKER",
    ]
    assert parsed.turns[2].text == (
        "Thanks. It's great to be here. Let me start with a story about my first job. "
        "It did not go well."
    )
    assert parsed.turns[-1].text == "Ship early. And listen to your customers."
    assert "Speaker" not in [t.speaker for t in parsed.turns]
    assert conservation_problems(CART_LECTURE, parsed) == []


def test_an_audience_that_asks_the_guest_is_an_interviewer():
    parsed = parse(CART_LECTURE)
    assert parsed.interviewers == ["HOST", "AUDIENCE"]
    assert parsed.interviewees == ["GUEST SPEAKER"]
    assert parsed.turns[4].kind == "question"


@pytest.mark.parametrize(
    "timings",
    [
        ("0.000 --> 3.480", "3.480 --> 6.100", "6.100 --> 9.000"),
        ("01:02.500 --> 01:04.000", "01:04.000 --> 01:06.500", "01:06.500 --> 01:09.000"),
        ("1:02:03,500 --> 1:02:05,000", "1:02:05,000 --> 1:02:07,000", "1:02:07,000 --> 1:02:09"),
        ("00:00:01 --> 00:00:03", "00:00:03 --> 00:00:05", "00:00:05 --> 00:00:07"),
    ],
)
def test_no_cue_is_dropped_whatever_its_timing(timings):
    said = ["Ana: The first cue.", "Ben: The second cue.", "Ana: The third cue."]
    text = "\n\n".join(
        f"{n}\n{timing}\n{line}"
        for n, (timing, line) in enumerate(zip(timings, said, strict=True), 1)
    )
    parsed = parse(text)
    assert parsed.format in ("srt", "vtt")
    assert [t.text for t in parsed.turns] == ["The first cue.", "The second cue.", "The third cue."]
    assert not parsed.ignored
    assert conservation_problems(text, parsed) == []


def test_rolling_captions_with_chevrons_are_not_repeated():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> how was the trip?\n\n"
        "00:00:03.000 --> 00:00:05.000\n>> how was the trip?\n>> long, but worth it\n\n"
        "00:00:05.000 --> 00:00:07.000\n>> long, but worth it\nwe saw the falls\n"
    )
    parsed = parse(text)
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Speaker", "how was the trip?"),
        ("Speaker", "long, but worth it we saw the falls"),
    ]
    assert conservation_problems(text, parsed) == []
