"""A museum oral history as PDF text without form feeds: a cover page packed without blank
lines (its short lines say nothing against the talk's wrapping), a running title and footer
on every page, a sentence cut by the page break, 'END OF THE INTERVIEW' after the talk."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

ORAL_HISTORY = """Oral History of Ravi Menon
Interviewed by:
Anna Kovacs
Recorded November 12, 2019
Mountain View, CA
Museum Reference number: 102781234
Oral History of Ravi Menon
Museum Ref: 102781234 © 2019 Museum of Computing Page 1 of 2
Kovacs: So today is November 12th, 2019, and we're here with Ravi Menon.
Menon: Thank you.
Kovacs: Where were you born?
Menon: I was born in Chennai, in 1952. My father was a railway clerk and my
mother kept the house. There were five of us children, and I was the
youngest.
Kovacs: How did you first hear about computers?
Menon: From a magazine that a cousin brought back from Singapore. I must have
read it a hundred times, and I did not understand half of it, but I knew
I wanted to understand it. Then I came to Stanford for graduate school in
Oral History of Ravi Menon
Museum Ref: 102781234 © 2019 Museum of Computing Page 2 of 2
1975, which was a very exciting time to be in the Bay Area, and I stayed
on to work in a laboratory building some of the first custom chips.
Kovacs: Thank you so much for your time today.
Menon: Thank you. It was a pleasure.
END OF THE INTERVIEW
"""


def test_the_wrapped_answers_are_joined_across_the_page_break():
    parsed = parse(ORAL_HISTORY)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["Kovacs", "Menon"] * 4
    assert turns[3].text == (
        "I was born in Chennai, in 1952. My father was a railway clerk and my mother kept the "
        "house. There were five of us children, and I was the youngest."
    )
    assert "graduate school in 1975, which was" in turns[5].text
    assert turns[-1].text == "Thank you. It was a pleasure."
    assert conservation_problems(ORAL_HISTORY, parsed) == []


def test_the_running_title_is_the_title_and_the_place_goes_with_the_date():
    parsed = parse(ORAL_HISTORY)
    assert parsed.title == "Oral History of Ravi Menon"
    assert parsed.metadata["dateline"] == "Recorded November 12, 2019; Mountain View, CA"
    assert parsed.published.isoformat() == "2019-11-12"
    assert parsed.interviewers == ["Kovacs"] and parsed.interviewees == ["Menon"]


def test_the_end_of_the_interview_is_set_aside():
    parsed = parse(ORAL_HISTORY)
    assert "END OF THE INTERVIEW" in parsed.ignored


ROLE_LABELS = (
    "Oral History of Sam Okeke\n\nInterviewed by:\nDag Lund\n\nRecorded: August 2, 2012\n"
    "Mountain View, California\n\f"
    "Oral History of Sam Okeke\n\nMuseum Ref: X6543 © 2012 Museum Page 2 of 3\n\n"
    "Interviewer: Sam, can you tell us where you were born?\n\n"
    "Okeke: I was born in Enugu, Nigeria, in 1948. My father was a schoolteacher,\n"
    "and there were always books in the house, which was unusual then.\n\n"
    "Interviewer: How did you come to the United States?\n\n"
    "Okeke: On a scholarship to MIT, in 1967. I arrived in January, in a cotton\n"
    "suit, and I thought I was going to die of the cold.\n\n"
    "Interviewer: What did you study?\n\n"
    "Okeke: Electrical engineering. I wrote my thesis on error-correcting codes\n"
    "for satellite links, which turned out to be useful much later.\n\n2\n\f"
    "Oral History of Sam Okeke\n\nMuseum Ref: X6543 © 2012 Museum Page 3 of 3\n\n"
    "Interviewer: Thank you, Sam.\n\nOkeke: Thank you.\n\n[END OF INTERVIEW]\n\n3\n"
)


def test_a_few_wrapped_answers_under_a_cover_page_are_joined():
    parsed = parse(ROLE_LABELS)
    turns = speech(parsed)
    assert turns[1].text == (
        "I was born in Enugu, Nigeria, in 1948. My father was a schoolteacher, and there were "
        "always books in the house, which was unusual then."
    )
    assert [turn.speaker for turn in turns] == ["Dag Lund", "Okeke"] * 4
    assert turns[-1].text == "Thank you."


FOOTER_BELOW = """Oral History of Ruth Albers
Interviewed by: Hansen Lee
Recorded: October 3, 2018
Museum Reference number: 102740012

Lee: My name is Hansen Lee, and today is October 3rd, 2018. I'm here with Ruth
Albers to talk about her career at Intel and beyond. Ruth, welcome.
Albers: Thank you. I'm delighted.
Lee: Where did you go to college?
Albers: Iowa State, in mathematics. I was going to be a teacher, and then in my
junior year a professor asked if I'd like to work on the university's new com-
Museum Ref: 102740012 © 2018 Museum of Computer History Page 1 of 2
puter, and that was the end of teaching.
Lee: How did you get to Intel?
Albers: A recruiter came to campus in 1972. They were a small company then, and
they needed people who could write software for the new microprocessors.
Museum Ref: 102740012 © 2018 Museum of Computer History Page 2 of 2
"""


def test_a_word_broken_across_a_page_footer_is_joined_and_counted_once():
    parsed = parse(FOOTER_BELOW)
    turns = speech(parsed)
    assert "the university's new computer, and that was the end of teaching." in turns[3].text
    assert conservation_problems(FOOTER_BELOW, parsed) == []


EDITED_COVER = """Oral History of Ruth Ilves

Interviewed by:
 Anna Kovacs

Edited by:
Piet de Wit

Recorded: May 3, 2011
Mountain View, California

Museum Reference number: 102700001

© 2011 Museum of Computing

Oral History of Ruth Ilves

Museum Ref: 102700001          © 2011 Museum of Computing          Page 2 of 3

Anna Kovacs:  Ruth, where did you grow up?
Ruth Ilves:  In Tartu, by the river.

Oral History of Ruth Ilves

Museum Ref: 102700001          © 2011 Museum of Computing          Page 3 of 3

Kovacs:  And school?
Ilves:  The same town, all of it.
"""


def test_a_credit_over_a_name_on_the_cover_is_a_field_not_the_headline():
    # "Edited by:" with the editor's name under it is read like "Interviewed by:": the running
    # title stays the title, and neither the editor nor the place is taken for it.
    parsed = parse(EDITED_COVER)
    assert parsed.title == "Oral History of Ruth Ilves"
    assert [turn.speaker for turn in speech(parsed)] == ["Anna Kovacs", "Ruth Ilves"] * 2
    assert conservation_problems(EDITED_COVER, parsed) == []
