"""A Word (.docx) upload as the text an editor would have pasted: `document_from_docx(data)`.

The body is read in document order, paragraphs and tables alike, from the XML itself rather
than python-docx's `paragraph.runs` (which skips hyperlinks, fields, smart tags and content
controls), so that no word of the interview is lost. Word's structure becomes the shapes the
text parser reads: headings as "# ", list items as "• ", a bold "Name:" opening a paragraph as
"**Name:**", a paragraph in bold (the questions of many interviews) as "**...**", one in
italics as "*...*" (the parser reads both as set apart: questions, or a deck under the title),
a "Caption" paragraph as "![...]()", a block quote as "> ", a two-column table of names and
speech as "Name: text" lines. Footnotes and endnotes follow the body as "[1] ..." (an article's
notes are at its end); tracked changes are read as accepted. Page headers and footers are the
outlet's furniture and reviewers' comments are the editors' own: both go to `set_aside`.

Every failure on a malformed upload becomes `UnreadableSource` with a sentence for the editor.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.package import Package

from interviews.transcript.labels import read_label
from interviews.transcript.structure import is_caption

from .document import SourceDocument, UnreadableSource

MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024  # the body's XML, unpacked
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # every part together: python-docx reads them all
_MAIN_PART = "word/document.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97-2003 files, and password-protected .docx files
_ZIP_MAGIC = b"PK"

NOT_WORD = (
    "This file is not a Word document (.docx): it could not be opened as one. "
    "Save it from Word as a .docx and upload that."
)
OLD_WORD = (
    "This is an old Word 97–2003 file (.doc), or a password-protected document; save it as "
    ".docx (without a password) in Word and upload that."
)
NOT_A_DOCUMENT = (
    "This is a Word template or macro-enabled file (.dotx, .docm), not a document; save it "
    "as a .docx in Word and upload that."
)
OTHER_ZIP = "This .docx is a zip archive of something else, not a Word document."
DAMAGED = (
    "This Word document is damaged or incomplete and could not be read "
    "(was the upload cut short?). Open it in Word, save it again and upload that."
)
TOO_LARGE = "This Word document is too large to read: its text unpacks to more than 50 MB."
NO_TEXT = "The Word document has no text."

_HEADING_STYLE_RE = re.compile(r"heading\s*([1-6])", re.IGNORECASE)
_QUOTE_STYLES = ("quote", "intense quote")
_LIST_STYLE_PREFIXES = ("list bullet", "list number")
_MAX_LABEL_CHARS = 60
_MAX_LABEL_WORDS = 8
_MAX_TABLE_SPEAKER_WORDS = 5
_MAX_ALT_CHARS = 300  # what the parser's "![...]()" reading takes
# What Word or a template fills in as the author when nobody typed a name.
_PLACEHOLDER_AUTHORS = {
    "administrator",
    "admin",
    "author",
    "microsoft office user",
    "owner",
    "python-docx",
    "unknown",
    "user",
    "windows user",
}
_NAME_PARTICLES = {"de", "da", "di", "del", "der", "den", "van", "von", "le", "la", "bin", "y"}
_TABLE_HEADER_WORDS = {"speaker", "name", "who", "person"}

# Subtrees whose w:t are not the paragraph's own words: a text box's paragraphs (read after
# the paragraph that holds them), the duplicate fallback drawing Word writes beside a modern
# one, and deleted text of tracked changes.
_SKIPPED = {
    qn("w:txbxContent"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    qn("w:del"),
    qn("w:moveFrom"),
}
_TXBX = qn("w:txbxContent")
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR, _R = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:r")
_PPR, _RPR, _PSTYLE, _RSTYLE = qn("w:pPr"), qn("w:rPr"), qn("w:pStyle"), qn("w:rStyle")
# What holds no runs of the paragraph's own: properties, text, and nested blocks.
_RUNLESS = {_PPR, _RPR, _T, _P, _TBL}
_B, _I, _VAL = qn("w:b"), qn("w:i"), qn("w:val")
_NOTE_REFERENCES = {qn("w:footnoteReference"), qn("w:endnoteReference")}
# What a run's marks other than w:t show: a tab, a soft line break, a hyphen that does not wrap.
_RUN_MARKS = {_TAB: "\t", _BR: "\n", _CR: "\n", qn("w:noBreakHyphen"): "-"}
# Block containers that only wrap paragraphs and tables: content controls, custom XML.
_BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


def document_from_docx(data: bytes) -> SourceDocument:
    """The text, title and byline of a .docx file, its page headers and footers set aside.

    Raises `UnreadableSource` (and nothing else) when `data` is not a readable Word document.
    """
    _check_package(data)
    try:
        document = _open(data)
        styles = _Styles(document)
        text = _body_text(document, styles)
        notes = _note_paragraphs(document, RT.FOOTNOTES) + _note_paragraphs(document, RT.ENDNOTES)
        comments = _comment_lines(document)
        set_aside = _header_footer_lines(document) + comments
        title = _title(document, styles)
        byline = _byline(document)
        changes = _has_tracked_deletions(document)
    except UnreadableSource:
        raise
    except Exception as error:  # malformed input of any kind: the editor gets one sentence
        raise UnreadableSource(DAMAGED) from error
    if not text.strip():
        raise UnreadableSource(NO_TEXT)
    if notes:
        text += "\n" + "\n\n".join(notes) + "\n"
    return SourceDocument(
        text=text,
        kind="docx",
        title=title,
        byline=byline,
        set_aside=set_aside,
        notes=_editor_notes(comments, changes),
    )


def _editor_notes(comments: list[str], changes: bool) -> list[str]:
    notes = []
    if comments:
        # Plain Python: the readers of sources/ import nothing from Django.
        noun = "comment" if len(comments) == 1 else "comments"
        notes.append(f"Set aside {len(comments)} reviewer {noun} from the Word document.")
    if changes:
        notes.append(
            "The Word document has tracked changes: the text is read as if they were "
            "accepted (deleted words left out)."
        )
    return notes


# --- The package -----------------------------------------------------------------------------


def _open(data: bytes):
    """python-docx's `Document(...)`, with a refusal of its own for a template or a
    macro-enabled file, whose main part python-docx will not read as a document."""
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN:
        raise UnreadableSource(NOT_A_DOCUMENT)
    return part.document


def _check_package(data: bytes) -> None:
    """Refuse what is not a .docx before python-docx unpacks it: an old .doc, another zip, a
    zip bomb (sizes read from the zip's directory, which bounds what zipfile will inflate)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise UnreadableSource(NOT_WORD)
    data = bytes(data)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableSource(OLD_WORD)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except Exception as error:
        raise UnreadableSource(DAMAGED if data.startswith(_ZIP_MAGIC) else NOT_WORD) from error
    sizes = {member.filename: member.file_size for member in members}
    if _MAIN_PART not in sizes:
        raise UnreadableSource(OTHER_ZIP)
    if sizes[_MAIN_PART] > MAX_DOCUMENT_XML_BYTES or sum(sizes.values()) > MAX_UNPACKED_BYTES:
        raise UnreadableSource(TOO_LARGE)


# --- Metadata --------------------------------------------------------------------------------


def _title(document, styles: _Styles) -> str:
    """The document's own title property, else its first paragraph in the "Title" style."""
    title = " ".join((document.core_properties.title or "").split())
    if title:
        return title
    for paragraph in document.element.body.iter(_P):
        if styles.name(styles.paragraph_style(paragraph)) == "title":
            return " ".join(_element_text(paragraph).split())
    return ""


def _byline(document) -> str:
    """The author property when it is a person's name, not what Word fills in by itself."""
    author = " ".join((document.core_properties.author or "").split())
    return author if _looks_like_a_name(author) else ""


def _looks_like_a_name(text: str) -> bool:
    if text.lower() in _PLACEHOLDER_AUTHORS or any(ch.isdigit() or ch in "@\\/_" for ch in text):
        return False
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        word[:1].isupper() or word.lower() in _NAME_PARTICLES for word in words
    )


