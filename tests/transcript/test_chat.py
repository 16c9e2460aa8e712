"""Chat logs (Slack, Discord, IRC): message headers are turns, the room's noise is set aside,
and an AMA's guest answers the questions of many askers."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.chat import is_noise, is_reactions
from interviews.transcript.labels import read_label
from tests.transcript.helpers import speech

SLACK = """AMA with Dana Whitlock, maintainer of the Fernwood build tool

jdoe_42 [10:02 AM]
hi all! :wave:

dana.whitlock [10:03 AM]
Hi everyone, thanks for having me. Ask away!
:tada: 4

m-kovacs [10:04 AM]
What made you start Fernwood instead of contributing to an existing tool?

dana.whitlock [10:06 AM]
Mostly frustration. The incremental builds we used at work were never reliable. (edited)

pixel_pete [10:07 AM]
> What made you start Fernwood
Follow-up: did you ever regret it?

dana.whitlock [10:09 AM]
Every other week! But the users keep me going.
👍 3

Slackbot [10:10 AM]
Reminder: the AMA ends at 11:00.

sam.o joined the channel

jdoe_42 [10:12 AM]
How do you handle breaking changes in the config format?

dana.whitlock [10:14 AM]
A deprecation period of two minor releases, and a migration command.
"""

IRC = """[19:58] *** Now talking in #fernwood
[19:59] *** dana_w has joined #fernwood
[20:00] <mod_ella> Welcome everyone! Tonight's guest is dana_w, ask your questions.
[20:00] <dana_w> hi all!
[20:01] <kov> how did fernwood start?
[20:02] <dana_w> out of frustration with our old build system at work
[20:02] <dana_w> the cache was never right, so I wrote one I could reason about
[20:03] <pete99> does it run on windows?
[20:04] <dana_w> yes, since 2.0, with some caveats around symlinks
[20:05] -!- kov [~kov@host.example] has quit [Quit: bye]
[20:05] <zed-r> what is next on the roadmap?
[20:06] <dana_w> remote execution, and a nicer config format
[20:07] <mod_ella> thanks dana_w, that's all for tonight!
"""

DISCORD = """Reactor Club Q&A with Dana Whitlock

dilbert — Today at 1:02 PM
Does the watcher work with network drives?

Dana Whitlock — Today at 1:04 PM
It does, but polling is slower there. Use the --poll flag.

MEE6 — Today at 1:04 PM
GG @dilbert, you just advanced to level 3!

sprocket_88 — Today at 1:05 PM
What's the best way to migrate from make?
Is there a converter?

Dana Whitlock — Today at 1:07 PM
There is a converter for simple Makefiles, and a guide for the rest.
🎉 5

linz — Today at 1:08 PM
Thanks for doing this! Any plans for a VS Code extension?

Dana Whitlock — Today at 1:09 PM
Yes, it is in beta now.
"""

BOLD_HANDLES = """**kai_r**

Is the plugin API stable yet?

**ola.n**

Not yet, we expect to freeze it in the spring.

**kai_r**

And the docs?

**ola.n**

