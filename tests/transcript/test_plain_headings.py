"""Oral histories whose labels stand alone on their lines: a section heading that lost its
markup ('Early Years') between turns is a heading, not the last speaker's words."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems

from .helpers import speech

WIKI = """Nebeker:

Where were you born?

Ekdahl:

In Gothenburg, in 1940.

Nebeker:

What did you do after that?

Ekdahl:

I joined the radio laboratory.

Mobile Telephony

Nebeker:

How did the work begin?

Ekdahl:

In 1969 the administrations agreed to study a common system.

Well, not quite

Nebeker:

And the antennas?

Ekdahl:

That came later.
"""


def test_a_short_line_alone_before_a_label_is_a_section_heading():
    parsed = parse(WIKI)
    turns = speech(parsed)
    assert turns[3].text == "I joined the radio laboratory."
    assert "Mobile Telephony" in parsed.ignored
    assert not conservation_problems(WIKI, parsed)


def test_a_phrase_in_lower_case_stays_the_speakers():
    turns = speech(parse(WIKI))
    assert turns[5].text.endswith("Well, not quite")


def test_a_wikis_retrieved_from_line_opens_its_footer():
    text = WIKI + (
        '\nRetrieved from "https://ethw.org/w/index.php?title=Oral-History:Jo_Roe&oldid=9"\n\n'
        "Navigation menu\nPersonal tools\nLog in\nCategories: People | Computing\n"
    )
    parsed = parse(text)
    assert not parsed.outro
    assert "Navigation menu" in parsed.ignored
    assert speech(parsed)[-1].text == "That came later."
    assert not conservation_problems(text, parsed)


def test_a_wiki_title_and_its_credit_line_name_role_only_labels():
    text = """Oral-History:Ruth Banner

About the Interview

RUTH BANNER: An Interview Conducted by Frederik Nebeker, IEEE History Center, 4 April 2001

Interview

Q:

Where did you grow up?

A:

In Worcester.

Q:

And then MIT?

A:

Then MIT, in 1950.
"""
    parsed = parse(text)
    assert parsed.interviewers == ["Frederik Nebeker"]
    assert parsed.interviewees == ["Ruth Banner"]
    assert not conservation_problems(text, parsed)
