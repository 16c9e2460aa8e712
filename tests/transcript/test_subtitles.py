"""SRT and WebVTT: cues merge into speakers' turns; numbering, timing and notes are dropped."""

import re

from interviews.transcript import ParseHints, parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import sample, speech


def test_zoom_vtt_cues_merge_into_turns():
    parsed = parse(sample("zoom_meeting.vtt"))
    assert parsed.format == "vtt"
    assert parsed.speakers == ["Rita Alvarez", "Ken Watanabe"]
    first, second = parsed.turns[:2]
    assert first.text == (
        "Okay, I think we're live. Thanks everyone for joining. Today I'm interviewing Ken "
        "Watanabe about the new library branch. Ken, what made the city choose the old train depot?"
    )
    assert first.timestamp == 1
    assert second.text.startswith(
        "Mostly the location. It's right where three bus lines meet, and half"
    )
    assert second.timestamp == 13
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 3


def test_cue_numbers_and_timings_never_reach_the_text():
    for name in ("zoom_meeting.vtt", "voice_tags.vtt", "youtube_talk.srt"):
        for turn in parse(sample(name)).turns:
            assert "-->" not in turn.text
            assert not re.search(r"\d\d:\d\d", turn.text)
            assert not re.match(r"\d+\s", turn.text)


def test_voice_tags_name_the_speakers_and_notes_are_dropped():
    parsed = parse(sample("voice_tags.vtt"))
    assert parsed.title == "Conversation with a beekeeper"
    assert parsed.speakers == ["Hannah Berg", "Tobias Lenz"]
    answer = parsed.turns[1]
    assert answer.text == (
        "Forty-two this spring. We lost six over the winter, which is about normal now. "
        "It used to be two or three!"
    )
    said = " ".join(turn.text for turn in parsed.turns)
    assert "exported from the editing suite" not in said
    assert "::cue" not in said and "<v" not in said


def test_a_cue_that_is_only_a_sound_is_a_direction():
    parsed = parse(sample("voice_tags.vtt"))
    direction = parsed.turns[2]
    assert (direction.kind, direction.text, direction.timestamp) == (
        "direction",
        "[bees buzzing]",
        19,
    )


def test_character_references_are_decoded():
    parsed = parse(sample("voice_tags.vtt"))
    assert parsed.turns[-1].text.endswith("less to forage & more stress.")


def test_srt_names_only_where_the_speaker_changes():
    parsed = parse(sample("youtube_talk.srt"))
    assert parsed.format == "srt"
    turns = speech(parsed)
    assert turns[1].speaker == "Lena Fischer"
    assert turns[1].text == (
        "Twelve, on my dad's old laptop. It had a broken hinge, so I had to prop the screen up "
        "with a book. The book was a physics textbook, which is the most use it ever got."
    )
    assert turns[0].label == "Interviewer"
    assert turns[0].kind == "question"


def test_srt_music_and_applause_are_directions():
    parsed = parse(sample("youtube_talk.srt"))
    directions = [(t.text, t.timestamp) for t in parsed.turns if t.kind == "direction"]
    assert directions == [("[Music]", 0), ("[Laughter]", 25), ("[Applause]", 32)]


def test_cues_without_blank_lines_between_them():
    parsed = parse(
        "1\n00:00:01,000 --> 00:00:02,000\nAna: Hello there.\n"
        "2\n00:00:02,000 --> 00:00:03,000\nHow are you?\n"
        "3\n00:00:03,500 --> 00:00:05,000\nBen: Fine, thanks.\n"
        "4\n00:00:05,000 --> 00:00:06,000\nBen: And you?"
    )
    assert [(t.speaker, t.text, t.timestamp) for t in parsed.turns] == [
        ("Ana", "Hello there. How are you?", 1),
        ("Ben", "Fine, thanks. And you?", 3),
    ]


def test_rolling_captions_are_not_repeated():
    parsed = parse(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nso today we're talking about\nthe river\n\n"
        "00:00:03.000 --> 00:00:05.000\nthe river\nand the old mill\n\n"
        "00:00:05.000 --> 00:00:07.000\nand the old mill\nthat burned down\n"
    )
    assert (
        parsed.turns[0].text
        == "so today we're talking about the river and the old mill that burned down"
    )
    assert any("the subtitles name no speaker" in warning for warning in parsed.warnings)
    assert parsed.turns[0].speaker == "Speaker"  # never blank


