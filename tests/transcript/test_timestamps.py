"""Transcription-service exports with times: Otter, Rev, Descript, Trint. Times go on the turn."""

import re

import pytest

from interviews.transcript import parse
from tests.transcript.helpers import sample, speech

TIME = re.compile(r"\d{1,2}:\d{2}")
EXPORTS = ["otter_podcast.txt", "rev_export.txt", "descript_export.txt", "trint_export.txt"]


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_are_timestamped_and_times_never_reach_the_text(name):
    parsed = parse(sample(name))
    assert parsed.format == "timestamped"
    assert all(turn.timestamp is not None for turn in speech(parsed))
    assert not any(TIME.search(turn.text) for turn in parsed.turns)


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_alternate_interviewer_and_guest(name):
    parsed = parse(sample(name))
    kinds = [turn.kind for turn in speech(parsed)]
    assert kinds == ["question", "answer"] * (len(kinds) // 2)
    assert len(parsed.speakers) == 2


def test_otter_header_lines_name_and_time_the_turn():
    parsed = parse(sample("otter_podcast.txt"))
    assert parsed.speakers == ["Maya Lindqvist", "Omar Haddad"]
    first, second = parsed.turns[:2]
    assert (first.speaker, first.timestamp, first.timestamp_text) == (
        "Maya Lindqvist",
        2,
        "00:00:02",
    )
    assert (second.speaker, second.timestamp) == ("Omar Haddad", 15)
    assert first.text.startswith("Welcome back to Small Batch")
    assert parsed.title == "Episode 42 - Building a Bakery That Lasts"


def test_otter_keeps_inline_reactions_and_paragraphs_and_drops_its_credit():
    parsed = parse(sample("otter_podcast.txt"))
    laundromat = parsed.turns[3]
    assert "[laughs]" in laundromat.text
    assert "\n\nThe landlord thought we were crazy." in laundromat.text
    assert "Transcribed by https://otter.ai" in parsed.ignored
    assert parsed.turns[-1].text == "Thank you for having me."


def test_rev_bare_times_continue_the_same_speaker():
    parsed = parse(sample("rev_export.txt"))
    answer = parsed.turns[1]
    assert answer.speaker == "Dr. Priya Nair"
    assert answer.timestamp == 9  # the turn's first time; the later "(00:00:41):" is dropped
    assert answer.text.endswith("but it's the true one.")
    assert "\n\nSo when we talk about adaptation" in answer.text
    assert len(speech(parsed)) == 8


def test_rev_header():
    parsed = parse(sample("rev_export.txt"))
    assert parsed.title == "Interview with Dr. Priya Nair on coastal flooding"
    assert parsed.published.isoformat() == "2021-09-03"


def test_descript_consecutive_lines_of_one_speaker_merge():
    parsed = parse(sample("descript_export.txt"))
    grandmother = parsed.turns[3]
    assert grandmother.timestamp == 20
    assert grandmother.text.startswith("My grandmother, honestly.")
    assert grandmother.text.endswith('"what the designer is used to".')


def test_trint_time_then_bracketed_name():
    parsed = parse(sample("trint_export.txt"))
    assert parsed.speakers == ["Claire Dubois", "Tomás Reyes"]
    assert parsed.turns[1].timestamp == 8
    assert "(laughs)" in parsed.turns[3].text


def test_times_inside_speech_are_removed():
    parsed = parse(
        "[00:00:01] Ana: Where to start? [00:00:04] Maybe at the beginning?\n"
        "[00:00:09] Ben: At the beginning, then.\n"
        "[00:00:15] Ana: Good.\n"
        "[00:00:17] Ben: Fine."
    )
    assert parsed.turns[0].text == "Where to start? Maybe at the beginning?"
    assert [turn.timestamp for turn in parsed.turns] == [1, 9, 15, 17]


def test_hour_long_times():
    parsed = parse(
        "Ana (1:02:03): Still here?\n\nBen (1:02:09): Still here.\n\nAna (1:03:00): Good."
    )
    assert [turn.timestamp_text for turn in parsed.turns] == ["01:02:03", "01:02:09", "01:03:00"]


def test_a_clock_time_alone_over_a_labelled_turn_times_that_turn():
    text = (
        "KIM: Welcome back. Why now?\n\nLOU: Because the data is in.\n\n"
        "(COMMERCIAL BREAK)\n\n[14:15:02]\n\nKIM: We're back. What changed?\n\nLOU: Everything.\n"
    )
    parsed = parse(text)
    speech = [turn for turn in parsed.turns if turn.kind != "direction"]
    assert [turn.speaker for turn in speech] == ["KIM", "LOU", "KIM", "LOU"]
    assert speech[2].text == "We're back. What changed?"
    assert speech[2].timestamp == 14 * 3600 + 15 * 60 + 2


def test_an_escaped_time_opening_a_bold_labels_speech_is_the_turns_time():
    text = (
        "**Jess Ortiz:** \\[00:00:01\\] Welcome. My guest is Amir Haddad.\n\n"
        "**Amir Haddad:** \\[00:00:09\\] Thanks, Jess.\n\n"
        "**Break:** \\[00:12:40\\]\n\n"
        "**Jess Ortiz:** \\[00:13:05\\] We're back. What now?\n\n"
        "**Amir Haddad:** \\[00:13:09\\] Measure.\n"
    )
    parsed = parse(text)
    assert [(t.speaker, t.text, t.timestamp) for t in parsed.turns] == [
        ("Jess Ortiz", "Welcome. My guest is Amir Haddad.", 1),
        ("Amir Haddad", "Thanks, Jess.", 9),
        ("", "Break", 12 * 60 + 40),
        ("Jess Ortiz", "We're back. What now?", 13 * 60 + 5),
        ("Amir Haddad", "Measure.", 13 * 60 + 9),
    ]
