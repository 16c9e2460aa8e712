"""Less common label shapes: bold names with no colon, " :" labels, names kept as written."""

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from interviews.transcript.labels import read_label
from tests.transcript.helpers import speech


def speakers_of(parsed):
    return [turn.speaker for turn in speech(parsed)]


# --- A bold name with no colon ---------------------------------------------------------------


def test_bold_names_without_colon_after_timestamps_are_speakers():
    text = (
        "(Intro music)\n\n"
        "0:00:13.8 **Ada Lane-Ross** Welcome to the show. My guest is Bo Chen.\n\n"
        "0:00:21.9 **Bo Chen** Hello.\n\n"
        "0:00:23.0 **Ada Lane-Ross** So, what do you work on?\n\n"
        "0:00:30.1 **Bo Chen** Mostly compilers, and some tooling.\n\n"
        "0:00:41.5 **Robot Voice** Sorry, I did not catch that.\n\n"
        "0:00:45.0 **Ada Lane-Ross** Thanks for coming.\n"
    )
    parsed = parse(text)
    assert speakers_of(parsed) == [
        "Ada Lane-Ross",
        "Bo Chen",
        "Ada Lane-Ross",
        "Bo Chen",
        "Robot Voice",  # once, but written as every other speaker is
        "Ada Lane-Ross",
    ]
    assert speech(parsed)[1].text == "Hello."
    assert speech(parsed)[0].timestamp == 13
    assert not conservation_problems(text, parsed)


def test_bold_names_without_colon_in_brackets_and_untimed():
    parsed = parse(
        "[00:12:01] **Ana** What brought you here?\n\n"
        "[00:12:09] **Ben** The sea.\n\n"
        "**Ana** And then?\n\n"
        "**Ben** I stayed."
    )
    assert speakers_of(parsed) == ["Ana", "Ben", "Ana", "Ben"]
    assert speech(parsed)[3].text == "I stayed."


def test_a_bold_phrase_opening_one_paragraph_is_not_a_speaker():
    parsed = parse(
        "Ana: What changed?\n\n"
        "Ben: Everything. **Small teams** were the rule then.\n\n"
        "**Important** the rest of this is off the record.\n\n"
        "Ana: Fine.\n\nBen: Thanks."
    )
    assert speakers_of(parsed) == ["Ana", "Ben", "Ana", "Ben"]
    assert speech(parsed)[1].text.endswith("**Important** the rest of this is off the record.")


# --- "Name : text", a space before the colon ---------------------------------------------------


def test_labels_with_a_space_before_the_colon_and_handles():
    text = (
        "Interviewer : Wren\n\n"
        "Help : Ola Berg\n\n"
        "## Interview\n\n"
        "**Wren** : How did it start?\n\n"
        "**K@i Sato** : A friend founded it.\n\n"
        "**Wren** : Who works on it?\n\n"
        "**K@i Sato** : About ten of us.\n\n"
        "Location : near Lyon, France\n\n"
        "Tom Reyes : I joined in 2001, after the first release.\n\n"
        "**Wren** : Thank you both.\n"
    )
    parsed = parse(text)
    assert parsed.speakers == ["Wren", "K@i Sato", "Tom Reyes"]
    assert "Location : near Lyon, France" in speech(parsed)[3].text
    assert speech(parsed)[4].text.startswith("I joined in 2001")
    assert not conservation_problems(text, parsed)


# --- Names as written ---------------------------------------------------------------------------


def test_initials_and_capitals_are_kept_as_written():
    parsed = parse(
        "MSM: Where did you grow up?\n\nKENT: In Utah.\n\nMSM: And school?\n\n"
        "KENT: Also in Utah.\n\nNICK FOUNTAIN: And work?\n\nFOUNTAIN: Let me add one more.\n\n"
        "KENT: Sure."
    )
    assert parsed.speakers == ["MSM", "KENT", "NICK FOUNTAIN"]


def test_a_parenthesised_nickname_stays_in_the_name():
    parsed = parse(
        "Weber: When did you start?\n\nElizabeth (Jake) Feinler: In 1960.\n\n"
        "Weber: Where?\n\nFeinler: In Ohio."
    )
    assert parsed.speakers == ["Weber", "Elizabeth (Jake) Feinler"]
    assert speakers_of(parsed)[-1] == "Elizabeth (Jake) Feinler"


# --- A hearing record: "Mr. Koo. Text", "The Chairman. Text" -----------------------------------

HEARING = """\
                 THE STATE OF THE HARBOUR ECONOMY

                              HEARING

    The committee met, pursuant to notice, at 10:00 a.m., in
room 2128, Rayburn House Office Building, Hon. Ann Vale
[chairwoman of the committee] presiding.
    Present: Representatives Vale, Ortiz, Brandt, and Lee.
    Staff Present: Tom Rice, Counsel; Ida Park, Clerk.
    The Chairman. The committee will come to order. We will
begin with Mr. Osei, who has come a long way to be with us
today.
    Mr. Osei. Thank you, Madam Chairwoman. I am grateful for the
chance to be here, and I will keep my remarks short.
    The harbour trade fell by a third in two years.
    The Chairman. Why did it fall so fast?
    Mr. Osei. Because the ships went elsewhere.
    Mrs. Lee of New York. [presiding] Was that foreseen?
    Mr. Osei. No.
    Mr. Brandt of North Carolina. Then what can we do now?
    Dr. Ortiz. Let me answer that, if I may.
    Mrs. Lee of New York. The gentleman's time has expired.
"""