Being rewritten as we speak.
"""


def test_chat_headers_are_labels():
    assert read_label("<jdoe_42> hi all!").label == "jdoe_42"
    assert read_label("[10:42] <@mod> welcome").label == "mod"
    assert read_label("[10:42] <@mod> welcome").timestamp is None  # a clock, not an offset
    assert read_label("jdoe_42 [10:42 AM]").label == "jdoe_42"
    assert read_label("Jane Doe  10:42 AM").label == "Jane Doe"
    assert read_label("mee6 — Today at 10:42 AM").label == "mee6"
    assert read_label("dilraj — 01/19/2021 1:05 PM").label == "dilraj"
    assert read_label("**jdoe_42**").label == "jdoe_42"


def test_markup_and_sounds_in_angle_brackets_are_not_nicks():
    assert read_label("<p>Hello there</p>") is None
    assert read_label("<laughter>") is None
    assert read_label("<laughs> Yes, that was the plan.") is None


def test_a_clock_time_at_the_end_of_a_sentence_is_not_a_header():
    assert read_label("the meeting ended at 10:42 am") is None


def test_the_rooms_noise():
    assert is_noise("*** jdoe has joined #react")
    assert is_noise("-!- jdoe [~j@host] has quit [Ping timeout: 240 seconds]")
    assert is_noise("jdoe has joined the channel")
    assert is_noise("(edited)")
    assert is_reactions("👍 3  🎉 2") and is_reactions(":tada: 4 :heart: 1")
    assert not is_noise("He left the room.")
    assert not is_noise("👍")  # a message of one emoji is a message
    assert not is_noise("I have 3 kids")


def test_slack_messages_are_turns_of_their_authors():
    parsed = parse(SLACK)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "jdoe_42",
        "dana.whitlock",
        "m-kovacs",
        "dana.whitlock",
        "pixel_pete",
        "dana.whitlock",
        "jdoe_42",
        "dana.whitlock",
    ]
    assert turns[0].text.startswith("hi all!")  # a greeting is a turn
    assert "What made you start Fernwood" in turns[4].text  # the quote stays in its message
    assert "did you ever regret it?" in turns[4].text
    assert "(edited)" not in turns[3].text
    for noise in (":tada: 4", "👍 3", "sam.o joined the channel"):
        assert noise in parsed.ignored


def test_the_ama_guest_named_in_the_title_answers_and_the_askers_ask():
    parsed = parse(SLACK)
    assert parsed.interviewees == ["dana.whitlock"]
    assert set(parsed.interviewers) == {"jdoe_42", "m-kovacs", "pixel_pete"}
    # A bot's message is no one's speech: a direction, between the turns.
    bot = [turn for turn in parsed.turns if "the AMA ends" in turn.text]
    assert [(turn.kind, turn.speaker) for turn in bot] == [("direction", "")]


def test_the_ama_guest_is_the_one_who_answers_most():
    parsed = parse(SLACK.replace("AMA with", "Notes on"))
    assert parsed.interviewees == ["dana.whitlock"]
    assert set(parsed.interviewers) == {"jdoe_42", "m-kovacs", "pixel_pete"}


def test_irc_lines_are_turns_and_joins_and_quits_are_ignored():
    parsed = parse(IRC)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "mod_ella",
        "dana_w",
        "kov",
        "dana_w",
        "pete99",
        "dana_w",
        "zed-r",
        "dana_w",
        "mod_ella",
    ]
    assert turns[3].text.startswith("out of frustration")
    assert turns[3].text.endswith("I could reason about")
    assert "[20:05] -!- kov [~kov@host.example] has quit [Quit: bye]" in parsed.ignored
    assert "[19:59] *** dana_w has joined #fernwood" in parsed.ignored
    assert parsed.interviewees == ["dana_w"]
    assert "mod_ella" in parsed.interviewers and "kov" in parsed.interviewers


def test_discord_headers_with_a_day_and_a_clock():
    parsed = parse(DISCORD)
    assert parsed.title == "Reactor Club Q&A with Dana Whitlock"
    turns = speech(parsed)
    assert turns[0].speaker == "dilbert"
    assert turns[0].text == "Does the watcher work with network drives?"
    assert parsed.interviewees == ["Dana Whitlock"]
    assert set(parsed.interviewers) == {"dilbert", "sprocket_88", "linz"}
    assert "🎉 5" in parsed.ignored
    assert not [turn for turn in turns if "GG" in turn.text]
    assert [turn.kind for turn in parsed.turns if "GG" in turn.text] == ["direction"]


def test_whole_line_bold_handles_head_messages():
    turns = speech(parse(BOLD_HANDLES))
    assert [turn.speaker for turn in turns] == ["kai_r", "ola.n", "kai_r", "ola.n"]
    assert turns[1].text == "Not yet, we expect to freeze it in the spring."


def test_an_interview_that_mentions_leaving_keeps_it():
    text = (
        "Q: What happened next?\n"
        "A: He left the channel team after a year.\n"
        "Q: And you?\n"
        "A: I stayed.\n"
    )
    turns = speech(parse(text))
    assert turns[1].text == "He left the channel team after a year."


def test_every_chat_line_is_placed_once():
    from interviews.transcript.accounting import conservation_problems

    for text in (SLACK, IRC, DISCORD, BOLD_HANDLES):
        assert conservation_problems(text, parse(text)) == []


SIGNED_AMA = """---
title: Priya Natarajan
date: 2022-05-04
---

