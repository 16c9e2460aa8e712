"""A PDF upload read into a SourceDocument: the text the parser reads, without page furniture."""

import io
import json
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams

from interviews.importing.sources import UnreadableSource
from interviews.importing.sources import pdf as pdf_source
from interviews.importing.sources.pdf import document_from_pdf
from interviews.transcript import parse
from tests.interviews.importing.pdf_builder import RuleAt, TextAt, build_pdf

CORPUS = Path(__file__).parent / "corpus"
TRANSCRIPT_CORPUS = Path(__file__).parents[2] / "transcript" / "corpus"
SPEECH_KINDS = ("question", "answer", "remark")
WILSON = CORPUS / "pdf_legasee-frank-wilson.pdf"
# Real transcripts typeset as a table: a timecode column beside a "what is said" column.
TABLES = [CORPUS / "pdf_legasee-joan-field.pdf", CORPUS / "pdf_legasee-catherine-avent.pdf"]
TIMECODE_RE = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
HEADER = "Oral History of Jane Roe - Riverside Project 2009"
NO_TEXT_LAYER = r"(?i)this PDF has no text layer"


def flat(text: str) -> str:
    return " ".join(text.split())


def speech_turns(parsed) -> list:
    return [turn for turn in parsed.turns if turn.kind in SPEECH_KINDS]


def speech(parsed) -> list[tuple[str, str, str]]:
    return [(t.speaker, t.kind, flat(t.text)) for t in speech_turns(parsed)]


def spec_of(pdf_path: Path) -> dict:
    return json.loads(pdf_path.with_suffix(".json").read_text(encoding="utf-8"))


def interview_pages(count: int, *, footer: str = "Page {n}") -> list[list[TextAt]]:
    """Pages with a header at the top, a footer at the bottom and a few labelled lines between;
    the same remark stands in the middle of every page."""
    pages = []
    for n in range(1, count + 1):
        body = [
            f"Q: What happened in week {n}?",
            f"A: We met at the lab, as I wrote on page {n + 2} of my notes.",
            "Q: Was that usual?",
            "A: It was how we always worked.",
            "Q: And then?",
            f"A: Then came week {n + 1}, and the rest of the story.",
        ]
        lines = [TextAt(72, 750, HEADER)]
        lines += [TextAt(72, 680 - 40 * i, text) for i, text in enumerate(body)]
        lines.append(TextAt(300, 30, footer.format(n=n)))
        pages.append(lines)
    return pages


