"""Word uploads: `document_from_docx` turns a .docx into the text the transcript parser reads.

The corpus files (tests/interviews/importing/corpus/docx_*.docx) are real interviews in a
writer's Word layout; each must give the turns its text version gives. The small documents
built here pin one Word feature each; the refusals and the fuzz pin that a bad upload gives the
editor a sentence, never a traceback.
"""

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from interviews.importing.sources.document import SourceDocument, UnreadableSource
from interviews.importing.sources.word import (
    DAMAGED,
    NO_TEXT,
    NOT_A_DOCUMENT,
    NOT_WORD,
    OLD_WORD,
    OTHER_ZIP,
    TOO_LARGE,
    document_from_docx,
)
from interviews.transcript import parse

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("docx_*.json"))
W_T = qn("w:t")


def corpus_case(meta_path: Path) -> tuple[dict, bytes]:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return meta, meta_path.with_suffix(".docx").read_bytes()


def plain(text: str) -> str:
    """Text without Markdown's inline marks and with its whitespace collapsed: the text version
    writes "_a title_" and "[gEDA](http://...)" where the Word file has italics and a link."""
    text = re.sub(r"\[([^\[\]\n]+)\]\([^)\n]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_]", "", text).split())


def speech(text: str) -> list[tuple[str, str, str]]:
    parsed = parse(text)
    return [
        (turn.speaker, turn.kind, plain(turn.text))
        for turn in parsed.turns
        if turn.kind not in ("caption", "direction")
    ]


def body_texts(data: bytes) -> list[str]:
    """Every w:t of the body, as Word stores it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [element.text for element in root.iter(W_T) if element.text and element.text.strip()]


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bold_label(document, label: str, rest: str, colon_outside: bool = False):
    paragraph = document.add_paragraph()
    paragraph.add_run(label if colon_outside else f"{label}:").bold = True
    paragraph.add_run(f": {rest}" if colon_outside else f" {rest}")
    return paragraph


def append_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def hyperlink(paragraph, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    append_xml(
        paragraph,
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel_id}"><w:r><w:t>{text}</w:t></w:r>'
        "</w:hyperlink>",
    )


# --- The corpus ------------------------------------------------------------------------------


def test_the_corpus_has_word_files():
    assert len(CASES) >= 2


@pytest.mark.parametrize("meta_path", CASES, ids=lambda path: path.stem)
def test_a_corpus_docx_gives_the_turns_of_its_text_version(meta_path):
    meta, data = corpus_case(meta_path)
    text_version = (ROOT / meta["text_version"]).read_text(encoding="utf-8")

    source = document_from_docx(data)

    assert speech(source.text) == speech(text_version)


@pytest.mark.parametrize("meta_path", CASES, ids=lambda path: path.stem)
def test_a_corpus_docx_meets_its_expectations(meta_path):
    meta, data = corpus_case(meta_path)
    expect = meta["expect"]

    source = document_from_docx(data)
    parsed = parse(source.text)

    turns = [turn for turn in parsed.turns if turn.kind not in ("caption", "direction")]
    assert len(turns) == expect["speech_turns"]
    assert parsed.speakers == list(expect["speakers"])
    for speaker, role in expect["speakers"].items():
        assert speaker in (parsed.interviewers if role == "interviewer" else parsed.interviewees)
    assert turns[0].speaker == expect["first"]["speaker"]
    assert plain(turns[0].text).startswith(expect["first"]["starts"])
    assert turns[-1].speaker == expect["last"]["speaker"]
    assert plain(turns[-1].text).endswith(expect["last"]["ends"])
    assert (source.kind, source.title, source.byline, source.published) == (
        "docx",
        expect["title"],
        expect["byline"],
        "",
    )
    assert source.set_aside == expect["set_aside"]
    for link_text in expect.get("hyperlink_texts", []):
        assert link_text in source.text


@pytest.mark.parametrize("meta_path", CASES, ids=lambda path: path.stem)
def test_bold_labels_and_bold_questions_keep_their_markdown_shape(meta_path):
    _, data = corpus_case(meta_path)
    text = document_from_docx(data).text
    assert re.search(r"^\*\*[^*\n]+\*\*$|^\*\*[A-Z]{2}:\*\* ", text, re.MULTILINE)
    assert "](http" not in text  # link text kept, addresses not


@pytest.mark.parametrize("meta_path", CASES, ids=lambda path: path.stem)
def test_every_word_of_a_corpus_body_is_in_the_text(meta_path):
    _, data = corpus_case(meta_path)
    text = plain(document_from_docx(data).text)
    assert [piece for piece in body_texts(data) if plain(piece) not in text] == []


# --- One Word feature each -------------------------------------------------------------------


def kitchen_sink() -> bytes:
    """A small interview using the Word features a writer's file has."""
    document = docx.Document()
    document.core_properties.title = "Talking bridges"
    document.core_properties.author = "Helen Marsh"
    section = document.sections[0]
    section.header.paragraphs[0].text = "The Daily Planet"
    section.footer.paragraphs[0].text = "Page 1"
    section.footer.add_paragraph("The Daily Planet")  # a repeat: set aside once
    document.add_paragraph("Talking bridges", style="Title")
    document.add_heading("The early years", level=2)
    bold_label(document, "Helen Marsh", "When did you start?")
    paragraph = bold_label(document, "JANE DOE", "In 1980, at ", colon_outside=True)
    hyperlink(paragraph, "Arup", "https://www.arup.com/")
    paragraph.add_run(", then")
    paragraph.add_run().add_break()
    paragraph.add_run("in Lyon.")
    paragraph = bold_label(document, "Helen Marsh", "And the ")
    append_xml(
        paragraph,
        f'<w:smartTag {nsdecls("w")} w:uri="urn:x" w:element="place">'
        "<w:r><w:t>Rhône</w:t></w:r></w:smartTag>",
    )
    append_xml(
        paragraph,
        f'<w:fldSimple {nsdecls("w")} w:instr=" DATE "><w:r><w:t> bridge of 1999</w:t></w:r>'
        "</w:fldSimple>",
    )
    paragraph.add_run("?")
    document.add_paragraph("steel", style="List Bullet")
    document.add_paragraph("stone", style="List Bullet")
    document.add_paragraph("The footbridge at dusk", style="Caption")
    document.add_paragraph("Figure 2: the plans", style="Caption")
    transcript = document.add_table(rows=2, cols=2)
    transcript.cell(0, 0).text = "Helen Marsh"
    transcript.cell(0, 1).text = "Which one do you like best?"
    transcript.cell(1, 0).text = "JANE DOE"
    transcript.cell(1, 1).text = "The one not yet built."
    figures = document.add_table(rows=2, cols=3)
    for row, values in enumerate([("Year", "Bridge", "Span"), ("1999", "Passerelle", "120 m")]):
        for column, value in enumerate(values):
            figures.cell(row, column).text = value
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Recorded in a content "
            "control.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return saved(document)


