"""A saved web page, or HTML pasted from one, read into a `SourceDocument`.

The page's structure says what flat text cannot: which part is the article (a semantic
container, else readability's guess), who wrote each reader comment and when (the comment
markup), and the page's own title, date, author and address (its meta tags and JSON-LD). The
article becomes the Markdown-like text the parser reads ("**Adrian:** ...", "## Heading",
"• item", "![caption]()"); the comments come out as a tree; every other visible line of the
page goes to `set_aside`, so no text is lost without the editor seeing it.

libxml2 refuses markup nested more than 256 levels deep (lxml's huge_tree stays off), so the
trees read here are bounded; every walk is still written without recursion.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from readability import Document

from interviews.transcript import threads
from interviews.transcript.comments import posted_from_text
from interviews.transcript.dates import find_date
from interviews.transcript.furniture import BOX_MARK
from interviews.transcript.model import ParsedComment, PartialDate, comment_replies
from interviews.transcript.structure import is_caption

from .document import SourceDocument, UnreadableSource

# A saved interview page is rarely over 2 MB; a larger one is mostly markup, and reading 5 MB of
# the densest markup takes some 10 s, inside a worker's request timeout (gunicorn.conf.py, 30 s).
MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_ELEMENTS = 150_000


def _names(text: str) -> frozenset[str]:
    """A set of tag or class names written as one string: long lists read better that way."""
    return frozenset(text.split())


# Elements whose content is never shown as text.
_INVISIBLE = _names(
    """head script style noscript template svg canvas iframe object embed input select
    textarea button option optgroup datalist math"""
)
_BLOCKS = _names(
    """address article aside blockquote body center dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu
    nav ol p pre section summary table tbody td tfoot th thead tr ul"""
)
_HEADINGS = _names("h1 h2 h3 h4 h5 h6")
_NOT_PROSE = _names("a h1 h2 h3 h4 h5 h6 button label")
_CAPTION_CLASSES = ("wp-caption-text", "caption")
_MAIN_CLASSES = _names(
    """entry-content post-content article-body article-content post-body story-body
    entry-body article__body post-entry articlecontent articlebody storycontent"""
)
# Class or id words of a box inside an article that is not the article.
_BOX_RE = re.compile(
    r"(?<![a-z])(?:teaser|boxhead|related|shar(?:e|ing)|social|newsletter|promo|sponsor|advert"
    r"|pagination|breadcrumb|print-?(?:box|link))",
    re.IGNORECASE,
)
_MAX_BOX_SHARE = 0.3
_FURNITURE_TAGS = _names("nav header footer aside")
_FURNITURE_ROLES = _names("navigation banner contentinfo complementary search")
# A near-tie between containers goes to the tightest one: below this share of the largest
# container's paragraph text, a container is missing part of the article.
_NEAR_MAX = 0.9
# A paragraph this long is the article's prose: its header (byline, date) lies before it.
_PROSE_WORDS = 30
_LABEL_MAX_CHARS = 40
_LABEL_MAX_WORDS = 5

_WHITESPACE_RE = re.compile(r"\s+")
# Marks a <br> inside flattened text until it is split into lines: a control character the
# page's text can no longer hold (see _NOT_XML_RE).
_LINE_BREAK = "\x00"
# Characters an XML tree cannot hold (lxml refuses to set them); a page shows none of them.
_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.I)
_PAGE_TAG_RE = re.compile(r"<(?:!doctype\s+html|html|body|head)[\s>]", re.IGNORECASE)
_BLOCK_TAG_RE = re.compile(
    r"<(p|div|h[1-6]|ul|ol|li|table|tr|td|blockquote|pre|article|section|figure|main|dl|dd)"
    r"(?:\s[^<>]{0,500})?>",
    re.IGNORECASE,
)
# The inline formatting tags old pages leave open, opening or closing, with their attributes.
_INLINE_TAG_RE = re.compile(
    r"</?(?:font|b|i|u|s|em|strong|span|small|big|strike|tt|sup|sub|center|blink|nobr)"
    r"(?:\s[^<>]{0,1000})?/?>",
    re.IGNORECASE,
)
_BREAK_TAG_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANY_TAG_RE = re.compile(r"</?[a-zA-Z][\w:-]{0,30}(?:\s[^<>]{0,1000})?/?>")
_SAYS_RE = re.compile(r"\s(?:says|said|wrote|schreibt|sagt|meint|denkt|dit)\b", re.IGNORECASE)
_MONTH_WORD_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?$", re.IGNORECASE
)
_DATE_MARK_RE = re.compile(r"[./:,]")
_PING_RE = re.compile(r"\s*(?:pingback|trackback)\s*:?\s*", re.IGNORECASE)
_MACHINE_DATE_RE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")
_ISO_DATE_RE = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ")
# What comes before a name: "By ", "Posted by ", "View all posts by ", "Author: ".
_PUBLISHED_RE = re.compile(r"(?:first\s+)?(?:published|posted|veröffentlicht)\b", re.IGNORECASE)
_MAX_DATELINE_CHARS = 160
_BY_RE = re.compile(r"^(?:.{0,40}?\bby|von|author|autor(?:/in|in)?)\s*:?\s+", re.IGNORECASE)
_MAX_NAME_WORDS = 6
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_ITALIC_STYLE_RE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


# --- Recognising HTML ------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """Whether pasted text is a web page or a fragment of one, rather than text with a "<" in it.

    A whole page announces itself (doctype, <html>, <body>); a fragment must hold an opening
    and a matching closing block tag, or line breaks: "a < b > c" and "<3" hold neither, and
    inline tags alone ("<b>", "<a href>") are text the parser reads as it is.
    """
    head = text[:100_000]
    if _PAGE_TAG_RE.search(head):
        return True
    for match in _BLOCK_TAG_RE.finditer(head):
        if re.search(rf"</{match[1]}\s*>", head[match.end() :], re.IGNORECASE):
            return True
    return len(_BREAK_TAG_RE.findall(head)) >= 2


# --- Decoding and parsing --------------------------------------------------------------------


def _decode(html: str | bytes, charset: str) -> str:
    if isinstance(html, str):
        if len(html) > MAX_HTML_BYTES:
            raise UnreadableSource(_too_large())
        return html
    if len(html) > MAX_HTML_BYTES:
        raise UnreadableSource(_too_large())
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if html.startswith(bom):
            return html.decode(encoding, errors="replace")
    declared = _META_CHARSET_RE.search(html[:4096])
    for candidate in (charset, declared[1].decode("ascii", "replace") if declared else ""):
        if candidate:
            try:
                return html.decode(codecs.lookup(candidate).name, errors="replace")
            except LookupError:
                continue
    return html.decode("utf-8", errors="replace")


def _too_large() -> str:
    return (
        f"This page is larger than {MAX_HTML_BYTES // (1024 * 1024)} MB of HTML; save only "
        "the article (or paste its text) and import that."
    )


def _refuse_binary(text: str) -> None:
    sample = text[:8192]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    replaced = sample.count("\ufffd")
    if "\x00" in sample or (sample and (controls + replaced) / len(sample) > 0.1):
        raise UnreadableSource(
            "This file is not a web page: it holds binary data, not HTML. Upload the page "
            "saved as HTML, or paste its text."
        )


def _parse(text: str) -> tuple[lxml.html.HtmlElement, list[str]]:
    """The page's tree, and a note when it could only be read without its inline formatting.

    Old pages leave <font> or <b> open in every paragraph, and libxml2 nests each one inside
    the last: past 256 levels it stops reading. Such a page is read again without those tags
    (their text stays); a page still too deep is refused.
    """
    text = _NOT_XML_RE.sub(" ", _XML_DECLARATION_RE.sub("", text, count=1))
    root = _parse_bounded(text)
    if root is not None:
        return root, []
    root = _parse_bounded(_INLINE_TAG_RE.sub("", text))
    if root is None:
        raise UnreadableSource(
            "This page's markup is nested more than 256 levels deep, past what the importer "
            "reads safely. Paste the article's text instead."
        )
    note = (
        "The page's markup nests too deep to read as it is (tags such as <font> or <b> left "
        "open): it was read without its inline formatting, so bold labels may be missing."
    )
    return root, [note]


def _parse_bounded(text: str) -> lxml.html.HtmlElement | None:
    """The tree, or None when libxml2 stopped at its nesting limit (huge_tree stays off)."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=False, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise UnreadableSource("This page is empty: it holds no text to import.") from error
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        return None
    return root


