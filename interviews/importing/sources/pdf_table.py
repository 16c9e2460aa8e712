"""A PDF page's lines in reading order, when the page is laid out as a table.

Many transcripts are typeset as a table: a narrow column of timecodes ("01:02:19") or speaker
names beside a wide column of what is said, one row a turn; depositions number their lines down
the left margin. pdfminer lays each column out as its own text boxes, so its reading order puts
every timecode before all of the text. Here a page is read as such a table when the lines left
of its text column are (nearly) all cells, timecodes, short labels or line numbers, sitting
beside the text; the page is then read row by row, each row's cell before its text
("01:02:19 They were very supportive", "Frank: Well, my name is..."). Line numbers are set aside
and the text read on as it runs. Any other page keeps pdfminer's order, box after box: two
columns of prose are read one column after the other.

Pure Python with no Django import, like the parser.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdf import PageLine

# The text column begins within this share of the page's width from its left edge: what stands
# left of it is a narrow margin column, not the first of two columns of prose.
MAX_CELL_COLUMN = 0.4
# A line at least this share of the page's width wide is a line of the text column.
_TEXT_LINE_WIDTH = 0.25
# Lines whose left edges differ by less than this share of the page's width start in one column.
_SAME_EDGE = 0.01
# A cell ends at least this share of the page's width left of the text column.
_COLUMN_GAP = 0.005
# At least this many cells, and this share of the lines left of the text column, make a table.
_MIN_CELLS = 2
_MIN_CELL_SHARE = 0.75
# A cell's top within this share of its height from a text line's top starts the same row.
_ALIGNED = 0.4
# Text cells whose tops differ by less than this share of the page's height are in one row.
_LEVEL = 0.005
_TIMECODE_RE = re.compile(r"[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?")
_LINE_NUMBER_RE = re.compile(r"\d{1,3}")
# A speaker's name or a column's heading: a few capitalised words ("Frank", "Time code", "Q:").
_LABEL_RE = re.compile(r"[A-Z][\w.'’\- ]{0,28}:?")
_MAX_LABEL_WORDS = 3
_MAX_HEADER_WORDS = 4


@dataclass
class PageText:
    """A page's text in reading order, what was set aside from it, and how it was read."""

    text: str
    set_aside: list[str] = field(default_factory=list)
    layout: str = "boxes"  # "boxes" (pdfminer's order), "table", "line numbers"
    header: bool = False  # a table's header row was set aside


@dataclass
class Rule:
    """A horizontal line drawn on the page: where a table draws its rows' borders."""

    from_top: float  # below the page's top, as a share of its height
    left: float  # its ends, from the page's left, as shares of its width
    right: float


@dataclass
class _Cell:
    text: str
    kind: str  # "time", "number", "label"
    top: float  # shares of the page's height below its top
    bottom: float
    line_height: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Row:
    top: float
    cells: list[_Cell] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def read_page_lines(
    lines: list[PageLine], rules: Sequence[Rule] = (), *, min_cells: int = _MIN_CELLS
) -> PageText:
    """The page's `lines` (furniture removed) as text: row by row when the page is a table of
    `min_cells` cells or more, between the `rules` drawn under its cells when there are such."""
    edge = _text_column_edge(lines)
    if edge is not None:
        left = [line for line in lines if line.right <= edge - _COLUMN_GAP]
        cells = _cells_of(left)
        if _is_cell_column(cells, left, lines, edge, min_cells):
            found = _distinct(cells)
            if sum(cell.kind == "number" for cell in found) * 2 > len(found):
                return _without_line_numbers(lines, edge)
            return _by_rows(lines, cells, edge, list(rules))
    return PageText(_in_boxes(lines))


def layout_notes(layouts: Counter[str], headers: int) -> list[str]:
    """What the editor should know about pages read other than in pdfminer's order."""
    notes = []
    if layouts["table"]:
        pages = _pages(layouts["table"])
        notes.append(
            f"Read {pages} laid out as a table (a column of timecodes or names beside the "
            "text) row by row, each row's timecode or name before its text."
        )
    if headers:
        notes.append(f"Set aside the table's header row on {_pages(headers)}.")
    if layouts["line numbers"]:
        numbered = _pages(layouts["line numbers"])
        notes.append(f"Removed the line numbers in the margin of {numbered}.")
    return notes


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def _in_boxes(lines: list[PageLine]) -> str:
    """pdfminer's reading order: box after box, a blank line between boxes."""
    boxes: dict[int, list[str]] = {}
    for line in lines:
        boxes.setdefault(line.box, []).append(line.text)
    return "\n\n".join("\n".join(texts) for texts in boxes.values())


def _text_column_edge(lines: list[PageLine]) -> float | None:
    """Where the page's text column begins, when that leaves room for a narrow column left of
    it: the commonest left edge of the page's long lines."""
    long_lines = [line for line in lines if line.right - line.left >= _TEXT_LINE_WIDTH]
    if not long_lines:
        return None
    commonest, _ = Counter(round(line.left / _SAME_EDGE) for line in long_lines).most_common(1)[0]
    edge = min(line.left for line in long_lines if round(line.left / _SAME_EDGE) == commonest)
    return edge if _SAME_EDGE * 2 < edge <= MAX_CELL_COLUMN else None