def test_dialogue_dashes_and_caption_feed_chevrons():
    parsed = parse(
        "00:00:01.000 --> 00:00:03.000\n- Ana: Hi?\n- Ben: Hello.\n\n"
        "00:00:03.000 --> 00:00:05.000\n>> ANA: Who are you?\n\n"
        "00:00:05.000 --> 00:00:07.000\n>> BEN: Nobody."
    )
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Ana", "Hi?"),
        ("Ben", "Hello."),
        ("Ana", "Who are you?"),
        ("Ben", "Nobody."),
    ]


def test_hints_name_voice_tag_speakers_and_their_roles():
    parsed = parse(
        sample("voice_tags.vtt"),
        ParseHints(interviewers=["Hannah Berg"], interviewees=["Tobias Lenz"]),
    )
    assert [turn.kind for turn in speech(parsed)] == ["question", "answer"] * 2


def test_forcing_a_subtitle_format_on_plain_text_finds_no_cues():
    parsed = parse("Ana: Hello?\n\nBen: Hi.", ParseHints(format="srt"))
    assert parsed.format == "srt"
    assert parsed.turns == []
    assert "no turns found" in parsed.warnings


ITALIC_SOUNDS = """WEBVTT

00:01.000 --> 00:04.000
<v Mira Holt>Tell me about the first prototype.

00:04.000 --> 00:06.000
<v Jon Amsel><i>Laughs</i>

00:06.000 --> 00:09.000
<v Jon Amsel>It caught fire, more or less.

00:09.000 --> 00:11.000
<v Mira Holt><i>(laughs)</i>

00:11.000 --> 00:13.000
<v Mira Holt>And the second one?

00:13.000 --> 00:15.000
<v Jon Amsel><i>Never</i> caught fire.

00:15.000 --> 00:17.000
<v Jon Amsel><i>Honestly</i>
"""


def test_a_cue_wholly_in_italics_naming_a_sound_is_a_direction():
    parsed = parse(ITALIC_SOUNDS)
    assert [(t.kind, t.speaker, t.text) for t in parsed.turns] == [
        ("question", "Mira Holt", "Tell me about the first prototype."),
        ("direction", "", "Laughs"),
        ("answer", "Jon Amsel", "It caught fire, more or less."),
        ("direction", "", "(laughs)"),
        ("question", "Mira Holt", "And the second one?"),
        ("answer", "Jon Amsel", "Never caught fire. Honestly"),
    ]
    assert conservation_problems(ITALIC_SOUNDS, parsed) == []


def test_cue_settings_after_the_timing_are_layout():
    text = (
        "WEBVTT\n\nREGION\nid:bottom\nwidth:40%\n\n"
        "1\n00:00:01.000 --> 00:00:03.000 region:bottom vertical:rl\n<v Ann>Who are you?</v>\n\n"
        "2\n00:00:03.500 --> 00:00:06.000 line:85% size:50%\n<v Ben>Nobody.</v>\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in parsed.turns] == ["Ann", "Ben"]
    assert conservation_problems(text, parsed) == []


def test_two_voices_on_one_caption_line_are_two_turns_sharing_the_line():
    text = (
        "WEBVTT\n\n00:00.000 --> 00:03.500\n"
        "<v Jo Park>Hey, welcome to Maker Minutes.</v> <v Rob Hale>Hi!</v>\n\n"
        "00:03.500 --> 00:08.000\n<v Jo Park>Rob, how did that start?</v>\n\n"
        "00:08.000 --> 00:14.200\n<v Rob Hale>With a kit.</v>\n"
    )
    parsed = parse(text)
    assert [(turn.speaker, turn.text) for turn in parsed.turns] == [
        ("Jo Park", "Hey, welcome to Maker Minutes."),
        ("Rob Hale", "Hi!"),
        ("Jo Park", "Rob, how did that start?"),
        ("Rob Hale", "With a kit."),
    ]
    assert (3, "turns 0-1") in parsed.places
    assert conservation_problems(text, parsed) == []


def test_a_timing_glued_to_text_is_not_a_timing():
    text = "0.0-->0:00\r0.0-->0:00B\r0"
    parsed = parse(text)
    assert conservation_problems(text, parsed) == []
