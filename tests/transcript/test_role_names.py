"""Role-only speakers ("Q:"/"A:", unlabelled alternation) are named from the page, else by role."""

from interviews.transcript import ParseHints, parse
from tests.transcript.helpers import speech

QA = "Q: Why bread?\n\nA: Because it rises.\n\nQ: And cake?\n\nA: Cake too."


def test_role_labels_without_a_name_anywhere_are_named_by_the_role():
    parsed = parse(QA)
    assert [turn.speaker for turn in parsed.turns] == ["Interviewer", "Interviewee"] * 2
    assert not any(turn.speaker == "" for turn in speech(parsed))


def test_a_title_interview_with_names_the_interviewee():
    parsed = parse("# An Interview with Mira K. Sandoval\n\n" + QA)
    assert parsed.speakers == ["Interviewer", "Mira K. Sandoval"]
    assert parsed.interviewees == ["Mira K. Sandoval"]


def test_a_shouted_title_gives_the_name_in_readable_case():
    parsed = parse("INTERVIEW WITH MIRA SANDOVAL\n\n" + QA)
    assert parsed.interviewees == ["Mira Sandoval"]


def test_a_byline_names_the_interviewer():
    parsed = parse("Bakers at Dawn\n\nBy Helen Marsh\n\nShe bakes before sunrise.\n\n" + QA)
    assert parsed.byline == "By Helen Marsh"
    assert parsed.interviewers == ["Helen Marsh"]
    assert parsed.interviewees == ["Interviewee"]


def test_front_matter_author_names_the_interviewer():
    text = "---\ntitle: Interview with Mira Sandoval\nauthors: Tom Ruiz\n---\n\n" + QA
    parsed = parse(text)
    assert parsed.speakers == ["Tom Ruiz", "Mira Sandoval"]


def test_several_authors_name_nobody():
    text = "---\nauthors: Tom Ruiz, Ana Lee\n---\n\n" + QA
    assert parse(text).interviewers == ["Interviewer"]


def test_an_intro_saying_who_conducted_the_interview_names_the_interviewer():
    text = "This interview was conducted by Peter Lind of the Town Archive in 2014.\n\n" + QA
    assert parse(text).interviewers == ["Peter Lind"]


def test_unlabelled_alternation_is_named_from_the_title():
    text = (
        "A Conversation with Ola Berg\n\nOla Berg runs the ferry.\n\n"
        "How long have you run it?\n\nTwenty years.\n\nAnd before?\n\nFishing."
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["Interviewer", "Ola Berg"] * 2


def test_a_label_heading_the_first_question_and_answer_names_each_side():
    text = (
        "Ola Berg runs the last ferry on the lake.\n\n"
        "HARBOUR NEWS: How long have you run it?\n\n"
        "Ola Berg: Twenty years, give or take.\n\n"
        "And before that?\n\n"
        "Fishing, like my father.\n\n"
        "Would you do it again?\n\n"
        "Every day of my life."
    )
    parsed = parse(text)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["HARBOUR NEWS", "Ola Berg"] * 3
    assert turns[0].text == "How long have you run it?"
    assert turns[1].text == "Twenty years, give or take."
    assert not any("appears once" in warning for warning in parsed.warnings)


def test_a_hinted_name_wins_over_the_opening_label_which_stays_in_the_text():
    text = "NEWS: How long have you run it?\n\nTwenty years.\n\nAnd before?\n\nFishing."
    parsed = parse(text, ParseHints(interviewers=["Bea Holt"]))
    turns = speech(parsed)
    assert turns[0].speaker == "Bea Holt"
    assert turns[0].text == "NEWS: How long have you run it?"
