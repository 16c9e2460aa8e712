"""A PDF upload as the text an editor would have pasted, without its page furniture.

pdfminer.six lays out each page's text layer as text boxes made of lines, each with its place on
the page. Where flat pasted text leaves the parser to guess page edges from repetition alone
(interviews/transcript/pdf.py), the positions here say which lines sit at the top or bottom of a
page: such a line is a running header or footer when its words (numbers aside: "Page 3 of 12")
recur at the edge of at least half of the pages, and a lone page number there is dropped on any
page. What is dropped goes to `set_aside`, one entry per occurrence, so nothing is lost; pages
are separated by form feeds, which the parser reads as page breaks (it joins a sentence cut by
one). Line-end hyphens are left as printed: the parser decides which ones broke a word. A page
typeset as a table (a column of timecodes or speakers' names beside the text, or numbered lines)
is read row by row (pdf_table.py).

Pure Python with no Django import, like the parser.
"""

from __future__ import annotations

import contextvars
import io
import re
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field

from pdfminer import pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTCurve, LTImage, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSEOF
from pdfminer.utils import decode_text

from interviews.transcript.pdf import is_page_number, running_key
from interviews.transcript.text import PAGE_BREAK

from .document import SourceDocument, UnreadableSource
from .pdf_table import PageText, Rule, layout_notes, read_page_lines

MAX_PAGES = 2000  # a longer file is no interview transcript, and would hold a worker for minutes
# A PDF can make each page slow to lay out (thousands of tiny text objects): past this many
# seconds the reading stops, whatever the page count. It must end well inside a worker's request
# timeout (gunicorn.conf.py, 30 s), so that the editor gets this sentence, not a proxy's error
# (a typed page takes about 0.1 s: some 200 pages fit).
MAX_SECONDS = 20.0
# A line within this share of the page's height from its top or bottom edge sits in the page's
# margin band, where running headers, footers and page numbers are printed. Position alone, not
# "the first line of the page": a cover page's title, well below the band, often repeats the
# running header of the pages after it ("Oral History of Donald Knuth").
EDGE_BAND = 0.1
_MAX_RUNNING_CHARS = 240
# A line or rectangle drawn at most this many points high is a horizontal rule.
_RULE_THICKNESS = 2.0
# Fewer visible characters than this a page, on pages with images: a scan, perhaps with a few
# characters of stray OCR or a stamped page number.
_MIN_CHARS_PER_PAGE = 20
# Where a PDF file must begin (within its first KB, by the readers' convention) and end.
_HEADER = b"%PDF-"
_END = b"%%EOF"
_END_WINDOW = 2048
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# Control characters carry no text, and a form feed inside a line would read as a page break.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Document properties that name the file or the program, not the interview or its author.
_PLACEHOLDER_RE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - |untitled\b|document\d*$|slide \d+$)"
    r"|^[^\s_]+(?:_[^\s_]+)+$"  # a file name's words joined by underscores: "Catherine_Avent"
    r"|\.(?:docx?|odt|rtf|txt|pdf|pages|indd|qxd|tex|dvi|ps|html?|xlsx?|pptx?)$",
    re.IGNORECASE,
)
_PLACEHOLDER_AUTHORS = frozenset({"admin", "administrator", "author", "owner", "unknown", "user"})


# --- Compressed streams, unpacked within a budget -----------------------------------------------
#
# pdfminer inflates each Flate stream whole with zlib.decompress: a few KB of a crafted stream
# (a "zip bomb") would unpack to gigabytes in the worker's memory. Its module's zlib is replaced
# by one that inflates in bounded steps and counts what one document has unpacked so far.

MAX_INFLATED_BYTES = 256 * 1024 * 1024
_INFLATE_STEP = 1024 * 1024
# The bytes the document being read may still unpack; unlimited outside document_from_pdf.
_INFLATE_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "pdf_inflate_budget", default=None
)


class _TooMuchInflated(Exception):
    pass


class _BoundedZlib:
    """The part of the zlib module pdfminer.pdftypes uses, with `decompress` bounded."""

    error = zlib.error

    @staticmethod
    def decompressobj():
        """pdfminer's repair of a damaged stream feeds one of these a byte at a time."""
        return _CountedInflater()

    @staticmethod
    def decompress(data: bytes) -> bytes:
        if _INFLATE_BUDGET.get() is None:
            return zlib.decompress(data)
        inflater = _CountedInflater()
        parts, pending = [], data
        while pending:
            part = inflater.decompress(pending, _INFLATE_STEP)
            parts.append(part)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not part and not pending):
                break
        if not inflater.eof:
            # As zlib.decompress does, so that pdfminer tries its repair of a broken stream.
            raise zlib.error("incomplete or truncated stream")
        return b"".join(parts)


