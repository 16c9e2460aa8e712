"""Which reader a file goes to, and how a source's structure completes the text parser's work."""

import pytest

from interviews.importing.sources import SourceDocument, UnreadableSource
from interviews.importing.sources.reading import (
    document_from_paste,
    document_from_upload,
    file_kind,
)
from interviews.transcript import ParsedComment, PartialDate, parse

QA = "Q: How did the bakery start?\n\nA: My grandmother opened it in 1952.\n"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("tides.txt", "text"),
        ("C:\\Users\\ed\\Tides.PDF", "pdf"),
        ("~/Interviews/tides.docx", "docx"),
        ("saved page.htm", "html"),
        ("tides.srt", "text"),
        ("tides", ""),
        ("tides.exe", ""),
    ],
)
def test_a_files_name_says_its_kind(name, kind):
    assert file_kind(name) == kind


def test_a_text_file_is_read_as_text():
    document = document_from_upload("tides.txt", QA.encode("utf-8"))
    assert document.kind == "text"
    assert document.text == QA


def test_a_pdf_is_read_as_a_pdf_whatever_its_name():
    with pytest.raises(UnreadableSource, match="PDF"):
        document_from_upload("tides.txt", b"%PDF-1.7\n%broken beyond repair")


def test_a_text_named_pdf_is_refused_by_the_pdf_reader():
    with pytest.raises(UnreadableSource, match="PDF"):
        document_from_upload("tides.pdf", QA.encode("utf-8"))


def test_a_binary_file_with_another_name_is_refused_naming_what_can_be_read():
    with pytest.raises(UnreadableSource, match="PDF, Word"):
        document_from_upload("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_a_text_file_that_is_a_whole_saved_page_is_read_as_a_page():
    page = (
        "<!DOCTYPE html><html><head><title>Tides</title></head><body><article>"
        "<p><b>Q:</b> How did the bakery start?</p><p><b>A:</b> My grandmother opened it "
        "in 1952, with one oven and a borrowed cart, and we have baked there since.</p>"
        "</article></body></html>"
    )
    assert document_from_upload("tides.txt", page.encode("utf-8")).kind == "html"


def test_a_transcript_that_quotes_a_tag_stays_text():
    text = "Q: What does <b> do?\n\nA: It makes text bold, as in a < b and b > c.\n"
    assert document_from_paste(text).kind == "text"
    assert document_from_upload("tags.txt", text.encode("utf-8")).kind == "text"


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(UnreadableSource, match="the limit is"):
        document_from_upload("tides.pdf", b"%PDF-1.4\n" + b"0" * 200, max_bytes=100)


@pytest.mark.parametrize("published", ["2018-02-30", "July 2018", ""])
def test_a_source_date_that_is_not_one_leaves_the_parsers_date(published):
    text = "2 July 2018\n\n" + QA
    parsed = SourceDocument(text=text, kind="html", published=published).apply_to(parse(text))
    assert parsed.published == PartialDate(2018, 7, 2)


def test_a_sources_structure_completes_the_parse():
    reply = ParsedComment(author="Ana", text="Thanks!", posted="2018-07-04T12:16")
    comment = ParsedComment(author="Ben", text="Great.", posted="2018-07-04T08:43", replies=[reply])
    document = SourceDocument(
        text=QA,
        kind="html",
        title="The bakery",
        byline="Cleo Marsh",
        published="2018-07-02",
        source_url="https://example.org/bakery",
        comments=[comment],
        set_aside=["Home", "About"],
        notes=["Read the page's main content."],
    )
    parsed = document.apply_to(parse(QA))
    assert parsed.title == "The bakery"
    assert parsed.byline == "Cleo Marsh"
    assert parsed.published == PartialDate(2018, 7, 2)
    assert parsed.metadata["source_url"] == "https://example.org/bakery"
    assert parsed.comments == [comment]
    assert parsed.ignored[:2] == ["Home", "About"]
    assert parsed.warnings[0] == "Read the page's main content."
    assert [turn.text for turn in parsed.turns] == [
        "How did the bakery start?",
        "My grandmother opened it in 1952.",
    ]


def test_a_source_without_comment_markup_keeps_the_comments_the_parser_found():
    text = QA + "\n2 Comments\n\nBen says:\nJuly 4, 2018 at 8:43 am\n\nGreat.\n"
    parsed_alone = parse(text)
    parsed = SourceDocument(text=text, kind="pdf").apply_to(parse(text))
    assert parsed.comments == parsed_alone.comments