def _related_parts(document, reltype: str) -> Iterator:
    """The root elements of the document's parts of one kind (footnotes, comments)."""
    for rel in document.part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        yield element if element is not None else parse_xml(part.blob)


def _note_paragraphs(document, reltype: str) -> list[str]:
    """Footnotes or endnotes as "[1] text", after the body: an article's notes are at its end.

    Word's ids number the notes in the order they were made, which is how the markers in the
    body ("[1]") are numbered too."""
    notes = []
    for root in _related_parts(document, reltype):
        for note in root:
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            text = " ".join(_element_text(note).split())
            if text:
                notes.append(f"[{note.get(qn('w:id'))}] {text}")
    return notes


def _comment_lines(document) -> list[str]:
    """Reviewers' comments in the margin, "Comment (Author): text": not the interview."""
    lines = []
    for root in _related_parts(document, RT.COMMENTS):
        for comment in root:
            text = " ".join(_element_text(comment).split())
            if text:
                author = " ".join((comment.get(qn("w:author")) or "").split())
                lines.append(f"Comment ({author}): {text}" if author else f"Comment: {text}")
    return lines


def _has_tracked_deletions(document) -> bool:
    body = document.element.body
    return any(True for _ in body.iter(qn("w:del"), qn("w:moveFrom")))