def visible_characters(text: str) -> Counter:
    """The text's characters but spaces, a ligature ("ﬁ") counted as its letters, as the
    reader gives it."""
    return Counter(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


# The real PDF


def test_a_real_pdf_reads_as_the_same_turns_as_its_pasted_text():
    spec = spec_of(WILSON)
    pasted = (CORPUS / spec["text_version"].split(":")[0]).read_text(encoding="utf-8")
    document = document_from_pdf(WILSON.read_bytes())
    assert document.kind == "pdf"
    assert speech(parse(document.text)) == speech(parse(pasted))


def test_a_real_pdf_parses_as_its_expectation_says():
    expect = spec_of(WILSON)["expect"]
    parsed = parse(document_from_pdf(WILSON.read_bytes()).text)
    turns = speech(parsed)
    assert len(turns) == expect["speech_turns"]
    roles = {name: "interviewer" for name in parsed.interviewers}
    roles |= {name: "interviewee" for name in parsed.interviewees}
    assert {name: roles.get(name) for name in parsed.speakers} == expect["speakers"]
    first, last = turns[0], turns[-1]
    assert first[0] == expect["first"]["speaker"]
    assert first[2].startswith(flat(expect["first"]["starts"]))
    assert last[0] == expect["last"]["speaker"]
    assert last[2].endswith(flat(expect["last"]["ends"]))
    assert any(flat(expect["joined_across_pages"]) in text for _, _, text in turns)


def test_a_real_pdfs_running_footers_are_set_aside_and_in_no_turn():
    expect = spec_of(WILSON)["expect"]
    document = document_from_pdf(WILSON.read_bytes())
    parsed = parse(document.text)
    for footer in expect["running_headers"]:
        assert footer in document.set_aside
        assert all(footer not in turn.text for turn in parsed.turns)
    assert document.set_aside.count(expect["running_headers"][0]) == 4  # one per page
    assert parsed.ignored == []  # nothing left for the parser's own guesses


def assert_every_character_kept(data: bytes, document, *, added: str = "") -> None:
    """Every visible character of the PDF's text layer is in the text or set aside, and the
    reader added no other than `added` (the colons it gives a table's name cells)."""
    layer = extract_text(io.BytesIO(data), laparams=LAParams(all_texts=True))
    kept = document.text + "".join(document.set_aside)
    assert visible_characters(kept) == visible_characters(layer) + visible_characters(added)


@pytest.mark.parametrize("path", [WILSON, *TABLES], ids=lambda path: path.stem)
def test_a_real_pdf_keeps_every_character_of_its_text_layer(path):
    data = path.read_bytes()
    assert_every_character_kept(data, document_from_pdf(data))


def test_a_real_pdfs_properties_give_its_title_but_no_date():
    document = document_from_pdf(WILSON.read_bytes())
    assert document.title == "Frank Wilson Transcript Master"
    assert document.published == ""


# A PDF laid out again from a real pasted PDF text


def chm_pages(text: str) -> list[list[TextAt]]:
    """The pages of a Computer History Museum transcript as pdfminer extracted them, printed
    again where CHM prints them: the title page's lines from a quarter down, then on each page
    the running header at the top, the body, and the "CHM Ref: ... Page N of M" footer at the
    bottom (the extraction put header and footer together above each page's body)."""
    lines = [line.strip() for line in text.splitlines()]
    header = next(line for line in lines if line.startswith("Oral History of"))
    footers = [i for i, line in enumerate(lines) if line.startswith("CHM Ref:")]
    title_page = [line for line in lines[: footers[0] - 2] if line]
    pages = [[TextAt(72, 600 - 14 * i, line, size=9) for i, line in enumerate(title_page)]]
    for n, footer in enumerate(footers):
        end = footers[n + 1] - 2 if n + 1 < len(footers) else len(lines)
        body = [line for line in lines[footer + 1 : end] if line]
        page = [TextAt(72, 750, header, size=9)]
        page += [TextAt(72, 700 - 12 * i, line, size=9) for i, line in enumerate(body)]
        page.append(TextAt(72, 30, lines[footer], size=9))
        pages.append(page)
    return pages


def test_a_chm_oral_history_reads_as_the_same_turns_as_its_pasted_text():
    pasted = (TRANSCRIPT_CORPUS / "pdf-oral-history_chm-feinler-2009.txt").read_text("utf-8")
    data = build_pdf(chm_pages(pasted))
    document = document_from_pdf(data)
    assert_every_character_kept(data, document)
    parsed = parse(document.text)
    assert speech(parsed) == speech(parse(pasted))
    assert parsed.title == "Oral History of Elizabeth (Jake) Feinler"  # the cover page's
    assert document.notes == [
        "Removed a running header from 2 pages: “Oral History of Elizabeth (Jake) Feinler”.",
        "Removed a running footer from 2 pages: “CHM Ref: X5378.2009 © 2009 Computer History "
        "Museum Page N of 49”.",
    ]


# Page furniture, on generated PDFs


def test_running_header_and_page_numbers_go_but_a_mention_of_a_page_stays():
    data = build_pdf(interview_pages(4))
    document = document_from_pdf(data)
    assert_every_character_kept(data, document)
    assert HEADER not in document.text
    assert "Page 2" not in document.text
    assert "as I wrote on page 3 of my notes." in document.text
    assert document.set_aside == [line for n in range(1, 5) for line in (HEADER, f"Page {n}")]
    assert document.notes == [
        f"Removed a running header from 4 pages: “{HEADER}”.",
        "Removed 4 page numbers.",
    ]


def test_a_footer_with_the_page_number_is_named_with_n_for_the_number():
    footer = "Riverside Oral History Project © 2009   Page {n} of 3"
    document = document_from_pdf(build_pdf(interview_pages(3, footer=footer)))
    assert "Riverside Oral History" not in document.text
    named = "Riverside Oral History Project © 2009 Page N of 3"
    assert f"Removed a running footer from 3 pages: “{named}”." in document.notes


def test_pages_are_separated_by_form_feeds_and_boxes_by_blank_lines():
    text = document_from_pdf(build_pdf(interview_pages(2))).text
    first_page, second_page = text.split("\n\f\n")
    assert first_page.startswith("Q: What happened in week 1?\n\nA: We met at the lab")
    assert second_page.startswith("Q: What happened in week 2?")


@pytest.mark.parametrize(
    "left, right",
    [
        (
            ["Q: Where were you born?", "A: In Leeds, in a house", "by the canal."],
            ["Q: And your parents?", "A: My father was a", "printer, my mother a nurse."],
        ),
        (  # short lines, as a table's cells are: still two columns of prose
            ["Q: Where were you born?", "A: In Leeds.", "Q: When?", "A: In 1931."],
            ["Q: And your parents?", "A: My father was a", "printer, my mother a nurse."],
        ),
    ],
    ids=["prose", "short-lines"],
)
def test_two_columns_keep_pdfminers_reading_order(left, right):
    page = [TextAt(60, 700 - 14 * i, text) for i, text in enumerate(left)]
    page += [TextAt(330, 700 - 14 * i, text) for i, text in enumerate(right)]
    text = document_from_pdf(build_pdf([page])).text
    assert text == "\n".join(left) + "\n\n" + "\n".join(right)


def test_a_justified_line_has_one_space_between_words_and_ligatures_are_letters():
    page = [TextAt(72, 700, "A: We    were    ﬁve    in    the    oﬃce.")]
    assert document_from_pdf(build_pdf([page])).text == "A: We were five in the office."


def test_a_line_repeated_in_the_middle_of_every_page_is_kept():
    pages = interview_pages(4)
    for page in pages:
        page.insert(3, TextAt(72, 420, "Same words on every page."))
    document = document_from_pdf(build_pdf(pages))
    assert document.text.count("Same words on every page.") == 4
    assert "Same words on every page." not in document.set_aside


def test_a_line_at_the_edge_of_fewer_than_half_of_the_pages_is_kept():
    pages = interview_pages(5)
    for page in pages[:2]:
        page.append(TextAt(72, 60, "Continued overleaf."))
    document = document_from_pdf(build_pdf(pages))
    assert document.text.count("Continued overleaf.") == 2


def test_a_one_page_pdf_loses_only_its_page_number():
    document = document_from_pdf(build_pdf(interview_pages(1)))
    assert document.text.startswith(HEADER)
    assert document.set_aside == ["Page 1"]


def test_a_sentence_cut_by_a_page_break_is_joined_by_the_parser():
    pages = [
        [
            TextAt(72, 700, "Q: How did it start?"),
            TextAt(72, 660, "A: It started when we moved the whole"),
            TextAt(300, 30, "- 1 -"),
        ],
        [TextAt(72, 740, "laboratory to the coast."), TextAt(300, 30, "- 2 -")],
    ]
    parsed = parse(document_from_pdf(build_pdf(pages)).text)
    assert speech(parsed)[-1][2] == "It started when we moved the whole laboratory to the coast."


@pytest.mark.parametrize(
    "title", ["Microsoft Word - roe interview.doc", "roe-interview-final.docx", "Jane_Roe_2009"]
)
def test_document_properties_that_name_a_file_are_not_a_title(title):
    info = {"Title": title, "Author": "Administrator"}
    document = document_from_pdf(build_pdf(interview_pages(1), info=info))
    assert (document.title, document.byline) == ("", "")


def test_document_properties_that_are_text_give_title_and_byline():
    info = {"Title": "Oral History of Jane Roe", "Author": "Riverside Historical Society"}
    document = document_from_pdf(build_pdf(interview_pages(1), info=info))
    assert (document.title, document.byline) == (info["Title"], info["Author"])


# Refusals


def test_a_scanned_pdf_has_no_text_layer():
    data = build_pdf([[], []], image_pages=frozenset({0, 1}))
    with pytest.raises(UnreadableSource, match=NO_TEXT_LAYER):
        document_from_pdf(data)


def test_a_scan_with_a_stamped_page_number_has_no_text_layer():
    pages = [[TextAt(300, 30, str(n))] for n in (1, 2, 3)]
    data = build_pdf(pages, image_pages=frozenset({0, 1, 2}))
    with pytest.raises(UnreadableSource, match=NO_TEXT_LAYER):
        document_from_pdf(data)


def test_a_mostly_scanned_pdf_with_a_typed_cover_has_no_text_layer():
    pages = [*interview_pages(1), [], [], []]
    with pytest.raises(UnreadableSource, match=NO_TEXT_LAYER):
        document_from_pdf(build_pdf(pages, image_pages=frozenset({1, 2, 3})))


def test_a_scanned_page_among_typed_ones_is_noted():
    pages = [*interview_pages(2), []]
    document = document_from_pdf(build_pdf(pages, image_pages=frozenset({2})))
    assert "Page 3 of the PDF is an image without text" in document.notes[-1]


def test_a_pdf_of_blank_pages_has_no_text_layer():
    with pytest.raises(UnreadableSource, match=NO_TEXT_LAYER):
        document_from_pdf(build_pdf([[], []]))


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "it is empty"),
        (b"Q: Hello?\nA: Hello.\n" * 20, "plain text"),
        (zip_bytes(), "ZIP archive"),
        (b"<!DOCTYPE html><html><body>Q: Hi</body></html>", "web page"),
        (bytes(range(256)) * 4, "another kind"),
    ],
    ids=["empty", "text-renamed-pdf", "zip", "html", "binary"],
)
def test_a_file_that_is_no_pdf_is_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadableSource, match="This file is not a readable PDF") as refusal:
        document_from_pdf(data)
    assert reason in str(refusal.value)