def cell_kind(text: str) -> str | None:
    """ "time", "number" or "label" when `text` is what a table's margin cell holds."""
    if _TIMECODE_RE.fullmatch(text):
        return "time"
    if _LINE_NUMBER_RE.fullmatch(text):
        return "number"
    if _LABEL_RE.fullmatch(text) and len(text.split()) <= _MAX_LABEL_WORDS:
        return "label"
    return None


def _cells_of(left: list[PageLine]) -> list[_Cell | None]:
    """The cell of each line left of the text column (None for a line that is no cell's); the
    two lines of a name wrapped in one box share one cell."""
    cells: list[_Cell | None] = []
    for index, line in enumerate(left):
        kind = cell_kind(line.text)
        last = cells[-1] if cells else None
        if (
            kind == "label"
            and last is not None
            and last.kind == "label"
            and left[index - 1].box == line.box
            and cell_kind(f"{last.text} {line.text}") == "label"
        ):
            last.text = f"{last.text} {line.text}"
            last.bottom = line.bottom
            cells.append(last)
        elif kind is None:
            cells.append(None)
        else:
            height = line.bottom - line.from_top
            cells.append(_Cell(line.text, kind, line.from_top, line.bottom, height))
    return cells


def _distinct(cells: list[_Cell | None]) -> list[_Cell]:
    found: dict[int, _Cell] = {}
    for cell in cells:
        if cell is not None:
            found.setdefault(id(cell), cell)
    return list(found.values())


def _is_cell_column(
    cells: list[_Cell | None],
    left: list[PageLine],
    lines: list[PageLine],
    edge: float,
    min_cells: int,
) -> bool:
    """Whether the lines left of the text column are a table's cells beside its rows."""
    found = _distinct(cells)
    share = sum(cell is not None for cell in cells) / len(cells) if cells else 0.0
    if len(found) < min_cells or share < _MIN_CELL_SHARE:
        return False
    text_lines = [line for line in lines if line.left >= edge - _COLUMN_GAP]
    beside = sum(
        1
        for cell in found
        if any(line.from_top <= cell.middle <= line.bottom for line in text_lines)
        or any(cell.top <= line.from_top <= cell.bottom for line in text_lines)
    )
    return beside >= min_cells and _characters(left) < _characters(text_lines)


def _characters(lines: list[PageLine]) -> int:
    return sum(len(line.text) for line in lines)


def _without_line_numbers(lines: list[PageLine], edge: float) -> PageText:
    """A page with numbered lines: the numbers set aside, the rest line after line. Each
    numbered line is a line of the text, however widely they are spaced (pdfminer makes a box
    of each double-spaced line), so no blank line parts them."""
    numbers = [
        line
        for line in lines
        if line.right <= edge - _COLUMN_GAP and cell_kind(line.text) == "number"
    ]
    rest = [line for line in lines if not any(line is number for number in numbers)]
    rest.sort(key=lambda line: line.from_top)
    text = "\n".join(line.text for line in rest)
    return PageText(text, [line.text for line in numbers], "line numbers")


def _by_rows(
    lines: list[PageLine], cells: list[_Cell | None], edge: float, rules: list[Rule]
) -> PageText:
    left = [line for line in lines if line.right <= edge - _COLUMN_GAP]
    found = _distinct(cells)
    # Lines left of the text column that are no cell, and lines across both columns
    # ("Name: Stan Hoare", "01:01:52 What year was that?"), stand as rows of their own.
    others = [line for line, cell in zip(left, cells, strict=True) if cell is None]
    others += [line for line in lines if line.left < edge - _COLUMN_GAP < line.right - _COLUMN_GAP]
    text_lines = [line for line in lines if line.left >= edge - _COLUMN_GAP]
    rows: list[_Row] = []
    for top, bottom in _bands(rules, edge):
        band_cells = [cell for cell in found if top <= cell.middle < bottom]
        band_text = [line for line in text_lines if top <= _middle(line) < bottom]
        band_others = [line for line in others if top <= _middle(line) < bottom]
        if len(band_cells) == 1:  # the row's cell, wherever its text is in the row's height
            row_lines = band_text + band_others
            row_top = min([band_cells[0].top] + [line.from_top for line in row_lines])
            rows.append(_Row(row_top, band_cells, _paragraphs(row_lines)))
        else:
            rows += _unruled_rows(band_text, band_others, band_cells)
        found = _without(found, band_cells)
        text_lines = _without(text_lines, band_text)
        others = _without(others, band_others)
    rows += _unruled_rows(text_lines, others, found)
    rows.sort(key=lambda row: row.top)
    rows = _same_rows_joined(rows)
    page = PageText("", layout="table")
    header = next((row for row in rows if row.cells), None)
    if header is not None and _is_header(header, rows):
        page.set_aside.append(_row_text(header, labelled=False))
        page.header = True
        rows.remove(header)
    page.text = "\n\n".join(_row_text(row) for row in rows)
    return page


