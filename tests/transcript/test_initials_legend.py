"""Podcast transcripts labelled by initials ('00:01:23 [JD] text', '[00:01:23] JD: text') with
a legend above the talk that spells them out: the speakers take the legend's names, and the
roles it gives."""

from interviews.transcript import parse
from interviews.transcript.roles import initials_legend
from tests.transcript.helpers import speech

LEGEND_LINES = """The Data Shed, Episode 42

JD = Jane Doe (host)
MR = Miguel Reyes (guest, staff engineer)

00:00:05 [JD] Hello and welcome. Today I'm talking with Miguel about pipelines.
00:00:14 [MR] Thanks, Jane. Glad to be here.
00:00:16 [JD] So what's the most common way a pipeline breaks?
00:00:20 [MR] Schema changes upstream. Somebody renames a column.
00:00:27 [JD] How do you guard against that?
00:00:30 [MR] Contracts, tested on every run.
"""


def test_the_legend_reads_lines_and_parentheses():
    assert initials_legend("JD = Jane Doe (host)\nMR: Miguel Reyes, guest") == {
        "JD": ("Jane Doe", "interviewer"),
        "MR": ("Miguel Reyes", "interviewee"),
    }
    assert initials_legend("Speakers: TK (Tom Kowalski, host), LF (Lena Fischer)") == {
        "TK": ("Tom Kowalski", "interviewer"),
        "LF": ("Lena Fischer", None),
    }
    assert initials_legend("Priya Natarajan (PN) talks with Owen Blake (OB).") == {
        "PN": ("Priya Natarajan", None),
        "OB": ("Owen Blake", None),
    }


def test_initials_stay_as_written_and_take_the_legends_roles():
    parsed = parse(LEGEND_LINES)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == ["JD", "MR"] * 3
    assert turns[0].timestamp_text == "00:00:05"
    assert parsed.interviewers == ["JD"] and parsed.interviewees == ["MR"]


GUEST_ASKS = """JD = Jane Doe (guest)
MR = Miguel Reyes (host)

00:00:05 [JD] Can I ask you something first? Why pipelines?
00:00:14 [MR] Because everyone has one and nobody likes theirs. So, tell us about yours.
00:00:16 [JD] Did you know ours broke twice last week?
00:00:20 [MR] I did not. That sounds painful. What happened?
00:00:27 [JD] Who renames a column on a Friday?
00:00:30 [MR] Someone who will not do it again.
"""


def test_the_legend_says_who_hosts_when_the_questions_do_not():
    parsed = parse(GUEST_ASKS)
    assert parsed.interviewers == ["MR"] and parsed.interviewees == ["JD"]


def test_header_names_lose_the_initials_in_brackets():
    text = (
        "Host: Ben Adler (BA)\nGuest: Marta Ruiz (MR), rail planner\n\n"
        "[00:00:00] BA: Hi everyone. My guest today is Marta Ruiz.\n"
        "[00:00:07] MR: Thanks for having me.\n"
        "[00:00:09] BA: Why are trains so expensive to build?\n"
        "[00:00:13] MR: Labour, consultants and review.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Ben Adler"] and parsed.interviewees == ["Marta Ruiz"]
    assert speech(parsed)[0].label == "BA"


def test_a_few_timed_lines_wrapped_at_a_fixed_width_are_joined():
    text = (
        "00:00:00 [KO] Welcome to Open Stacks, where we talk about libraries and the people who\n"
        "love them. I'm Kim Osei. My guest is the historian Ian Marsh.\n"
        "00:00:10 [IM] Thanks, Kim. Happy to be here.\n"
        "00:00:13 [KO] Your new book is about the public library movement. Where does it start?\n"
        "00:00:18 [IM] With subscription libraries in the eighteenth century, really. Members\n"
        "paid a fee and shared the books. The public library idea grows out of that, slowly,\n"
        "over a hundred years.\n"
    )
    turns = speech(parse(text))
    assert turns[0].text.startswith("Welcome to Open Stacks, where we talk about libraries and")
    assert "\n" not in turns[0].text and "\n" not in turns[3].text