def test_a_truncated_pdf_is_refused():
    data = build_pdf(interview_pages(3))
    with pytest.raises(UnreadableSource, match="stops before the end"):
        document_from_pdf(data[: len(data) // 2])


def test_a_pdf_with_a_garbled_body_is_refused_as_damaged():
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n" + b"\x00" * 64
    with pytest.raises(UnreadableSource, match="This file is not a readable PDF"):
        document_from_pdf(data + b"\n%%EOF\n")


def test_a_pdf_locked_with_a_password_is_refused():
    with pytest.raises(UnreadableSource, match="locked with a password"):
        document_from_pdf((CORPUS / "pdf_password-locked.pdf").read_bytes())


def test_a_pdf_with_only_an_owner_password_is_read():
    document = document_from_pdf((CORPUS / "pdf_owner-password-only.pdf").read_bytes())
    assert "Q: Where did you grow up?" in document.text


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_source, "MAX_PAGES", 2)
    with pytest.raises(UnreadableSource, match="more than 2 pages"):
        document_from_pdf(build_pdf(interview_pages(3)))


def test_a_pdf_that_takes_too_long_to_read_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_source, "MAX_SECONDS", -1.0)
    with pytest.raises(UnreadableSource, match="takes too long to read"):
        document_from_pdf(build_pdf(interview_pages(2)))