# --- Small tree helpers ----------------------------------------------------------------------


def _classes(element) -> list[str]:
    return (element.get("class") or "").lower().split()


def _has_class(element, *names: str) -> bool:
    classes = _classes(element)
    return any(name in classes for name in names)


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _collapse(text: str) -> str:
    return _WHITESPACE_RE.sub(" ", text).strip()


class _AnyOf:
    """Membership in any of several sets, without copying them into one (a thread's set of
    comment elements is shared by every comment: copying it for each would be quadratic)."""

    def __init__(self, *groups) -> None:
        self.groups = groups

    def __contains__(self, element) -> bool:
        return any(element in group for group in self.groups)


def _walk(root, skip: frozenset | set | _AnyOf = frozenset()) -> Iterator:
    """`root` and its descendants in document order, not entering elements in `skip`."""
    stack = [root]
    while stack:
        element = stack.pop()
        if element in skip and element is not root:
            continue
        yield element
        stack.extend(reversed(element))


def _flat_text(
    root,
    skip: frozenset | set | _AnyOf = frozenset(),
    until: frozenset | set = frozenset(),
    keep_breaks: bool = False,
) -> str:
    """All text under `root` (not its tail) on one line, without entering `skip`, and up to
    the first element in `until`.

    Inline elements join their neighbours ("Fran<b>ç</b>ois"); blocks and breaks are spaces.
    """
    pieces: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        if item in until:
            break
        apart = _LINE_BREAK if _tag(item) == "br" else " " if _tag(item) in _BLOCKS else ""
        if item is not root and item.tail:
            stack.append(item.tail)
        stack.append(apart)
        if item in skip and item is not root:
            continue
        pieces.append(apart + (item.text or ""))
        stack.extend(reversed(item))
    text = "".join(pieces)
    if keep_breaks:
        return _LINE_BREAK.join(_collapse(line) for line in text.split(_LINE_BREAK))
    return _collapse(text.replace(_LINE_BREAK, " "))


def _flat_lines(root) -> list[str]:
    """The text under `root` as the lines its <br> make, each on one line."""
    return [line for line in _flat_text(root, keep_breaks=True).split(_LINE_BREAK) if line]


def _is_hidden(element) -> bool:
    """Hidden by the markup itself. aria-hidden is not: it hides from screen readers only,
    and pop-ups carry it while they show."""
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE_RE.search(element.get("style") or "")
    )


def _remove_invisible(root) -> None:
    doomed = [
        element
        for element in root.iter()
        if not isinstance(element.tag, str) or _tag(element) in _INVISIBLE or _is_hidden(element)
    ]
    for element in doomed:
        _drop(element)