<a href="#first" name="first">#</a> **Q:** How did you get started with compilers? – wren_b

I took a course on a whim and never looked back.

---

<a href="#second" name="second">#</a> **Q:** Which book would you recommend to a beginner? – Otto K

The dragon book is a classic, but I would start with a smaller interpreter project.

---

<a href="#third" name="third">#</a> **Q:** Do you still write code every day? – lumen42

Most days, yes. Reviews count too!
"""

SIGNED_ANSWERS = """# Fernwood team Q&A

**Q:** Does the watcher work on network drives? – kai_r

**A:** Yes, with polling. It is slower, though.

– Ola Nordmann

_**Follow-up**_: Thanks, polling is fine for me.

---

**Q:** Will the plugin API be frozen? – sprocket

**A:** In the spring, after one more round of feedback.

– Ben Ortiz

---

**Q:** Is there a Windows installer? – kai_r

**A:** Not yet, but the zip works everywhere.

– Ola Nordmann
"""


def test_questions_signed_by_their_askers_are_the_askers_turns():
    parsed = parse(SIGNED_AMA)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "wren_b",
        "Priya Natarajan",
        "Otto K",
        "Priya Natarajan",
        "lumen42",
        "Priya Natarajan",
    ]
    assert turns[0].text == "How did you get started with compilers?"
    assert parsed.interviewees == ["Priya Natarajan"]
    assert set(parsed.interviewers) == {"wren_b", "Otto K", "lumen42"}


def test_answers_signed_on_their_own_line_and_a_follow_up_by_the_asker():
    parsed = parse(SIGNED_ANSWERS)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "kai_r",
        "Ola Nordmann",
        "kai_r",
        "sprocket",
        "Ben Ortiz",
        "kai_r",
        "Ola Nordmann",
    ]
    assert turns[1].text == "Yes, with polling. It is slower, though."
    assert "Thanks, polling is fine for me." in turns[2].text
    assert set(parsed.interviewees) == {"Ola Nordmann", "Ben Ortiz"}


def test_a_dash_inside_one_question_does_not_name_an_asker():
    text = "Q: What did you try first – twice?\nA: Nothing.\nQ: And then?\nA: Everything.\n"
    turns = speech(parse(text))
    assert turns[0].speaker == "Interviewer"
    assert turns[0].text == "What did you try first – twice?"


def test_signed_amas_place_every_line_once():
    from interviews.transcript.accounting import conservation_problems

    for text in (SIGNED_AMA, SIGNED_ANSWERS):
        assert conservation_problems(text, parse(text)) == []


def test_a_markdown_image_with_a_title_is_placed_with_its_alt_text():
    from interviews.transcript.accounting import conservation_problems

    text = (
        '![The team at the meetup](team-photo.jpg "The team at the meetup")\n\n'
        "**mira**: How did the project start?\n"
        "**tobi**: In a basement, with two laptops.\n"
        "**mira**: And now?\n"
        "**tobi**: Still the basement, more laptops.\n"
    )
    assert conservation_problems(text, parse(text)) == []


def test_an_all_capitals_handle_without_vowels_keeps_its_capitals():
    text = SIGNED_AMA.replace("– lumen42", "– DFG")
    assert "DFG" in parse(text).interviewers


TEAMS = """[10:02 AM] Jane Doe
Morning all, thanks for joining the Q&A with our new CTO.
[10:03 AM] Arjun Mehta
Happy to be here. Fire away.
[10:04 AM] Liam O'Brien
What is the first thing you will change?
[10:05 AM] Arjun Mehta
Nothing in the first month. I want to listen first.
[10:06 AM] Sofia Rossi
How will you decide what to keep?
[10:08 AM] Arjun Mehta
By asking the people who run it at three in the morning.
"""

PLAIN_IRC = """<alice> so, ready for questions?
<bob_k> sure
<carol> what's the plan for 2.0?
<bob_k> mostly the new parser, and dropping python 2
<dave99> any windows support?
<bob_k> yes, finally
<alice> thanks bob_k!
"""


def test_teams_headers_with_the_clock_first():
    assert read_label("[10:42 AM] Jane Doe").label == "Jane Doe"
    assert read_label("[3/14/2023 10:42 AM] Jane Doe: ok").body == "ok"
    parsed = parse(TEAMS)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns][:3] == ["Jane Doe", "Arjun Mehta", "Liam O'Brien"]
    assert turns[1].text == "Happy to be here. Fire away."
    assert parsed.interviewees == ["Arjun Mehta"]


def test_plain_irc_the_one_who_answers_most_is_the_guest():
    parsed = parse(PLAIN_IRC)
    assert [turn.speaker for turn in speech(parsed)][:3] == ["alice", "bob_k", "carol"]
    assert parsed.interviewees == ["bob_k"]
    assert set(parsed.interviewers) == {"alice", "carol", "dave99"}


def test_a_threads_furniture_is_noise():
    assert is_noise("3 replies")
    assert is_noise("Last reply 2 days ago")
    assert is_noise("View thread")
    assert not is_noise("I replied three times.")


MEETING = """{% irc %}
18:00 <chair_j> #startmeeting
18:00 <meetbot> Meeting started. The chair is chair_j.
18:01 <chair_j> Welcome! Today we review the cache patch.
18:01 <chair_j> #topic Questions
18:02 <ana-b> hi
18:02 <chair_j> First question: why split the module?
18:03 <ana-b> to break the dependency cycle
18:03 * ana-b goes to get coffee
18:04 <theo> and it makes the tests faster
18:05 <chair_j> thanks all!
18:05 <chair_j> #endmeeting
{% endirc %}
"""


def test_meeting_commands_bots_and_actions_are_not_speech():
    parsed = parse(MEETING)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "chair_j",
        "ana-b",
        "chair_j",
        "ana-b",
        "theo",
        "chair_j",
    ]
    assert turns[0].text == "Welcome! Today we review the cache patch."
    assert turns[-1].text == "thanks all!"
    directions = [turn.text for turn in parsed.turns if turn.kind == "direction"]
    assert "* ana-b goes to get coffee" in directions
    assert any(text.startswith("<meetbot>") for text in directions)
    assert "{% endirc %}" in parsed.ignored
    from interviews.transcript.accounting import conservation_problems

    assert conservation_problems(MEETING, parsed) == []


def test_a_host_named_by_handle_in_the_front_matter_asks():
    text = "---\ntitle: Cache review\nhost: chair_j\n---\n\n" + MEETING
    parsed = parse(text)
    assert parsed.interviewers == ["chair_j"]
    assert set(parsed.interviewees) == {"ana-b", "theo"}


def test_slacks_joined_line_under_a_header_is_set_aside():
    text = (
        "Ana Lima  10:58 AM\njoined #ama-with-ana.\n"
        "kai_r  11:00 AM\nWelcome to the AMA with Ana Lima! Ask away.\n"
        "Ana Lima  11:01 AM\nHi all, happy to be here.\n"
        "mo.diaz  11:02 AM\nHow did you start?\n"
        "Ana Lima  11:04 AM\nBy accident, on a night shift.\n"
    )
    parsed = parse(text)
    assert "joined #ama-with-ana." in parsed.ignored
    assert [turn.speaker for turn in parsed.turns][:2] == ["kai_r", "Ana Lima"]
    assert not conservation_problems(text, parsed)


def test_the_guest_named_by_an_ama_title_is_read_whatever_else_the_roles_module_matches():
    from interviews.transcript.roles import guest_named

    assert guest_named("AMA with Jane Doe, founder of Acme") == "Jane Doe"
    assert guest_named("Transcript of the Harbour AMA organized by the Boat Club") is None


SLACK_WINDOW_COPY = """Elena Rossi
  2:00 PM
