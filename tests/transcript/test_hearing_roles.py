"""Congressional hearings: the committee's members ask, its witnesses answer, whatever their
titles; the chair who opens and hands the word out is a member too."""

from interviews.transcript import parse


def roles(parsed):
    return {name: "interviewer" for name in parsed.interviewers} | {
        name: "interviewee" for name in parsed.interviewees
    }


HOUSE = """\
    The Chairman. The committee will come to order. Today we hear
from two economists on the outlook for jobs. Without objection,
all members' opening statements will be made a part of the record.
    The gentleman from Ohio, the ranking member, Mr. Roe.
    Mr. Roe. Thank you, Mr. Chairman, and I thank you for holding
this hearing. Families in my district want to know when hiring
will come back.
    The Chairman. Our first witness is Dr. Ivy Lam of the Harbor
Institute.
    Dr. Lam. Thank you, Mr. Chairman, Ranking Member Roe, and members
of the committee. I am pleased to appear before you today. In my
testimony I make three points about wages and hiring.
    The Chairman. Thank you. Mr. Orr?
    Mr. Orr. Thank you, Mr. Chairman. It is a pleasure to be here.
My written statement covers the housing market in some detail.
    The Chairman. Dr. Lam, when will hiring pick up?
    Dr. Lam. Not before next spring, I am afraid.
    The Chairman. Why so late?
    Dr. Lam. Firms are still paying down debt.
    The Chairman. My time has expired. The gentleman from Ohio.
    Mr. Roe. Mr. Orr, do you agree with Dr. Lam?
    Mr. Orr. Mostly. Housing will lag behind the rest.
    Mr. Roe. And what would you do about it?
    Mr. Orr. Less than you might think. I yield to the evidence.
    Mr. Roe. I yield back.
    The Chairman. The gentlewoman from Texas, Ms. Diaz, is recognized
for 5 minutes.
    Ms. Diaz. Thank you, Mr. Chairman. Dr. Lam, what about
part-time work?
    Dr. Lam. It has grown, and it hides some of the slack.
"""


def test_house_members_titled_mister_ask_and_the_witnesses_answer():
    parsed = parse(HOUSE)
    assert roles(parsed) == {
        "The Chairman": "interviewer",
        "Mr. Roe": "interviewer",
        "Ms. Diaz": "interviewer",
        "Dr. Lam": "interviewee",
        "Mr. Orr": "interviewee",
    }


SENATE = """\
    Chairman Hale. Good morning. Chairman Voss, welcome back to the
Committee. I will make a short statement, then turn to Senator Kerr,
and then we will hear from you.
    Senator Kerr. Thank you, Chairman Hale. Chairman Voss, we welcome
you back. The banks are lending less than a year ago, and I want to
know why.
    Chairman Hale. Thank you, Senator. Chairman Voss, please proceed.
    Chairman Voss. Thank you. Chairman Hale, Senator Kerr, and Members
of the Committee, I appreciate the opportunity to testify on the
state of the economy. My prepared statement has been submitted for
the record.
    Chairman Hale. Thank you very much, Mr. Chairman. When will credit
loosen?
    Chairman Voss. Not soon, Mr. Chairman. Lenders remain cautious.
    Chairman Hale. How cautious?
    Chairman Voss. More than at any time since the 1990s, Senator.
    Chairman Hale. Thank you. Senator Kerr.
    Senator Kerr. Thank you, Mr. Chairman. Are the rules to blame?
    Chairman Voss. Partly, Senator Kerr. Mostly it is demand.
    Senator Kerr. Thank you. My time is up.
"""


def test_a_witness_titled_chairman_is_told_from_the_committee_chair_by_what_they_say():
    parsed = parse(SENATE)
    assert roles(parsed) == {
        "Chairman Hale": "interviewer",
        "Senator Kerr": "interviewer",
        "Chairman Voss": "interviewee",
    }