def _header_footer_lines(document) -> list[str]:
    """Each distinct line of every page header and footer, in section order."""
    lines: list[str] = []
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:  # no definition of its own: nothing new to read
                continue
            lines.extend(line.strip() for line in _element_text(part._element).split("\n"))
    return [line for line in dict.fromkeys(lines) if line]


# --- The body --------------------------------------------------------------------------------


@dataclass
class _Piece:
    """A stretch of one run's text with the emphasis it shows."""

    text: str
    bold: bool
    italic: bool


@dataclass
class _Block:
    text: str
    list_item: bool = False
    bold: bool = False  # the whole paragraph in bold, already wrapped in "**"
    italic: bool = False  # the whole paragraph in italics, not yet wrapped


def _body_text(document, styles: _Styles) -> str:
    blocks = list(_blocks_of(document.element.body, styles))
    # Where whole paragraphs in bold set the questions apart, one in italics is a quotation or
    # an aside: wrapped too, it would count against the bold ones, so only a document without
    # bold paragraphs has its italic ones (questions, a deck) wrapped.
    wrap_italics = not any(block.bold for block in blocks)
    out: list[str] = []
    for index, block in enumerate(blocks):
        if not block.text.strip():
            continue
        if out:
            tight = block.list_item and index > 0 and blocks[index - 1].list_item
            out.append("\n" if tight else "\n\n")
        out.append(_wrapped(block.text, "*") if block.italic and wrap_italics else block.text)
    return "".join(out) + "\n" if out else ""


def _blocks_of(container, styles: _Styles) -> Iterator[_Block]:
    for element in _block_elements(container):
        if element.tag == _P:
            yield _paragraph_block(element, styles)
            for box in _text_boxes(element):
                yield from _blocks_of(box, styles)
        else:
            yield from _table_blocks(element, styles)


