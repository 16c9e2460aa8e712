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
    assert parsed.interviewees == ["ALAN BROOKS"]
    clip = [turn for turn in parsed.turns if turn.speaker == "JOHN MARSH"]
    assert [turn.kind for turn in clip] == ["remark"]


def test_the_order_notice_is_set_aside():
    parsed = parse(SHOW)
    assert parsed.outro == ""
    assert parsed.ignored[-1].startswith("TO ORDER A VIDEO")
    assert speech(parsed)[-1].text == "Thank you, Dana."
    assert conservation_problems(SHOW, parsed) == []