@pytest.fixture(scope="module")
def sink() -> SourceDocument:
    return document_from_docx(kitchen_sink())


def test_headings_become_markdown_headings(sink):
    assert sink.text.startswith("# Talking bridges\n\n## The early years\n\n")


def test_bold_labels_become_markdown_labels_even_with_the_colon_outside(sink):
    assert "**Helen Marsh:** When did you start?" in sink.text
    assert "**JANE DOE:** In 1980, at Arup, then\nin Lyon." in sink.text


def test_hyperlinks_fields_and_smart_tags_keep_their_text(sink):
    assert "**Helen Marsh:** And the Rhône bridge of 1999?" in sink.text


def test_list_items_become_bullets(sink):
    assert "• steel\n• stone" in sink.text


def test_captions_say_they_are_captions(sink):
    assert "![The footbridge at dusk]()" in sink.text
    assert "\n\nFigure 2: the plans\n\n" in sink.text


def test_a_two_column_table_of_names_is_read_as_turns(sink):
    assert "Helen Marsh: Which one do you like best?\n\nJANE DOE: The one not yet built." in (
        sink.text
    )


def test_a_transcript_tables_header_row_stays_plain_text():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (speaker, said) in enumerate(
        [("Speaker", "Transcript"), ("Ann", "Hello."), ("Bob", "Hi, Ann.")]
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = speaker, said
    text = document_from_docx(saved(document)).text
    assert text == "Speaker Transcript\n\nAnn: Hello.\n\nBob: Hi, Ann.\n"


def test_other_tables_and_content_controls_keep_their_text(sink):
    for cell in ("Year", "Bridge", "Span", "1999", "Passerelle", "120 m"):
        assert f"\n{cell}\n" in sink.text
    assert "Recorded in a content control." in sink.text


def test_page_headers_and_footers_are_set_aside_once(sink):
    assert sink.set_aside == ["The Daily Planet", "Page 1"]
    assert "Daily Planet" not in sink.text


def test_metadata_comes_from_the_document_properties(sink):
    assert (sink.kind, sink.title, sink.byline, sink.published) == (
        "docx",
        "Talking bridges",
        "Helen Marsh",
        "",
    )


def test_the_parser_reads_the_word_layout_as_turns(sink):
    parsed = parse(sink.text)
    assert parsed.speakers == ["Helen Marsh", "JANE DOE"]
    turns = [(turn.speaker, turn.text) for turn in parsed.turns if turn.kind != "caption"]
    assert turns[0] == ("Helen Marsh", "When did you start?")
    assert turns[-2] == ("Helen Marsh", "Which one do you like best?")
    assert turns[-1][0] == "JANE DOE"
    assert turns[-1][1].startswith("The one not yet built.")


def test_every_word_of_the_body_is_in_the_text(sink):
    data = kitchen_sink()
    text = plain(document_from_docx(data).text)
    assert [piece for piece in body_texts(data) if plain(piece) not in text] == []


def test_a_whole_bold_paragraph_is_wrapped_and_inner_emphasis_is_not():
    document = docx.Document()
    question = document.add_paragraph()
    question.add_run("Why ").bold = True
    emphasised = question.add_run("bridges")
    emphasised.bold = emphasised.italic = True
    question.add_run("?").bold = True
    answer = document.add_paragraph("Because they ")
    answer.add_run("join").bold = True
    answer.add_run(" people.")
    text = document_from_docx(saved(document)).text
    assert text == "**Why bridges?**\n\nBecause they join people.\n"


def test_italic_paragraphs_are_wrapped_only_without_bold_ones():
    document = docx.Document()
    document.add_paragraph().add_run("Why bridges?").italic = True
    document.add_paragraph("Because they join people.")
    assert document_from_docx(saved(document)).text.startswith("*Why bridges?*\n\n")
    document.add_paragraph().add_run("What next?").bold = True
    assert document_from_docx(saved(document)).text.startswith("Why bridges?\n\n")


def test_a_bold_character_style_makes_a_label():
    document = docx.Document()
    for speaker, said in (("Ann", "Hello."), ("Bob", "Hi.")):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}:", style="Strong")
        paragraph.add_run(f" {said}")
    assert document_from_docx(saved(document)).text == "**Ann:** Hello.\n\n**Bob:** Hi.\n"