class _CountedInflater:
    def __init__(self):
        self._inflater = zlib.decompressobj()

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        part = self._inflater.decompress(data, max_length)
        budget = _INFLATE_BUDGET.get()
        if budget is not None:
            budget[0] -= len(part)
            if budget[0] < 0:
                raise _TooMuchInflated
        return part

    def __getattr__(self, name):  # eof, unconsumed_tail, flush...
        return getattr(self._inflater, name)


pdftypes.zlib = _BoundedZlib


@dataclass
class PageLine:
    text: str
    box: int  # which text box of its page the line belongs to, in pdfminer's reading order
    from_top: float  # the line's top edge below the page's top, as a share of its height
    from_bottom: float  # the line's bottom edge above the page's bottom, likewise
    left: float = 0.0  # the line's left edge from the page's left, as a share of its width
    right: float = 1.0  # the line's right edge from the page's left, likewise

    @property
    def in_band(self) -> bool:
        return self.from_top <= EDGE_BAND or self.from_bottom <= EDGE_BAND

    @property
    def bottom(self) -> float:
        """The line's bottom edge below the page's top, as a share of its height."""
        return 1.0 - self.from_bottom


@dataclass
class Page:
    lines: list[PageLine] = field(default_factory=list)
    has_images: bool = False
    rules: list[Rule] = field(default_factory=list)  # horizontal rules: a table's borders

    def visible_characters(self) -> int:
        return sum(len("".join(line.text.split())) for line in self.lines)

    def edge_lines(self) -> list[int]:
        """The lines in the top or bottom band of the page."""
        return [i for i, line in enumerate(self.lines) if line.in_band]


@dataclass
class RunningLine:
    """One running header, footer or page number, and every line of it that was removed."""

    texts: list[str] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)  # (page, line) indexes
    at_top: int = 0  # how many of its lines sat nearer the top of their page than the bottom
    only_numbers: bool = True  # lone page numbers ("3", "- 3 -", "Page 3"), noted as such

    def add(self, page_index: int, line_index: int, line: PageLine) -> None:
        self.texts.append(line.text)
        self.places.append((page_index, line_index))
        self.at_top += line.from_top < line.from_bottom
        self.only_numbers = self.only_numbers and is_page_number(line.text)

    def note(self) -> str:
        place = "header" if self.at_top * 2 > len(self.texts) else "footer"
        count = len({page_index for page_index, _ in self.places})
        pages = "1 page" if count == 1 else f"{count} pages"
        return f"Removed a running {place} from {pages}: “{_with_page_numbers_as_n(self.texts)}”."


def document_from_pdf(data: bytes) -> SourceDocument:
    """The text layer of the PDF `data`, as the text parser reads it.

    Raises UnreadableSource, with a sentence for the editor, for anything that is not a PDF with
    a text layer: another kind of file, a damaged or truncated PDF, one locked by a password, a
    scan without text, one of more than MAX_PAGES pages.
    """
    _check_file_shape(data)
    budget = _INFLATE_BUDGET.set([MAX_INFLATED_BYTES])
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = _read_pages(document)
    except UnreadableSource:
        raise
    except _TooMuchInflated:
        raise UnreadableSource(
            "This PDF cannot be read here: its compressed content unpacks to more than "
            f"{MAX_INFLATED_BYTES // (1024 * 1024)} MB. Print it to a new PDF, or paste its text."
        ) from None
    except PDFPasswordIncorrect:
        raise UnreadableSource(
            "This PDF is locked with a password. Open it, save a copy without the password "
            "(or print it to a new PDF), and upload that copy."
        ) from None
    except PDFEncryptionError as error:
        raise UnreadableSource(
            "This PDF is encrypted in a way that cannot be read here "
            f"({_short_reason(error)}). Save a copy without encryption and upload that."
        ) from None
    except PSEOF:
        raise UnreadableSource(
            "This file is not a readable PDF: it ends in the middle of its content."
        ) from None
    except Exception as error:  # any fault pdfminer meets in a malformed file is the file's
        raise UnreadableSource(
            f"This file is not a readable PDF: it is damaged ({_short_reason(error)})."
        ) from None
    finally:
        _INFLATE_BUDGET.reset(budget)
    scanned = _scanned_pages(pages)
    source = _document_of(pages, _property(document, "Title"), _author(document))
    if scanned:
        source.notes.append(_scanned_note(scanned))
    return source


