"""A Q&A thread copied into a Markdown list: each audience question a top-level bullet without
a name, the guests' answers nested under it as labelled items ("    - Jane: ...")."""

from interviews.transcript import parse
from tests.transcript.helpers import speech

THREAD = """\
### Notes from the Harbour Club AMA

Date: 3 May 2021

* Welcome Lia and Jon to our AMA. Glad you are here with us
    - Lia: Happy to be here, thanks for having us.

* (...)

* How did the boatyard start?
    - Lia: My father built boats in a shed, and I took over in 2010.
    - And was it hard at first?
    - Jon: Very. Nobody lends money to a boatbuilder.

* Which boats sell best
    - Jon: Small wooden dinghies, by far.
    - i don't believe it. everyone buys plastic now, how can wood sell
    - Lia: Because it lasts, and people can repair it themselves.
"""


def test_labels_in_nested_items_answer_the_unlabelled_questions_above_them():
    parsed = parse(THREAD)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "Interviewer",
        "Lia",
        "Interviewer",
        "Lia",
        "Interviewer",
        "Jon",
        "Interviewer",
        "Jon",
        "Interviewer",
        "Lia",
    ]
    assert turns[0].text == "Welcome Lia and Jon to our AMA. Glad you are here with us"
    assert turns[1].text == "Happy to be here, thanks for having us."
    assert turns[6].text == "Which boats sell best"
    assert turns[8].text.startswith("i don't believe it.")
    assert parsed.interviewers == ["Interviewer"]
    assert parsed.interviewees == ["Lia", "Jon"]
    assert parsed.title == "Notes from the Harbour Club AMA"
    assert parsed.intro == ""


def test_a_labelled_list_that_is_not_a_thread_keeps_its_speakers_points():
    text = (
        "- Lia: We have three rules in the yard:\n"
        "- measure twice;\n"
        "- cut once.\n\n"
        "- Jon: And I have one: never sail on a Friday.\n\n"
        "- Lia: He means it, too.\n\n"
        "- Jon: I do.\n"
    )
    turns = speech(parse(text))
    assert [turn.speaker for turn in turns] == ["Lia", "Jon", "Lia", "Jon"]
    assert "cut once." in turns[0].text


def test_a_list_of_links_is_no_thread():
    text = (
        "Jon: Welcome to the show, Lia. Where can people find you?\n\n"
        "Lia: Online, mostly.\n\n"
        "Jon: Thanks for coming on.\n\n"
        "Lia: Thanks for having me.\n\n"
        "Links:\n\n"
        "- Twitter: @lia\n"
        "- Twitter: @jon\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["Jon", "Lia", "Jon", "Lia"]
