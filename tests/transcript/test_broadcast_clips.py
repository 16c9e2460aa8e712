"""Cable-news transcripts: the show's name in capitals over 'Interview With ...' (the
headline), a clock line over the first turn, voices heard only in a played clip remark,
and the ordering notice after the talk is boilerplate."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

SHOW = """NEWS NIGHT LIVE

Interview With Alan Brooks

Aired June 4, 2023 - 09:00   ET

THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.

[09:00:14]

DANA ROSS, NEWS HOST: Washington is relieved this morning after the budget deal.

(BEGIN VIDEOTAPE)

JOHN MARSH, GOVERNOR OF OHIO: Nothing was more urgent than this agreement.

(END VIDEOTAPE)

ROSS: Joining me now is Treasury Secretary Alan Brooks. Thank you for being here.

ALAN BROOKS, TREASURY SECRETARY: Thanks for having me, Dana.

ROSS: How close did we come to default?

BROOKS: Closer than anyone should be comfortable with.

[09:05:31]

ROSS: Secretary Brooks, thank you.

BROOKS: Thank you, Dana.

(COMMERCIAL BREAK)

TO ORDER A VIDEO OF THIS TRANSCRIPT, PLEASE CALL 800-555-0100.
"""


def test_the_headline_under_the_shows_name_is_the_title():
    parsed = parse(SHOW)
    assert parsed.title == "Interview With Alan Brooks"
    assert parsed.metadata["kicker"] == "NEWS NIGHT LIVE"


def test_the_clock_over_the_first_turn_times_it():
    parsed = parse(SHOW)
    assert parsed.intro == ""
    first = speech(parsed)[0]
    assert first.speaker == "DANA ROSS" and first.timestamp_text == "09:00:14"


def test_a_voice_heard_only_in_a_clip_remarks():
    parsed = parse(SHOW)
    assert parsed.interviewers == ["DANA ROSS"]
    # Every speaker gets a side; the clip's voice stays with the guests but only remarks.
    assert parsed.interviewees == ["JOHN MARSH", "ALAN BROOKS"]
    clip = [turn for turn in parsed.turns if turn.speaker == "JOHN MARSH"]
    assert [turn.kind for turn in clip] == ["remark"]
    guest = [turn.kind for turn in parsed.turns if turn.speaker == "ALAN BROOKS"]
    assert guest == ["answer", "answer", "answer"]


def test_the_order_notice_is_set_aside():
    parsed = parse(SHOW)
    assert parsed.outro == ""
    assert parsed.ignored[-1].startswith("TO ORDER A VIDEO")
    assert speech(parsed)[-1].text == "Thank you, Dana."
    assert conservation_problems(SHOW, parsed) == []


TWO_GUESTS = """THE WORLD TONIGHT

Aired October 9, 2023 - 13:00   ET

ANNA REED, NEWS ANCHOR (voice-over): Hello, everyone, and welcome to the program.

REED (on camera): Anders Holm led the alliance for five years. Welcome.

ANDERS HOLM, FORMER SECRETARY GENERAL: Thank you, Anna.

REED: What is your biggest worry right now?

HOLM: That the conflict spreads.

REED: Now, my next guest has written a novel about exile. Grace Mbeki joins me.

GRACE MBEKI, AUTHOR, "THE LONG ROAD HOME": Thank you for having me.

REED: Why exile?

MBEKI: Because my family lived it.
"""


def test_a_delivery_note_does_not_make_the_anchor_a_voice_over():
    parsed = parse(TWO_GUESTS)
    assert parsed.interviewers == ["ANNA REED"]
    assert parsed.interviewees == ["ANDERS HOLM", "GRACE MBEKI"]


def test_a_book_title_in_a_capitals_label_is_the_labels_role():
    parsed = parse(TWO_GUESTS)
    turns = speech(parsed)
    assert turns[5].speaker == "GRACE MBEKI" and turns[5].text == "Thank you for having me."
    assert turns[4].text.endswith("Grace Mbeki joins me.")


def test_the_rush_transcript_notice_dates_the_show():
    text = (
        'This is a rush transcript from "Evening Edition," March 3, 2022. This copy may not be '
        "in its final form and may be updated.\n\n"
        "BRETT HALE, HOST: Welcome. With me is Dr. Laura Chen.\n\n"
        "DR. LAURA CHEN, ECONOMIST: Glad to be with you.\n\n"
        "HALE: How high can gasoline go?\n\nCHEN: Another 30 cents, perhaps.\n"
    )
    parsed = parse(text)
    assert parsed.published.isoformat() == "2022-03-03"
    assert parsed.turns[0].speaker == "BRETT HALE"


def test_a_long_title_in_a_capitals_label():
    text = (
        "JOHN ROSS, NEWS ANCHOR: Joining me is Dr. Ann Fell.\n\n"
        "DR. ANN FELL, DIRECTOR, NATIONAL INSTITUTE OF ALLERGY AND INFECTIOUS DISEASES: "
        "Thank you, John.\n\n"
        "ROSS: Is the worst behind us?\n\nFELL: I think so, but we must stay careful.\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["JOHN ROSS", "DR. ANN FELL"] * 2
    assert speech(parsed)[1].text == "Thank you, John."


def test_a_taped_interview_inside_a_clip_keeps_its_guest():
    text = (
        "ANNA REED, NEWS ANCHOR: Welcome to the program. Earlier I spoke with Jo Lamb.\n\n"
        "(BEGIN VIDEOTAPE)\n\n"
        "REED: Jo Lamb, thank you for joining me. Why did you resign?\n\n"
        "JO LAMB, FORMER MINISTER: Because I could not defend the policy any longer.\n\n"
        "REED: Do you regret it?\n\nLAMB: Not for a moment.\n\n"
        "(END VIDEOTAPE)\n\n"
        "REED: That was Jo Lamb. We'll be right back.\n"
    )
    parsed = parse(text)
    assert parsed.interviewees == ["JO LAMB"]
    assert [turn.kind for turn in speech(parsed) if turn.speaker == "JO LAMB"] == ["answer"] * 2