Welcome to our AMA with Kwame Mensah! Post your questions below :point_down:

Kwame Mensah
  2:01 PM
Hi everyone, happy to be here!

jules
  2:02 PM
What's one paper everyone should read?

Kwame Mensah
  2:04 PM
The original word2vec paper. It's short and changed a lot.

Ben Ortiz
  2:05 PM
How do you evaluate models before shipping them?
2 replies

Kwame Mensah
  2:07 PM
Offline metrics first, then a shadow deployment for a week.

Elena Rossi
  2:30 PM
That's a wrap! Thank you Kwame.
"""


def test_authors_over_their_messages_time_are_headers():
    parsed = parse(SLACK_WINDOW_COPY)
    turns = speech(parsed)
    assert [turn.speaker for turn in turns] == [
        "Elena Rossi",
        "Kwame Mensah",
        "jules",
        "Kwame Mensah",
        "Ben Ortiz",
        "Kwame Mensah",
        "Elena Rossi",
    ]
    assert turns[1].text == "Hi everyone, happy to be here!"
    assert parsed.interviewees == ["Kwame Mensah"]
    assert set(parsed.interviewers) == {"Elena Rossi", "jules", "Ben Ortiz"}
    assert "2:00 PM" in parsed.ignored and "2 replies" in parsed.ignored
    assert conservation_problems(SLACK_WINDOW_COPY, parsed) == []


def test_names_over_offsets_are_labels_with_times():
    text = (
        "Jane Doe\n0:05\nHello and welcome.\n\nBob Roe\n0:09\nThanks for having me.\n\n"
        "Jane Doe\n0:12\nSo what do you do?\n\nBob Roe\n0:15\nI build boats.\n"
    )
    turns = speech(parse(text))
    assert [(turn.speaker, turn.timestamp_text) for turn in turns] == [
        ("Jane Doe", "00:00:05"),
        ("Bob Roe", "00:00:09"),
        ("Jane Doe", "00:00:12"),
        ("Bob Roe", "00:00:15"),
    ]


def test_a_status_emoji_between_the_name_and_the_time_is_not_the_name():
    assert read_label("Marco Diaz (he/him) :palm_tree:  3:01 PM").label == "Marco Diaz (he/him)"
    assert read_label("kenji :speech_balloon: :coffee:  3:03 PM").label == "kenji"


def test_a_slack_apps_message_is_a_direction():
    text = (
        "Ann Lee  3:00 PM\nWelcome! Ask our guest Bo Ray anything.\n\n"
        "kenji  3:01 PM\nHow did you start?\n\nBo Ray  3:02 PM\nBy accident, mostly.\n\n"
        "Polly APP  3:05 PM\nPoll: which topic next?\n\n"
        "mia  3:06 PM\nWhat's next for the project?\n\nBo Ray  3:07 PM\nA new release.\n"
    )
    parsed = parse(text)
    poll = [turn for turn in parsed.turns if "Poll:" in turn.text]
    assert [(turn.kind, turn.speaker) for turn in poll] == [("direction", "")]
    assert "Polly APP" not in parsed.speakers


def test_status_emoji_are_layout_in_the_accounting():
    text = (
        "Ann Lee :coffee:  3:00 PM\nWelcome! Ask our guest Bo Ray anything.\n\n"
        "kenji  3:01 PM\nHow did you start?\n\nBo Ray :palm_tree:  3:02 PM\nBy accident.\n\n"
        "kenji  3:03 PM\nWhy?\n\nBo Ray :palm_tree:  3:04 PM\nIt seemed fun.\n"
    )
    assert conservation_problems(text, parse(text)) == []


def test_a_clock_alone_marks_the_same_authors_next_message():
    text = (
        "Omar Farouk  1:00 PM\nWelcome everyone! Ruth is here for the next hour.\n1:01\n"
        "Reminder: keep questions in the main channel.\n\n"
        "lina.k  1:03 PM\nHow do you run critiques?\n\n"
        "Ruth Adeyemi  1:05 PM\nGround rules first.\n1:05\n"
        "And the designer chooses the feedback.\n\n"
        "devon  1:07 PM\nWhat tools does the team use?\n\n"
        "Ruth Adeyemi  1:08 PM\nFigma for almost everything.\n"
    )
    parsed = parse(text)
    turns = speech(parsed)
    assert turns[0].text == (
        "Welcome everyone! Ruth is here for the next hour.\n\n"
        "Reminder: keep questions in the main channel."
    )
    assert turns[2].text == "Ground rules first.\n\nAnd the designer chooses the feedback."
    assert "1:05" in parsed.ignored


def test_slack_reply_context_is_the_rooms_noise():
    assert is_noise("replied to a thread: How big is the platform team now?")
    assert is_noise("Also sent to the channel")
    text = (
        "Mina Cho  4:00 PM\nOur AMA with Jakob Weiss starts now!\n\n"
        "Priya R  4:02 PM\nHow big is the platform team now?\n\n"
        "Jakob Weiss  4:04 PM\nreplied to a thread: How big is the platform team now?\n"
        "Twelve engineers.\nAlso sent to the channel\n\n"
        "Chris P.  4:05 PM\nMonorepos?\n\nJakob Weiss  4:07 PM\nWe use one.\n"
    )
    turns = speech(parse(text))
    assert turns[2].speaker == "Jakob Weiss" and turns[2].text == "Twelve engineers."


def test_ask_x_anything_names_the_guest():
    from interviews.transcript.roles import guest_named

    assert guest_named("AMA: Ask Nadia Okoro anything about maintainership") == "Nadia Okoro"
    assert guest_named("Ask Me Anything: Jo Roe") == "Jo Roe"
    text = (
        "AMA: Ask Nadia Okoro anything about open source\n\n"
        "Marco Diaz  3:01 PM\nAlright folks, let's get started!\n\n"
        "Nadia Okoro  3:02 PM\nHello! Thrilled to be here.\n\n"
        "kenji  3:03 PM\nHow do you deal with burnout?\n\n"
        "Nadia Okoro  3:05 PM\nBy saying no a lot more.\n\n"
        "Laura B.  3:06 PM\nDo you get paid for it?\n\n"
        "Nadia Okoro  3:08 PM\nPartly.\n"
    )
    parsed = parse(text)
    assert parsed.interviewees == ["Nadia Okoro"]
    assert not any("nobody is presented" in warning for warning in parsed.warnings)


def test_day_dividers_and_the_unread_marker_are_the_rooms_noise():
    assert is_noise("Today") and is_noise("Yesterday") and is_noise("New")
    assert is_noise("Tuesday, May 9th") and is_noise("May 9th, 2023")
    assert not is_noise("Today was great.")
    text = (
        "hana.y  9:58 PM\nThe AMA with Leo Park starts tomorrow!\n\n"
        "leo.park  10:01 PM\nLooking forward to it!\n\nToday\n\n"
        "ari  10:02 AM\nWhy did you build it?\n\n"
        "leo.park  10:04 AM\nd3 was too low-level for us.\n\nNew\n\n"
        "ari  10:06 AM\nIs it production ready?\n\nleo.park  10:07 AM\nFor two years now.\n"
    )
    turns = speech(parse(text))
    assert turns[1].text == "Looking forward to it!"
    assert turns[3].text == "d3 was too low-level for us."
