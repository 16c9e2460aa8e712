"""Magazine Q&A layouts: questions set as headings over labelled answers, a publishing
system's placeholders (images, pull quotes, sidebars), notes at the foot of the page."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.export import to_markdown
from tests.transcript.helpers import speech

HEADINGS = """---
title: 'Building boats by hand'
authors: 'Maria Keller'
---
In this interview I spoke to two boat builders, Ana Ruiz (AR) and Ben Holt (BH).

=TEXTBOX_START=Words used here=
**Keel** The spine of the hull.

**Strake** One plank of the hull, end to end.
=TEXTBOX_END=

# Q. Why build wooden boats today?

**AR:** Because the wood still teaches you something every day.

**BH:** And because people ask for them.

=IMAGE=holt.jpg=Ben Holt: "A boat is a promise"=

# Q. How long does a boat take?

<!--pagebreak-->

**BH:** About a year, if the timber is dry.

=ZOOM="About a year, if the timber is dry"=

**AR:** Sometimes longer.[1]

——

[1] Larger hulls take two winters.
"""


def to_markdown_reads_back(text: str) -> bool:
    parsed = parse(text)
    again = parse(to_markdown(parsed))
    return [(t.speaker, t.kind, t.text) for t in again.turns] == [
        (t.speaker, t.kind, t.text) for t in parsed.turns
    ]


def test_question_headings_are_the_interviewers_turns():
    parsed = parse(HEADINGS)
    turns = speech(parsed)
    assert [(t.speaker, t.kind) for t in turns] == [
        ("Maria Keller", "question"),
        ("AR", "answer"),
        ("BH", "answer"),
        ("Maria Keller", "question"),
        ("BH", "answer"),
        ("AR", "answer"),
    ]
    assert turns[0].text == "Why build wooden boats today?"
    assert parsed.interviewers == ["Maria Keller"]


def test_placeholders_are_captions_and_end_turns():
    parsed = parse(HEADINGS)
    captions = [t.text for t in parsed.turns if t.kind == "caption"]
    assert 'Ben Holt: "A boat is a promise"' in captions
    assert '"About a year, if the timber is dry"' in captions
    assert not any("=" in t.text or "pagebreak" in t.text for t in speech(parsed))


def test_a_sidebar_is_one_caption_and_its_glossary_is_no_speaker():
    parsed = parse(HEADINGS)
    sidebar = [t for t in parsed.turns if t.text.startswith("Words used here")]
    assert len(sidebar) == 1 and sidebar[0].kind == "caption"
    assert "**Strake** One plank" in sidebar[0].text
    assert to_markdown_reads_back(HEADINGS)
    assert "Keel" not in parsed.speakers and "Strake" not in parsed.speakers


def test_a_footnote_after_the_talk_is_the_closing_note():
    parsed = parse(HEADINGS)
    assert speech(parsed)[-1].text == "Sometimes longer.[1]"
    assert parsed.outro == "[1] Larger hulls take two winters."
    assert conservation_problems(HEADINGS, parsed) == []


def test_headings_that_do_not_ask_stay_sections():
    text = (
        "# Early years\n\n**AR:** I grew up by the sea.\n\n**BH:** I did not.\n\n"
        "# Work\n\n**AR:** We build boats.\n\n**BH:** Slowly.\n"
    )
    parsed = parse(text)
    assert [t.speaker for t in speech(parsed)] == ["AR", "BH", "AR", "BH"]


def test_a_question_heading_answered_by_a_question_is_a_section():
    # The labelled speakers ask and answer themselves: the heading is a section title.
    text = (
        "## What is a keel?\n\nJO: So what is a keel?\n\nAL: The spine of the hull.\n\n"
        "## Why wood?\n\nJO: Why wood at all?\n\nAL: It floats.\n"
    )
    parsed = parse(text)
    assert [t.speaker for t in speech(parsed)] == ["JO", "AL", "JO", "AL"]