def _drop(element) -> None:
    """Remove `element` and what it holds, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# --- Text from a tree ------------------------------------------------------------------------


@dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    newline: bool = False  # a <br>


@dataclass
class _Block:
    text: str
    # The list a list item belongs to: items of one list are joined by one newline.
    listing: object | None = None


@dataclass
class _Writer:
    """Paragraphs from a tree, as Markdown-like text (`marked`) or as plain lines."""

    marked: bool
    blocks: list[_Block] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)
    prefix: str = ""
    listing: object | None = None  # the list of the item being written
    bold: int = 0  # how many bold elements are open around the text being added
    italic: int = 0

    def add(self, text: str | None) -> None:
        if text:
            self.runs.append(_Run(text, self.bold > 0, self.italic > 0))

    def line_break(self) -> None:
        self.runs.append(_Run("", newline=True))

    def flush(self) -> None:
        lines = self._lines()
        if not lines:
            self.runs = []
            return
        text = "\n".join(lines)
        if self.marked and not self.prefix:
            text = self._emphasis(text) or text
        self.runs = []
        self.blocks.append(_Block(self.prefix + text, self.listing))
        self.prefix, self.listing = "", None

    def mark_box(self) -> None:
        """Where a set-aside box stood: one mark, however many boxes stand together."""
        self.flush()
        if self.blocks and self.blocks[-1].text != BOX_MARK:
            self.blocks.append(_Block(BOX_MARK))

    def emit(self, text: str) -> None:
        self.flush()
        if text.strip():
            self.blocks.append(_Block(text))

    def _lines(self) -> list[str]:
        lines, current = [], []
        for run in self.runs:
            if run.newline:
                lines.append(_collapse("".join(current)))
                current = []
            else:
                current.append(run.text)
        lines.append(_collapse("".join(current)))
        return [line for line in lines if line]

    def _emphasis(self, text: str) -> str | None:
        """ "**Adrian:** rest" for a bold label, "**text**" for a paragraph all in bold, and
        "*text*" for one all in italics (the parser reads that after the title as the deck)."""
        words = [run for run in self.runs if not run.newline and run.text.strip()]
        if not words or "*" in text:
            return None
        if all(run.bold for run in words):
            return f"**{text}**"
        if all(run.italic for run in words):
            return f"*{text}*"
        if not words[0].bold:
            return None
        lead = []
        for run in self.runs:
            if run.newline or (run.text.strip() and not run.bold):
                break
            lead.append(run.text)
        label = _collapse("".join(lead))
        rest = text[len(label) :].lstrip()
        if label.endswith(":"):
            label = label[:-1].rstrip()
        elif rest.startswith(":"):
            rest = rest[1:].lstrip()
        else:
            return None
        if not _reads_as_label(label):
            return None
        return f"**{label}:** {rest}"

    def text(self) -> str:
        self.flush()
        out: list[str] = []
        for index, block in enumerate(self.blocks):
            if index:
                same_list = block.listing is not None
                same_list = same_list and block.listing is self.blocks[index - 1].listing
                out.append("\n" if same_list else "\n\n")
            out.append(block.text)
        return "".join(out)

    def lines(self) -> list[str]:
        self.flush()
        return [line.strip() for block in self.blocks for line in block.text.split("\n")]


def _reads_as_label(label: str) -> bool:
    return (
        0 < len(label) <= _LABEL_MAX_CHARS
        and len(label.split()) <= _LABEL_MAX_WORDS
        and not any(mark in label for mark in ".?!;:")
        and label[:1].isalpha()
    )


def _is_bold(element) -> bool:
    tag = _tag(element)
    return tag in ("b", "strong") or (
        tag == "span" and bool(_BOLD_STYLE_RE.search(element.get("style") or ""))
    )


def _is_italic(element) -> bool:
    tag = _tag(element)
    return tag in ("i", "em") or (
        tag == "span" and bool(_ITALIC_STYLE_RE.search(element.get("style") or ""))
    )


def _is_caption_element(element) -> bool:
    return _tag(element) == "figcaption" or any(
        name in _classes(element) for name in _CAPTION_CLASSES
    )


def _write(
    root,
    *,
    marked: bool,
    skip: frozenset | set | _AnyOf = frozenset(),
    boxes: frozenset | set = frozenset(),
) -> _Writer:
    """Walk `root` in document order, without recursion, into a writer's paragraphs. `boxes`
    are skipped too, but where one stood between paragraphs a mark says so (`BOX_MARK`): the
    parser ends a turn there, as at a subheading."""
    writer = _Writer(marked)
    counters: dict = {}
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = _tag(element)
        if closing:
            writer.bold -= _is_bold(element)
            writer.italic -= _is_italic(element)
            if tag in _BLOCKS or _is_caption_element(element):
                writer.flush()
            if element is not root:
                writer.add(element.tail)
            continue
        if element in skip and element is not root:
            writer.add(element.tail)
            continue
        if element in boxes and element is not root:
            if tag in _BLOCKS:
                writer.mark_box()
            writer.add(element.tail)
            continue
        if tag == "br":
            writer.line_break()
            writer.add(element.tail)
            continue
        special = _write_special(element, tag, writer, counters, marked)
        if special:
            if element is not root:
                writer.add(element.tail)
            continue
        if tag in _BLOCKS:
            writer.flush()
        if tag == "li" and element is not root:
            writer.prefix = _item_prefix(element, counters)
            writer.listing = element.getparent()
        writer.bold += _is_bold(element)
        writer.italic += _is_italic(element)
        writer.add(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    writer.flush()
    return writer


def _item_prefix(item, counters: dict) -> str:
    parent = item.getparent()
    if parent is None or _tag(parent) != "ol":
        return "• "
    if parent not in counters:
        try:
            counters[parent] = int(parent.get("start") or 1)
        except ValueError:
            counters[parent] = 1
    number = counters[parent]
    counters[parent] = number + 1
    return f"{number}. "


def _write_special(element, tag: str, writer: _Writer, counters: dict, marked: bool) -> bool:
    """Headings, captions, tables and preformatted text, written whole; False for the rest."""
    if tag in _HEADINGS:
        # A heading is one line for the parser; set aside, it keeps its <br> lines.
        lines = _flat_lines(element)
        if marked and lines:
            lines = [("# " if tag == "h1" else "## ") + " ".join(lines)]
        writer.emit("\n".join(lines))
        return True
    if _is_caption_element(element):
        text = _flat_text(element)
        # A "]" would end the image's text early: such a caption stays a plain paragraph.
        if marked and text and not is_caption(text) and "]" not in text:
            text = f"![{text}]()"
        writer.emit(text)
        return True
    if tag == "pre":
        lines = [line.rstrip() for line in element.text_content().split("\n")]
        writer.emit("\n".join(lines).strip("\n"))
        return True
    if tag == "table":
        for line in _table_lines(element, marked):
            writer.emit(line)
        return True
    return False


def _table_lines(table, marked: bool) -> list[str]:
    """One line a row: "**Speaker:** text" for a two-column speaker table (bold, as the parser
    takes a bold label on less evidence), else the cells joined by " | "."""
    rows, cell_elements = [], set()
    for row in table.iter("tr"):
        if _nearest(row, "table") is not table:
            continue  # a row of a nested table is read with its own table's text
        cell_elements.update(cell for cell in row if _tag(cell) in ("td", "th"))
        cells = [_flat_text(cell) for cell in row if _tag(cell) in ("td", "th")]
        cells = [cell for cell in cells if cell]
        if cells:
            rows.append(cells)
    # Text a broken table holds outside its cells (a caption, stray words) comes first.
    stray = _flat_text(table, skip=cell_elements)
    speaker_table = len(rows) >= 2 and all(
        len(cells) == 2 and _reads_as_label(cells[0].rstrip(":")) for cells in rows
    )
    if speaker_table:
        bold = "**" if marked else ""
        lines = [f"{bold}{cells[0].rstrip(':')}:{bold} {cells[1]}" for cells in rows]
    else:
        lines = [" | ".join(cells) for cells in rows]
    return [stray, *lines] if stray else lines


def _nearest(element, tag: str):
    parent = element.getparent()
    while parent is not None and _tag(parent) != tag:
        parent = parent.getparent()
    return parent


# --- Comments from markup --------------------------------------------------------------------

_AUTHORISH_RE = re.compile(r"author|name|user|\bfn\b|nick", re.IGNORECASE)
_DATEISH_RE = re.compile(r"date|time|posted|published|ago", re.IGNORECASE)
_CONTROL_RE = re.compile(
    r"reply|report|flag|vote|like|share|avatar|says|permalink|action|edit|moderat|score|points",
    re.IGNORECASE,
)
# A thread recognised by its shape alone must hold this many comments: one list item with a
# name, a date and text is as likely an author box.
_MIN_GENERAL_COMMENTS = 2
_SECTION_RE = re.compile(r"comment|disqus|discussion|respons|replies", re.IGNORECASE)
_FORM_IDS = frozenset(("respond", "comment-form", "commentform", "reply-form"))
_FORM_CLASSES = ("comment-respond", "comment-form", "comment-form-wrapper")
# A comment section's own text (heading, sort controls, notices) is short; a wrapper holding
# more than this outside its comments is holding the article too.
_MAX_SECTION_CHARS = 3000


def _attribute_words(element) -> str:
    return " ".join(
        element.get(name) or "" for name in ("class", "id", "itemprop", "property", "rel")
    )


def _is_comment_type(element) -> bool:
    kind = (element.get("itemtype") or "") + " " + (element.get("typeof") or "")
    return bool(re.search(r"schema\.org/comment\b|\bcomment\b", kind, re.IGNORECASE))


def _comment_elements(root) -> list:
    """Every element of the page that holds one reader comment, in document order."""
    found: list = []
    seen: set = set()

    def add(element) -> None:
        if element not in seen:
            seen.add(element)
            found.append(element)

    for listing in root.iter("ol", "ul"):
        if _has_class(listing, "commentlist", "comment-list"):
            for item in listing.iter("li"):
                classes = set(_classes(item))
                if classes & {"comment", "pingback", "trackback"} or (
                    item.get("id") or ""
                ).startswith("comment-"):
                    add(item)
    for item in root.iter("li"):
        if _has_class(item, "comment"):  # Blogger's threads and other themes' lists
            add(item)
    for thread in root.iter():
        if thread.get("id") in ("disqus_thread", "post-list"):
            for item in thread.iter("li"):
                if _has_class(item, "post"):
                    add(item)
    for element in root.iter():
        if isinstance(element.tag, str) and _is_comment_type(element):
            add(element)
    if not found:
        general = _general_comment_items(root)
        if len(general) >= _MIN_GENERAL_COMMENTS:
            found.extend(general)
    order = {element: index for index, element in enumerate(root.iter())}
    return sorted(found, key=order.__getitem__)


def _general_comment_items(root) -> list:
    """Items of lists shaped like a thread: each with an author, a date and text of its own."""
    items: list = []
    for listing in root.iter("ul", "ol"):
        children = [child for child in listing if _tag(child) == "li"]
        if children and all(_looks_like_comment(child) for child in children):
            items.extend(children)
    return items


def _looks_like_comment(item) -> bool:
    own = list(_walk(item, skip=set(item.iter("ul", "ol")) - {item}))
    author = any(_AUTHORISH_RE.search(_attribute_words(e)) for e in own if e is not item)
    dated = any(
        _tag(e) == "time" or _DATEISH_RE.search(_attribute_words(e)) for e in own if e is not item
    )
    if any(_tag(e) in _HEADINGS for e in own):
        return False  # a card of a "related articles" list, not a comment
    return author and dated and bool(_comment_body_text(item, own))


def _comment_body_text(item, own: list) -> str:
    furniture = {
        e
        for e in own
        if e is not item
        and (
            _AUTHORISH_RE.search(_attribute_words(e))
            or _DATEISH_RE.search(_attribute_words(e))
            or _CONTROL_RE.search(_attribute_words(e))
            or _tag(e) == "time"
        )
    }
    return _flat_text(item, skip=furniture | set(item.iter("ul", "ol")) - {item})


@dataclass
class _CommentParts:
    author: str
    posted: str | None
    text: str
    furniture: list[str]
    by_page_author: bool = False


# How a page marks a comment by its own author: WordPress's class on the comment's element
# ("bypostauthor"), or a badge beside the name ("Author", "Post author").
_PAGE_AUTHOR_CLASSES = ("bypostauthor", "byauthor", "by-post-author", "is-author")
_PAGE_AUTHOR_BADGE_RE = re.compile(r"(?:post |article )?(?:author|autor(?:in)?)", re.IGNORECASE)


def _by_page_author(element, furniture: list[str]) -> bool:
    return _has_class(element, *_PAGE_AUTHOR_CLASSES) or any(
        _PAGE_AUTHOR_BADGE_RE.fullmatch(line.strip(" ()[]·|-–—")) for line in furniture
    )


def _first(elements: list, test) -> object | None:
    return next((element for element in elements if test(element)), None)


def _author_element(own: list, own_set: set):
    for test in (
        lambda e: _has_class(e, "fn") and _nearest_class(e, "comment-author", own_set),
        lambda e: _has_class(e, "fn"),
        lambda e: _has_class(e, "author") and _tag(e) != "li",
        lambda e: (e.get("itemprop") or e.get("property") or "") == "author",
        lambda e: bool(_AUTHORISH_RE.search(_attribute_words(e))),
    ):
        found = _first(own, test)
        if found is not None:
            name = _first(list(_walk(found)), _is_name_property)
            return name if name is not None else found
    return None


def _is_name_property(element) -> bool:
    return (element.get("itemprop") or element.get("property") or "") == "name"


def _nearest_class(element, name: str, own: set) -> bool:
    parent = element.getparent()
    while parent is not None and parent in own:
        if _has_class(parent, name):
            return True
        parent = parent.getparent()
    return False


def _date_element(own: list, own_set: set):
    for test in (
        lambda e: (
            _tag(e) == "a"
            and any(
                _has_class(p, "comment-metadata", "commentmetadata") for p in _parents(e, own_set)
            )
        ),
        lambda e: _tag(e) == "time",
        lambda e: (
            (e.get("itemprop") or e.get("property") or "")
            in ("dateCreated", "datePublished", "commentTime")
        ),
        lambda e: _tag(e) == "a" and e.get("title") and _has_parent_class(e, own_set, "post-meta"),
        lambda e: bool(_DATEISH_RE.search(_attribute_words(e))),
    ):
        found = _first(own, test)
        if found is not None:
            return found
    return None


def _parents(element, own: set) -> Iterator:
    """`element`'s ancestors inside one comment (`own`), nearest first."""
    parent = element.getparent()
    while parent is not None and parent in own:
        yield parent
        parent = parent.getparent()


