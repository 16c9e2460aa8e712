"""Directions: ad and section breaks, stage directions and recording markers end turns."""

import pytest

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

PODCAST = """**Maya Ortiz:** Welcome back. Today we talk about compilers with Tom.

**Tom Reyes:** \\[00:01:10\\] Thanks for having me, it's great to be here.

**Maya Ortiz:** How did you start?

**Break:** \\[17:49\\]

**Maya Ortiz:** So we were talking about your first compiler.

**Tom Reyes:** It was a toy, written in a weekend.

**Sponsor:** [41:07]

**Tom Reyes:** Then it grew.

Ad break: (00:53:10)

**Maya Ortiz:** Thanks, Tom.
"""


def test_a_label_with_only_a_time_is_a_break_not_a_speaker():
    parsed = parse(PODCAST)
    assert parsed.speakers == ["Maya Ortiz", "Tom Reyes"]
    breaks = [turn for turn in parsed.turns if turn.kind == "direction"]
    assert [(turn.text, turn.timestamp) for turn in breaks] == [
        ("Break", 17 * 60 + 49),
        ("Sponsor", 41 * 60 + 7),
        ("Ad break", 53 * 60 + 10),
    ]
    # Tom's two turns around the sponsor break stay two turns.
    assert [turn.speaker for turn in speech(parsed)] == [
        "Maya Ortiz",
        "Tom Reyes",
        "Maya Ortiz",
        "Maya Ortiz",
        "Tom Reyes",
        "Tom Reyes",
        "Maya Ortiz",
    ]
    assert conservation_problems(PODCAST, parsed) == []


def test_escaped_brackets_read_as_brackets():
    escaped = parse(PODCAST)
    plain = parse(PODCAST.replace("\\[", "[").replace("\\]", "]"))
    assert [(t.speaker, t.kind, t.text, t.timestamp) for t in escaped.turns] == [
        (t.speaker, t.kind, t.text, t.timestamp) for t in plain.turns
    ]
    assert "\\[" not in " ".join(turn.text for turn in escaped.turns)


def test_a_name_and_time_over_unlabelled_speech_still_names_a_speaker():
    text = (
        "Jane Doe: 0:05\nHello and welcome to the show.\n\n"
        "Sam Lee: 0:09\nThanks, glad to be here.\n\n"
        "Jane Doe: 0:12\nLet's begin.\n\n"
        "Sam Lee: 0:15\nSure.\n"
    )
    parsed = parse(text)
    assert parsed.speakers == ["Jane Doe", "Sam Lee"]
    assert not [turn for turn in parsed.turns if turn.kind == "direction"]


def test_a_time_in_the_header_is_metadata_not_a_break():
    text = "Duration: 45:12\n\nAna: Hello there.\n\nBen: Hi.\n\nAna: Bye.\n"
    parsed = parse(text)
    assert not [turn for turn in parsed.turns if turn.kind == "direction"]


ANGLED = """Interviewer:

So you built the first one yourself?

Engineer:

Yes, in my garage. It never worked.

<laughter>

Engineer:

But the second one did.

Interviewer:

Why?

<crosstalk>

Engineer:

Better motors.
"""


def test_angle_bracket_stage_directions_end_the_turn():
    parsed = parse(ANGLED)
    kinds = [(turn.speaker or turn.label, turn.kind, turn.text) for turn in parsed.turns]
    assert ("", "direction", "<laughter>") in kinds
    assert ("", "direction", "<crosstalk>") in kinds
    said = [turn.text for turn in speech(parsed)]
    assert said == [
        "So you built the first one yourself?",
        "Yes, in my garage. It never worked.",
        "But the second one did.",
        "Why?",
        "Better motors.",
    ]
    assert conservation_problems(ANGLED, parsed) == []


@pytest.mark.parametrize(
    "marker",
    [
        "SIDE TWO",
        "SIDE A",
        "END OF TAPE 1",
        "TAPE 2, SIDE 1",
        "END OF INTERVIEW",
        "BEGIN TAPE 3",
        "End of Tape 2",
        "[recess]",
        "[Pause.]",
        "<laughs>",
    ],
)
def test_recording_markers_alone_on_a_line_are_directions(marker):
    text = (
        "SMITH: Where did you grow up?\n\nJONES: On a farm near the river.\n\n"
        f"{marker}\n\nJONES: We kept goats.\n\nSMITH: Thank you.\n"
    )
    parsed = parse(text)
    directions = [turn.text for turn in parsed.turns if turn.kind == "direction"]
    assert directions == [marker]
    assert [turn.label for turn in speech(parsed)] == ["SMITH", "JONES", "JONES", "SMITH"]


@pytest.mark.parametrize(
    "line",
    ["Interview", "the end of tape", "Side two of the story", "<jane@example.org>", "<v Ann>"],
)
def test_words_that_only_look_like_markers_are_not_directions(line):
    text = f"SMITH: Where did you grow up?\n\nJONES: On a farm.\n{line}\n\nSMITH: Thank you.\n"
    parsed = parse(text)
    assert not [turn for turn in parsed.turns if turn.kind == "direction"]