def test_a_pdf_without_pages_is_refused():
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(UnreadableSource, match="it has no pages"):
        document_from_pdf(data)


# Fuzzing: whatever the bytes, the answer is a document or UnreadableSource

VALID = build_pdf(interview_pages(2))
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes) -> None:
    try:
        document = document_from_pdf(data)
    except UnreadableSource as refusal:
        assert str(refusal)
    else:
        assert isinstance(document.text, str)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused(data):
    read_or_refuse(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_that_look_like_a_pdf_are_read_or_refused(data):
    read_or_refuse(b"%PDF-1.4\n" + data + b"\n%%EOF\n")


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255), st.sampled_from("rid")),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_pdfs_are_read_or_refused(mutations):
    data = bytearray(VALID)
    for position, value, how in mutations:
        position = min(position, len(data) - 1)
        if how == "r":
            data[position] = value
        elif how == "i":
            data.insert(position, value)
        else:
            del data[position]
    read_or_refuse(bytes(data))


# --- Compressed content, unpacked within a budget ----------------------------------------------


def test_compressed_page_content_is_read():
    lines = [TextAt(72, 700, "Q: Where did you grow up?"), TextAt(72, 680, "A: By the sea.")]
    document = document_from_pdf(build_pdf([lines], compressed_padding=10))
    assert "Where did you grow up?" in document.text
    assert "By the sea." in document.text