def _has_parent_class(element, own: set, name: str) -> bool:
    return any(_has_class(parent, name) for parent in _parents(element, own))


def _posted(element) -> str | None:
    if element is None:
        return None
    for text in (_flat_text(element), element.get("title") or ""):
        posted = posted_from_text(text)
        if posted:
            return posted
    # The machine-readable date of the element or of a <time> inside it: the time as the
    # markup states it, without converting its zone (the page printed it in its own).
    for candidate in _walk(element):
        for name in ("datetime", "content"):
            match = _MACHINE_DATE_RE.match(candidate.get(name) or "")
            if match and _iso_date(match[1]) == match[1]:
                return match[1] + (f"T{match[2]}" if match[2] else "")
    return None


def _text_element(own: list):
    return _first(
        own,
        lambda e: (
            _has_class(e, "comment-content", "post-message", "comment-text", "comment-body-text")
            or (e.get("itemprop") or e.get("property") or "") in ("text", "commentText")
        ),
    )


def _comment_parts(element, nested: set) -> _CommentParts:
    """Author, date, text and furniture of one comment, not entering the comments it holds."""
    # `nested` holds `element` too: every walk below starts at a root it does not skip.
    skip = nested
    own = list(_walk(element, skip))
    own_set = set(own)
    ping = _has_class(element, "pingback", "trackback")
    author_element = _author_element(own, own_set)
    if ping and author_element is None:
        # "Pingback: <a>The linking page</a>": the page that linked is the author.
        author_element = _first(own, lambda e: _tag(e) == "a")
    date_element = _date_element(own, own_set)
    author = _author_name(author_element, date_element, skip)
    furniture_elements = {
        e
        for e in own
        if e is not element
        and (
            e is author_element
            or e is date_element
            or _has_class(e, "comment-author", "comment-meta", "commentmetadata", "reply")
            or _has_class(e, "comment-metadata", "post-meta", "says", "avatar")
            or (e is not element and _tag(e) in ("ul", "ol") and _has_class(e, "children"))
            or bool(_CONTROL_RE.search(_attribute_words(e)))
        )
    }
    text_element = _text_element(own)
    if text_element is not None:
        text = _write(text_element, marked=False, skip=skip).text()
    else:
        text = _write(element, marked=False, skip=_AnyOf(skip, furniture_elements)).text()
    furniture: list[str] = []
    if ping:
        marker = _PING_RE.match(text)
        if marker:
            furniture.append(marker[0].strip())
            text = text[marker.end() :]
    for e in (e for e in own if e in furniture_elements):  # page order: a set has none
        if e is author_element or e is date_element:
            continue
        if any(parent in furniture_elements for parent in _parents(e, own_set)):
            continue
        read = _AnyOf(skip, {author_element, date_element})
        furniture.extend(_write(e, marked=False, skip=read).lines())
    if text_element is not None:
        outside = _AnyOf(skip, {text_element}, furniture_elements)
        furniture.extend(_write(element, marked=False, skip=outside).lines())
    if date_element is not None and not posted_from_text(_flat_text(date_element)):
        furniture.append(_flat_text(date_element))  # "5 years ago": the date came from elsewhere
    if author_element is not None and _flat_text(author_element, skip=skip) != author:
        # What the name's element held besides the name (a date, "says", a badge).
        furniture.append(_flat_text(author_element, skip=skip))
    posted = _posted(date_element)
    if posted is None and author_element is not None:
        posted = posted_from_text(_flat_text(author_element))  # "Jane says: July 4, 2018 ..."
    return _CommentParts(author, posted, text, furniture, _by_page_author(element, furniture))


