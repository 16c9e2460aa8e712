"""Who opens the show: a speaker naming themselves in the very first turn is its host."""

from interviews.transcript import parse

REV = """The Growth Loop, Episode 57: Pricing with Nadia Brooks

Kevin Marsh (00:00:00):
Welcome to The Growth Loop. I'm Kevin Marsh. Nadia, welcome.

Nadia Brooks (00:00:09):
Thanks, Kevin. Good to see you.

Kevin Marsh (00:00:12):
What's the most common pricing mistake you see?

Nadia Brooks (00:00:16):
Pricing once and never looking at it again.

Kevin Marsh (00:01:02):
How often should a company revisit it?

Nadia Brooks (00:01:05):
At least once a year.
"""


def test_naming_yourself_in_the_first_turn_is_no_guest_presenting_themselves():
    parsed = parse(REV)
    assert parsed.interviewers == ["Kevin Marsh"]
    assert parsed.interviewees == ["Nadia Brooks"]


def test_today_im_talking_with_is_a_hosts_phrase():
    text = """Ann Lee: Today I'm talking with Bo Ray about boats.

Bo Ray: Yes. Boats are my life.

Ann Lee: Tell me about the first one.

Bo Ray: It sank. I built another one that summer.
"""
    parsed = parse(text)
    assert parsed.interviewers == ["Ann Lee"]
    assert parsed.interviewees == ["Bo Ray"]


def test_askers_handed_the_word_by_a_moderator_ask():
    text = """Linda Shaw (00:00:02):
Good evening everybody, and thank you for coming out.

Moderator (00:00:08):
Thank you, Mayor. Our first question tonight is from Jim Reyes.

Jim Reyes (00:00:13):
Mayor, when is the library going to reopen?

Linda Shaw (00:00:18):
In September. The roof repairs took longer than we hoped.

Moderator (00:01:02):
Next question, from Carla Dean.

Carla Dean (00:01:05):
Will the bus route come back?

Linda Shaw (00:01:10):
I'm pushing for it.
"""
    parsed = parse(text)
    assert parsed.interviewees == ["Linda Shaw"]
    assert set(parsed.interviewers) == {"Moderator", "Jim Reyes", "Carla Dean"}


def test_thanking_someone_for_joining_the_call_is_a_hosts_phrase():
    text = """Speaker 1 (00:00:00): Good afternoon, and thanks for joining the call.
Speaker 2 (00:00:03): Glad to. Where do you want to start?
Speaker 1 (00:00:06): Your first job out of school.
Speaker 2 (00:00:09): I was a night editor at a small paper in Ohio, mostly obituaries.
Speaker 3 (00:00:27): Sorry to jump in, can I ask a follow-up?
Speaker 1 (00:00:29): Go ahead.
Speaker 3 (00:00:30): Did you ever get one wrong?
Speaker 2 (00:00:32): Once. I still remember the family's phone call the next morning.
Speaker 1 (00:00:38): Thank you both.
"""
    parsed = parse(text)
    assert parsed.interviewees == ["Speaker 2"]
    assert parsed.interviewers == ["Speaker 1", "Speaker 3"]


LIVE_RECORDING = """THE MAYOR:  Thank you.  It is so good to be here.

DR. OKAFOR:  We are honoured to have you.  This is a live recording of Field Notes, a
podcast about cities.  I'm joined by my co-host, Dr. Ines Varga, and I'm Dr. Ben Okafor.

DR. VARGA:  Madam Mayor, what got you into city planning in the first place?

THE MAYOR:  The buses.  I grew up taking three of them to get to school.

DR. OKAFOR:  And what would you change first?

THE MAYOR:  The routes, all of them.

DR. VARGA:  Thank you so much for coming.
"""


def test_a_co_host_named_with_a_title_is_a_host():
    # "my co-host, Dr. Ines Varga" presents a host, even though the label is "DR. VARGA".
    parsed = parse(LIVE_RECORDING)
    assert sorted(parsed.interviewers) == ["DR. OKAFOR", "DR. VARGA"]
    assert parsed.interviewees == ["THE MAYOR"]


TWO_HOSTS_VTT = """WEBVTT

00:00:00.020 --> 00:00:04.800
<v Ria Sato>Hello and welcome to Byte Sized, where we bring you the week's news in code.

00:00:05.380 --> 00:00:07.680
<v Ria Sato>This is episode 90. I'm Ria Sato.

00:00:08.040 --> 00:00:08.780
<v Ria Sato>And I'm Tom Berg.

00:00:09.140 --> 00:00:11.020
<v Ria Sato>What have you got for us first, Tom?

00:00:11.480 --> 00:00:16.300
<v Tom Berg>A new release of the packaging tool, and it is a big one. Much faster installs.

00:00:16.740 --> 00:00:19.100
<v Ria Sato>Faster is always good.

00:00:19.460 --> 00:00:25.300
<v Tom Berg>It is. They rewrote the resolver, and the lock files changed too, so upgrade carefully.

00:00:25.500 --> 00:00:34.900
<v Tom Berg>The old lock files still load, but the tool writes the new format the first time it

00:00:35.000 --> 00:00:41.200
<v Tom Berg>touches them, and older versions cannot read that, so pin the tool in your builds first.
"""


def test_two_self_introductions_in_one_captioned_turn_are_two_hosts_answering_the_roll_call():
    # The captions gave "And I'm Tom Berg." to Ria: the roll call of two hosts, not a guest.
    parsed = parse(TWO_HOSTS_VTT)
    assert sorted(parsed.interviewers) == ["Ria Sato", "Tom Berg"]
    assert parsed.interviewees == []