def with_footnote(document, paragraph, note_id: int, text: str) -> None:
    """A footnote part (python-docx writes none) and its reference at the end of `paragraph`."""
    blob = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    append_xml(paragraph, f'<w:r {nsdecls("w")}><w:footnoteReference w:id="{note_id}"/></w:r>')


def test_footnotes_follow_the_body_with_their_markers():
    document = docx.Document()
    answer = bold_label(document, "Ann", "It was built in 1999.")
    with_footnote(document, answer, 1, "Rebuilt in 2004 after the flood.")
    text = document_from_docx(saved(document)).text
    assert text == "**Ann:** It was built in 1999.[1]\n\n[1] Rebuilt in 2004 after the flood.\n"


def test_reviewer_comments_are_set_aside_with_a_note():
    document = docx.Document()
    paragraph = bold_label(document, "Ann", "It was built in 1999.")
    document.add_comment(paragraph.runs, text="Check the year", author="Editor")
    source = document_from_docx(saved(document))
    assert "Check the year" not in source.text
    assert source.set_aside == ["Comment (Editor): Check the year"]
    assert source.notes == ["Set aside 1 reviewer comment from the Word document."]


def test_tracked_changes_read_as_accepted():
    document = docx.Document()
    paragraph = document.add_paragraph("Built in ")
    mark = 'w:id="{}" w:author="Ed" w:date="2024-01-01T00:00:00Z"'
    append_xml(
        paragraph,
        f"<w:del {nsdecls('w')} {mark.format(1)}><w:r><w:delText>1998</w:delText></w:r></w:del>",
    )
    append_xml(
        paragraph, f"<w:ins {nsdecls('w')} {mark.format(2)}><w:r><w:t>1999</w:t></w:r></w:ins>"
    )
    source = document_from_docx(saved(document))
    assert source.text == "Built in 1999\n"
    assert "tracked changes" in source.notes[0]


DRAWING_NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def test_a_text_box_is_read_once_after_its_paragraph():
    document = docx.Document()
    paragraph = document.add_paragraph("Before the box.")
    box = "<w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent>"
    append_xml(
        paragraph,
        f"<w:r {nsdecls('w')} {DRAWING_NAMESPACES}><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
    )
    document.add_paragraph("After the box.")
    text = document_from_docx(saved(document)).text
    assert text == "Before the box.\n\nInside the box.\n\nAfter the box.\n"


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Helen Marsh", "Helen Marsh"),
        ("Microsoft Office User", ""),
        ("Administrator", ""),
        ("user", ""),
        ("python-docx", ""),
        ("hmarsh@example.org", ""),
    ],
)
def test_the_byline_is_a_persons_name_only(author, byline):
    document = docx.Document()
    document.core_properties.author = author
    document.add_paragraph("Some words.")
    assert document_from_docx(saved(document)).byline == byline


# --- Refusals --------------------------------------------------------------------------------