def _author_name(author_element, date_element, skip) -> str:
    """The commenter's name, without what some themes put in the same element: the date,
    "says:", an avatar's caption ("Ben 19. Juni 2018 um 15:28 Uhr" -> "Ben")."""
    if author_element is None:
        return ""
    inside = list(_walk(author_element))[1:]
    dated = {
        e
        for e in inside
        if e is date_element
        or _tag(e) == "time"
        or _has_class(e, "comment-meta", "commentmetadata", "comment-metadata")
    }
    aside = {e for e in inside if _has_class(e, "says", "avatar")}
    # A theme that leaves the name's element open holds the date and the comment in it too:
    # the name is what comes before the date.
    text = _flat_text(author_element, skip=_AnyOf(skip, aside), until=dated)
    text = _SAYS_RE.split(text, maxsplit=1)[0]
    words = text.split()
    for index, word in enumerate(words):
        # A date starts here ("19. Juni", "20th at", "2014,"), not a name's number ("Bürger 635").
        if word[:1].isdigit() and (index < len(words) - 1 or _DATE_MARK_RE.search(word)):
            month_before = index and _MONTH_WORD_RE.match(words[index - 1])
            words = words[: index - 1 if month_before else index]
            break
    return " ".join(words).rstrip(" -–—|·,@:").strip()


def _read_comments(root) -> tuple[list[ParsedComment] | None, list[str]]:
    """The page's comment thread and the section's own furniture; the nodes leave the tree."""
    elements = _comment_elements(root)
    if not elements:
        return None, []
    nested = set(elements)
    built: dict = {}
    top: list[ParsedComment] = []
    furniture: list[str] = []
    for element in elements:
        parts = _comment_parts(element, nested)
        if not parts.text and not parts.author:
            furniture.extend(parts.furniture)
            continue
        if not parts.text:
            # A pingback or trackback with nothing to say: set aside, not a comment.
            furniture.append(parts.author)
            furniture.extend(parts.furniture)
            continue
        comment = ParsedComment(
            parts.author, parts.text, parts.posted, by_page_author=parts.by_page_author
        )
        furniture.extend(parts.furniture)
        built[element] = comment
        parent = element.getparent()
        while parent is not None and parent not in built:
            parent = parent.getparent()
        (built[parent].replies if parent is not None else top).append(comment)
    for section in _comment_sections(elements):
        furniture.extend(_write(section, marked=False, skip=nested).lines())
        _drop(section)
    for element in elements:
        if element.getparent() is not None and _root_of(element) is root:
            _drop(element)
    return top, furniture


def _root_of(element):
    while element.getparent() is not None:
        element = element.getparent()
    return element