def test_a_stream_that_unpacks_beyond_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_source, "MAX_INFLATED_BYTES", 1024 * 1024)
    # A few KB that unpack to 8 MB of spaces: a small "zip bomb".
    bomb = build_pdf([[TextAt(72, 700, "Q: Hello?")]], compressed_padding=8 * 1024 * 1024)
    assert len(bomb) < 20_000
    with pytest.raises(UnreadableSource, match="unpacks to more than 1 MB"):
        document_from_pdf(bomb)


# --- Pages laid out as a table: a timecode or name column beside the text --------------------


def table_page(rows: list[tuple[str, list[str]]], *, cell_x=60, text_x=150, centred=False):
    """A page of a two-column table: each row's cell beside its text's first line (or, with
    `centred`, level with the middle of its text), rows 10 points apart."""
    page, y = [], 680
    for cell, lines in rows:
        middle = y - 14 * (len(lines) - 1) / 2
        if cell:
            page.append(TextAt(cell_x, round(middle) if centred else y, cell))
        page += [TextAt(text_x, y - 14 * i, line) for i, line in enumerate(lines)]
        y -= 14 * len(lines) + 10
    return page


TIMED_ROWS = [
    ("00:01:02", ["Well, my name is Jane Roe and I was a nurse", "at the Riverside hospital."]),
    ("00:01:15", ["Where were you born?"]),
    ("00:01:19", ["In Leeds, in a house by the canal, and we", "moved south when I was ten."]),
    ("00:01:40", ["What did your father do?"]),
    ("00:01:44", ["He was a printer, and my mother a nurse", "like me, at the same hospital."]),
]


def test_a_timecode_column_is_read_row_by_row():
    data = build_pdf([table_page(TIMED_ROWS)])
    document = document_from_pdf(data)
    assert_every_character_kept(data, document)
    expected = ["\n".join([f"{cell} {lines[0]}", *lines[1:]]) for cell, lines in TIMED_ROWS]
    assert document.text == "\n\n".join(expected)
    assert document.notes[-1].startswith("Read 1 page laid out as a table")


def test_a_timecode_centred_beside_a_tall_row_opens_it():
    rows = [(cell, lines * 3) for cell, lines in TIMED_ROWS[:3]]
    document = document_from_pdf(build_pdf([table_page(rows, centred=True)]))
    paragraphs = document.text.split("\n\n")
    assert [paragraph.split()[0] for paragraph in paragraphs] == [
        "00:01:02",
        "00:01:15",
        "00:01:19",
    ]
    assert all(paragraph.count(":") == 2 for paragraph in paragraphs)  # its own time, no other


LATER_ROWS = [
    ("00:02:05", ["Did you go to school there?"]),
    ("00:02:09", ["Yes, to the board school on Kirkstall Road,", "until the war closed it."]),
    ("00:02:31", ["And after that?"]),
    ("00:02:33", ["We were sent to my aunt in Harrogate, a", "much quieter place altogether."]),
]


