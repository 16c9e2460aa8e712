"""Two labels that take turns: an answer written without its label is the other side's."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

EMAIL = """The following interview was conducted by e-mail between our editor (E) and Jo Park (J).

E: What got you into clocks?

J: My grandmother repaired them in her kitchen.

E: Which was the first one you fixed?

J: A cuckoo clock with a broken bellows.

It took me a whole summer.

E: Where can readers see your work?

There is a small exhibition at the town library until May.

Most of the clocks there still run.

E: Any advice for beginners?

J: Start with a cheap alarm clock and a good screwdriver.

E: Thank you!

J: Thank you for asking.
"""


def test_an_answer_without_its_label_after_a_question_is_the_other_sides():
    parsed = parse(EMAIL)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["E", "J"] * 5
    assert turns[5].text == (
        "There is a small exhibition at the town library until May.\n\n"
        "Most of the clocks there still run."
    )
    assert turns[5].kind == "answer"
    assert any("taken as the answer of 'J'" in warning for warning in parsed.warnings)
    assert conservation_problems(EMAIL, parsed) == []


def test_the_asker_going_on_with_another_question_keeps_the_paragraph():
    text = EMAIL.replace(
        "There is a small exhibition at the town library until May.\n\n"
        "Most of the clocks there still run.",
        "Or do you keep it all at home?",
    )
    parsed = parse(text)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["E", "J", "E", "J", "E", "J", "E", "J"]
    assert turns[4].text == (
        "Where can readers see your work?\n\nOr do you keep it all at home?\n\n"
        "Any advice for beginners?"
    )
    assert not any("taken as the answer" in warning for warning in parsed.warnings)


def test_speakers_who_do_not_take_turns_are_left_alone():
    text = (
        "ANA: Was the harvest good?\n\nWe had hoped for rain.\n\n"
        "ANA: It came late.\n\nBEN: Too late.\n\nANA: Yes.\n\n"
        "ANA: And the orchard?\n\nThe apples were fine.\n\nANA: Good.\n\nBEN: Fine."
    )
    parsed = parse(text)
    assert not any("taken as the answer" in warning for warning in parsed.warnings)
    assert "We had hoped for rain." in speech(parsed)[0].text
