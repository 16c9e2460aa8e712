"""Usenet and mail interviews: questions quoted tight against their words ('>Why?'), a short
post hard-wrapped at a terminal's width, the interviewee named by the subject or the intro,
and a signature under '-- ' with the poster's name just above it."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

POST = """From: tmiller@quadra.example (Tom Miller)
Newsgroups: alt.music.progressive
Subject: INTERVIEW: Anja Rask of Halvmane
Date: 2 Feb 1997 09:15:33 -0500

Here is the interview I did with Anja Rask over email last month.

>What was the idea behind the new album?
We wanted to record live in one room, like the old records. No
overdubs unless something was really broken.

>Was that hard?
Very. We did each song maybe twenty times. But the songs feel
alive now, I think.

>Who are your influences?
Everyone says Yes and Genesis, and that is true, but also a lot of
Nordic folk music that my grandmother sang.

Thanks Anja!

Tom
--\x20
tmiller@quadra.example  |  "Turn it up."
"""


def test_tight_quotes_are_the_questions_and_the_wrapped_answers_are_joined():
    parsed = parse(POST)
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[0].text == "What was the idea behind the new album?"
    assert turns[1].text == (
        "We wanted to record live in one room, like the old records. "
        "No overdubs unless something was really broken."
    )
    assert turns[-1].text.endswith("my grandmother sang.")
    assert conservation_problems(POST, parsed) == []


def test_the_subject_names_the_interviewee_and_the_sender_asks():
    parsed = parse(POST)
    assert parsed.interviewees == ["Anja Rask"]
    assert parsed.interviewers == ["Tom Miller"]


def test_the_intro_names_the_interviewee():
    parsed = parse(POST.replace("INTERVIEW: Anja Rask of Halvmane", "New album talk"))
    assert parsed.interviewees == ["Anja Rask"]


def test_the_signature_under_the_posters_name_is_set_aside():
    parsed = parse(POST)
    assert parsed.outro == "Thanks Anja!\n\nTom"
    assert 'tmiller@quadra.example  |  "Turn it up."' in parsed.ignored


QUESTIONS_ENDING_IN_A_MARK = """From: "Sarah Voss" <svoss@panix.example>
Newsgroups: rec.games.int-fiction
Subject: Talking compilers
Date: 12 Jun 1996 21:40:05 -0400

As promised, here is my interview with Graham Nelson. Graham was kind
enough to answer by email.

Why did you decide to write a new compiler?

I wanted a language that compiled to the Infocom format, so that the
games would run on every interpreter already out there.

How long did it take to write?

About four months of evenings. Much of that was the manual rather
than the compiler.

What would you like to see next?

More games by people who are not programmers.
"""


def test_a_name_ends_with_its_sentence():
    parsed = parse(QUESTIONS_ENDING_IN_A_MARK)
    assert parsed.interviewees == ["Graham Nelson"]
    assert parsed.interviewers == ["Sarah Voss"]
    assert [turn.kind for turn in speech(parsed)] == ["question", "answer"] * 3


def test_a_bracketed_interview_tag_opens_the_subject():
    parsed = parse(
        QUESTIONS_ENDING_IN_A_MARK.replace(
            "Talking compilers", "[INTERVIEW] Jo Roe on Inform"
        ).replace("my interview with Graham Nelson. Graham was kind", "my interview. He was kind")
    )
    assert parsed.interviewees == ["Jo Roe"]


ANSWER_ENDING_IN_A_MARK = """From: mgold@netcom.example (Mark Goldberg)
Newsgroups: alt.folklore.computers
Subject: Interview: Margaret Ellis, COBOL programmer since 1962
Date: Thu, 8 Feb 1996 17:20:44 GMT

She agreed to answer some questions by email.

How did you get your first programming job?

I answered a newspaper ad from an insurance company in Hartford. The
ad said "no experience necessary, aptitude test required." I took the
test, passed, and started the next Monday.

Were there many women programmers then?

More than people think. In my first group, four of the nine
programmers were women. It changed later, when the job became more
prestigious. Isn't that always the way?

What was the hardest bug you ever fixed?

A rounding error that only showed up on February 29th.
"""


def test_an_answer_ending_in_a_question_mark_under_a_question_is_the_answer():
    parsed = parse(ANSWER_ENDING_IN_A_MARK)
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 3
    assert turns[3].text.endswith("Isn't that always the way?")


def test_a_comma_ends_the_name_in_the_subject():
    assert parse(ANSWER_ENDING_IN_A_MARK).interviewees == ["Margaret Ellis"]


def test_a_description_before_the_name_and_i_interviewed():
    from interviews.transcript.roles import interviewee_from_intro, interviewee_from_title

    assert interviewee_from_title("Interview with novelist Ada Moreno") == "Ada Moreno"
    assert interviewee_from_title("A conversation with the painter Jo Roe") == "Jo Roe"
    assert interviewee_from_title("Interview with our readers") is None
    assert interviewee_from_intro("I interviewed Ada Moreno last week.") == "Ada Moreno"
    post = (
        "From: pkent@well.example (Peter Kent)\nNewsgroups: rec.arts.books\n"
        "Subject: Interview with novelist Ada Moreno\nDate: 19 Sep 1993 04:12:55 GMT\n\n"
        "Q: Why a lighthouse?\n\nMy grandfather kept one.\n\n"
        "Q: How long did it take?\n\nSix years.\n"
    )
    parsed = parse(post)
    assert parsed.interviewees == ["Ada Moreno"] and parsed.interviewers == ["Peter Kent"]