def _check_file_shape(data: bytes) -> None:
    """Refuse what is plainly no PDF, or a PDF cut short, before pdfminer tries to repair it."""
    if not data:
        raise UnreadableSource("This file is not a readable PDF: it is empty.")
    if _HEADER not in data[:1024]:
        raise UnreadableSource(
            f"This file is not a readable PDF: it does not begin like one ({_kind_of(data)})."
        )
    if _END not in data[-_END_WINDOW:]:
        raise UnreadableSource(
            "This file is not a readable PDF: it stops before the end of the document "
            "(an interrupted download or upload?). Upload the whole file again."
        )


def _kind_of(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive, or a Word or other Office file"
    if data[:8].lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "it looks like a web page or other markup"
    start = data[:4096]
    try:
        start.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(start) - 3:  # more than a character cut in two by the slice
            return "it holds data of another kind"
    if b"\x00" in start:
        return "it holds data of another kind"
    return "it looks like plain text: paste the text instead"


def _short_reason(error: Exception) -> str:
    """A few words on what went wrong, without a traceback or the file's bytes."""
    message = " ".join(str(error).split())
    message = "".join(ch for ch in message if ch.isprintable())[:80]
    return message or type(error).__name__


def _read_pages(document: PDFDocument) -> list[Page]:
    manager = PDFResourceManager(caching=True)
    # all_texts: text drawn inside a figure (a logo with words, a form) is laid out too, so
    # every character of the text layer is accounted for.
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    deadline = time.monotonic() + MAX_SECONDS
    pages: list[Page] = []
    for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PAGES:
            raise UnreadableSource(
                f"This PDF has more than {MAX_PAGES:,} pages: too long to be one interview. "
                "Split it, or paste the interview's text."
            )
        if time.monotonic() > deadline:
            raise UnreadableSource(
                f"This PDF takes too long to read (more than {MAX_SECONDS:.0f} seconds for its "
                f"first {number - 1} pages). Paste the interview's text instead."
            )
        interpreter.process_page(pdf_page)
        pages.append(_page_of(device.get_result()))
    if not pages:
        raise UnreadableSource("This file is not a readable PDF: it has no pages.")
    return pages


def _page_of(layout: LTPage) -> Page:
    page = Page()
    height = layout.height or 1.0
    width = layout.width or 1.0
    box_count = 0

    def add_line(line: LTTextLine, box: int) -> None:
        # One space between words: justified lines come out of the layout with wide gaps.
        text = " ".join(_CONTROL_RE.sub(" ", line.get_text()).translate(_LIGATURES).split())
        if text:
            page.lines.append(
                PageLine(
                    text=text,
                    box=box,
                    from_top=(layout.y1 - line.y1) / height,
                    from_bottom=(line.y0 - layout.y0) / height,
                    left=(line.x0 - layout.x0) / width,
                    right=(line.x1 - layout.x0) / width,
                )
            )

    def walk(item) -> None:
        nonlocal box_count
        if isinstance(item, LTTextBox):
            for line in item:
                if isinstance(line, LTTextLine):
                    add_line(line, box_count)
            box_count += 1
        elif isinstance(item, LTTextLine):
            add_line(item, box_count)
            box_count += 1
        elif isinstance(item, LTImage):
            page.has_images = True
        elif isinstance(item, LTCurve) and item.height <= _RULE_THICKNESS:
            middle = (item.y0 + item.y1) / 2
            left, right = (item.x0 - layout.x0) / width, (item.x1 - layout.x0) / width
            page.rules.append(Rule((layout.y1 - middle) / height, left, right))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    for item in layout:
        walk(item)
    return page


def _scanned_pages(pages: list[Page]) -> list[int]:
    """The numbers of the pages that are images with (next to) no text: scanned pages.

    Raises UnreadableSource when the whole PDF has no text layer: no text at all, or more than
    half of its pages scanned.
    """
    scanned = [
        number
        for number, page in enumerate(pages, start=1)
        if page.has_images and page.visible_characters() < _MIN_CHARS_PER_PAGE
    ]
    if scanned and (len(scanned) * 2 > len(pages) or not any(page.lines for page in pages)):
        raise UnreadableSource(
            "This PDF has no text layer: its pages are images (a scan). Run OCR on it first "
            "(most scanners and PDF editors can), or paste the text."
        )
    if not any(page.lines for page in pages):
        raise UnreadableSource("This PDF has no text layer: its pages hold no text at all.")
    return scanned


def _scanned_note(scanned: list[int]) -> str:
    pages = ", ".join(str(number) for number in scanned[:10]) + (", ..." if scanned[10:] else "")
    return (
        f"{'Page' if len(scanned) == 1 else 'Pages'} {pages} of the PDF "
        f"{'is an image' if len(scanned) == 1 else 'are images'} without text (scanned?): "
        "what they show is not in the text."
    )


def _document_of(pages: list[Page], title: str, byline: str) -> SourceDocument:
    furniture = _page_furniture(pages)
    removed = {place for running in furniture for place in running.places}
    kept = [
        [line for i, line in enumerate(page.lines) if (page_index, i) not in removed]
        for page_index, page in enumerate(pages)
    ]
    reads = _pages_read(pages, kept)
    set_aside: list[str] = []
    page_texts: list[str] = []
    for page_index, (page, read) in enumerate(zip(pages, reads, strict=True)):
        set_aside += [line.text for i, line in enumerate(page.lines) if (page_index, i) in removed]
        set_aside += read.set_aside
        if read.text:
            page_texts.append(read.text)
    layouts = Counter(read.layout for read in reads)
    headers = sum(read.header for read in reads)
    notes = [running.note() for running in furniture if not running.only_numbers]
    numbered = sum(len(running.places) for running in furniture if running.only_numbers)
    if numbered:
        notes.append(f"Removed {numbered} page number{'s' if numbered > 1 else ''}.")
    notes += layout_notes(layouts, headers)
    return SourceDocument(
        text=f"\n{PAGE_BREAK}\n".join(page_texts),
        kind="pdf",
        title=title,
        byline=byline,
        set_aside=set_aside,
        notes=notes,
    )


def _pages_read(pages: list[Page], kept: list[list[PageLine]]) -> list[PageText]:
    """Each page's `kept` lines read in order. Where the document is laid out as a table, a
    page of it with a single timecode or name left in its margin column is read as one too."""
    reads = [read_page_lines(lines, page.rules) for page, lines in zip(pages, kept, strict=True)]
    if not any(read.layout == "table" for read in reads):
        return reads
    return [
        read_page_lines(lines, page.rules, min_cells=1) if read.layout == "boxes" else read
        for page, lines, read in zip(pages, kept, reads, strict=True)
    ]


def _page_furniture(pages: list[Page]) -> list[RunningLine]:
    """The running lines and lone page numbers at the pages' edges.

    A line is running when its key recurs at the edge of at least half of the pages with text
    (two at least); a lone page number in the margin band goes on any page.
    """
    pages_with_text = sum(1 for page in pages if page.lines)
    needed = max(2, (pages_with_text + 1) // 2)
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(
            {
                running_key(page.lines[i].text)
                for i in page.edge_lines()
                if len(page.lines[i].text) <= _MAX_RUNNING_CHARS
            }
        )
    found: dict[str, RunningLine] = {}
    for page_index, page in enumerate(pages):
        for line_index in page.edge_lines():
            line = page.lines[line_index]
            key = running_key(line.text)
            if counts[key] >= needed or is_page_number(line.text):
                found.setdefault(key, RunningLine()).add(page_index, line_index, line)
    return list(found.values())


def _with_page_numbers_as_n(texts: list[str]) -> str:
    """The running line as the editor should recognise it: numbers that change as "N"."""
    first = " ".join(texts[0].split())  # the gaps that placed its parts say nothing here
    runs = [re.findall(r"\d+", text) for text in texts]
    if any(len(numbers) != len(runs[0]) for numbers in runs):
        return first
    pieces = re.split(r"(\d+)", first)
    varying = {i for i in range(len(runs[0])) if len({numbers[i] for numbers in runs}) > 1}
    for number_index, piece_index in enumerate(range(1, len(pieces), 2)):
        if number_index in varying:
            pieces[piece_index] = "N"
    return "".join(pieces)


def _property(document: PDFDocument, key: str) -> str:
    """A document property (Title, Author) when it is real text, not a file or program name."""
    try:
        for info in document.info:
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if not isinstance(value, str):
                continue
            text = " ".join(_CONTROL_RE.sub(" ", value).split())
            if text and len(text) <= 300 and any(ch.isalpha() for ch in text):
                return "" if _PLACEHOLDER_RE.search(text) else text
    except Exception:  # a broken property is no reason to refuse the text
        return ""
    return ""


def _author(document: PDFDocument) -> str:
    author = _property(document, "Author")
    return "" if author.casefold() in _PLACEHOLDER_AUTHORS else author