def test_a_ruled_table_gives_each_row_its_cell_wherever_the_cell_stands():
    # Rows of two paragraphs, each timecode centred in its row's height: the drawn borders,
    # not the paragraphs' boxes, say which text is the timecode's.
    page, y = [], 700
    for cell, lines in TIMED_ROWS[1:]:
        paragraphs = [lines * 2, lines * 2]
        height = 14 * sum(len(paragraph) for paragraph in paragraphs) + 14
        page += [RuleAt(50, 560, y + 14), TextAt(60, y - height / 2, cell)]
        for paragraph in paragraphs:
            page += [TextAt(150, y - 14 * i, line) for i, line in enumerate(paragraph)]
            y -= 14 * len(paragraph) + 14
    page.append(RuleAt(50, 560, y + 14))
    document = document_from_pdf(build_pdf([page]))
    rows = document.text.split("\n\n")
    assert [row.split()[0] for row in rows[::2]] == [cell for cell, _ in TIMED_ROWS[1:]]
    assert not any(re.match(r"\d", row) for row in rows[1::2])  # a row's second paragraph


def test_a_table_read_by_rows_gives_turns_without_stray_timecodes():
    pages = [table_page(TIMED_ROWS[1:]), table_page(LATER_ROWS)]
    parsed = parse(document_from_pdf(build_pdf(pages)).text)
    turns = speech(parsed)
    assert [kind for _, kind, _ in turns] == ["question", "answer"] * 4
    # Each row's timecode is its turn's time, not its text.
    assert turns[1][2] == "In Leeds, in a house by the canal, and we moved south when I was ten."
    assert speech_turns(parsed)[1].timestamp_text == "00:01:19"
    for _, _, text in turns:
        assert not re.search(r"\d:\d\d", text)


def test_a_table_header_row_is_set_aside():
    rows = [("Time code", ["What is said"]), *TIMED_ROWS]
    data = build_pdf([table_page(rows)])
    document = document_from_pdf(data)
    assert_every_character_kept(data, document)
    assert document.set_aside == ["Time code What is said"]
    assert document.text.startswith("00:01:02 Well, my name is Jane Roe")
    assert "Set aside the table's header row on 1 page." in document.notes


NAMED_ROWS = [
    ("Interviewer", ["Where were you born, and when?"]),
    ("Jane Roe", ["In Leeds, in 1931, in a house by the canal,", "the third of five children."]),
    ("Interviewer", ["What did your father do?"]),
    ("Jane Roe", ["He was a printer at the Yorkshire Post,", "nights mostly."]),
    ("Interviewer", ["And your mother?"]),
    ("Jane Roe", ["She was a nurse, like me."]),
]


def test_a_name_column_labels_each_row_with_its_speaker():
    data = build_pdf([table_page(NAMED_ROWS)])
    document = document_from_pdf(data)
    assert_every_character_kept(data, document, added=":" * len(NAMED_ROWS))
    assert document.text.startswith(
        "Interviewer: Where were you born, and when?\n\nJane Roe: In Leeds, in 1931"
    )
    parsed = parse(document.text)
    assert [speaker for speaker, _, _ in speech(parsed)] == [name for name, _ in NAMED_ROWS]
    assert speech(parsed)[1][2] == (
        "In Leeds, in 1931, in a house by the canal, the third of five children."
    )


def test_a_name_tables_first_row_of_few_words_is_no_header():
    rows = [("Interviewer", ["Hello"]), ("Jane Roe", ["Hello, and thank you."]), *NAMED_ROWS]
    document = document_from_pdf(build_pdf([table_page(rows)]))
    assert document.text.startswith("Interviewer: Hello\n\nJane Roe: Hello, and thank you.")
    assert document.set_aside == []


def deposition_page(page_number: int) -> list[TextAt]:
    """A deposition's page: 25 numbered lines, double spaced, below the page's top band."""
    said = [
        line
        for n in range(5)
        for line in (
            f"Q. Please tell us what happened on day {5 * page_number + n}.",
            "A. We met at the lab, as we always did,",
            "and we worked on until the evening.",
            "Q. Was that usual?",
            "A. It was.",
        )
    ]
    said = said[2 * page_number :] + said[: 2 * page_number]  # pages begin differently
    return [TextAt(40, 690 - 24 * i, str(i + 1)) for i in range(25)] + [
        TextAt(80, 690 - 24 * i, text) for i, text in enumerate(said)
    ]