def _comment_sections(elements: list) -> list:
    """The containers holding the thread with its heading ("43 Responses to ..."), if any.

    The list of comments, or a wrapper up to four levels above it named for comments, but
    never the page's body, main or article, nor a wrapper holding much text of its own.
    """
    nested = set(elements)
    tops = [e for e in elements if not any(p in nested for p in e.iterancestors())]
    sections: list = []
    own_text: dict = {}  # the comments share their list: its text is measured once
    for element in tops:
        section, candidate = None, element.getparent()
        for _ in range(4):
            if candidate is None or _tag(candidate) in ("body", "html", "main", "article"):
                break
            named = _tag(candidate) in ("ul", "ol") or _SECTION_RE.search(
                _attribute_words(candidate)
            )
            if named and candidate not in own_text:
                own_text[candidate] = len(_flat_text(candidate, skip=nested))
            if named and own_text[candidate] <= _MAX_SECTION_CHARS:
                section = candidate
            candidate = candidate.getparent()
        if section is not None and section not in sections:
            sections.append(section)
    return [s for s in sections if not any(p in sections for p in s.iterancestors())]


def _comment_forms(root) -> list:
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and ((element.get("id") or "").lower() in _FORM_IDS or _has_class(element, *_FORM_CLASSES))
    ]


# --- Main content ----------------------------------------------------------------------------


def _prose_lengths(root) -> dict:
    """How much prose each element holds: its text and its descendants', less the text of
    links and headings (menus and lists of related articles are mostly those).

    Counted from the leaves up in one pass, so that a deep page costs no more than a flat one.
    A page that breaks its paragraphs with <br> (Blogger) counts the same as one with <p>.
    """
    elements = list(root.iter())
    totals = dict.fromkeys(elements, 0)
    for element in reversed(elements):
        if _tag(element) not in _NOT_PROSE:
            totals[element] += len((element.text or "").strip())
        totals[element] += sum(len((child.tail or "").strip()) for child in element)
        if element is not root:
            totals[element.getparent()] += totals[element]
    return totals


def _is_main_candidate(element) -> bool:
    tag = _tag(element)
    return (
        tag in ("article", "main")
        or (element.get("itemprop") or "") == "articleBody"
        or (element.get("role") or "") == "main"
        or bool(_MAIN_CLASSES & set(_classes(element)))
    )


def _main_container(body):
    totals = _prose_lengths(body)
    candidates = [e for e in body.iter() if isinstance(e.tag, str) and _is_main_candidate(e)]
    candidates = [e for e in candidates if totals.get(e, 0) > 0]
    if not candidates:
        return None, totals
    largest = max(totals[e] for e in candidates)
    near = [e for e in candidates if totals[e] >= _NEAR_MAX * largest]
    articles = [e for e in near if _tag(e) == "article"]
    chosen = min(articles or near, key=lambda e: len(_flat_text(e)))
    return chosen, totals


@dataclass
class _Readable:
    """Readability's guess at the article: its text, its lines as plain text, its prose."""

    text: str = ""
    lines: frozenset[str] = frozenset()
    prose: int = 0


def _readability_guess(body) -> _Readable:
    try:
        summary = Document(lxml.html.tostring(body, encoding="unicode")).summary(html_partial=True)
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises its own and lxml's errors on odd pages
        return _Readable()
    return _Readable(
        _write(fragment, marked=True).text(),
        frozenset(_write(fragment, marked=False).lines()),
        _prose_lengths(fragment).get(fragment, 0),
    )


def _page_furniture(body) -> list:
    return [
        element
        for element in body.iter()
        if isinstance(element.tag, str)
        and (
            _tag(element) in _FURNITURE_TAGS
            or (element.get("role") or "").lower() in _FURNITURE_ROLES
        )
        and not any(_tag(p) in ("article", "main") for p in element.iterancestors())
    ]


def _has_article_text(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= 3


# --- Metadata --------------------------------------------------------------------------------


@dataclass
class _Metadata:
    meta: dict[str, str]
    json_ld: list[dict]
    canonical: str
    title: str


def _read_metadata(root) -> _Metadata:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in meta:
            meta[key] = content
    json_ld: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            json_ld.extend(_json_ld_objects(script.text))
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        "",
    )
    title_element = next(root.iter("title"), None)
    title = _collapse(title_element.text_content()) if title_element is not None else ""
    return _Metadata(meta, json_ld, canonical, title)


def _json_ld_objects(text: str) -> list[dict]:
    try:
        data = json.loads(text[:1_000_000])
    except (ValueError, RecursionError):
        return []
    objects, stack = [], [data]
    while stack and len(objects) < 200:
        value = stack.pop()
        if isinstance(value, dict):
            objects.append(value)
            stack.extend(reversed([v for v in value.values() if isinstance(v, (dict, list))]))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return objects


def _json_ld_value(metadata: _Metadata, key: str):
    return next((obj[key] for obj in metadata.json_ld if obj.get(key)), None)


def _title(metadata: _Metadata, h1: str) -> str:
    site = _collapse(metadata.meta.get("og:site_name", ""))
    for key in ("og:title", "twitter:title"):
        if metadata.meta.get(key):
            return _without_site_name(_collapse(metadata.meta[key]), site)
    if h1:
        return h1
    return _without_site_suffix(_without_site_name(metadata.title, site))


def _without_site_name(title: str, site: str) -> str:
    """ "Boats - Example News" -> "Boats" when the page names its site "Example News"."""
    for separator in _TITLE_SEPARATORS:
        if site and title.endswith(separator + site) and len(title) > len(separator + site):
            return title[: -len(separator + site)].strip()
    return title


def _without_site_suffix(title: str) -> str:
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and len(tail.split()) <= 4:
            return head.strip()
    return title


def _iso_date(value: str) -> str:
    match = _ISO_DATE_RE.match(value)
    if match:
        try:
            return PartialDate.from_iso(match.group(0)).isoformat()
        except ValueError:
            pass
    date = find_date(value)
    return date.isoformat() if date else ""


