"""Official press transcripts: reporters labelled "Q" and a gap with no colon, officials in
capitals, labels indented with no-break spaces, a closing clock time, YAML front matter."""

from interviews.transcript import parse
from interviews.transcript.furniture import is_trailer, line_furniture
from interviews.transcript.labels import read_label
from tests.transcript.helpers import speech

NB = "\u00a0"

BRIEFING = f"""{NB}
Briefing Room

2:05 P.M. EDT

MODERATOR: Good afternoon, everyone, and thank you for joining us on the
call today. We will take your questions after the opening statement from
the Secretary, so please use the raise hand button when you are ready.

SECRETARY LANE: Thanks. Today we are announcing new grants for ports
across the country, and the first of them will go out in the spring to
the authorities that have applied in time.

Q Thank you. How much money is in the program, and who can apply for the
grants that you are announcing today?

SECRETARY LANE: About two billion dollars. Any port authority can apply,
and the small ones will get help with their applications from our staff.

Q\tAnd when are the first awards?

SECRETARY LANE: In the spring.

{NB}{NB}{NB}{NB} Q{NB}{NB}{NB} Will small ports get a share of the fund, or will it all go to
the large container terminals on the coasts?

{NB}{NB}{NB}{NB} SECRETARY LANE:{NB} Yes, a fixed share of the fund is kept for them.

MODERATOR: Thank you all. That concludes the briefing for this afternoon.

END 2:31 P.M. EDT
"""


def test_q_and_a_gap_with_no_colon_is_a_role_label():
    for line, body in (
        ("Q    What did you decide?", "What did you decide?"),
        ("Q\tWhat did you decide?", "What did you decide?"),
        (f"Q{NB}{NB}{NB} What did you decide?", "What did you decide?"),
        ("Q Yes, hi. What did you decide?", "Yes, hi. What did you decide?"),
        ("Q    A robotic arm, then?", "A robotic arm, then?"),
        ("A    We decided nothing.", "We decided nothing."),
    ):
        label = read_label(line)
        assert label is not None and label.style == "qa", line
        assert label.body == body


def test_a_q_or_a_opening_a_sentence_is_not_a_label():
    for line in ("Q and A sessions are long.", "A Big Day for the port", "Q A session", "A  lot"):
        label = read_label(line)
        assert label is None or label.style != "qa", line


def test_press_briefing_reporters_are_one_interviewer_and_the_moderator_asks():
    parsed = parse(BRIEFING)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "MODERATOR",
        "SECRETARY LANE",
        "Interviewer",
        "SECRETARY LANE",
        "Interviewer",
        "SECRETARY LANE",
        "Interviewer",
        "SECRETARY LANE",
        "MODERATOR",
    ]
    assert turns[2].text.startswith("Thank you. How much money is in the program")
    assert turns[4].text == "And when are the first awards?"
    assert turns[6].text.startswith("Will small ports get a share of the fund")
    assert set(parsed.interviewers) == {"MODERATOR", "Interviewer"}
    assert parsed.interviewees == ["SECRETARY LANE"]


def test_the_closing_clock_time_is_not_the_last_turn():
    parsed = parse(BRIEFING)
    assert speech(parsed)[-1].text.endswith("concludes the briefing for this afternoon.")
    assert "END 2:31 P.M. EDT" in parsed.ignored
    for line in (
        "6:14 P.M. EST",
        "END 6:14 P.M. EST",
        "11:02 a.m. EDT",
        "                 END                3:55 P.M. PDT",
    ):
        assert is_trailer(line), line
    assert not is_trailer("At 6:14 P.M. EST the call ended and we left.")


def test_the_reporter_is_named_from_a_title_interview_by():
    text = (
        "---\n"
        'title: "Interview of the Governor by Dana Pruitt, \\u201CMorning\\\n'
        '  \\ Edition\\u201D"\n'
        "---\n\n"
        "Q    Governor, good morning.\n\n"
        "THE GOVERNOR:  Good morning, Dana.\n\n"
        "Q    What is the plan for the bridge?\n\n"
        "THE GOVERNOR:  We rebuild it by next year.\n"
    )
    parsed = parse(text)
    assert parsed.title == "Interview of the Governor by Dana Pruitt, “Morning Edition”"
    assert [turn.speaker for turn in speech(parsed)] == ["Dana Pruitt", "THE GOVERNOR"] * 2
    assert parsed.interviewers == ["Dana Pruitt"]