def _block_elements(container) -> Iterator:
    """The paragraphs and tables of a body, cell or header, in order, through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _block_elements(child)


def _text_boxes(element) -> Iterator:
    """The text boxes drawn in a paragraph, each once (not its fallback copy, nor one nested
    in another: that one is read with the box that holds it)."""
    for child in element:
        if child.tag == _TXBX:
            yield child
        elif child.tag not in _SKIPPED and child.tag not in _RUNLESS:
            yield from _text_boxes(child)


def _paragraph_block(paragraph, styles: _Styles) -> _Block:
    pieces = _pieces(paragraph, styles)
    text = "".join(piece.text for piece in pieces).strip()
    if not text:
        return _Block("")
    style_id = styles.paragraph_style(paragraph)
    style = styles.name(style_id)
    level = _heading_level(style)
    if level:
        return _Block("#" * level + " " + " ".join(text.split()))
    if _is_list_item(paragraph, style) or styles.numbered(style_id):
        return _Block("• " + text, list_item=True)
    if style == "caption":
        return _Block(_caption(text))
    if style in _QUOTE_STYLES:
        return _Block("> " + text)  # a block quote, as Markdown writes one
    if style == "subtitle":
        return _Block(text, italic=True)
    return _emphasised(pieces, text)


def _emphasised(pieces: list[_Piece], text: str) -> _Block:
    """A bold speaker label kept as "**Name:** rest", a paragraph wholly in bold or italics
    marked as one; emphasis inside the text is left out, as the parser has no use for it."""
    labelled = _bold_label(pieces)
    if labelled is not None:
        label, rest = labelled
        return _Block(f"**{label}:** {rest}".rstrip())
    shown = [piece for piece in pieces if piece.text.strip()]
    if all(piece.bold for piece in shown):
        wrapped = _wrapped(text, "**")
        return _Block(wrapped, bold=wrapped != text)
    return _Block(text, italic=all(piece.italic for piece in shown))


def _bold_label(pieces: list[_Piece]) -> tuple[str, str] | None:
    """("Name", rest) when the paragraph opens with "Name:" in bold (the colon may be outside
    the bold), or None."""
    lead = 0
    while lead < len(pieces) and (pieces[lead].bold or not pieces[lead].text.strip()):
        lead += 1
    bold = "".join(piece.text for piece in pieces[:lead]).strip()
    rest = "".join(piece.text for piece in pieces[lead:]).strip()
    if bold.endswith(":"):
        label = bold[:-1].strip()
    elif rest.startswith(":") and ":" not in bold:
        label, rest = bold, rest[1:].strip()
    else:
        return None
    if (
        not label
        or "\n" in label
        or len(label) > _MAX_LABEL_CHARS
        or len(label.split()) > _MAX_LABEL_WORDS
        or "*" in label
        or read_label(f"{label}: …") is None
    ):
        return None
    return label, rest


def _wrapped(text: str, mark: str) -> str:
    """`text` inside `mark`, unless its own characters would confuse where the wrapper ends."""
    if "*" in text or "_" in text[:1] + text[-1:]:
        return text
    return f"{mark}{text}{mark}"


def _caption(text: str) -> str:
    text = " ".join(text.split())
    if is_caption(text) or len(text) > _MAX_ALT_CHARS or "[" in text or "]" in text:
        return text
    return f"![{text}]()"


def _table_blocks(table, styles: _Styles) -> Iterator[_Block]:
    """A two-column table of short names beside speech is a transcript: "Name: text" per row.
    Any other table gives its cells' text, row by row, so nothing is lost."""
    rows = [_row_cells(row) for row in table.iter(_TR) if _owned_by(row, table)]
    if _is_speaker_table(rows):
        for cells in rows:
            yield from _speaker_row(cells, styles)
        return
    for cells in rows:
        for cell in cells:
            yield from _blocks_of(cell, styles)


def _owned_by(row, table) -> bool:
    """Whether `row` belongs to `table` itself, not to a table nested in one of its cells."""
    ancestor = row.getparent()
    while ancestor is not None and ancestor.tag != _TBL:
        ancestor = ancestor.getparent()
    return ancestor is table


def _row_cells(row) -> list:
    return [child for child in row if child.tag == _TC]


def _is_speaker_table(rows: list[list]) -> bool:
    two = [cells for cells in rows if len(cells) == 2]
    if len(two) < 2 or len(two) < 0.8 * len(rows):
        return False
    names = [_element_text(cells[0]).strip() for cells in two]
    named = [name for name in names if name and name.lower() not in _TABLE_HEADER_WORDS]
    return len(named) >= 2 and all(_is_speaker_cell(name) for name in named)


def _is_speaker_cell(text: str) -> bool:
    name = text.rstrip(":").strip()
    return (
        "\n" not in name
        and 0 < len(name.split()) <= _MAX_TABLE_SPEAKER_WORDS
        and not name.endswith((".", "?", "!"))
    )


def _speaker_row(cells: list, styles: _Styles) -> Iterator[_Block]:
    if len(cells) != 2:
        for cell in cells:
            yield from _blocks_of(cell, styles)
        return
    speaker = _element_text(cells[0]).strip().rstrip(":").strip()
    said = [block.text for block in _blocks_of(cells[1], styles) if block.text.strip()]
    if speaker.lower() in _TABLE_HEADER_WORDS or not _is_speaker_cell(speaker):
        yield _Block(" ".join([speaker, *said]).strip())  # a header row ("Speaker | Text")
        return
    if not said:
        yield _Block(f"{speaker}:")
        return
    yield _Block(f"{speaker}: {said[0]}")
    for more in said[1:]:
        yield _Block(more)


# --- Runs and styles -------------------------------------------------------------------------


