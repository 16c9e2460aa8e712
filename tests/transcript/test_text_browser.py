"""A web page dumped by a text browser (lynx, w3m): menus as '* item' lists, form fields drawn
as '_____', a search box and a newsletter box, hard-wrapped at a wide terminal; questions flush
left and answers indented (or the other way round), photo blocks between the paragraphs."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.structure import is_credit
from tests.transcript.helpers import sample, speech


def test_indentation_tells_questions_from_answers():
    parsed = parse(sample("text_browser_qa.txt"))
    turns = speech(parsed)
    assert [t.kind for t in turns] == [
        "question",
        "answer",
        "answer",
        "question",
        "answer",
        "answer",
    ]
    assert turns[0].text == "What first drew you to plant breeding?"
    # An indented answer's "Why would it be?" is the guest's, not a question.
    assert "Why would it be?" in turns[2].text
    assert conservation_problems(sample("text_browser_qa.txt"), parsed) == []


def test_page_furniture_is_not_a_question():
    parsed = parse(sample("text_browser_qa.txt"))
    said = " ".join(t.text for t in parsed.turns)
    assert "What are you looking for?" not in said
    assert "_____________________ What are you looking for?" in parsed.ignored
    assert "Email _____________________" in parsed.ignored


def test_wide_hard_wrapped_lines_are_joined():
    parsed = parse(sample("text_browser_qa.txt"))
    first = speech(parsed)[1].text
    assert "\n" not in first and first.endswith("patient records can beat clever guesses.")


def test_names_from_the_byline_and_the_introduction():
    parsed = parse(sample("text_browser_qa.txt"))
    assert parsed.title == "Seeds Against the Weather"
    assert parsed.interviewers == ["Carla Mendes"]
    # "We spoke with Delgado": the surname, written in full elsewhere in the introduction.
    assert parsed.interviewees == ["Rosa Delgado"]


def test_a_rule_or_a_photo_block_across_an_answer_ends_that_turn():
    parsed = parse(sample("text_browser_qa.txt"))
    captions = [t.text for t in parsed.turns if t.kind == "caption"]
    assert captions == [
        "Rows of barley in a greenhouse. "
        "Delgado checks the barley every morning before seven. "
        "Daniel Ortiz for The Valley Review"
    ]
    assert speech(parsed)[-1].text == "It is quiet work, and I like it that way."


def test_questions_indented_over_flush_answers():
    text = (
        "   How did it start?\n\nIt started in a garage with two friends and a borrowed lathe.\n\n"
        "   And then?\n\nThen we sold the first ten chairs at a market in the spring.\n\n"
        "   Any regrets?\n\nNone that matter now, though the first winter was hard.\n"
    )
    turns = speech(parse(text))
    assert [t.kind for t in turns] == ["question", "answer"] * 3


def test_questions_at_both_levels_are_not_an_indentation_cue():
    text = (
        "How did it start?\n\n   Did it start in a garage? It did, with two friends.\n\n"
        "And then?\n\n   Then what? We sold chairs at a market.\n\n"
        "Any regrets?\n\n   Regrets? None that matter now.\n"
    )
    turns = speech(parse(text))
    # Without the cue every paragraph ending in '?' is a question, as before.
    assert turns[0].text == "How did it start?"
    assert len(turns) >= 3


def test_photo_credits():
    assert is_credit("Daniel Ortiz for The Valley Review")
    assert is_credit("Jane Doe/Reuters")
    assert is_credit("Courtesy of the artist")
    assert not is_credit("Thanks so much for coming")
    assert not is_credit("Jane Doe for The Valley Review.")
    assert not is_credit("View PDF/Print Mode")
    assert is_credit("Ann B. McKee for The Times")


def test_a_menu_above_the_talk_is_furniture():
    parsed = parse(sample("text_browser_qa.txt"))
    assert "Science" not in parsed.intro
    assert any("Culture" in line for line in parsed.ignored)
    # A short list that says something stays in the introduction.
    text = (
        "In this episode:\n\n* We talk about bees.\n* We talk about hives.\n\n"
        "ANN: Hello there.\n\nBO: Hi.\n\nANN: Bye.\n\nBO: Bye now.\n"
    )
    assert "We talk about bees." in parse(text).intro
