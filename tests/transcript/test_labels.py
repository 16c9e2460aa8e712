"""Transcripts whose turns start with a speaker label: "Name:", "NAME, ROLE:", "**Name:**"."""

from interviews.transcript import ParseHints, PartialDate, parse
from tests.transcript.helpers import everything_said, sample, speech


def kinds_and_speakers(parsed):
    return [(turn.kind, turn.speaker) for turn in parsed.turns]


# --- Plain "Name:" labels ---------------------------------------------------------------------


def test_first_name_labels_make_questions_and_answers():
    parsed = parse(
        "Ana: Where were you born?\n\nBen: In Lisbon.\n\nAna: And now?\n\n"
        "Ben: In Porto, since 2010."
    )
    assert kinds_and_speakers(parsed) == [
        ("question", "Ana"),
        ("answer", "Ben"),
        ("question", "Ana"),
        ("answer", "Ben"),
    ]
    assert parsed.format == "labelled"
    assert speech(parsed)[1].text == "In Lisbon."


def test_unlabelled_paragraphs_continue_the_previous_speaker():
    parsed = parse(
        "Ana: What do you do?\n\nBen: I write code.\n\nI also teach.\n\nAna: Why?\n\nBen: Fun."
    )
    assert speech(parsed)[1].text == "I write code.\n\nI also teach."


def test_consecutive_blocks_by_one_speaker_merge_into_one_turn():
    parsed = parse(
        "Ana: What do you do?\nBen: I write code.\nBen: And I teach.\nAna: Why?\nBen: Fun."
    )
    assert [turn.text for turn in parsed.turns] == [
        "What do you do?",
        "I write code.\n\nAnd I teach.",
        "Why?",
        "Fun.",
    ]


def test_a_speaker_labelled_by_full_name_first_name_and_surname_is_one_speaker():
    parsed = parse(
        "Larry King: Welcome, Jane. How are you?\n\nJane Smith: Very well.\n\n"
        "Larry: Tell me about the book?\n\nJane: It took ten years.\n\n"
        "KING: Why so long?\n\nSMITH: I kept rewriting it."
    )
    assert parsed.speakers == ["Larry King", "Jane Smith"]
    assert [turn.label for turn in parsed.turns] == [
        "Larry King",
        "Jane Smith",
        "Larry",
        "Jane",
        "KING",
        "SMITH",
    ]
    assert {turn.speaker for turn in parsed.turns if turn.kind == "question"} == {"Larry King"}


def test_a_label_seen_once_mid_speech_is_text_with_a_warning():
    parsed = parse(sample("label_alone.txt"))
    yusuf = [turn for turn in parsed.turns if turn.speaker == "YUSUF"]
    assert "Note: the studio has since moved" in yusuf[1].text
    assert "label 'Note' appears once: a speaker?" in parsed.warnings
    assert parsed.speakers == ["ELENA", "YUSUF"]


def test_declared_speakers_are_recognised_when_they_speak_once():
    text = (
        "Maria: How did it start?\n\nTom: Slowly.\n\n"
        "Guest Star: I want to add something.\n\nMaria: Go on?\n\nTom: Sure."
    )
    without = parse(text)
    hinted = parse(text, ParseHints(speakers=["Guest Star"]))
    assert "Guest Star" not in without.speakers
    assert hinted.speakers == ["Maria", "Tom", "Guest Star"]
    assert hinted.turns[2].text == "I want to add something."


def test_hinted_full_names_replace_the_labels_they_fit():
    parsed = parse(
        "Maria: How did it start?\n\nTom: Slowly.\n\nMaria: And then?\n\nTom: Quickly.",
        ParseHints(interviewers=["Maria Lopez"], interviewees=["Tom Baker"]),
    )
    assert parsed.speakers == ["Maria Lopez", "Tom Baker"]
    assert parsed.turns[0].label == "Maria"
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_hinted_roles_decide_kinds_even_against_question_marks():
    parsed = parse(
        "Ana: Really? You think so?\n\nBen: Tell me more.\n\nAna: Is it? Truly?\n\nBen: Go on.",
        ParseHints(interviewers=["Ben"], interviewees=["Ana"]),
    )
    # Ben's last turn asks nothing and nobody answers it: a remark.
    assert [turn.kind for turn in parsed.turns] == ["answer", "question", "answer", "remark"]


# --- Upper-case labels with roles (broadcast transcripts) ------------------------------------


def test_cnn_transcript_speakers_are_merged_and_kept_as_written():
    parsed = parse(sample("cnn_larry_king.txt"))
    assert parsed.speakers == ["LARRY KING", "UNIDENTIFIED MALE", "BILL GATES"]
    assert parsed.interviewers == ["LARRY KING"]
    # The unidentified voice (a clip) still gets a side, but what it says is a remark.
    assert parsed.interviewees == ["UNIDENTIFIED MALE", "BILL GATES"]
    assert [t.kind for t in parsed.turns if t.speaker == "UNIDENTIFIED MALE"] == ["remark"]
    labels = {turn.label for turn in parsed.turns if turn.speaker == "LARRY KING"}
    assert labels == {"LARRY KING, HOST", "KING", "LK"}