def test_a_sentence_aside_wrapped_onto_its_own_line_stays_in_the_paragraph():
    text = (
        "MR. HALE:  Well, the crowd at the harbour on the first morning was\n"
        "larger than anyone had expected, and the boats were all late.\n"
        "(Laughter.)\n\n"
        "    I mean, there were people standing on the roofs of the old\n"
        "warehouses, on the cranes and on the sea wall, just to watch them.\n\n"
        "Q    Were you surprised by it, given the weather that whole week and\n"
        "the warnings that the harbour master had put out on the radio?\n\n"
        "MR. HALE:  Not really. People here have waited for the new boats for\n"
        "years, and a bit of wind was never going to keep them at home.\n\n"
        "Q    Why not? The forecast was bad for the whole of the week, and the\n"
        "ferries had been cancelled twice.\n\n"
        "MR. HALE:  We had sold every ticket a month before the opening day came\n"
        "and the hotels in town had been full since the spring.\n"
    )
    turns = speech(parse(text))
    assert [turn.speaker for turn in turns] == ["MR. HALE", "Interviewer"] * 2 + ["MR. HALE"]
    assert "(Laughter.)" in turns[0].text
    assert turns[0].text.endswith("just to watch them.")


def test_a_wrapped_line_starting_back_to_is_not_a_navigation_link():
    assert line_furniture("back to fight another day.") is None
    assert line_furniture("Back to top") == "navigation"
    assert line_furniture("← Return to the blog") == "navigation"


def test_a_capitals_role_label_does_not_make_the_a_name_in_the_closing_note():
    text = (
        "Q    Mr. President, thank you.\n\n"
        "THE PRESIDENT:  Thank you.\n\n"
        "Q    What comes next?\n\n"
        "THE PRESIDENT:  We build the road.\n\n"
        "    And the people will see it is the best road they ever had.\n"
    )
    parsed = parse(text)
    assert parsed.outro == ""
    assert speech(parsed)[-1].text.endswith("the best road they ever had.")


def test_yaml_double_quoted_front_matter_reads_its_escapes_and_folds():
    text = (
        "---\n"
        'title: "Press Call on the \\"Harbour\\" Plan in the Middle\\_East"\n'
        'summary: "A call with the\n'
        '  Secretary\\x21"\n'
        "note: 'It''s on\n"
        "  the record'\n"
        "---\n\n"
        "MODERATOR:  Good evening, everyone.\n\n"
        "MR. HALE:  Good evening.\n\n"
        "MODERATOR:  Thank you.\n"
    )
    parsed = parse(text)
    assert parsed.title == f'Press Call on the "Harbour" Plan in the Middle{NB}East'
    assert parsed.metadata["summary"] == "A call with the Secretary!"
    assert parsed.metadata["note"] == "It's on the record"


LIVE_EVENT = """THE GOVERNOR:  Thank you all.  It is good to be back in Fresno.

MS. ODUYA:  Governor, the new water plan starts next month.  Who gains from it first?

THE GOVERNOR:  The farms in the valley, and the towns that have waited longest.

AUDIENCE:  Wooo!

THE GOVERNOR:  I knew some of you were from the valley.  (Laughter.)

AUDIENCE MEMBER:  Yeah!

MS. ODUYA:  And what happens to the towns that are not on the list yet?

THE GOVERNOR:  They come next year.  That is a promise.
"""


def test_a_shout_from_the_audience_is_a_reaction_not_a_speaker():
    parsed = parse(LIVE_EVENT)
    turns = speech(parsed)
    # The shout stands between two turns of the governor, as "(Applause.)" would.
    assert [turn.speaker for turn in turns] == [
        "THE GOVERNOR",
        "MS. ODUYA",
        "THE GOVERNOR",
        "THE GOVERNOR",
        "MS. ODUYA",
        "THE GOVERNOR",
    ]
    assert "AUDIENCE" not in parsed.speakers and "AUDIENCE MEMBER" not in parsed.speakers
    assert [turn.text for turn in parsed.turns if turn.kind == "direction"] == [
        "AUDIENCE:  Wooo!",
        "AUDIENCE MEMBER:  Yeah!",
    ]


def test_someone_from_the_floor_who_asks_still_speaks():
    parsed = parse(LIVE_EVENT.replace("AUDIENCE MEMBER:  Yeah!", "AUDIENCE MEMBER:  And Merced?"))
    assert "AUDIENCE MEMBER" in parsed.speakers
