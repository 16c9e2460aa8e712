"""Captions that name speakers in brackets ('[ROSA DIAZ] ...', '(Host) ...'), and captions that
name no one at all."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

SDH = """1
00:00:00,000 --> 00:00:02,500
<font color="#ffff00">[INTERVIEWER]</font> So where are we?

2
00:00:06,000 --> 00:00:10,400
[ROSA DIAZ] This was my father's bakery.
We lived upstairs.

3
00:00:10,500 --> 00:00:13,000
[INTERVIEWER] When did it close?

4
00:00:13,100 --> 00:00:17,800
[ROSA DIAZ] [LAUGHS] In 1998.

5
00:00:17,900 --> 00:00:20,000
He was too tired to move.
"""


def test_a_bracketed_name_opening_a_line_is_a_speaker():
    parsed = parse(SDH)
    assert [(turn.speaker, turn.text) for turn in speech(parsed)] == [
        ("Interviewer", "So where are we?"),
        ("ROSA DIAZ", "This was my father's bakery. We lived upstairs."),
        ("Interviewer", "When did it close?"),
        ("ROSA DIAZ", "[LAUGHS] In 1998. He was too tired to move."),
    ]
    assert not conservation_problems(SDH, parsed)


def test_round_brackets_name_speakers_too():
    text = """1
00:00:01,000 --> 00:00:04,000
(Host) Welcome to Garden Hour.

2
00:00:08,500 --> 00:00:10,000
(Tom) Morning, Beth!

3
00:00:10,500 --> 00:00:13,000
(Host) What are you growing?

4
00:00:13,500 --> 00:00:18,000
(Tom) Beans, mostly.
"""
    assert [turn.speaker for turn in speech(parse(text))] == ["Host", "Tom", "Host", "Tom"]


def test_captions_naming_no_one_are_given_to_a_speaker_never_blank():
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nSo this is the workshop.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nEverything here is made by hand.\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in parsed.turns] == ["Speaker"]


def test_a_label_inside_italics_names_its_speaker_and_no_speaker_is_blank():
    text = """1
00:00:01,000 --> 00:00:03,000
<i>NARRATOR: In 1969, a town waited.</i>

2
00:00:03,500 --> 00:00:06,000
JANE: I remember the radio.

3
00:00:06,500 --> 00:00:08,000
INTERVIEWER: Who was with you?

4
00:00:08,500 --> 00:00:11,000
JANE: My brothers.
"""
    parsed = parse(text)
    assert [turn.speaker for turn in parsed.turns] == ["NARRATOR", "JANE", "Interviewer", "JANE"]
    assert parsed.turns[0].text == "In 1969, a town waited."


def test_unlabelled_speech_before_the_first_name_is_a_speakers_not_blank():
    text = """1
00:00:01,000 --> 00:00:03,000
and we're rolling.

2
00:00:03,500 --> 00:00:06,000
ANN: Who are you?

3
00:00:06,500 --> 00:00:08,000
BO: Nobody.

4
00:00:08,500 --> 00:00:11,000
ANN: Really?
"""
    parsed = parse(text)
    assert all(turn.speaker for turn in speech(parsed))