def test_cnn_transcript_kinds():
    parsed = parse(sample("cnn_larry_king.txt"))
    by_text = {turn.text: turn.kind for turn in parsed.turns}
    assert (
        by_text["Let's start with the foundation. Why vaccines? Why not something closer to home?"]
        == "question"
    )
    assert by_text["Thank you, Larry. It's great to be back."] == "answer"
    assert by_text["We'll be right back."] == "remark"
    assert (
        by_text["When he started the company, nobody thought a computer would sit on every desk."]
        == "remark"
    )


def test_stage_directions_are_turns_and_inline_ones_stay_in_speech():
    parsed = parse(sample("cnn_larry_king.txt"))
    directions = [turn.text for turn in parsed.turns if turn.kind == "direction"]
    assert directions == ["(BEGIN VIDEO CLIP)", "(END VIDEO CLIP)", "(COMMERCIAL BREAK)"]
    assert all(turn.speaker == "" for turn in parsed.turns if turn.kind == "direction")
    assert any("urgency. (LAUGHTER) I'm an optimist" in turn.text for turn in parsed.turns)
    assert "(LAUGHTER)" not in parsed.speakers


def test_cnn_page_header_is_metadata_and_furniture():
    parsed = parse(sample("cnn_larry_king.txt"))
    assert parsed.title == "Interview With Bill Gates"
    assert parsed.published == PartialDate(2005, 7, 18)
    assert parsed.metadata["kicker"] == "LARRY KING LIVE"
    assert "Return to Transcripts main page" in parsed.ignored
    assert "END" in parsed.ignored
    assert "RUSH TRANSCRIPT" not in everything_said(parsed)


def test_label_alone_on_its_line_is_followed_by_the_speech():
    parsed = parse(sample("npr_fresh_air.txt"))
    first = parsed.turns[0]
    assert first.speaker == "TERRY GROSS"
    assert first.label == "TERRY GROSS, HOST"
    assert first.text.startswith("This is FRESH AIR. I'm Terry Gross.")
    assert first.text.endswith("Anne Holloway, welcome to FRESH AIR.")


def test_npr_transcript():
    parsed = parse(sample("npr_fresh_air.txt"))
    assert parsed.speakers == ["TERRY GROSS", "ANNE HOLLOWAY"]
    assert parsed.title.startswith("A Novelist Who Writes About Small Towns")
    assert parsed.published == PartialDate(2019, 3, 14)
    assert "(SOUNDBITE OF MUSIC)" in [t.text for t in parsed.turns if t.kind == "direction"]
    assert speech(parsed)[-1].text == "Thank you, Terry."
    said = everything_said(parsed)
    assert "Copyright" not in said and "rush deadline" not in said


def test_one_off_speakers_count_in_an_upper_case_transcript():
    parsed = parse(
        "MARY SMITH: Good morning. Shall we start?\n\nJOHN DOE: Yes.\n\n"
        "MARY SMITH: What was your first job?\n\nJOHN DOE: Selling newspapers.\n\n"
        "UNIDENTIFIED VOICE: Excuse me!\n\nJOHN DOE: As I was saying, newspapers."
    )
    assert parsed.speakers == ["MARY SMITH", "JOHN DOE", "UNIDENTIFIED VOICE"]
    assert parsed.turns[4].kind == "remark"


# --- Markdown ----------------------------------------------------------------------------------


def test_bold_markdown_labels_in_both_spellings():
    parsed = parse(sample("markdown_bold.md"))
    assert parsed.speakers == ["Ines", "Rui"]
    assert [t.kind for t in speech(parsed)] == ["question", "answer"] * 3
    assert speech(parsed)[2].text == "Do you ever get lonely?"  # written **Ines**:
    assert not any("**" in turn.text for turn in parsed.turns)


def test_markdown_lists_stay_lists():
    answer = speech(parse(sample("markdown_bold.md")))[1].text
    assert (
        "My day looks like this:\n\n• check the lamp and the backup lamp\n• read the weather"
        in answer
    )
    later = speech(parse(sample("markdown_bold.md")))[3].text
    assert later.endswith("1. First, you learn the sea's moods.\n2. Then you learn your own.")


def test_markdown_image_is_a_caption_and_the_rule_opens_the_closing_note():
    parsed = parse(sample("markdown_bold.md"))
    assert parsed.turns[0].kind == "caption"
    assert parsed.turns[0].text == "The lantern room at Cabo Escuro"
    assert parsed.outro.startswith("This interview has been edited for length and clarity.")
    assert "edited for length" not in speech(parsed)[-1].text