def test_hearing_speakers_open_paragraphs_with_a_full_stop():
    parsed = parse(HEARING)
    assert speakers_of(parsed) == [
        "The Chairman",
        "Mr. Osei",
        "The Chairman",
        "Mr. Osei",
        "Mrs. Lee of New York",
        "Mr. Osei",
        "Mr. Brandt of North Carolina",
        "Dr. Ortiz",
        "Mrs. Lee of New York",
    ]
    turns = speech(parsed)
    assert turns[0].text.startswith("The committee will come to order. We will begin")
    assert turns[0].text.endswith("with us today.")
    assert "The harbour trade fell by a third" in turns[1].text
    assert turns[4].text == "[presiding] Was that foreseen?"
    assert "Staff Present" not in parsed.speakers
    assert not conservation_problems(HEARING, parsed)


def test_a_title_and_a_name_with_a_full_stop_once_in_prose_is_not_a_label():
    parsed = parse(
        "Ana: Who hired you?\n\n"
        "Ben: Mr. Hale. He ran the yard then.\n\n"
        "Ana: And later?\n\nBen: I ran it."
    )
    assert parsed.speakers == ["Ana", "Ben"]
    assert speech(parsed)[1].text == "Mr. Hale. He ran the yard then."


# --- Sentence text with a colon is not a label ---------------------------------------------------


def test_a_clause_before_a_colon_is_not_a_label():
    for line in (
        "That’s correct: Bratislava, yes.",
        "Let's see: where do we go from there?",
        "What I mean is: nothing changed.",
        "Well, as you can imagine: it was hard.",
    ):
        assert read_label(line) is None, line
    assert read_label("JANE DOE, HOST: Welcome.").label == "JANE DOE, HOST"
    assert read_label("MY: Thanks.").label == "MY"  # initials, not a pronoun


def test_the_paragraph_after_a_label_alone_is_that_speakers():
    parsed = parse(
        "Vale:\n\nWere you born there?\n\nOsei:\n\nThat’s correct: Accra, yes.\n\n"
        "Vale:\n\nWhen?\n\nOsei:\n\nIn 1950. Let’s see: we moved in 1960."
    )
    assert speakers_of(parsed) == ["Vale", "Osei", "Vale", "Osei"]
    assert speech(parsed)[1].text == "That’s correct: Accra, yes."
    assert not [w for w in parsed.warnings if "appears once" in w]


def test_a_stray_label_of_another_style_in_the_header_is_not_a_speaker():
    parsed = parse(
        "## About the Interview\n\n"
        "KOFI OSEI: An Interview Conducted by Ann Vale, 9 July 2002.\n\n"
        "## Interview\n\n"
        "Vale: Where were you born?\n\nOsei: In Accra.\n\nVale: When?\n\nOsei: In 1950."
    )
    assert parsed.speakers == ["Vale", "Osei"]
    assert speakers_of(parsed)[0] == "Vale"


def test_the_header_names_roles_but_labels_keep_their_spelling():
    parsed = parse(
        "ANN VALE: An Interview Conducted by Kofi Osei, 9 July 2002.\n\n"
        "## Interview\n\n"
        "INTERVIEWEE: Ann Vale\n\nINTERVIEWER: Kofi Osei\n\nDATE: 9 July 2002\n\n"
        "Osei:\n\nWhere were you born?\n\nAnn Vale:\n\nIn Accra.\n\n"
        "### Later years\n\n"
        "Ann Vale:\n\nThen we moved.\n\nOsei:\n\nWhen?\n\nAnn Vale:\n\nIn 1960."
    )
    assert parsed.speakers == ["Osei", "Ann Vale"]
    assert parsed.interviewers == ["Osei"]
    # The section heading ends the turn before it, even between two turns of one speaker.
    assert speakers_of(parsed) == ["Osei", "Ann Vale", "Ann Vale", "Osei", "Ann Vale"]


# --- Initials whose colon went missing ---------------------------------------------------------


def test_initials_without_their_colon_between_two_turns_of_one_speaker():
    text = (
        "MT: Will you license the OS?\n\nSD: Yes, we are in talks.\n\nMT: And the API?\n\n"
        "AF At this time we intend to be compatible.\n\nMT: And the hardware?\n\n"
        "SD: Later this year.\n\nMT: Who decides?\n\nAF: I do.\n\nMT: Thanks.\n\n"
        "SD\n\nWe will see.\n\nMT: Bye.\n"
    )
    parsed = parse(text)
    assert speakers_of(parsed) == ["MT", "SD", "MT", "AF", "MT", "SD", "MT", "AF", "MT", "SD", "MT"]
    assert speech(parsed)[3].text == "At this time we intend to be compatible."
    assert speech(parsed)[9].text == "We will see."
    assert not conservation_problems(text, parsed)