def test_sworn_witnesses_headed_by_their_testimony_answer():
    text = """\
    Senator Pike. Good morning. Today the Subcommittee looks at how
the loans were sold. Senator Roth.
    Senator Roth. Thank you, Mr. Chairman, for holding this hearing.
I look forward to the testimony.
    Senator Pike. Thank you, Senator Roth. Please stand and raise your
right hand. Do you swear that the testimony you are about to give
will be the truth, the whole truth, and nothing but the truth?
    Mr. Hall. I do.
    Mr. Venn. I do.
    Senator Pike. Mr. Hall, please proceed.

             TESTIMONY OF ADAM HALL, FORMER TRADER, NEW YORK

    Mr. Hall. Mr. Chairman, Members of the Subcommittee, my name is Adam
Hall, and I traded mortgage bonds for ten years.
    Senator Pike. Thank you. Mr. Venn.
    Mr. Venn. Good morning, Mr. Chairman. I ran the sales desk.
    Senator Pike. Mr. Hall, who bought these bonds?
    Mr. Hall. Pension funds, mostly.
    Senator Roth. Did they know the risk?
    Mr. Venn. They were told, Senator.
"""
    parsed = parse(text)
    assert roles(parsed) == {
        "Senator Pike": "interviewer",
        "Senator Roth": "interviewer",
        "Mr. Hall": "interviewee",
        "Mr. Venn": "interviewee",
    }


def test_a_talk_show_with_a_chairman_as_guest_is_not_a_hearing():
    text = (
        "Ann Lee: Welcome to the show. My guest today is the chairman of a bank.\n\n"
        "Chairman Voss: Thanks for having me.\n\n"
        "Ann Lee: Mr. Chairman, what keeps you up at night?\n\n"
        "Chairman Voss: Interest rates, mostly.\n\n"
        "Ann Lee: Why those?\n\n"
        "Chairman Voss: They move everything else.\n"
    )
    assert roles(parse(text)) == {"Ann Lee": "interviewer", "Chairman Voss": "interviewee"}


def test_a_select_committee_without_full_stops_after_mr():
    text = (
        "Chair: Good morning. Mr Lund, thank you for coming. Mr Pryce will start.\n\n"
        "Mr Pryce: Thank you, Chair. Mr Lund, why did the project run late?\n\n"
        "Mr Lund: Thank you, Mr Chairman. I am pleased to appear before the committee. "
        "In my written statement I set out three causes.\n\n"
        "Mr Pryce: Which mattered most?\n\n"
        "Mr Lund: The software, Mr Chairman.\n\n"
        "Chair: Mr Pryce, your time is up. Does the minister agree?\n\n"
        "Mr Lund: He does.\n"
    )
    assert roles(parse(text)) == {
        "Chair": "interviewer",
        "Mr Pryce": "interviewer",
        "Mr Lund": "interviewee",
    }


def test_the_chair_calling_the_next_member_by_name_is_the_chairs_line():
    text = """\
    Chairman Hale. The Committee will come to order. Chairman Voss,
welcome back.
    Chairman Voss. Thank you, Mr. Chairman. I appreciate the
opportunity to testify today.
    Chairman Hale. When will credit loosen?
    Chairman Voss. Not soon, Mr. Chairman.
    Chairman Hale. Thank you.
    Senator Kerr.
    Senator Kerr. Thank you, Mr. Chairman. Are the rules to blame?
    Chairman Voss. Partly, Senator.
    Senator Kerr. Thank you. My time is up.
"""
    parsed = parse(text)
    said = [(turn.speaker, turn.text) for turn in parsed.turns]
    assert ("Chairman Hale", "Thank you.\n\nSenator Kerr.") in said
    assert ("Senator Kerr", "Thank you, Mr. Chairman. Are the rules to blame?") in said
    assert roles(parsed)["Senator Kerr"] == "interviewer"


def test_a_statement_heading_in_capitals_between_turns_is_not_speech():
    text = """\
    The Chairman. The committee will come to order. We will now hear
from Dr. Lam of the Harbor Institute.

   STATEMENT OF IVY LAM, DIRECTOR, THE HARBOR INSTITUTE, NEW
                          HAVEN, CONNECTICUT

    Dr. Lam. Thank you, Mr. Chairman, and members of the committee.
I am pleased to appear today.
    The Chairman. Thank you. Why is hiring slow?
    Dr. Lam. Demand is weak, Mr. Chairman.
"""
    parsed = parse(text)
    assert " ".join(parsed.turns[0].text.split()) == (
        "The committee will come to order. We will now hear from Dr. Lam of the Harbor Institute."
    )
    assert not any("STATEMENT OF" in turn.text for turn in parsed.turns)
    assert any("STATEMENT OF IVY LAM" in line for line in parsed.ignored)
