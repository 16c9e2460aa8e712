"""Ads read into a podcast: a 'Sponsor message' line and the copy under it are no one's speech."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

PODCAST = """**Tom:** Welcome to the show. Priya, what do you do?

**Priya:** We put cheap probes in the ground.

Sponsor message

This episode is brought to you by Greenline Hosting. Three months free at greenline.example.

**Tom:** So, what broke first?

**Priya:** The batteries. Always the batteries.
"""


def test_a_sponsor_message_and_its_copy_are_directions():
    parsed = parse(PODCAST)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Tom", "Priya", "Tom", "Priya"]
    assert turns[1].text == "We put cheap probes in the ground."
    directions = [turn.text for turn in parsed.turns if turn.kind == "direction"]
    assert directions[0] == "Sponsor message"
    assert directions[1].startswith("This episode is brought to you by")
    assert not conservation_problems(PODCAST, parsed)


def test_an_ad_at_the_end_with_no_speaker_after_it_is_left_alone():
    text = PODCAST + "\nA word from our sponsors\n\nThanks for listening, everyone.\n"
    parsed = parse(text)
    assert not conservation_problems(text, parsed)
    assert "Thanks for listening, everyone." not in [
        turn.text for turn in parsed.turns if turn.kind == "direction"
    ]


def test_an_ad_under_a_sponsor_label_is_no_speaker():
    text = """**Nia Brooks:** \\[00:00:00\\] Welcome. Oren, what do we get wrong about memory?

**Oren Weiss:** \\[00:00:14\\] That it's a recording.

**Sponsor:** \\[00:05:00\\] This episode is supported by Ember Tea.

**Nia Brooks:** \\[00:06:10\\] Can we trust our memories at all?

**Oren Weiss:** \\[00:06:14\\] Mostly, and with love.
"""
    parsed = parse(text)
    assert parsed.speakers == ["Nia Brooks", "Oren Weiss"]
    ad = [turn for turn in parsed.turns if turn.kind == "direction"]
    assert ad[0].text == "Sponsor: This episode is supported by Ember Tea."
    assert ad[0].timestamp == 300
    assert not conservation_problems(text, parsed)