def test_initials_opening_a_paragraph_of_the_same_turn_stay_text():
    parsed = parse(
        "MT: Will you license the OS?\n\nSD: Yes.\n\nMT: Why?\n\n"
        "SD: Because.\n\nAF will tell you more.\n\nAF: I will.\n\nMT: Thanks."
    )
    # "AF will ..." sits before AF's own turn: SD is not speaking twice in a row.
    assert speakers_of(parsed) == ["MT", "SD", "MT", "SD", "AF", "MT"]
    assert speech(parsed)[3].text == "Because.\n\nAF will tell you more."


def test_a_hearing_name_flush_left_inside_a_paragraph_goes_on_with_it():
    text = HEARING.replace(
        "    The Chairman. Why did it fall so fast?",
        "    The Chairman. Why did it fall so fast? I have talked about it\n"
        "with the ranking member, and I have spoken about this with\n"
        "Senator Ortiz. He agrees with the schedule that we have set for\n"
        "this morning and for the afternoon as well.",
    )
    parsed = parse(text)
    assert "Senator Ortiz" not in parsed.speakers
    assert speech(parsed)[2].text.endswith(
        "spoken about this with Senator Ortiz. He agrees "
        "with the schedule that we have set for this morning "
        "and for the afternoon as well."
    )
    assert not conservation_problems(text, parsed)


def test_indented_paragraph_starts_are_new_paragraphs_of_the_turn():
    parsed = parse(HEARING)
    assert speech(parsed)[1].text == (
        "Thank you, Madam Chairwoman. I am grateful for the chance to be here, and I will keep "
        "my remarks short.\n\nThe harbour trade fell by a third in two years."
    )


def test_a_capitals_label_just_before_the_talk_is_the_show_voice():
    parsed = parse(
        "# What the harbour says\n\n"
        "https://example.org/transcripts/12\n\n"
        "ANN LEE, BYLINE: This is THE HARBOUR from the radio.\n\n"
        "(SOUNDBITE OF WAVES)\n\n"
        "BO CHEN, HOST: Hello. Today, ships.\n\n"
        "KOFI OSEI: Thanks for having me.\n\n"
        "BO CHEN: Why ships?\n\nKOFI OSEI: Because."
    )
    assert parsed.speakers[0] == "ANN LEE"
    assert speakers_of(parsed)[0] == "ANN LEE"
    assert parsed.title == "What the harbour says"


def test_a_capitals_title_opening_the_page_is_not_a_speaker():
    parsed = parse(
        "THE HARBOUR PAPERS: A CONVERSATION\n\n"
        "BO CHEN: Hello. Today, ships.\n\nKOFI OSEI: Thanks.\n\n"
        "BO CHEN: Why ships?\n\nKOFI OSEI: Because."
    )
    assert parsed.speakers == ["BO CHEN", "KOFI OSEI"]


def test_a_label_shape_right_under_a_label_alone_is_speech():
    parsed = parse(
        "Vale:\n\nWhere were you born?\n\nOsei:\n\nKumasi: a city in the south.\n\n"
        "Vale:\n\nWhen?\n\nKumasi: Hello.\n\nOsei:\n\nIn 1950."
    )
    assert speakers_of(parsed) == ["Vale", "Osei", "Vale", "Osei"]
    assert speech(parsed)[1].text == "Kumasi: a city in the south."
    assert "Kumasi" not in parsed.speakers


def test_initials_alone_on_their_line_name_the_speaker_below():
    text = (
        "Editor's note: an exchange of mails, reworked into an interview.\n\n"
        "<R><B> MT <N>\n\nWill you license the OS?\n\n"
        "<R><B> SD <N>\n\nYes, we are in talks.\nBUT: the most important step comes first.\n\n"
        "<R><B> MT <N>\n\nAnd the API?\n\n"
        "SD\n\nIt will be compatible.\n"
    )
    parsed = parse(text)
    assert speakers_of(parsed) == ["MT", "SD", "MT", "SD"]
    assert "BUT: the most important step" in speech(parsed)[1].text
    assert not conservation_problems(text, parsed)


def test_an_acronym_alone_once_is_not_a_speaker():
    parsed = parse(
        "Ana: What is it?\n\nBen: A standard.\n\nFAQ\n\nAna: Who wrote it?\n\nBen: We did."
    )
    assert parsed.speakers == ["Ana", "Ben"]


def test_a_bold_heading_label_alone_before_the_talk_is_not_a_speaker():
    parsed = parse(
        "Show notes and links.\n\n**TRANSCRIPT BELOW:**\n\n"
        "**Ann Lee:** Hello. Today, ships.\n\n**Kofi Osei:** Thanks.\n\n"
        "**Ann Lee:** Why ships?\n\n**Kofi Osei:** Because."
    )
    assert parsed.speakers == ["Ann Lee", "Kofi Osei"]
