"""Lines into units: paragraphs, lists, captions, stage directions, headings, rules, furniture.

A unit is what a speaker label can open: one paragraph (hard-wrapped lines joined again) or one
list. A publishing system's placeholders ("=IMAGE=photo.jpg=Caption=") are captions, a
"=BOX_START=" ... "=BOX_END=" sidebar is one caption, and a photo credit on its own line closes
a picture's block (credit, caption, alt text) as one caption. Whether a label is a speaker's
is decided later over all units (see parser.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import furniture
from .dates import date_span
from .labels import LabelMatch, read_label
from .pdf import Line, join_all, join_wrapped
from .text import (
    bullet_item,
    ends_question,
    is_rule,
    is_upper_text,
    strip_emphasis,
    unescape_brackets,
    word_count,
)

_IMAGE_RE = re.compile(r"!\[([^\]]{0,300})\]\([^)]{0,500}\)\s*$")
_CAPTION_RE = re.compile(
    r"(?:fig(?:ure)?\.?\s*\d{1,3}[a-z]?(?:\.\d{1,2})?\s*[:.|\-–—]"
    r"|(?:image|photo|photograph|picture|illustration|graphic|chart|video|map)\s*(?:\d{1,3}\s*)?:"
    r"|(?:photo|image|picture|illustration)\s+(?:credit|courtesy|by|source)\b"
    r"|caption\s*:)",
    re.IGNORECASE,
)
# "SIDE TWO", "END OF TAPE 1", "TAPE 2, SIDE 1", "BEGIN TAPE 3", "END OF INTERVIEW", "Start of
# Film 2": where the recording turns over or stops, written without brackets.
_DESIGNATOR = r"(?:\d{1,3}|[A-D]|[IVX]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)"
_RECORDING_NOUN = r"(?:tape|side|cassette|reel|disc|disk|film|session|recording|interview)"
_RECORDING_MARKER_RE = re.compile(
    rf"(?:(?:begin(?:ning)?|start|end|continuation|resume|resuming)(?:\s{{1,3}}of)?\s{{1,3}})?"
    rf"{_RECORDING_NOUN}(?:\s{{1,3}}(?:#\s?)?{_DESIGNATOR})?"
    rf"(?:\s{{0,3}}[,;/\-–—]?\s{{1,3}}{_RECORDING_NOUN}\s{{1,3}}(?:#\s?)?{_DESIGNATOR})?",
    re.IGNORECASE,
)
# A publishing system's placeholder on a line of its own: "=IMAGE=photo.jpg=Caption text=",
# "=ZOOM="A pull quote"=", "=TEXTBOX_START=Sidebar title=" ... "=TEXTBOX_END=".
_PLACEHOLDER_RE = re.compile(r"=([A-Z][A-Z0-9_]{1,30})=(?:(.{0,3000})=)?")
_FILE_NAME_RE = re.compile(r"[\w.\-/]{1,200}\.[A-Za-z0-9]{2,5}")
_MAX_SIDEBAR_LINES = 400
# A photo credit standing alone: "Jane Doe for The Daily Planet", "Jane Doe/Reuters",
# "Courtesy of the artist".
_NAME_WORD = r"(?:[A-Z][a-z][\w'’-]{0,29}|[A-Z]\.)"  # "Jane", "McKee", "J."
_CREDIT_RE = re.compile(
    rf"(?:{_NAME_WORD}\s){{1,3}}{_NAME_WORD}(?:\sfor\s|\s?/\s?)(?:the\s)?"
    r"[A-Z][\w&.'’-]{0,30}(?:\s[A-Z][\w&.'’-]{0,30}){0,4}"
    r"|(?i:courtesy of|photograph(?:ed)? by|photo(?:graph)?s? by)\s.{1,80}"
)
_MAX_ALT_CHARS = 100  # a photo's alt text: a short description
_LINK_DEFINITION_RE = re.compile(r"\[([^\[\]]{1,100})\]:(?:\s|$)")
_SETEXT_RE = re.compile(r"={3,200}")
_QUOTE_MARKS = "> "
_MAX_DIRECTION_WORDS = 6
# "AUDIENCE:  Wooo!", "AUDIENCE MEMBER: Yeah!", "CROWD: Four more years!": the room reacts, as
# "(Applause.)" says; nobody takes part in the talk. (A misspelt "AUDIENCCE" is the same word.)
_CROWD_REACTION_RE = re.compile(
    r"(?:THE )?(?:AUDIE[A-Z]{2,4}|CROWD)(?: MEMBERS?)?: (?P<shout>[^?]{1,60})"
)
_MAX_SHOUT_WORDS = 5
_MAX_CAPTION_WORDS = 80


@dataclass
class Unit:
    kind: str  # "text", "list", "caption", "direction", "heading", "rule", "furniture"
    text: str  # as written, lines joined; a whole-paragraph emphasis wrapper removed
    line: int  # input index of its first line
    gap: int = 0  # blank lines before it
    label: LabelMatch | None = None  # a label-shaped start, accepted or not
    first: str = ""  # the first line as written
    decorated: bool = False  # wrapped in bold/italic as a whole, or a Markdown heading
    reason: str = ""  # why furniture
    level: int = 0  # Markdown heading level
    lines: int = 1  # how many input lines it spans
    body: str = ""  # the text after its label, when it has one (the label may be rejected later)
    timestamp: int | None = None  # of a caption or direction written after a time
    indices: list[int] = field(default_factory=list)  # every input line it took, in order
    quoted: bool = False  # written after "> ", as a mail or Usenet post quotes
    indent: int = 0  # of its first line, as written
    # A list's items: (indent, text without its bullet, input lines), in order.
    items: list[tuple[int, str, list[int]]] = field(default_factory=list)
    depth: int = -1  # a list item read as a unit of its own: how far it is indented, 0 at the top


def _heading(text: str) -> tuple[int, str] | None:
    """(level, text) of a Markdown heading: "## Title ##" -> (2, "Title")."""
    level = len(text) - len(text.lstrip("#"))
    if not 1 <= level <= 6 or text[level : level + 1] not in (" ", "\t"):
        return None
    title = text[level:].strip().rstrip("#").rstrip()
    return (level, title) if title else None


def markdown_heading(text: str) -> bool:
    """Whether the stripped line is a Markdown ATX heading ("## Show notes")."""
    return _heading(text) is not None


def is_caption(text: str) -> bool:
    return (
        text[:1].isupper()
        and bool(_CAPTION_RE.match(text))
        and word_count(text) <= _MAX_CAPTION_WORDS
    )


def placeholder(text: str) -> tuple[str, str] | None:
    """(keyword, shown text) of a publishing system's placeholder line, or None.

    "=IMAGE=photo.jpg=Jane Doe at work=" -> ("IMAGE", "Jane Doe at work"): the file name is
    markup, the caption is what a reader sees."""
    match = _PLACEHOLDER_RE.fullmatch(text)
    if match is None:
        return None
    keyword, inner = match.group(1), match.group(2) or ""
    first, sep, rest = inner.partition("=")
    if sep and _FILE_NAME_RE.fullmatch(first):
        inner = rest
    return keyword, inner.strip()


def _sidebar_ends(lines: list[Line]) -> dict[int, int]:
    """Position of each "=BOX_START=" placeholder -> position of its "=BOX_END=": a sidebar
    (a glossary, a table, a profile) set in the page between the paragraphs of the talk."""
    ends: dict[int, int] = {}
    index = 0
    while index < len(lines):
        found = placeholder(lines[index].text.strip())
        if found is None or not found[0].endswith("START"):
            index += 1
            continue
        closing = found[0][: -len("START")] + "END"
        for later in range(index + 1, min(len(lines), index + _MAX_SIDEBAR_LINES)):
            other = placeholder(lines[later].text.strip())
            if other is not None and other[0] == closing:
                ends[index] = later
                index = later
                break
            if other is not None and other[0].endswith("START"):
                break  # another box opens first: this one is not closed
        index += 1
    return ends


def is_credit(text: str) -> bool:
    """ "Jane Doe for The Daily Planet": a photo credit on its own line (no sentence)."""
    return (
        word_count(text) <= 10
        and text[-1:] not in ".?!:,;"
        and text[:1].isupper()
        and bool(_CREDIT_RE.fullmatch(text))
    )


def photo_blocks(units: list[Unit], wrapped: bool) -> list[Unit]:
    """A photo credit on its own line ends a picture's block: the credit is a caption, and in
    hard-wrapped text so is the one-line paragraph above it (the caption) and a short one-line
    paragraph above that (the picture's alt text), as a web page dumped as text sets them."""
    merged: list[Unit] = []
    for unit in units:
        if (
            unit.kind != "text"
            or unit.label is not None
            or unit.lines != 1
            or not is_credit(unit.text)
        ):
            merged.append(unit)
            continue
        taken: list[Unit] = []
        while wrapped and merged and len(taken) < 2:
            above = merged[-1]
            if (
                above.kind != "text"
                or above.label is not None
                or above.lines != 1
                or above.indent != unit.indent
                or (taken and len(above.text) > _MAX_ALT_CHARS)
                or ends_question(above.text)
            ):
                break
            taken.insert(0, merged.pop())
        block = [*taken, unit]
        caption = Unit("caption", " ".join(u.text for u in block), block[0].line, block[0].gap)
        caption.first, caption.indent = block[0].first, block[0].indent
        caption.lines = len(block)
        caption.indices = [i for u in block for i in u.indices]
        merged.append(caption)
    return merged


def is_direction(text: str) -> bool:
    """ "(VIDEO CLIP)", "[Music]", "(COMMERCIAL BREAK)", "♪ ♪": a marker standing alone."""
    text = text.rstrip(" .")
    if not text:
        return False
    if all(ch in "♪♫ " for ch in text):
        return True
    if text[0] == "♪" and text[-1] == "♪":
        return word_count(text) <= _MAX_DIRECTION_WORDS + 2
    if text[0] != "<" and is_recording_marker(text):
        return True
    pairs = {"(": ")", "[": "]", "<": ">"}
    if text[0] not in pairs or text[-1] != pairs[text[0]]:
        return False
    inner = text[1:-1]
    if any(mark in inner for mark in "()[]<>"):
        return False
    if text[0] == "<" and (
        not inner[:1].isalpha() or inner[1:2].isspace() or any(mark in inner for mark in "/@=:.\"'")
    ):
        return False  # "<http://...>", "<jane@example.org>", "<v Ann>": not a stage direction
    if not any(ch.isalpha() for ch in inner):
        return False
    return word_count(inner) <= _MAX_DIRECTION_WORDS


def is_crowd_reaction(text: str) -> bool:
    """ "AUDIENCE: Wooo!": a short shout of the room, written like a speaker's line. One that
    asks something, or says more than a few words, is someone from the floor speaking."""
    found = _CROWD_REACTION_RE.fullmatch(" ".join(text.split()))
    return found is not None and word_count(found.group("shout")) <= _MAX_SHOUT_WORDS


def _is_link_definition(text: str) -> bool:
    """ "[a]: https://...", "[#]: collector: (jdoe)", "[episode]: {{ url }}": Markdown's link
    reference definitions (and the comments written as them), which a reader never sees."""
    found = _LINK_DEFINITION_RE.match(text)
    return found is not None and not any(ch.isdigit() for ch in found.group(1)[:1])


def is_recording_marker(text: str) -> bool:
    """ "SIDE TWO", "END OF TAPE 1", "TAPE 2, SIDE 1": the recording turns over or stops.

    A bare noun ("Interview", "Session") is a heading, not a marker: it needs a number or a
    "BEGIN"/"END OF"; and a marker in lower case ("end of tape") is someone's words.
    """
    text = text.rstrip(" .:")
    if len(text) > 40 or not text[:1].isupper() or not _RECORDING_MARKER_RE.fullmatch(text):
        return False
    words = text.replace(",", " ").split()
    return len(words) >= 2 and (
        is_upper_text(text) or all(w[:1].isupper() or w[:1].isdigit() or w == "of" for w in words)
    )


def classify(text: str) -> tuple[str, str, bool, int]:
    """(kind, text, decorated, heading level) for one stripped line opening a unit."""
    if is_rule(text):
        return "rule", text, False, 0
    if text.startswith("#"):
        heading = _heading(text)
        if heading is not None:
            return "heading", heading[1], True, heading[0]
    if text.startswith("="):
        shown = placeholder(text)
        if shown is not None:
            return ("caption", shown[1], False, 0) if shown[1] else ("furniture", text, False, 0)
    if text.startswith("!["):
        image = _IMAGE_RE.match(text)
        if image:
            alt = image.group(1).strip()
            return ("caption", alt, False, 0) if alt else ("furniture", text, False, 0)
    if text.startswith("[") and _is_link_definition(text):
        return "furniture", text, False, 0
    plain, decorated = strip_emphasis(text)
    if is_caption(plain):
        return "caption", plain, decorated, 0
    if is_direction(plain) or is_crowd_reaction(plain):
        return "direction", plain, decorated, 0
    if furniture.line_furniture(text):
        return "furniture", text, False, 0
    item = bullet_item(text)
    if item and item[1] and _date_alone(text):
        item = None  # "5. Oktober 2013": a German date, not the fifth item of a list
    if item:
        # "• Twitter", "• Share": a list of buttons is furniture too.
        if not item[1] and furniture.line_furniture(item[0][2:]):
            return "furniture", text, False, 0
        return "list", text, False, 0
    return "text", plain, decorated, 0


def _date_alone(text: str) -> bool:
    span = date_span(text)
    return span is not None and span[0] == 0 and not text[span[1] :].strip(" .,")


def strip_quote_marks(text: str) -> str:
    """ "> quoted" and ">> NAME:" (a caption-feed speaker change) lose their markers; so does
    a mail quote written tight against its words (">What was the idea?")."""
    if not text.startswith(">"):
        return text
    stripped = text.lstrip(">")
    if stripped[:1] in (" ", "\t", ""):
        return stripped.lstrip()
    if len(text) - len(stripped) == 1 and (stripped[:1].isalnum() or stripped[:1] in "\"'“‘"):
        return stripped
    return text


class LineReader:
    """Reads each distinct line once, whichever step asks: its label shape and its kind."""

    def __init__(self) -> None:
        self._labels: dict[str, LabelMatch | None] = {}
        self._kinds: dict[str, tuple[str, str, bool, int]] = {}

    def label(self, text: str) -> LabelMatch | None:
        if text not in self._labels:
            self._labels[text] = read_label(text)
        return self._labels[text]

    def kind(self, text: str) -> tuple[str, str, bool, int]:
        if text not in self._kinds:
            self._kinds[text] = classify(text)
        return self._kinds[text]

    def opens_unit(self, text: str) -> bool:
        """Whether a line starts something new: a label, a bullet, a caption, a heading."""
        text = strip_quote_marks(text)
        return (
            bool(bullet_item(text)) or self.kind(text)[0] != "text" or self.label(text) is not None
        )

    def is_closed(self, text: str) -> bool:
        """Whether nothing continues a line: a label alone, a heading, a direction, furniture."""
        text = strip_quote_marks(text)
        if self.kind(text)[0] not in ("text", "list", "caption"):
            return True
        label = self.label(text)
        return label is not None and label.alone


@dataclass
class _Open:
    unit: Unit
    parts: list[str]  # paragraph lines, or list items
    last_line: str
    indent: int = 0  # of its first line
    hanging: bool = False  # its later lines start left of its first: "    First line\nmore"
    items: list[tuple[int, list[int]]] = field(default_factory=list)  # (indent, lines) each


def build_units(
    lines: list[Line], width: int | None, words: set[str], reader: LineReader | None = None
) -> list[Unit]:
    """Group lines into units; `width` is the hard-wrap width (None: one paragraph per line)."""
    reader = reader or LineReader()
    units: list[Unit] = []
    current: _Open | None = None
    gap = 0

    def flush() -> None:
        nonlocal current
        if current is None:
            return
        unit = current.unit
        if unit.kind == "list":
            unit.text = "\n".join(current.parts)
            if len(current.items) == len(current.parts):
                unit.items = [
                    (indent, part[2:] if part.startswith("• ") else part, indices)
                    for (indent, indices), part in zip(current.items, current.parts, strict=True)
                ]
        elif unit.reason == "sidebar":
            unit.text = " ".join(part for part in current.parts if part)
        elif len(current.parts) > 1:
            unit.text, unit.decorated = _unwrap_emphasis(join_all(current.parts, words), unit)
            if unit.label is not None:
                unit.body = join_all([unit.label.body, *current.parts[1:]], words).strip()
        units.append(unit)
        current = None

    sidebars = _sidebar_ends(lines)
    sidebar_end = -1
    for position, line in enumerate(lines):
        if position <= sidebar_end:
            # Inside a sidebar: its lines are the sidebar's, not the talk's.
            text = line.text.strip()
            if text:
                current.parts.append(placeholder(text)[1] if placeholder(text) else text)
                current.unit.lines += 1
                current.unit.indices.append(line.index)
            if position == sidebar_end:
                flush()
            continue
        if position in sidebars:
            flush()
            text = line.text.strip()
            unit = Unit("caption", text, line.index, gap, None, text, reason="sidebar")
            unit.indices = [line.index]
            current = _Open(unit, [placeholder(text)[1]], text, line.indent)
            sidebar_end = sidebars[position]
            gap = 0
            continue
        text = strip_quote_marks(line.text)
        if not text:
            flush()
            gap += 1
            continue
        if (
            current is not None
            and current.unit.kind == "text"
            and current.unit.lines == 1
            and _SETEXT_RE.fullmatch(text)
        ):
            # "Title" over "=====": Markdown's other way to write a top-level heading.
            unit = current.unit
            unit.kind, unit.level, unit.decorated, unit.label = "heading", 1, True, None
            unit.text = unit.body = strip_emphasis(unit.first)[0]
            unit.lines += 1
            unit.indices.append(line.index)
            flush()
            continue
        if (
            current is not None
            and current.unit.quoted == line.text.startswith(">")  # a quote is its own paragraph
            and _continues(current, line, text, width, reader)
        ):
            if current.unit.kind == "list":
                current.parts[-1] = join_wrapped(current.parts[-1], text, words)
                if current.items:
                    current.items[-1][1].append(line.index)
            else:
                current.parts.append(text)
            current.last_line = text
            current.unit.lines += 1
            current.unit.indices.append(line.index)
            current.hanging = current.hanging or line.indent < current.indent
            continue
        item = bullet_item(text)
        if item and current is not None and current.unit.kind == "list" and gap == 0:
            current.parts.append(item[0])
            current.items.append((line.indent, [line.index]))
            current.last_line = text
            current.unit.lines += 1
            current.unit.indices.append(line.index)
            continue
        flush()
        kind, shown, decorated, level = reader.kind(text)
        label = reader.label(text) if kind == "text" else None
        if kind == "heading":
            # "#### Sam Reed [00:00:09]": a speaker's name and time set as a heading. The label
            # is kept for the parser to judge; a heading it stays unless the name recurs.
            named = reader.label(unescape_brackets(shown))
            if (
                named is not None
                and named.label
                and named.alone
                and (named.timestamp is not None or named.style == "chat")
            ):
                label = named
        if label is None and kind == "text" and decorated and shown != text:
            # "**OSTechNix: What's your background?**": the label inside a bold question.
            label = reader.label(shown)
        stamp = None
        if label is not None and label.style == "bare" and label.body:
            # "[00:00:19] [bees buzzing]": a timed direction or caption.
            inner = reader.kind(label.body)
            if inner[0] in ("direction", "caption"):
                kind, shown, decorated, level = inner
                stamp, label = label.timestamp, None
        unit = Unit(kind, shown, line.index, gap, label, text, decorated, level=level)
        unit.indent = line.indent
        unit.timestamp = stamp
        unit.indices = [line.index]
        unit.quoted = line.text.startswith(">")
        unit.body = label.body if label is not None else shown
        if kind == "furniture":
            unit.reason = furniture.line_furniture(text) or "furniture"
        parts = [item[0]] if kind == "list" and item else [text]
        current = _Open(unit, parts, text, line.indent)
        if kind == "list" and item:
            current.items.append((line.indent, [line.index]))
        gap = 0
    flush()
    return photo_blocks(units, width is not None)


_MIN_LABELLED_ITEMS = 2
_MIN_ITEM_WORDS = 3


def split_labelled_lists(units: list[Unit], reader: LineReader) -> list[Unit]:
    """Where list items carry speaker labels ("- Jane: Yes, ...", "    - Bo: No."), as in a
    Q&A thread copied into a list, every item is a unit of its own, its label read, and knows
    how far it is nested (`depth`, in columns)."""
    keys: Counter[str] = Counter()
    for unit in units:
        for _, text, _ in unit.items:
            label = reader.label(text)
            # Speech, not a link list's "- Twitter: @jane".
            if label is not None and label.label and word_count(label.body) >= _MIN_ITEM_WORDS:
                keys[label.key] += 1
    if not any(count >= _MIN_LABELLED_ITEMS for count in keys.values()):
        return units
    top = min(indent for unit in units for indent, _, _ in unit.items)
    found: list[Unit] = []
    for unit in units:
        if unit.kind != "list" or not unit.items:
            found.append(unit)
            continue
        for position, (indent, text, indices) in enumerate(unit.items):
            label = reader.label(text)
            item = Unit("text", text, indices[0], unit.gap if position == 0 else 0, label, text)
            item.indices = list(indices)
            item.lines = len(indices)
            item.body = label.body if label is not None else text
            item.depth = indent - top
            found.append(item)
    return found


def _continues(
    current: _Open, line: Line, text: str, width: int | None, reader: LineReader
) -> bool:
    """Whether `text` goes on the open unit rather than opening a new one."""
    unit = current.unit
    if unit.kind not in ("text", "list", "caption"):
        return False
    if line.joins_previous:
        # Across a page break, a line that opens with a label under a short line (a cover
        # page's "Mountain View, CA") starts the talk; under a full line it may go on.
        if reader.label(text) is None:
            return True
        return width is not None and _is_wrapped_line(current.last_line, width)
    if width is None or (unit.label is not None and unit.label.alone):
        return False
    if current.hanging and line.indent >= current.indent:
        return False  # paragraphs open indented, their lines flush left: a new paragraph
    if _inline_direction(text) and _is_wrapped_line(current.last_line, width):
        return True  # "... is insane.\n(Laughter.)": the sentence's aside, wrapped down
    if reader.opens_unit(text):
        # In a record whose paragraphs open indented, "Senator Reed. He said ..." flush left
        # after a full line is the sentence going on, not a speaker.
        label = reader.label(text)
        return (
            label is not None
            and label.style == "hearing"
            and current.indent > line.indent
            and _is_wrapped_line(current.last_line, width)
        )
    if unit.kind == "list" and line.indent == 0 and not _is_wrapped_line(current.last_line, width):
        return False
    return _is_wrapped_line(current.last_line, width) or current.last_line.endswith(("-", "\u00ad"))


def _inline_direction(text: str) -> bool:
    """ "(Laughter.)", "(Inaudible.)": an aside written as a sentence inside the paragraph
    (sentence case, its own full stop), unlike a standalone "(LAUGHTER)" or "[Music]"."""
    return (
        text.startswith("(")
        and text.endswith(".)")
        and 3 <= len(text) <= 40
        and text[1:2].isupper()
        and not text[2:3].isupper()
        and is_direction(text)
    )


def _is_wrapped_line(previous: str, width: int) -> bool:
    return len(previous) >= 0.6 * width


def _unwrap_emphasis(joined: str, unit: Unit) -> tuple[str, bool]:
    if unit.kind != "text":
        return joined, unit.decorated
    plain, decorated = strip_emphasis(joined)
    return plain, decorated
