"""A downloaded oral history as PDF text: a first page of copyright terms, a header naming the
veteran ("Name: ..."), then a table of timecodes beside what is said, read row by row: each
question opens with its time, an answer runs on in rows of its own, and the veteran speaks
first, before any question ("I served from ...")."""

import pytest

from interviews.transcript import parse
from interviews.transcript.accounting import conservation_problems
from tests.transcript.helpers import speech

TERMS_PAGE = (
    "©\n\n"
    "Copyright - Harbour Voices Trust [2012]. No part of this document may be reproduced,\n"
    "stored in a retrieval system or transmitted in any form without the prior written\n"
    "permission of the publisher. For details please contact: office@harbourvoices.org.uk\n\n"
    "Thank you for downloading this transcript featuring Mary Quinn\n\n"
    "Copyright licence\n"
    "Harbour Voices grants you a non-exclusive revocable licence to view and print this\n"
    "document for your own personal use. All other rights are reserved.\n\n"
    "For more details see our Terms & Conditions at: http://www.harbourvoices.org.uk/terms\n"
)

HEADER = (
    "Name: Mary Quinn\n\n"
    "Regiment: ATS (Auxiliary Territorial Service)\n\n"
    "Date transcript: 3rd May 2013\n\n"
)

TABLE = (
    "01:00:00 Start of Film 1\n\n"
    "01:00:02 I served from 1942 to 1946 on the anti-aircraft guns, mostly on the east\n"
    "coast, and then at a depot near Chester.\n\n"
    "01:00:14 And where did you grow up?\n\n"
    "In Hull, by the docks. My father worked on the trawlers and we hardly saw him.\n\n"
    "01:00:31 Why did you choose the ATS?\n\n"
    "My friend had joined the month before and her letters made it sound like a lark.\n"
    "It was not a lark, as it turned out.\n\n"
    "01:01:05 What was the training like?\n\n"
    "Hard. We were up at six for drill, every day, whatever the weather was doing.\n\n"
    "01:02:40 Then in the spring we went to the guns, and that was another life.\n\n"
    "Start of Film 2\n\n"
    "01:03:12 Were you ever frightened?\n\n"
    "All the time, but you did not show it. You kept your head down and did your job.\n"
)

TRANSCRIPT = TERMS_PAGE + "\f\n" + HEADER + TABLE


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_first_page_of_copyright_terms_is_set_aside_and_the_talk_is_read():
    parsed = parse(TRANSCRIPT)
    turns = speech(parsed)
    assert len(turns) == 9
    assert "All other rights are reserved." not in parsed.intro
    assert any("may be reproduced" in line for line in parsed.ignored)
    assert "Copyright licence" in parsed.ignored
    assert conservation_problems(TRANSCRIPT, parsed) == []


def test_the_talk_reads_the_same_with_or_without_the_terms_page():
    with_terms = [(t.speaker, t.text) for t in speech(parse(TRANSCRIPT))]
    without = [(t.speaker, t.text) for t in speech(parse(HEADER + TABLE))]
    assert with_terms == without


def test_a_page_that_mentions_copyright_in_the_talk_is_no_terms_page():
    talk = (
        "Q: Did you ever think about copyright?\n\nA: Only when the publisher wrote to me, "
        "in 1961. They wanted permission to reprint the poems.\n\f\n"
        "Q: And did you give it?\n\nA: I did, for a fee.\n"
    )
    parsed = parse(talk)
    assert [t.kind for t in speech(parsed)] == ["question", "answer"] * 2
    assert parsed.ignored == []


def test_the_opening_statement_before_the_first_question_is_the_narrators_first_turn():
    parsed = parse(TRANSCRIPT)
    first = speech(parsed)[0]
    assert first.speaker == "Mary Quinn" and first.kind == "answer"
    assert first.text.startswith("I served from 1942 to 1946 on the anti-aircraft guns")
    assert first.timestamp == 3602


def test_a_timecode_opening_a_row_is_its_turns_time_not_its_text():
    turns = speech(parse(TRANSCRIPT))
    questions = [turn for turn in turns if turn.kind == "question"]
    assert [turn.timestamp_text for turn in questions] == [
        "01:00:14",
        "01:00:31",
        "01:01:05",
        "01:03:12",
    ]
    assert questions[0].text == "And where did you grow up?"
    # A row going on with the answer keeps its time in the answer's text: it opens no turn.
    assert "01:02:40 Then in the spring" in turns[-3].text


def test_a_recording_marker_after_a_time_is_a_direction():
    parsed = parse(TRANSCRIPT)
    directions = [turn for turn in parsed.turns if turn.kind == "direction"]
    assert [(turn.text, turn.timestamp) for turn in directions] == [
        ("Start of Film 1", 3600),
        ("Start of Film 2", None),
    ]


def test_the_headers_name_field_names_the_unlabelled_interviewee():
    parsed = parse(TRANSCRIPT)
    assert parsed.interviewees == ["Mary Quinn"]
    assert parsed.interviewers == ["Interviewer"]
    assert parsed.metadata["name"] == "Mary Quinn"


