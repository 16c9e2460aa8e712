"""Unlabelled interviews: questions are paragraphs ending in "?" (or emphasised), answers follow."""

from interviews.transcript import ParseHints, PartialDate, parse
from tests.transcript.helpers import sample, speech

REMOTE_WORK = """# Is remote work here to stay?

March 3, 2021

Economist Lea Park has studied remote work since 2015.

What surprised you most?

How quickly managers adapted.

Most of them had never run a team they couldn't see.

And what didn't surprise you?

That commutes were missed by nobody.

Thank you for reading. Lea Park's book is out in May.
"""


def test_questions_end_with_a_question_mark_and_answers_follow():
    parsed = parse(REMOTE_WORK)
    assert [(t.kind, t.text) for t in parsed.turns] == [
        ("question", "What surprised you most?"),
        (
            "answer",
            "How quickly managers adapted.\n\nMost of them had never run a team they couldn't see.",
        ),
        ("question", "And what didn't surprise you?"),
        ("answer", "That commutes were missed by nobody."),
    ]
    assert parsed.format == "alternating"


def test_a_heading_ending_in_a_question_mark_is_the_title_not_a_question():
    parsed = parse(REMOTE_WORK)
    assert parsed.title == "Is remote work here to stay?"
    assert parsed.published == PartialDate(2021, 3, 3)
    assert parsed.intro == "Economist Lea Park has studied remote work since 2015."


def test_a_note_to_readers_after_the_last_answer_is_the_closing_note():
    parsed = parse(REMOTE_WORK)
    assert parsed.outro == "Thank you for reading. Lea Park's book is out in May."
    assert "closing note guessed from its wording: check it" in parsed.warnings


def test_unhinted_alternation_names_the_sides_by_their_roles_and_says_so():
    parsed = parse(REMOTE_WORK)
    assert [turn.speaker for turn in parsed.turns] == ["Interviewer", "Interviewee"] * 2
    assert parsed.interviewers == ["Interviewer"]
    assert parsed.interviewees == ["Interviewee"]
    assert any("no speaker labels" in warning for warning in parsed.warnings)


def test_hinted_alternation_names_both_sides():
    parsed = parse(REMOTE_WORK, ParseHints(interviewers=["Sam Lee"], interviewees=["Lea Park"]))
    assert [turn.speaker for turn in parsed.turns] == ["Sam Lee", "Lea Park"] * 2
    assert parsed.speakers == ["Sam Lee", "Lea Park"]


def test_forced_alternation_ignores_label_shapes():
    text = "Hype: is it real?\n\nHype: it is everywhere.\n\nScience: what now?\n\nBetter baselines."
    parsed = parse(text, ParseHints(format="alternating"))
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2
    assert parsed.turns[1].text == "Hype: it is everywhere."


def test_consecutive_question_paragraphs_are_one_question():
    parsed = parse("Intro.\n\nYou moved twice?\n\nWhy?\n\nWork, both times.\n\nAnd now?\n\nHome.")
    assert parsed.turns[0].text == "You moved twice?\n\nWhy?"
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_bold_questions_are_the_questions_even_without_a_question_mark_elsewhere():
    parsed = parse(sample("bold_questions.md"))
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[0].text == "How did you end up on nights?"
    assert turns[3].text == (
        "Not the blood. People always assume it's the blood. It's telling families to wait "
        "when they can't bear waiting.\n\nAnd the paperwork. I'm not joking."
    )
    assert parsed.intro.startswith("Dana Kowalski has worked nights")


def test_a_lead_in_label_inside_an_answer_is_not_a_speaker():
    parsed = parse(
        "Why is it hard?\n\nThree reasons.\n\nHype: this is plaguing our field.\n\n"
        "Ethics: nobody asks.\n\nWhat now?\n\nWe wait."
    )
    assert parsed.turns[1].text.endswith("Ethics: nobody asks.")
    assert not any("appears once" in warning for warning in parsed.warnings)


def test_a_single_question_is_flagged_as_a_guess():
    parsed = parse("Some intro text.\n\nWhat is next?\n\nNobody knows.")
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"]
    assert "only one question found: the alternation is a guess" in parsed.warnings


def test_a_very_long_question_paragraph_is_flagged():
    long_question = "We talked about many things. " * 30 + "So what is next?"
    parsed = parse(f"Intro.\n\n{long_question}\n\nWho knows.\n\nAnd then?\n\nNothing.")
    assert parsed.turns[0].kind == "question"
    assert any(warning.startswith("a long paragraph ending in '?'") for warning in parsed.warnings)


USENET_POST = """From: editor@retro.example (Paul Verhoeven)
Newsgroups: comp.sys.retro.announce
Subject: INTERVIEW: Sanna Koivisto of Polar Software

This month we talked to Sanna Koivisto about their new paint program.
My questions are marked with >.

> How did Polar Software start?

We were three students in Oulu with one Amiga between us.

> Why another paint program? Aren't there enough?

None of them handle the new graphics modes properly.

> Thank you, and good luck!

Thanks!

--
Paul Verhoeven                    | Retro Monthly
"""


def test_quoted_paragraphs_are_the_questions_of_a_mail_or_post():
    parsed = parse(USENET_POST)
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[4].text == "Thank you, and good luck!"
    assert turns[5].text == "Thanks!"


def test_a_usenet_posts_poster_is_its_interviewer_and_the_signature_is_set_aside():
    parsed = parse(USENET_POST)
    assert parsed.interviewers == ["Paul Verhoeven"]
    assert parsed.interviewees == ["Sanna Koivisto"]
    assert parsed.ignored[-2:] == ["--", "Paul Verhoeven                    | Retro Monthly"]


def test_the_first_bold_question_and_answer_carry_labels_that_name_the_sides():
    text = (
        "**Harbour Post: What's your background, and why did you found the yard?**\n\n"
        "**Lia Berg:** I studied physics. Then I built my first boat in my father's shed.\n\n"
        "**What were the biggest challenges at the beginning?**\n\n"
        "Money, mostly. Nobody lends to a boatbuilder.\n\n"
        "**Who are your clients?**\n\n"
        "Fishermen, and a few sailors from the city.\n"
    )
    parsed = parse(text)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Harbour Post", "Lia Berg"] * 3
    assert turns[0].text == "What's your background, and why did you found the yard?"
    assert turns[1].text.startswith("I studied physics.")
    assert parsed.interviewers == ["Harbour Post"]


BOLD_QUESTIONS_UNDER_A_TITLE = """# Interview with Jane Doe

**Jane Doe, you have built bridges for forty years. Is there one you would build again?**

The first one, in Lyon.

**Why that one?**

It taught me everything.

**Tell our readers how it started.**

With a drawing on a napkin.

**What comes next?**

A footbridge over the Rhône.

**Thank you for your time.**

Thank you for asking.
"""


def test_a_title_heading_does_not_count_against_bold_questions():
    """Three of the five bold paragraphs ask; the title above them is not a sixth."""
    parsed = parse(BOLD_QUESTIONS_UNDER_A_TITLE)
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 5
    assert parsed.turns[4].text == "Tell our readers how it started."