def _pieces(paragraph, styles: _Styles) -> list[_Piece]:
    """The paragraph's text, run by run, with each run's bold and italics, hyperlinks, fields
    and smart tags included; soft line breaks as "\n", tabs as "\t"."""
    pieces: list[_Piece] = []
    style_id = styles.paragraph_style(paragraph)
    paragraph_bold = styles.flag(style_id, _B)
    paragraph_italic = styles.flag(style_id, _I)
    for run in _runs(paragraph):
        text = _run_text(run)
        if text:
            properties = run.find(_RPR)
            run_style = _value(properties, _RSTYLE)
            bold = _run_flag(properties, _B, styles.flag(run_style, _B) or paragraph_bold)
            italic = _run_flag(properties, _I, styles.flag(run_style, _I) or paragraph_italic)
            pieces.append(_Piece(text, bold, italic))
    return pieces


def _element_text(element) -> str:
    """The plain text of every paragraph under `element`, one line each."""
    return "\n".join(
        "".join(_run_text(run) for run in _runs(paragraph)) for paragraph in element.iter(_P)
    )


def _runs(element) -> Iterator:
    """The w:r under `element` in document order, leaving out skipped subtrees."""
    for child in element:
        if child.tag in _SKIPPED or child.tag in _RUNLESS:
            continue
        if child.tag == _R:
            yield child
        yield from _runs(child)  # a run can hold a drawing whose text box holds more runs


def _run_text(run) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _NOTE_REFERENCES:
            parts.append(f"[{child.get(qn('w:id'))}]")
        else:
            parts.append(_RUN_MARKS.get(child.tag, ""))
    return "".join(parts)


def _run_flag(properties, tag: str, inherited: bool) -> bool:
    """Bold or italic as shown: set on the run, else by its character or paragraph style."""
    direct = _toggle(properties, tag)
    return inherited if direct is None else direct


def _toggle(properties, tag: str) -> bool | None:
    """A w:b or w:i under `properties`: True, False ("0", "false", "off") or None (unset)."""
    found = properties.find(tag) if properties is not None else None
    if found is None:
        return None
    return found.get(_VAL) not in ("0", "false", "off")


def _value(properties, tag: str) -> str:
    found = properties.find(tag) if properties is not None else None
    return (found.get(_VAL) or "") if found is not None else ""


class _Styles:
    """The document's styles, read once from styles.xml: python-docx looks a paragraph's
    style up anew each time, too slowly for a long transcript."""

    def __init__(self, document) -> None:
        self._elements = {}
        self._default = ""
        for style in document.styles.element.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            self._elements.setdefault(style_id, style)
            default = style.get(qn("w:default")) in ("1", "true")
            if default and style.get(qn("w:type")) == "paragraph":
                self._default = self._default or style_id
        self._flags: dict[tuple[str, str], bool] = {}

    def paragraph_style(self, paragraph) -> str:
        return _value(paragraph.find(_PPR), _PSTYLE) or self._default

    def name(self, style_id: str) -> str:
        """The style's name in lower case ("heading 1", "caption"), or ""."""
        style = self._elements.get(style_id)
        return " ".join(_value(style, qn("w:name")).lower().split()) if style is not None else ""

    def flag(self, style_id: str, tag: str) -> bool:
        """Whether `style_id` or a style it is based on sets bold (or italics)."""
        key = (style_id, tag)
        if key not in self._flags:
            self._flags[key] = bool(
                self._first(style_id, lambda style: _toggle(style.find(_RPR), tag))
            )
        return self._flags[key]

    def numbered(self, style_id: str) -> bool:
        """Whether the paragraph style gives its paragraphs list numbering or bullets."""
        return bool(self._first(style_id, lambda style: _numbering(style.find(_PPR))))

    def _first(self, style_id: str, read):
        """The first value `read` finds on the style or on those it is based on."""
        seen: set[str] = set()
        while style_id and style_id not in seen:  # a loop of based-on styles must end
            seen.add(style_id)
            style = self._elements.get(style_id)
            if style is None:
                return None
            value = read(style)
            if value is not None:
                return value
            style_id = _value(style, qn("w:basedOn"))
        return None


def _numbering(properties) -> bool | None:
    """True for list numbering, False where "numId 0" takes inherited numbering away."""
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return None
    return _value(numbering, qn("w:numId")) not in ("", "0")


def _heading_level(style: str) -> int:
    if style == "title":
        return 1
    found = _HEADING_STYLE_RE.fullmatch(style)
    return int(found.group(1)) if found else 0


def _is_list_item(paragraph, style: str) -> bool:
    return style.startswith(_LIST_STYLE_PREFIXES) or bool(_numbering(paragraph.find(_PPR)))