def zipped(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return out.getvalue()


def with_document_xml(data: bytes, xml: bytes) -> bytes:
    """`data` with its word/document.xml replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    members["word/document.xml"] = xml
    return zipped(members)


def refusal(data: bytes) -> str:
    with pytest.raises(UnreadableSource) as refused:
        document_from_docx(data)
    return str(refused.value)


def test_random_bytes_are_not_a_word_document():
    assert refusal(bytes(range(256)) * 4) == NOT_WORD
    assert NOT_WORD.startswith("This file is not a Word document (.docx)")


def test_a_zip_of_something_else_is_refused():
    assert refusal(zipped({"interviews.csv": "speaker,text\nAnn,Hello\n"})) == OTHER_ZIP


def test_an_old_word_file_is_refused_with_what_to_do():
    message = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert message == OLD_WORD
    assert "Word 97–2003" in message and ".docx" in message


def test_a_truncated_upload_is_damaged():
    data = kitchen_sink()
    assert refusal(data[: len(data) // 2]) == DAMAGED


def test_a_macro_enabled_file_is_refused_with_what_to_do():
    with zipfile.ZipFile(io.BytesIO(kitchen_sink())) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    assert refusal(zipped(members)) == NOT_A_DOCUMENT


def test_broken_xml_is_damaged():
    assert refusal(with_document_xml(kitchen_sink(), b"<w:document><w:body><w:p>")) == DAMAGED


def test_entities_are_not_expanded():
    """A "billion laughs" body neither hangs nor floods the text; nor is a file read."""
    laughs = "".join(f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">' for level in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}'
        '<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>Hello &l9; &secret;</w:t></w:r>"
        "</w:p></w:body></w:document>"
    ).encode()
    try:
        text = document_from_docx(with_document_xml(kitchen_sink(), xml)).text
    except UnreadableSource:
        return
    assert len(text) < 1000 and "root:" not in text


def test_a_document_without_text_is_refused():
    assert refusal(saved(docx.Document())) == NO_TEXT
    assert NO_TEXT == "The Word document has no text."


def test_a_body_that_unpacks_too_large_is_refused_before_it_is_read():
    huge = b"<w:document/>" + b" " * (50 * 1024 * 1024 + 1)
    assert refusal(with_document_xml(kitchen_sink(), huge)) == TOO_LARGE


# --- Fuzz ------------------------------------------------------------------------------------

VALID = kitchen_sink()
with zipfile.ZipFile(io.BytesIO(VALID)) as _package:
    VALID_XML = _package.read("word/document.xml")


def read_or_refuse(data: bytes) -> None:
    try:
        result = document_from_docx(data)
    except UnreadableSource as refused:
        assert str(refused)
    else:
        assert isinstance(result, SourceDocument) and result.text.strip()


@st.composite
def mutated(draw, base: bytes) -> bytes:
    """`base` with a few slices replaced, removed or repeated."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, max(0, len(data) - 1)))
        end = min(len(data), start + draw(st.integers(0, 64)))
        action = draw(st.sampled_from(["replace", "delete", "repeat"]))
        if action == "replace":
            data[start:end] = draw(st.binary(max_size=64))
        elif action == "delete":
            del data[start:end]
        else:
            data[start:start] = data[start:end]
    return bytes(data)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(VALID))
def test_mutated_docx_bytes_raise_nothing_but_unreadable_source(data):
    read_or_refuse(data)


@FUZZ
@given(mutated(VALID_XML))
def test_mutated_document_xml_raises_nothing_but_unreadable_source(xml):
    read_or_refuse(with_document_xml(VALID, xml))


WORDS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"),
    max_size=30,
)
STYLES = [
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 3",
    "List Bullet",
    "Caption",
    "Quote",
]
RUNS = st.lists(st.tuples(WORDS, st.booleans(), st.booleans()), max_size=5)


PARAGRAPHS = st.tuples(st.sampled_from(STYLES), RUNS)
TABLES = st.lists(st.lists(WORDS, min_size=1, max_size=3), min_size=1, max_size=3)
BLOCKS = st.lists(st.one_of(PARAGRAPHS, TABLES), min_size=1, max_size=8)


def built(blocks) -> bytes:
    """A document of paragraphs (a style and runs of text, bold, italic) and tables (rows of
    cells' text)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, tuple):
            style, runs = block
            paragraph = document.add_paragraph(style=style)
            for text, bold, italic in runs:
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        for row, cells in enumerate(block):
            for column, text in enumerate(cells):
                table.cell(row, column).text = text
    return saved(document)


@FUZZ
@given(BLOCKS)
def test_every_word_of_a_generated_document_is_in_its_text(blocks):
    data = built(blocks)
    try:
        text = plain(document_from_docx(data).text)
    except UnreadableSource as refused:
        assert str(refused) == NO_TEXT
        assert not "".join(body_texts(data)).strip()
        return
    assert [piece for piece in body_texts(data) if plain(piece) not in text] == []