def _published(metadata: _Metadata, article: _Article) -> str:
    candidates = [
        metadata.meta.get("article:published_time", ""),
        metadata.meta.get("og:published_time", ""),
        metadata.meta.get("og:article:published_time", ""),
    ]
    time = _first(article.header, lambda e: _tag(e) == "time" and e.get("datetime"))
    if time is None:  # a footer's "Posted on" says it is the publication date
        time = _first(article.elements, _is_publication_time)
    candidates.append(_machine_date(time) if time is not None else "")
    published = _json_ld_value(metadata, "datePublished")
    candidates.append(published if isinstance(published, str) else "")
    candidates.extend(
        metadata.meta.get(key, "") for key in ("date", "dc.date", "dcterms.date", "dc.date.issued")
    )
    candidates.append(_printed_publication_date(article.elements))
    candidates.append(article.date_heading)
    for candidate in candidates:
        iso = _iso_date(candidate) if candidate else ""
        if iso:
            return iso
    return ""


def _is_publication_time(element) -> bool:
    return bool(_machine_date(element)) and (
        _has_class(element, "published", "entry-date")
        or element.get("itemprop") == "datePublished"
        or element.get("pubdate") is not None
    )


def _machine_date(element) -> str:
    return element.get("datetime") or element.get("content") or ""


# "<h2 class='date-header'><span>Samstag, 5. Oktober 2013</span></h2>": a blog prints the day
# over the posts of that day, outside each post.
_DATE_CLASS_RE = re.compile(r"(?<![a-z])date(?![a-z])|date-?header|dateline", re.IGNORECASE)
_MAX_DATE_HEADING_CHARS = 60


def _date_heading_above(body, content) -> str:
    """The date of the nearest element above the article that is only a date and says so in
    its class ("date-header", "post-date"): the day a blog post was published."""
    found = ""
    for element in _walk(body):
        if element is content:
            return found
        classes = " ".join(_classes(element)) + " " + (element.get("id") or "").lower()
        if not _DATE_CLASS_RE.search(classes):
            continue
        text = _flat_text(element)
        date = find_date(text) if 0 < len(text) <= _MAX_DATE_HEADING_CHARS else None
        if date is not None and date.day is not None:
            found = date.isoformat()
    return ""


def _printed_publication_date(elements: list) -> str:
    """ "Published in Issue 32 of Linux Gazette, September 1998": a short line saying when."""
    for element in elements:
        if _tag(element) not in _BLOCKS or len(element) > 5:
            continue
        for line in _write(element, marked=False).lines():
            said = _PUBLISHED_RE.search(line) if len(line) <= _MAX_DATELINE_CHARS else None
            date = find_date(line[said.start() :]) if said else None
            if date is not None:
                return date.isoformat()
    return ""


def _byline(metadata: _Metadata, article: _Article) -> str:
    meta_author = metadata.meta.get("author", "")
    if meta_author and not _names_the_site(meta_author, metadata):
        return _as_name(meta_author)
    author = _json_ld_value(metadata, "author")
    for value in author if isinstance(author, list) else [author]:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and name.strip():
            return _as_name(name)
    article_author = metadata.meta.get("article:author", "")
    if article_author and not re.match(r"https?://", article_author):
        return _as_name(article_author)
    for region in (article.header, article.elements):
        for test in _BYLINE_TESTS:
            for element in filter(test, region):
                name = _as_name(_first_line(element))
                if name and len(name.split()) <= _MAX_NAME_WORDS:
                    return name
    return ""


def _first_line(element) -> str:
    """The element's first line: a byline may go on after a <br> ("Originally at OLinux")."""
    return next((line for line in _write(element, marked=False).lines() if line), "")


def _names_the_site(name: str, metadata: _Metadata) -> bool:
    """Whether a page's "author" is its own site ("NDR" on ndr.de, with twitter:site "@ndr"):
    an organisation's default, not who wrote the piece."""
    sites = (metadata.meta.get("og:site_name", ""), metadata.meta.get("twitter:site", ""))
    key = name.strip().casefold()
    return any(key == site.strip().lstrip("@").casefold() for site in sites if site)


# Where a page names its author, the most precise first: a link to the author's page, the name
# in an hCard, the byline as a whole ("By Sam Smith"), a short line that starts "By ".
_BYLINE_TESTS = (
    lambda e: "author" in (e.get("rel") or "").split(),
    lambda e: _has_class(e, "fn") and any(_has_class(p, "author", "byline") for p in _ancestors(e)),
    lambda e: e.get("itemprop") == "author",
    lambda e: _has_class(e, "byline"),
    lambda e: _tag(e) in _BYLINE_TAGS and bool(_BY_LINE_RE.match(_flat_text(e)[:80])),
)
_BYLINE_TAGS = _names("p div span h2 h3 h4 h5 h6 address")
# "By Scott Ruecker", "Von Korinna Hennig": the whole line is a byline.
_BY_LINE_RE = re.compile(r"(?:by|von)\s+\S", re.IGNORECASE)


def _ancestors(element, limit: int = 4) -> list:
    found, parent = [], element.getparent()
    while parent is not None and len(found) < limit:
        found.append(parent)
        parent = parent.getparent()
    return found


def _header_region(content, h1) -> list:
    """The article's header: its elements before the first paragraph of prose, and the
    block around a title heading that sits outside the content."""
    around = h1.getparent() if h1 is not None else None
    if around is not None and _tag(around) in ("body", "html", "main"):
        around = h1  # the page's own level: the heading alone
    region = list(_walk(around)) if around is not None else []
    for element in _walk(content):
        if _tag(element) == "p" and len(_flat_text(element).split()) >= _PROSE_WORDS:
            break
        region.append(element)
    return region


def _as_name(text: str) -> str:
    return _BY_RE.sub("", _collapse(text)).strip()


def _source_url(metadata: _Metadata, url: str) -> str:
    for candidate in (metadata.canonical, metadata.meta.get("og:url", ""), url):
        if not candidate:
            continue
        absolute = urljoin(url, candidate.strip()) if url else candidate.strip()
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return ""


# --- The page --------------------------------------------------------------------------------


def document_from_html(html: str | bytes, *, url: str = "", charset: str = "") -> SourceDocument:
    """Read a web page (or a pasted HTML fragment) into what the text parser reads.

    Raises UnreadableSource, with a sentence for the editor, for what is not a readable page.
    """
    text = _page_source(html, charset)
    root, parse_notes = _parse(text)
    _check_element_count(root)
    metadata = _read_metadata(root)
    _remove_invisible(root)
    body = _body(root)
    comments, set_aside = _read_comments(body)
    set_aside.extend(_take_comment_forms(body))
    article = _article(body, metadata, fragment=not _PAGE_TAG_RE.search(text[:100_000]))
    if not _has_article_text(article.text):
        raise UnreadableSource(
            "No article text was found in this page: it holds only menus, links or page "
            "furniture. Save the page with its article, or paste the article's text."
        )
    title_h1 = _first(article.header, lambda e: _tag(e) == "h1" and bool(_flat_text(e)))
    return SourceDocument(
        text=article.text,
        kind="html",
        title=_title(metadata, _flat_text(title_h1) if title_h1 is not None else ""),
        byline=_byline(metadata, article),
        published=_published(metadata, article),
        source_url=_source_url(metadata, url),
        comments=comments,
        set_aside=_unique(line for line in [*set_aside, *article.set_aside] if line),
        notes=parse_notes + _notes(comments, article),
    )