def test_line_numbers_in_the_margin_are_set_aside():
    data = build_pdf([deposition_page(1), deposition_page(2)])
    document = document_from_pdf(data)
    assert_every_character_kept(data, document)
    assert not re.search(r"(?m)^\d", document.text)
    assert document.set_aside == [str(n) for n in range(1, 26)] * 2
    assert "Removed the line numbers in the margin of 2 pages." in document.notes
    assert "did,\nand we worked" in document.text  # a numbered line runs on in the next
    answer = "We met at the lab, as we always did, and we worked on until the evening."
    assert answer in [text for _, _, text in speech(parse(document.text))]


def test_a_short_label_column_beside_prose_wider_than_a_margin_is_no_table():
    # A sidebar of headings at a third of the page's width beside a column of prose.
    page = [TextAt(60, 700, "Childhood"), TextAt(60, 600, "The war")]
    page += [TextAt(300, 700 - 14 * i, "Words of the story, line by line.") for i in range(12)]
    assert document_from_pdf(build_pdf([page])).notes == []


# --- Real transcripts typeset as a table ------------------------------------------------------


def without_leading_timecode(text: str) -> str:
    """A turn's speech without a timecode opening it (a row's time that opens no turn)."""
    return TIMECODE_RE.sub("", text, count=1).strip() if TIMECODE_RE.match(text) else text


@pytest.mark.parametrize("path", TABLES, ids=lambda path: path.stem)
def test_a_real_table_pdf_reads_row_by_row_as_its_text_version(path):
    # The text version prints each page's header row and footers where the page does; the
    # reader sets those aside, so the comparison leaves them out of both.
    document = document_from_pdf(path.read_bytes())
    pasted = (CORPUS / spec_of(path)["text_version"].split(":")[0]).read_text(encoding="utf-8")
    furniture = {flat(text) for text in document.set_aside}
    body = "\n".join(line for line in pasted.splitlines() if flat(line) not in furniture)
    assert speech(parse(document.text)) == speech(parse(body))
    assert document.notes[-2].startswith("Read 4 pages laid out as a table")


@pytest.mark.parametrize("path", TABLES, ids=lambda path: path.stem)
def test_a_real_table_pdfs_timecodes_each_open_their_own_row(path):
    document = document_from_pdf(path.read_bytes())
    for match in TIMECODE_RE.finditer(document.text):
        assert match.start() == 0 or document.text[match.start() - 1] == "\n"
    questions = [turn for turn in parse(document.text).turns if turn.kind == "question"]
    # Each question is its own row's: the row's timecode is its time, and its text holds no
    # timecode of another row.
    assert [turn.timestamp_text for turn in questions] == spec_of(path)["expect"][
        "question_timecodes"
    ]
    assert not any(TIMECODE_RE.search(turn.text) for turn in questions)


@pytest.mark.parametrize("path", TABLES, ids=lambda path: path.stem)
def test_a_real_table_pdfs_last_turn_and_header_rows(path):
    expect = spec_of(path)["expect"]
    document = document_from_pdf(path.read_bytes())
    turns = speech(parse(document.text))
    assert without_leading_timecode(turns[-1][2]).endswith(flat(expect["last"]["ends"]))
    header_row = " ".join(expect["running_headers"])
    assert header_row in flat(" ".join(document.set_aside))
    assert all(header_row not in text for _, _, text in turns)


@pytest.mark.parametrize("path", TABLES, ids=lambda path: path.stem)
def test_a_real_table_pdf_parses_as_its_expectation_says(path):
    expect = spec_of(path)["expect"]
    parsed = parse(document_from_pdf(path.read_bytes()).text)
    turns = speech(parsed)
    roles = {name: "interviewer" for name in parsed.interviewers}
    roles |= {name: "interviewee" for name in parsed.interviewees}
    assert len(turns) == expect["speech_turns"]
    assert {name: roles.get(name) for name in parsed.speakers} == expect["speakers"]
    assert turns[0][0] == expect["first"]["speaker"]
    assert without_leading_timecode(turns[0][2]).startswith(flat(expect["first"]["starts"]))
