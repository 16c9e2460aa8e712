"""Q:/A: interviews answered by mail: the mail's header and the boilerplate around the answers."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

OUTLOOK_REPLY = """From: Ravi Menon
Sent: Thursday, October 6, 2022 11:03 AM
To: Press Office
Subject: RE: Q&A for the newsletter

Please find my answers below.

1. Q: When did you join the foundation?
A: In 2014, as a field coordinator.

2. Q: What project are you proudest of?
A: The school water programme.

Regards,
Ravi Menon
Programme Director
The Sunrise Foundation

This message and any attachment are intended solely for the addressee and may be
confidential.

-----Original Message-----
From: Press Office
Sent: Monday, October 3, 2022 2:15 PM
To: Ravi Menon
Subject: Q&A for the newsletter

Hi Ravi, could you answer these questions by Friday?
"""


def test_an_outlook_header_is_no_comment_thread():
    parsed = parse(OUTLOOK_REPLY)
    assert not parsed.comments
    assert parsed.metadata["sent"].startswith("Thursday")
    assert parsed.published.isoformat() == "2022-10-06"  # an Outlook header's "Sent:" dates it
    assert not conservation_problems(OUTLOOK_REPLY, parsed)


def test_numbered_questions_keep_their_label():
    turns = speech(parse(OUTLOOK_REPLY))
    assert [turn.kind for turn in turns] == ["question", "answer"] * 2
    assert turns[0].text == "When did you join the foundation?"


def test_quoted_mail_disclaimer_and_signature_are_set_aside():
    parsed = parse(OUTLOOK_REPLY)
    turns = speech(parsed)
    assert turns[-1].text == "The school water programme."
    assert "-----Original Message-----" in parsed.ignored
    assert "Programme Director" in parsed.ignored
    assert not any("confidential" in turn.text for turn in parsed.turns)


def test_the_sender_answers_and_a_desk_is_no_person():
    parsed = parse(OUTLOOK_REPLY)
    assert parsed.interviewees == ["Ravi Menon"]
    assert parsed.interviewers == ["Interviewer"]


def test_the_addressee_asks_when_the_sender_sends_answers():
    text = """Subject: Re: Interview questions
From: Dana Whitfield <dana@lumen.example>
To: Chris Nolan <chris@harbor.example>

Hi Chris, answers below.

Q: What does Lumen do?
A: We build robots that inspect water pipes.

Q: What's next?
A: Three more cities this year.

Sent from my iPhone
"""
    parsed = parse(text)
    assert parsed.interviewers == ["Chris Nolan"]
    assert parsed.interviewees == ["Dana Whitfield"]
    assert "Sent from my iPhone" in parsed.ignored


def test_title_describing_the_guest_and_a_conducted_by_line_name_both_sides():
    text = """Email interview with author Teresa Maddox
Conducted by Jon Pike, March 2022

Q: Why a lighthouse island?

A: I spent a summer there as a volunteer keeper.

Q: How long did the book take?

A: Six years.

To unsubscribe from this list, click here: https://lists.example.com/unsubscribe?id=8812
"""
    parsed = parse(text)
    assert parsed.interviewers == ["Jon Pike"]
    assert parsed.interviewees == ["Teresa Maddox"]
    assert not parsed.outro


def test_numbered_question_labels_are_one_side_and_the_press_kit_is_set_aside():
    text = """From: "Karin Holm" <karin@nordic.example>
To: "Editorial Desk" <desk@lab.example>
Subject: Re: Questions for Lab Weekly

Here are my responses.

Question 1: What drew you to microbiology?
Answer: A school trip to a water plant.

Question 2: What is Nordic Bio working on?
Answer: Enzymes that break down plastics.

Kind regards,

Karin Holm, PhD
Founder & CEO
www.nordic.example

About Nordic Bio
Nordic Bio AB develops enzymes for a circular plastics economy.
"""
    parsed = parse(text)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Interviewer", "Karin Holm"] * 2
    assert turns[0].text == "What drew you to microbiology?"
    assert not any("appears once" in warning for warning in parsed.warnings)
    assert not parsed.outro
    assert "www.nordic.example" in parsed.ignored
    assert not conservation_problems(text, parsed)


def test_a_subject_line_over_a_date_is_the_title():
    text = """Subject: Interview: Five minutes with luthier Sam Okafor
Date: 9 February 2021

Q. How did you start making guitars?
A. I was a carpenter for twenty years.

Q. What wood do you like best?
A. Spruce for the top, always.
"""
    parsed = parse(text)
    assert parsed.title == "Interview: Five minutes with luthier Sam Okafor"
    assert parsed.interviewees == ["Sam Okafor"]


def test_an_oral_historys_subject_is_not_a_title():
    text = """Subject: Jane Doe
