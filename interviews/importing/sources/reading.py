"""Which reader a source goes to: a pasted text, an uploaded file or a link.

A file is recognised by what it holds before what it is called: a PDF renamed ".txt" is still
read as a PDF, and a text file renamed ".pdf" is refused by the PDF reader with its own reason.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath, PureWindowsPath

from interviews.transcript.source import (
    MAX_TRANSCRIPT_BYTES,
    UnreadableTranscript,
    check_transcript_size,
    decode_transcript,
    size_text,
)

from .document import SourceDocument, UnreadableSource
from .fetch import fetch_page
from .pdf import document_from_pdf
from .web import document_from_html, looks_like_html
from .word import document_from_docx

# What the upload field accepts, by name; the content decides in the end (see `_kind_of`).
UPLOAD_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".srt": "text",
    ".vtt": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "docx",  # refused by the Word reader with a sentence on saving it as .docx
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
ACCEPTED_FILES = "text (.txt, .md), subtitles (.srt, .vtt), PDF, Word (.docx) or a saved web page"
# A PDF or a Word file is larger than the text it holds (fonts, images): it may be this large;
# the text read out of it is held to the transcript's own limit.
MAX_FILE_BYTES = 15 * 1024 * 1024

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and other Office binaries


def document_from_paste(text: str) -> SourceDocument:
    """Pasted text; pasted HTML (a page's source, or markup copied from an editor) is read as
    a web page, so its bold labels, lists and comment thread keep their structure."""
    if looks_like_html(text):
        return document_from_html(text)
    return SourceDocument(text=text, kind="text")


def document_from_upload(
    name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES
) -> SourceDocument:
    """An uploaded file, whatever its kind; UnreadableSource says why one cannot be read."""
    kind = _kind_of(name, data)
    if kind == "text":
        if b"\x00" in data:
            raise UnreadableSource(
                f"This file cannot be read: it is not {ACCEPTED_FILES} (it holds binary data). "
                "Choose another file, or paste the transcript."
            )
        try:
            text = decode_transcript(data)
        except UnreadableTranscript as error:
            raise UnreadableSource(str(error)) from error
        if looks_like_html(text) and _is_whole_page(text):
            return document_from_html(text)
        return SourceDocument(text=text, kind="text")
    check_file_size(len(data), max_bytes)
    if kind == "pdf":
        document = document_from_pdf(data)
    elif kind == "docx":
        document = document_from_docx(data)
    else:
        document = document_from_html(data)
    return _checked_size(document)


def document_from_link(
    url: str,
    *,
    allowed_hosts: Collection[str] = (),
    timeout: float = 10.0,
    max_bytes: int = 5 * 1024 * 1024,
) -> SourceDocument:
    """The page at `url`, fetched safely (see fetch.py) and read as a saved page would be."""
    page = fetch_page(url, allowed_hosts=allowed_hosts, timeout=timeout, max_bytes=max_bytes)
    if page.content_type == "text/plain":
        try:
            text = page.body.decode(page.charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            text = page.body.decode("utf-8", errors="replace")
        document = SourceDocument(text=text, kind="text", source_url=page.url)
    else:
        document = document_from_html(page.body, url=page.url, charset=page.charset)
    if not document.source_url:
        document.source_url = page.url
    return _checked_size(document)


def check_file_size(size: int, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file over `limit` bytes; an upload's size is known before it is read."""
    if size > limit:
        raise UnreadableSource(f"The file is {size_text(size)}; the limit is {size_text(limit)}.")


def file_kind(name: str) -> str:
    """ "text", "pdf", "docx" or "html" by the file's name; "" when the name says nothing."""
    base = PurePosixPath(PureWindowsPath(name).name).name
    return UPLOAD_SUFFIXES.get(PurePosixPath(base).suffix.lower(), "")


def _kind_of(name: str, data: bytes) -> str:
    head = data[:1024]
    if _PDF_MAGIC in head:
        return "pdf"
    if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return "docx"
    # A name that says nothing (or another suffix): text when it decodes as text, and the text
    # reader's refusal otherwise.
    return file_kind(name) or "text"


def _is_whole_page(text: str) -> bool:
    """A whole HTML document, as a browser's "Save page" writes it: read as a page even from a
    file named ".txt". A text transcript that quotes a tag or two stays text."""
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text[:200_000]


def _checked_size(document: SourceDocument) -> SourceDocument:
    try:
        check_transcript_size(len(document.text.encode("utf-8")), MAX_TRANSCRIPT_BYTES)
    except UnreadableTranscript as error:
        raise UnreadableSource(f"The text read from it is too long. {error}") from error
    return document