def test_email_labels_with_mail_headers():
    parsed = parse(sample("email_interview.txt"))
    assert parsed.speakers == ["Sofia", "Marcus"]
    assert parsed.title == "Email interview with the founder of Byte Garden"
    assert parsed.metadata["from"].startswith("Sofia Brandt")
    assert parsed.published == PartialDate(2022, 3, 8)
    assert speech(parsed)[-1].text.endswith("open in the evenings.")
    assert "Cheers," in parsed.ignored


# --- Captions, forced formats, warnings -------------------------------------------------------


def test_figure_captions_in_their_many_spellings_are_turns_in_place():
    parsed = parse(
        "Ana: Why?\n\nFig. 2 — A chart of hives.\n\nBen: Because.\n\nImage: Getty Images\n\n"
        "Ana: Sure?\n\nPhoto credit Jane Roe\n\nBen: Yes.\n\n*Figure 5: An italic caption.*\n\n"
        "Ana: And?\n\nBen: No."
    )
    assert [(turn.kind, turn.text) for turn in parsed.turns if turn.kind == "caption"] == [
        ("caption", "Fig. 2 — A chart of hives."),
        ("caption", "Image: Getty Images"),
        ("caption", "Photo credit Jane Roe"),
        ("caption", "Figure 5: An italic caption."),
    ]
    assert parsed.turns[1].kind == "caption" and parsed.turns[2].kind == "answer"


def test_forcing_a_labelled_format_makes_one_off_labels_speakers():
    parsed = parse("Ana: hi?\n\nBen: yo", ParseHints(format="qa"))
    assert [(turn.speaker, turn.kind) for turn in parsed.turns] == [
        ("Ana", "question"),
        ("Ben", "answer"),
    ]
    assert parsed.format == "qa"


def test_forcing_labels_where_there_are_none_says_so():
    parsed = parse("No labels here?\n\nJust text.", ParseHints(format="labelled"))
    assert parsed.format == "alternating"
    assert "format 'labelled' was asked for but no speaker labels were found" in parsed.warnings


def test_a_declared_speaker_who_never_speaks_is_reported():
    parsed = parse(
        "Ana: Why?\n\nBen: Because.\n\nAna: Sure?\n\nBen: Yes.",
        ParseHints(interviewers=["Hugo Bowne-Anderson"]),
    )
    assert "declared speaker 'Hugo Bowne-Anderson' not found in the transcript" in parsed.warnings
    assert parsed.interviewers == ["Ana"]


def test_prose_without_any_turns_warns():
    parsed = parse("Just some prose about bees. Nothing else here.")
    assert parsed.turns == []
    assert parsed.warnings == ["no turns found"]
    assert parsed.intro == "Just some prose about bees. Nothing else here."


def test_an_unclear_interviewer_is_guessed_with_a_warning():
    parsed = parse("Ana: Hello.\n\nBen: Hi.\n\nAna: Fine.\n\nBen: Good.")
    assert parsed.interviewers == ["Ana"]
    assert "could not tell who asks the questions: taking 'Ana', who says least" in (
        parsed.warnings
    )


def test_numbered_unidentified_voices_are_speakers():
    parsed = parse(
        "KING: Hello?\n\nGATES: Hi.\n\nUNIDENTIFIED PERSON #1: Over here!\n\nKING: Yes?\n\n"
        "GATES: Fine."
    )
    assert parsed.speakers == ["KING", "GATES", "UNIDENTIFIED PERSON #1"]
    assert parsed.turns[2].kind == "remark"


def test_a_lettered_list_inside_an_answer_is_not_a_q_and_a():
    parsed = parse(
        "KING: Hi?\n\nSMITH: Two options:\n\nA. First option here.\n\nB. Second.\n\n"
        "KING: Ok?\n\nSMITH: Yes."
    )
    assert parsed.turns[1].text == "Two options:\n\nA. First option here.\n\nB. Second."
    assert parsed.format == "labelled"


def test_labels_seen_once_are_speakers_when_nothing_else_gives_turns():
    ann = "Ann Lee: " + "We started the bakery in a shed behind the house, with one oven. " * 2
    bob = "Bob Roe: " + "I remember the smell of bread every morning on my way to school. " * 2
    parsed = parse(f"{ann}\n\n{bob}")
    assert parsed.format == "labelled"
    assert parsed.speakers == ["Ann Lee", "Bob Roe"]
    assert [turn.text for turn in parsed.turns] == [
        ann.removeprefix("Ann Lee: ").strip(),
        bob.removeprefix("Bob Roe: ").strip(),
    ]
    # The first reading, without speakers, leaves nothing behind: each line in one place.
    assert parsed.places == [(0, "turn 0"), (2, "turn 1")]
    assert not any("appears once" in warning for warning in parsed.warnings)