Date: 3 May 2001

Q: Where were you born?
A: In Leeds.

Q: And then?
A: London.
"""
    parsed = parse(text)
    assert parsed.title != "Jane Doe"
    assert parsed.interviewees == ["Jane Doe"]


def test_numbered_questions_quoted_inline_are_the_addressees():
    text = """From: Leo Brandt <leo@brandt.example>
To: Nina Sato <nina@synth.example>
Subject: Re: interview

Hi Nina, my answers are inline below.

On Thu, Apr 20, 2023 at 6:02 PM Nina Sato <nina@synth.example> wrote:
> 1. How did Brandt Audio get started?

In my parents' garage in 2009.

> 2. What's your most popular product?

The Tidewater delay.
"""
    parsed = parse(text)
    assert [(turn.speaker, turn.text) for turn in speech(parsed)] == [
        ("Nina Sato", "How did Brandt Audio get started?"),
        ("Leo Brandt", "In my parents' garage in 2009."),
        ("Nina Sato", "What's your most popular product?"),
        ("Leo Brandt", "The Tidewater delay."),
    ]
    assert not conservation_problems(text, parsed)


def test_numbered_questions_without_labels_and_questions_for_a_guest():
    text = """Five questions for Ada Stone

1. What are you reading?

A novel about a lighthouse keeper.

2. Where do you work best?

On trains.
"""
    parsed = parse(text)
    assert [turn.text for turn in speech(parsed)] == [
        "What are you reading?",
        "A novel about a lighthouse keeper.",
        "Where do you work best?",
        "On trains.",
    ]
    assert parsed.interviewees == ["Ada Stone"]


def test_a_credit_line_under_the_signature_names_the_interviewer():
    text = """Subject: Interview: Five minutes with luthier Sam Okafor
Date: 9 February 2021

Q. How did you start making guitars?
A. I was a carpenter for twenty years.

Q. What wood do you like best?
A. Spruce for the top, always.

--
Interview by Rachel Brandt for the Makers Newsletter.
"""
    parsed = parse(text)
    assert parsed.interviewers == ["Rachel Brandt"]
    assert parsed.interviewees == ["Sam Okafor"]


def test_the_earlier_mail_quoted_under_a_top_posted_reply_is_set_aside():
    text = """From: Dana Whitfield <dana@lumen.example>
To: Chris Nolan <chris@harbor.example>

Answers below.

Q: What does Lumen do?
A: We build robots that inspect water pipes.

Q: What's next?
A: Three more cities this year.

Best,
Dana

On Mon, Mar 13, 2023 at 4:10 PM Chris Nolan <chris@harbor.example> wrote:
> Q: What does Lumen do?
> Q: What's next?
"""
    parsed = parse(text)
    turns = speech(parsed)
    assert len(turns) == 4
    assert turns[-1].text == "Three more cities this year."
    assert "> Q: What's next?" in parsed.ignored
    assert not conservation_problems(text, parsed)


def test_a_mail_asking_for_answers_does_not_make_its_sender_the_guest():
    text = """From: Chris Nolan <chris@harbor.example>
To: Dana Whitfield <dana@lumen.example>
Subject: Interview questions

Hi Dana, please send your answers by Friday.

Q: What does Lumen do?
A: (to fill in)

Q: What's next?
A: (to fill in)
"""
    parsed = parse(text)
    assert "Chris Nolan" not in parsed.interviewees


PRESS_RELEASE = """Riverside Makers Interview the Founders of Kiln & Co

LEEDS - May 2nd, 2024 - Riverside Makers published an interview with Ana Ruiz and
Tom Ellery of Kiln & Co in their spring newsletter. The questions were sent by e-mail.

Q: How did the two of you start the studio?

A: We met at evening classes and kept sharing a wheel. After a year we
rented a room of our own.

Q: What comes next?

A: A second kiln, and classes for children on Saturdays.

Q: Thank you both for answering our questions!

More information about Riverside Makers and its newsletter can be found at
https://riverside.example.org.

About Riverside Makers

Riverside Makers is a volunteer-run club for potters, weavers and woodworkers
in West Yorkshire.
"""


def test_an_intro_naming_two_answerers_names_neither_for_the_a_label():
    # "an interview with Ana Ruiz and Tom Ellery": the two answer together, so "A:" stays
    # the interviewee by role rather than becoming the first of the two.
    parsed = parse(PRESS_RELEASE)
    assert parsed.interviewers == ["Interviewer"]
    assert parsed.interviewees == ["Interviewee"]


def test_a_press_release_pointer_after_the_last_question_is_the_closing_note():
    parsed = parse(PRESS_RELEASE)
    assert speech(parsed)[-1].text == "Thank you both for answering our questions!"
    assert parsed.outro.startswith("More information about Riverside Makers")
