"""Question-and-answer layouts: "Q:"/"A:", "Q."/"A.", and questions marked while answers are not."""

from interviews.transcript import ParseHints, PartialDate, parse
from tests.transcript.helpers import sample, speech


def test_q_and_a_colon_labels():
    parsed = parse("Q: Why?\nA: Because.\nQ: Really?\nA: Yes.")
    assert [(t.kind, t.label, t.text) for t in parsed.turns] == [
        ("question", "Q", "Why?"),
        ("answer", "A", "Because."),
        ("question", "Q", "Really?"),
        ("answer", "A", "Yes."),
    ]
    assert parsed.format == "qa"


def test_unhinted_q_and_a_are_named_by_their_roles():
    parsed = parse("Q: Why?\nA: Because.\nQ: Really?\nA: Yes.")
    assert [turn.speaker for turn in parsed.turns] == ["Interviewer", "Interviewee"] * 2
    assert parsed.speakers == ["Interviewer", "Interviewee"]
    assert parsed.turns[0].label == "Q"


def test_hints_name_the_q_and_a_speakers():
    parsed = parse(
        "Q: Why?\nA: Because.\nQ: Really?\nA: Yes.",
        ParseHints(interviewers=["Jo Ng"], interviewees=["Al Bo"]),
    )
    assert [turn.speaker for turn in parsed.turns] == ["Jo Ng", "Al Bo"] * 2
    assert parsed.interviewers == ["Jo Ng"]
    assert parsed.interviewees == ["Al Bo"]


def test_question_and_answer_spelled_out():
    parsed = parse("Question: Why?\n\nAnswer: Because.\n\nQuestion: Really?\n\nAnswer: Yes.")
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_magazine_q_dot_a_dot_with_intro_byline_and_date():
    parsed = parse(sample("qa_magazine.txt"))
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[0].text == "How do you find a path that isn't on any map?"
    assert turns[3].text.endswith("their grandfathers told them.")
    assert "\n\nFarmers are usually more helpful" in turns[3].text
    assert parsed.title == "Q&A: The Cartographer Who Maps Forgotten Footpaths"
    assert parsed.published == PartialDate(2022, 11, 2)
    assert parsed.metadata["byline"] == "By Helen Marsh"
    assert parsed.intro.startswith("For fifteen years, Arjun Mehta")


def test_an_editors_note_after_the_last_answer_is_the_closing_note():
    parsed = parse(sample("qa_magazine.txt"))
    assert parsed.outro == "This interview has been edited and condensed."
    assert "edited and condensed" not in speech(parsed)[-1].text
    assert any("closing note" in warning for warning in parsed.warnings)


def test_labelled_questions_with_unlabelled_answers():
    parsed = parse(sample("interviewer_only.txt"))
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[1].text.startswith("Because the corner is never the same.")
    assert turns[3].text.endswith("who had died.")
    assert "\n\nShe cried when she saw them." in turns[3].text
    assert turns[5].text == "When the corner stops changing."


def test_interviewer_role_label_with_a_hinted_interviewee():
    parsed = parse(
        "Interviewer: What got you started?\n\nCuriosity, mostly.\n\n"
        "Interviewer: And then?\n\nHard work.",
        ParseHints(interviewees=["Rita Moreno"]),
    )
    assert [(t.kind, t.speaker) for t in parsed.turns] == [
        ("question", "Interviewer"),
        ("answer", "Rita Moreno"),
    ] * 2


def test_bold_questions_with_labelled_answers():
    parsed = parse(
        "**What got you started?**\n\nFrancois: Curiosity.\n\n"
        "**And then?**\n\nFrancois: Hard work.\n\nMore hard work."
    )
    assert [(t.kind, t.speaker, t.text) for t in parsed.turns] == [
        ("question", "Interviewer", "What got you started?"),
        ("answer", "Francois", "Curiosity."),
        ("question", "Interviewer", "And then?"),
        ("answer", "Francois", "Hard work.\n\nMore hard work."),
    ]


def test_header_metadata_names_the_q_and_a_speakers():
    parsed = parse(
        "INTERVIEWER: Jane Doe\nSUBJECT: Bob Roe\n\nQ: Hi?\n\nA: Hello.\n\nQ: Bye?\n\nA: Bye."
    )
    assert parsed.metadata == {"interviewer": "Jane Doe", "subject": "Bob Roe"}
    assert parsed.speakers == ["Jane Doe", "Bob Roe"]
    assert parsed.turns[0].label == "Q"