@pytest.mark.parametrize("key", ["Veteran", "Interviewee", "Narrator"])
def test_an_interviewee_field_names_the_unlabelled_interviewee_too(key):
    parsed = parse(HEADER.replace("Name:", f"{key}:") + TABLE)
    assert parsed.interviewees == ["Mary Quinn"]


def test_the_name_field_names_a_role_labelled_interviewee():
    text = (
        "Name: Mary Quinn\n\nDate transcript: 3rd May 2013\n\n"
        "Q: Where did you grow up?\n\nA: In Hull, by the docks.\n\n"
        "Q: Why the ATS?\n\nA: My friend had joined the month before.\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["Interviewer", "Mary Quinn"] * 2


def test_a_name_field_in_a_mail_header_names_no_interviewee():
    text = (
        "From: Ann Lee <ann@example.org>\nTo: Bob Roe <bob@example.org>\nName: Ann Lee\n\n"
        "Why did you start the project?\n\nBecause nobody else would, and it needed doing.\n\n"
        "What came next?\n\nA year of evenings and weekends, mostly.\n"
    )
    assert "Ann Lee" not in parse(text).interviewees


# Two footers take turns page by page: each on half of the pages or fewer, so neither is a
# running line by count alone; the one giving the publisher's address and telephone is.
FOOTER_A = (
    "Harbour Voices Ltd, 2 Quay Street, Hull, HU1 1AA\n\n"
    "Telephone: 01482 555 010 E-mail: office@harbourvoices.org.uk Web: www.harbourvoices.org.uk\n\n"
    "Harbour Voices Trust is a registered charity - No. 1234567\n"
)
FOOTER_B = "Address: 2 Quay Street, Hull, HU1 1AA.\n"
PAGES = [
    "01:00:14 And where did you grow up?\n\nIn Hull, by the docks, near the fish market.\n\n",
    "01:00:31 Why did you choose the ATS?\n\nMy friend had joined the month before.\n\n",
    "01:01:05 What was the training like?\n\nHard. We were up at six for drill.\n\n",
    "01:02:10 Where were you posted?\n\nTo a gun site on the coast at Spurn.\n\n",
    "01:03:12 Were you ever frightened?\n\nAll the time, but you did not show it.\n\n",
    "01:04:00 And after the war?\n\nI married a docker and we stayed in Hull.\n\n",
]
FOOTED = "".join(
    page + (FOOTER_A if n % 2 == 0 else FOOTER_B) + "\f\n" for n, page in enumerate(PAGES)
)


def test_a_contact_footer_on_every_other_page_is_set_aside_not_a_speaker():
    parsed = parse(FOOTED)
    turns = speech(parsed)
    assert [turn.kind for turn in turns] == ["question", "answer"] * 6
    assert "Telephone" not in parsed.speakers
    assert not any(
        "registered charity" in turn.text or "Quay Street" in turn.text for turn in turns
    )
    assert FOOTER_A.splitlines()[2] in parsed.ignored
    assert conservation_problems(FOOTED, parsed) == []


def test_contact_fields_are_never_speaker_labels():
    text = (
        "Oral history of Mary Quinn\n\n"
        "Telephone: 01482 555 010\n\nEmail: office@harbourvoices.org.uk\n\n"
        "Mary Quinn: I was born in Hull in 1924.\n\n"
        "Telephone: 01482 555 010\n\nEmail: office@harbourvoices.org.uk\n"
    )
    parsed = parse(text)
    assert [turn.speaker for turn in speech(parsed)] == ["Mary Quinn"]
    assert not {"Telephone", "Email"} & set(parsed.speakers)


def test_without_the_page_break_the_terms_open_the_intro_and_end_nothing():
    # Pasted from a viewer that drops page breaks: the "©" line opening the text is no
    # footer ending the document, and the talk after the terms is read just the same.
    pasted = TERMS_PAGE + "\n" + HEADER + TABLE
    parsed = parse(pasted)
    # (The terms' long lines show the page's wrap width: its paragraphs may join differently.)
    assert [(t.speaker, flat(t.text)) for t in speech(parsed)] == [
        (t.speaker, flat(t.text)) for t in speech(parse(HEADER + TABLE))
    ]
    assert "may be reproduced" in parsed.intro
    assert conservation_problems(pasted, parsed) == []


def test_a_headers_fields_left_blank_are_set_aside_not_the_intro():
    blank = "Name: Mary Quinn\n\nRegiment:\n\nDate of Transcript:\n\nTranscribe by:\n\n" + TABLE
    parsed = parse(blank)
    assert parsed.intro == ""
    assert {"Regiment:", "Date of Transcript:", "Transcribe by:"} <= set(parsed.ignored)
    assert speech(parsed)[0].speaker == "Mary Quinn"
    assert conservation_problems(blank, parsed) == []
