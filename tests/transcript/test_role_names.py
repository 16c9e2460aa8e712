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


def test_a_title_of_questions_with_a_person_names_the_interviewee():
    parsed = parse(
        "Five Questions with Marta Lind, CEO of Northwind Robotics\n\n"
        "Q: What do you build?\nA: Robots.\n\nQ: Why now?\nA: Sensors got cheap.\n"
    )
    assert parsed.speakers == ["Interviewer", "Marta Lind"]
    assert parsed.interviewees == ["Marta Lind"]


FERRY_QA = [
    ("How did the ferry start?", "My grandfather built the first one from a barn door."),
    ("Is it still running?", "Every morning at six, except at Christmas."),
    ("Who takes it?", "Schoolchildren, the postman and a few tourists."),
    ("What about winter?", "The lake freezes, so we walk across instead."),
]
UNLABELLED_ANSWERS = "".join(f"HN: {q}\n~~~~\n- {a}\n\n\n" for q, a in FERRY_QA)


def test_an_intro_interview_between_names_the_unlabelled_answers():
    text = (
        "Interview between Harbour News and the head ferryman of Lake Tern, Ola Berg.\n\n"
        "A ferry older than the road.\n\n\n" + UNLABELLED_ANSWERS
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["HN", "Ola Berg"] * 4
    # The dash opening every answer marks the answer, not a list.
    assert speech(parsed)[1].text == "My grandfather built the first one from a barn door."
    assert parsed.interviewers == ["HN"]
    assert parsed.interviewees == ["Ola Berg"]


def test_an_intro_interview_with_names_the_interviewee():
    text = "Our interview with Mira Sandoval about sourdough, recorded in May.\n\n" + QA
    assert parse(text).interviewees == ["Mira Sandoval"]


def test_an_intro_without_a_name_leaves_the_role():
    text = "An interview between our paper and a baker from the old town.\n\n" + QA
    assert parse(text).interviewees == ["Interviewee"]


def test_a_dashed_list_inside_one_answer_stays_a_list():
    text = (
        "Interview with Ola Berg.\n\n"
        "HN: What do you carry?\n\nMostly people.\n\n"
        "HN: What else?\n\n- bicycles\n- the post\n- a goat, once\n\n"
        "HN: Any regrets?\n\nNone at all.\n"
    )
    parsed = parse(text)
    assert "• bicycles\n• the post" in speech(parsed)[3].text


def test_a_hinted_name_wins_over_the_opening_label_which_stays_in_the_text():
    text = "NEWS: How long have you run it?\n\nTwenty years.\n\nAnd before?\n\nFishing."
    parsed = parse(text, ParseHints(interviewers=["Bea Holt"]))
    turns = speech(parsed)
    assert turns[0].speaker == "Bea Holt"
    assert turns[0].text == "NEWS: How long have you run it?"


def test_an_ama_title_names_the_answerer():
    parsed = parse(
        "AMA with Jane Doe\n\nQ: What do you build?\n\nA: Boats.\n\nQ: Why?\n\nA: For fun.\n"
    )
    assert parsed.interviewees == ["Jane Doe"]


def test_a_title_in_a_guests_words_does_not_break_the_parse():
    parsed = parse(
        "So glad to be here, thanks for having me\n\n"
        "Q: What do you build?\n\nA: Boats.\n\nQ: Why?\n\nA: For fun.\n"
    )
    assert not any("internal error" in warning for warning in parsed.warnings)
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_a_role_only_speaker_giving_their_name_is_named_by_it():
    text = """Interviewer: Could you introduce yourself?

Respondent: My name is Luis Ortega. I drive a city bus.

Interviewer: How long have you driven?

Respondent: Twenty-two years.
"""
    parsed = parse(text)
    assert parsed.interviewees == ["Luis Ortega"]
    assert parsed.interviewers == ["Interviewer"]


def test_im_and_capitalised_words_are_no_name_for_a_role_only_speaker():
    text = """Q: Where are you from?

A: I'm Jewish American. My parents came from Odessa.

Q: And you grew up where?

A: In Brooklyn.
"""
    assert parse(text).interviewees == ["Interviewee"]