def _without(items: list, taken: list) -> list:
    """`items` but those in `taken` (the same objects: two lines may read alike)."""
    gone = {id(item) for item in taken}
    return [item for item in items if id(item) not in gone]


def _middle(line: PageLine) -> float:
    return (line.from_top + line.bottom) / 2


def _bands(rules: list[Rule], edge: float) -> list[tuple[float, float]]:
    """The rows the table's drawn borders mark: the spaces between the rules drawn under the
    cell column, top to bottom."""
    borders: list[float] = []
    for rule in sorted(rules, key=lambda rule: rule.from_top):
        under_cells = rule.left < edge - _COLUMN_GAP
        if under_cells and (not borders or rule.from_top - borders[-1] > _LEVEL):
            borders.append(rule.from_top)
    return list(pairwise(borders))


def _paragraphs(lines: list[PageLine]) -> list[str]:
    """A row's lines top to bottom, a blank line between those of different boxes."""
    texts: list[str] = []
    previous: PageLine | None = None
    for line in sorted(lines, key=lambda line: line.from_top):
        if previous is not None and previous.box != line.box:
            texts.append("")
        texts.append(line.text)
        previous = line
    return texts


def _unruled_rows(
    text_lines: list[PageLine], others: list[PageLine], cells: list[_Cell]
) -> list[_Row]:
    blocks: dict[int, list[PageLine]] = {}
    for line in text_lines:
        blocks.setdefault(line.box, []).append(line)
    rows = _rows_of(list(blocks.values()), cells)
    return rows + [_Row(line.from_top, [], [line.text]) for line in others]


def _rows_of(blocks: list[list[PageLine]], cells: list[_Cell]) -> list[_Row]:
    """The text column's boxes cut into rows where a cell's top meets a line's top; a cell
    standing beside a box but level with none of its lines (centred in a tall row) opens it."""
    rows: list[_Row] = []
    placed: set[int] = set()
    for block in sorted(blocks, key=lambda block: block[0].from_top):
        top, bottom = block[0].from_top, max(line.bottom for line in block)
        beside = [
            cell
            for cell in cells
            if id(cell) not in placed and top - _tolerance(cell) <= cell.middle <= bottom
        ]
        placed.update(id(cell) for cell in beside)
        starts = {_level_line(block, cell): cell for cell in beside}
        starts.pop(None, None)
        if 0 in starts:
            cuts = sorted(starts)
            for start, end in zip(cuts, [*cuts[1:], len(block)], strict=True):
                texts = [line.text for line in block[start:end]]
                rows.append(_Row(block[start].from_top, [starts[start]], texts))
            rows += [_Row(cell.top, [cell]) for cell in beside if cell not in starts.values()]
        else:
            rows.append(_Row(top, beside, [line.text for line in block]))
    rows += [_Row(cell.top, [cell]) for cell in cells if id(cell) not in placed]
    return rows


def _tolerance(cell: _Cell) -> float:
    return _ALIGNED * cell.line_height


def _level_line(block: list[PageLine], cell: _Cell) -> int | None:
    """The index of the block's line whose top is level with the cell's, if one is."""
    for index, line in enumerate(block):
        if abs(line.from_top - cell.top) <= _tolerance(cell):
            return index
    return None


def _same_rows_joined(rows: list[_Row]) -> list[_Row]:
    """A second text cell level with a row's first ("Timecode | What said | Quality") is the
    same row's."""
    joined: list[_Row] = []
    for row in rows:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not row.cells
            and last.lines
            and row.lines
            and abs(row.top - last.top) <= _LEVEL
        ):
            last.lines[0] = f"{last.lines[0]} {row.lines[0]}"
            last.lines += row.lines[1:]
        else:
            joined.append(row)
    return joined


def _is_header(row: _Row, rows: list[_Row]) -> bool:
    """A table's header row: a heading over the cells and over the text, a few words each,
    its cell like no other row's (a speaker's name comes back, a column's heading does not)."""
    words = " ".join(row.lines).split()
    others = {cell.text for other in rows if other is not row for cell in other.cells}
    return (
        all(cell.kind == "label" and not cell.text.endswith(":") for cell in row.cells)
        and not any(cell.text in others for cell in row.cells)
        and 0 < len(words) <= _MAX_HEADER_WORDS
        and not words[-1].endswith((".", "?", "!", ":"))
    )


def _row_text(row: _Row, *, labelled: bool = True) -> str:
    """The row's cells, then its text: "01:02:19 They were...", "Frank: Well, my name...".

    A name cell is given the colon that makes it a speaker's label for the text parser: the
    table's column said what the colon says.
    """
    if not row.lines:
        return " ".join(cell.text for cell in row.cells)
    heads = [
        f"{cell.text}:"
        if labelled and cell.kind == "label" and not cell.text.endswith(":")
        else cell.text
        for cell in row.cells
    ]
    first = " ".join([*heads, row.lines[0]])
    return "\n".join([first, *row.lines[1:]])
