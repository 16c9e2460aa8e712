"""Times that belong to a label, wherever the export writes them: "Name: (01:16)" over the
paragraph (Rev), "**Name**  00:04 Hello" (a bold name, no colon, the time, the text), and a
one-off voice that opens the show in the page's label style."""

from interviews.transcript import parse
from interviews.transcript.labels import read_label
from tests.transcript.helpers import speech


def test_a_time_after_the_colon_is_the_labels():
    label = read_label("Henrietta: (01:16)")
    assert (label.label, label.body, label.timestamp, label.alone) == ("Henrietta", "", 76, True)
    label = read_label("Henrietta: [01:16] So we started.")
    assert (label.label, label.body, label.timestamp) == ("Henrietta", "So we started.", 76)


def test_rev_export_with_the_time_after_the_colon():
    text = (
        "## Transcript\n\n"
        "Maya: (00:07)\nToday I have with me Tomas Berg. Thanks for joining today.\n\n"
        "Tomas: (00:19)\nOf course, I always enjoy chatting with you.\n\n"
        "Maya: (00:21)\nCan you tell us about your background?\n\n"
        "Tomas: (00:27)\nYeah. I started at a print shop in 2011.\n\n"
        "Tomas: (01:16)\nThen we began hosting meetings.\n"
    )
    turns = speech(parse(text))
    assert [turn.speaker for turn in turns] == ["Maya", "Tomas", "Maya", "Tomas"]
    assert turns[0].text == "Today I have with me Tomas Berg. Thanks for joining today."
    assert [turn.timestamp for turn in turns] == [7, 19, 21, 27]
    assert turns[3].text == (
        "Yeah. I started at a print shop in 2011.\n\nThen we began hosting meetings."
    )


def test_a_bold_name_then_a_time_then_the_text():
    label = read_label("**Dr. Ann Wu**  00:04 Hello and welcome to the show.")
    assert (label.label, label.body, label.timestamp) == (
        "Dr. Ann Wu",
        "Hello and welcome to the show.",
        4,
    )
    glued = read_label("**Ann Wu**   25:45Yeah. And so it went.")
    assert (glued.label, glued.body, glued.timestamp) == ("Ann Wu", "Yeah. And so it went.", 1545)
    alone = read_label("**Ann Wu**   15:39")
    assert (alone.label, alone.body, alone.timestamp, alone.alone) == ("Ann Wu", "", 939, True)


def test_bold_time_labels_over_a_conversation():
    text = (
        "**Ann Wu**  00:04 Hello and welcome to the show. Today my guest is Ravi Shah.\n\n\n"
        "**Ravi Shah**   01:19 Hello, Ann, I'm really glad to be here.\n\n\n"
        "**Ann Wu**   01:22 What is your book about?\n\n\n"
        "**Ravi Shah**   01:46\nIt is about a simple way to build software.\n\n\n"
        "**Ann Wu**   02:50Right. And who is it for?\n\n\n"
        "**Ravi Shah**   03:24 Anyone who writes programs.\n"
    )
    turns = speech(parse(text))
    assert [turn.speaker for turn in turns] == ["Ann Wu", "Ravi Shah"] * 3
    assert turns[0].text.startswith("Hello and welcome")
    assert turns[3].text == "It is about a simple way to build software."
    assert turns[4].text == "Right. And who is it for?"
    assert [turn.timestamp for turn in turns] == [4, 79, 82, 106, 170, 204]


def test_a_voice_that_opens_the_show_once_in_the_page_label_style_speaks():
    text = (
        "{%- include util.html -%}\n[episode]: {{episode.url}}\n\n"
        "__Nora Quist__: Howdy, folks. You're listening to Harbour Radio. Today's episode is "
        "hosted by one of our volunteers. Enjoy the show.\n\n"
        "__Jon Ek__: Hey, this is Jon Ek. On this episode I'm talking to Lia Berg about "
        "boats. Lia, welcome to the show.\n\n"
        "__Lia Berg__: Hi, thanks for having me.\n\n"
        "__Jon__: What got you into boats?\n\n"
        "__Lia__: My father built them.\n"
    )
    parsed = parse(text)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "Nora Quist",
        "Jon Ek",
        "Lia Berg",
        "Jon Ek",
        "Lia Berg",
    ]
    assert turns[0].text.startswith("Howdy, folks.")
    assert parsed.intro == ""  # a template tag and a link definition are never shown
    assert parsed.ignored == ["{%- include util.html -%}", "[episode]: {{episode.url}}"]
    assert set(parsed.interviewers) == {"Nora Quist", "Jon Ek"}


def test_a_one_off_note_heading_the_page_is_not_a_voice():
    text = (
        "__Editor's Note__: This transcript was edited for length and clarity, and some\n"
        "passages were moved to keep the conversation in order.\n\n"
        "__Jon Ek__: What got you into boats, and why did you stay with them?\n\n"
        "__Lia Berg__: My father built them.\n\n"
        "__Jon Ek__: And you?\n\n"
        "__Lia Berg__: I sail them.\n"
    )
    turns = speech(parse(text))
    assert [turn.speaker for turn in turns] == ["Jon Ek", "Lia Berg"] * 2


def test_a_time_first_then_an_emphasised_name_is_a_label_line():
    label = read_label("**00:47** - _Jane Doe_")
    assert (label.label, label.timestamp, label.alone) == ("Jane Doe", 47, True)
    assert read_label("**01:02:03** — *Jane Doe*").label == "Jane Doe"
    assert read_label("00:47 - _Jane Doe_").label == "Jane Doe"


NARRATED = """\
[#]: collector: (jdoe)
[#]: subject: (Harbour Voices: The Boatbuilder)

Harbour Voices: The Boatbuilder
======
**00:02** - _Lia Berg_

Yeah, that winter was hard. We had no orders at all and the yard was empty.

**00:47** - _Nora Quist_

That's Lia Berg. She builds wooden boats by hand. I'm Nora Quist, and this is Harbour Voices.

**01:37** - _Nora Quist_

This whole season we have met people who make things. So how did it start?

**02:29** - _Lia Berg_

My father built them, and I watched him.

**02:46** - _Jon Ek_

I bought my first boat from Lia in 2010.

**02:58** - _Nora Quist_

Jon Ek is a fisherman from the north coast. Why did you buy from her?

**03:10** - _Jon Ek_

Because her boats last.
"""


def test_timestamp_first_labels_in_a_narrated_show():
    parsed = parse(NARRATED)
    turns = speech(parsed)
    assert parsed.title == "Harbour Voices: The Boatbuilder"
    assert parsed.intro == ""
    assert "[#]: collector: (jdoe)" in parsed.ignored
    assert [turn.speaker for turn in turns] == [
        "Lia Berg",
        "Nora Quist",
        "Lia Berg",
        "Jon Ek",
        "Nora Quist",
        "Jon Ek",
    ]
    assert turns[1].text.startswith("That's Lia Berg.")
    assert turns[1].text.endswith("So how did it start?")
    assert [turn.timestamp for turn in turns][:2] == [2, 47]
    assert parsed.interviewers == ["Nora Quist"]
    assert parsed.interviewees == ["Lia Berg", "Jon Ek"]