def _check_element_count(root) -> None:
    """Reading time grows with the page's elements, not its bytes: a page of more than
    MAX_ELEMENTS (an interview page holds a few thousand; a heavy one 50,000) is refused before
    the reading starts, inside a worker's request timeout."""
    for count, _ in enumerate(root.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise UnreadableSource(
                f"This page has more than {MAX_ELEMENTS:,} HTML elements, more than an "
                "interview page holds. Save only the article (or use the browser's reader "
                "view and save that), or paste its text."
            )


def _body(root):
    """The page's <body>, holding what a broken page wrote after it ("</body>-->") as browsers
    show it: at its end."""
    body = root.find("body")
    if body is None:
        return root
    if body.tail and body.tail.strip():
        last = body[-1] if len(body) else None
        if last is not None:
            last.tail = (last.tail or "") + body.tail
        else:
            body.text = (body.text or "") + body.tail
        body.tail = None
    return body


def _page_source(html: str | bytes, charset: str) -> str:
    """The page as text, or UnreadableSource for what is binary, empty or not HTML."""
    text = _decode(html, charset)
    _refuse_binary(text)
    if not text.strip():
        raise UnreadableSource("This page is empty: it holds no text to import.")
    if not _ANY_TAG_RE.search(text[:100_000]):
        raise UnreadableSource(
            "This file is not a web page: it holds no HTML markup. Paste it as text instead."
        )
    return text


def _take_comment_forms(body) -> list[str]:
    """The lines of the comment form ("Leave a Reply"), taken out of the page."""
    lines = []
    for form in _comment_forms(body):
        if _root_of(form) is _root_of(body):
            lines.extend(_write(form, marked=False).lines())
            _drop(form)
    return lines


@dataclass
class _Article:
    text: str  # for the parser
    set_aside: list[str]  # the page's other visible lines
    header: list  # where the byline, date and title heading are looked for first
    elements: list  # the whole article, where they are looked for next
    by_readability: bool = False
    date_heading: str = ""  # a date printed as a heading above the article (a blog's day)


def _article(body, metadata: _Metadata, *, fragment: bool) -> _Article:
    content, readable = _main_content(body, fragment)
    if content is None:
        page_lines = _write(body, marked=False).lines()
        outside = [line for line in page_lines if line and line not in readable.lines]
        everything = list(_walk(body))
        return _Article(readable.text, outside, everything, everything, by_readability=True)
    h1 = _page_h1(body, content, metadata)
    boxes = _boxes_within(content)
    text = _write(content, marked=True, boxes=set(boxes)).text()
    if h1 is not None:
        text = f"# {_flat_text(h1)}\n\n{text}"
    outside = [line for box in boxes for line in _write(box, marked=False).lines()]
    if content is not body:
        skip = {content} | ({h1} if h1 is not None else set())
        outside.extend(_write(body, marked=False, skip=skip).lines())
    article = _Article(text, outside, _header_region(content, h1), list(_walk(content)))
    article.date_heading = _date_heading_above(body, content)
    return article


def _boxes_within(content) -> list:
    """Boxes inside the article that are not the article: teasers of other pages, share and
    newsletter boxes, pagination. Their text is set aside, so that a teaser standing between two
    answers does not end up in the answer before it. A box holding much of the article's prose
    is kept: the class names say less than the text does."""
    totals = _prose_lengths(content)
    boxes: list = []  # in page order, so that their lines are set aside in it
    boxed: set = set()  # the boxes and everything in them
    for element in _walk(content):
        if element is content:
            continue
        if element.getparent() in boxed:
            boxed.add(element)
            continue
        words = " ".join(_classes(element)) + " " + (element.get("id") or "").lower()
        if _BOX_RE.search(words) and totals.get(element, 0) <= _MAX_BOX_SHARE * totals[content]:
            boxes.append(element)
            boxed.add(element)
    return boxes


def _notes(comments: list[ParsedComment] | None, article: _Article) -> list[str]:
    notes = []
    if comments:
        count = threads.count(comments, children=comment_replies)
        notes.append(
            f"Read {count} reader comment{'s' if count != 1 else ''} from the page's comment "
            f"markup ({len(comments)} at the top level, the rest replies)."
        )
    if article.by_readability:
        notes.append(
            "The page marks no article container: its text was chosen by readability. Check "
            "the lines set aside for any part of the interview."
        )
    return notes


def _main_content(body, fragment: bool) -> tuple[object | None, _Readable]:
    """The article's container, or None and readability's guess when no container holds most
    of the page's prose (or readability finds more)."""
    if fragment:
        return body, _Readable()
    container, totals = _main_container(body)
    if container is not None and totals[container] >= 0.5 * totals.get(body, 0):
        return container, _Readable()
    readable = _readability_guess(_without_furniture(body))
    if container is not None and (
        readable.prose < 0.5 * totals[container] or not _has_article_text(readable.text)
    ):
        return container, _Readable()
    return None, readable


def _without_furniture(body):
    copy = lxml.html.fromstring(lxml.html.tostring(body, encoding="unicode"))
    for element in _page_furniture(copy):
        _drop(element)
    return copy


def _page_h1(body, content, metadata: _Metadata):
    """The page's title heading when it sits just before the chosen container, and names
    what the page's title names (not a site logo set as a heading)."""
    if next(content.iter("h1"), None) is not None:
        return None
    order = {element: index for index, element in enumerate(body.iter())}
    before = [h for h in body.iter("h1") if order[h] < order[content]]
    if not before:
        return None
    heading = _flat_text(before[-1]).casefold()
    titles = [metadata.meta.get("og:title"), metadata.meta.get("twitter:title"), metadata.title]
    titles = [_without_site_suffix(title).casefold() for title in titles if title]
    if heading and titles and not any(heading in title or title in heading for title in titles):
        return None
    return before[-1]


def _unique(lines) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out
