"""Text pulled out of a PDF: page headers and footers, hard-wrapped lines, broken words.

A page break is a form feed or a page-number line ("Page 3 of 12", "- 3 -"). A line that sits at
the edge of at least half of the pages (digits aside: "Interview with X — 3") is a running header
or footer and is dropped there, and where it split a sentence the two halves are joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from .furniture import holds_contact_details, is_terms_page
from .text import ends_sentence, starts_lowercase, word_count, word_list

_PAGE_NUMBER_RE = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\[\s*\d{1,4}\s*\]",
    re.IGNORECASE,
)
# A longer running line that ends with the page number: "CHM Ref: X12.2009  © 2009 Museum
# Page 2 of 49", "Interview with X | Page 3". "Page N" alone at the end of a line is a footer only
# after a gap (two spaces, a bar, a dash, ©): a wrapped sentence may end "see page 12".
_FOOTER_RE = re.compile(
    r"(?:^|\s)page\s{1,3}\d{1,4}\s{0,3}(?:of|/)\s{0,3}\d{1,4}\s*$"
    r"|(?:\s\s|[|•·©–—-]\s?)\s{0,40}page\s{1,3}\d{1,4}\s*$",
    re.IGNORECASE,
)
_MAX_FOOTER_CHARS = 240
_DIGITS_RE = re.compile(r"\d+")
_EDGE_LINES = 2  # how many lines at each side of a page break may be running text
_FOOTER_BLOCK_LINES = 4  # lines of a publisher's address block at a page's edge
_MAX_RUNNING_CHARS = 120
# Fewer line pairs than this say nothing about wrapping (a menu, a header, a short note).
_MIN_WRAPPED_PAIRS = 6
# A short text wrapped at a fixed width: a few pairs do, when every line is that long
# and nearly all stop mid-sentence (a Usenet post at 72 columns, timed lines at 90).
_MIN_TERMINAL_PAIRS = 3
_TERMINAL_WIDTHS = (50, 100)

# First halves of a line-end hyphen that usually make a compound ("self-\ndriving").
_COMPOUND_PREFIXES = frozenset(
    word_list(
        """self well non ex co anti multi cross long short high low full half open real world time
        one two three four five first second third so all old new semi post pre pro mid state
        part life year day week month side free left right"""
    )
)


@dataclass
class Line:
    index: int  # position in the normalised input
    text: str  # stripped of surrounding whitespace
    indent: int = 0
    page_break: bool = False
    joins_previous: bool = False  # the previous line was cut by a page break mid-sentence


def is_page_number(text: str) -> bool:
    return len(text) <= 24 and bool(_PAGE_NUMBER_RE.fullmatch(text))


def is_page_footer(text: str) -> bool:
    """A running line that carries the page number at its end ("Ref: X · Page 2 of 49")."""
    return len(text) <= _MAX_FOOTER_CHARS and bool(_FOOTER_RE.search(text))


def running_key(text: str) -> str:
    """What a running line keeps from page to page: its words, with any number as "#"."""
    return " ".join(_DIGITS_RE.sub("#", text.casefold()).split())


def terms_page_end(lines: list[Line]) -> int:
    """How many of `lines` make a first page of licence or copyright terms, else 0.

    A page break parts such a page from the transcript after it (a downloaded oral history's
    "This transcript is the copyright of ..." page): front matter that is nobody's speech,
    and that must not decide how the pages after it are read (a copyright line at the top is
    no footer ending the document). Its paragraphs are judged by furniture.is_terms_page, and
    the pages after it must hold more words than it does.
    """
    end = next((i for i, line in enumerate(lines) if line.page_break), None)
    if end is None:
        return 0
    blocks: list[str] = []
    starts_block = True
    for line in lines[:end]:
        if not line.text:
            starts_block = True
        elif starts_block:
            blocks.append(line.text)
            starts_block = False
        else:
            blocks[-1] += " " + line.text
    page_words = sum(word_count(block) for block in blocks)
    rest_words = sum(word_count(line.text) for line in lines[end + 1 :] if line.text)
    if rest_words <= page_words or not is_terms_page(blocks):
        return 0
    return end + 1


def remove_page_furniture(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str]]]:
    """The lines without page breaks, page numbers and running headers; what was dropped."""
    breaks = [i for i, line in enumerate(lines) if line.page_break]
    numbers = [i for i, line in enumerate(lines) if line.text and is_page_number(line.text)]
    footers = [i for i, line in enumerate(lines) if line.text and is_page_footer(line.text)]
    if len(footers) >= 2 and len({running_key(lines[i].text) for i in footers}) < len(footers):
        # The same line with another page number: the footer (or header) is the page boundary.
        numbers = sorted(set(numbers) | set(footers))
    lone_numbers = [i for i in numbers if lines[i].text.isdigit()]
    if lone_numbers and len(lone_numbers) == len(numbers):
        values = [int(lines[i].text) for i in lone_numbers]
        increasing = all(b > a for a, b in pairwise(values))
        if len(values) < 2 or not increasing:
            numbers = []
    if not breaks and len(numbers) < 2:
        return [line for line in lines if not line.page_break], []
    boundary_set = set(breaks) | set(numbers)
    # Pages: the text between boundaries. A line at the top or bottom edge of at least half of
    # them (and of two at least) is a running header or footer.
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if i in boundary_set:
            if pages[-1]:
                pages.append([])
        elif line.text:
            pages[-1].append(i)
    pages = [page for page in pages if page]
    counts: Counter[str] = Counter()
    edges: list[int] = []
    for page in pages:
        edge = page[:_EDGE_LINES] + page[-_EDGE_LINES:]
        edges.extend(edge)
        counts.update({running_key(lines[i].text) for i in edge})
    needed = max(2, (len(pages) + 1) // 2)
    running = {
        key for key, count in counts.items() if count >= needed and len(key) <= _MAX_RUNNING_CHARS
    }
    drop = set(boundary_set)
    drop.update(i for i in edges if running_key(lines[i].text) in running)
    drop.update(_contact_footers(lines, pages))

    ignored: list[tuple[int, str]] = []
    kept: list[Line] = []
    at_break = False
    for i, line in enumerate(lines):
        if i in drop or line.page_break:
            if line.text:
                ignored.append((line.index, line.text))
            at_break = True
            continue
        if at_break and not line.text:
            continue  # blank lines around a page break say nothing about paragraphs
        if at_break and kept:
            previous = next((k for k in reversed(kept) if k.text), None)
            if previous is not None and (
                not ends_sentence(previous.text) or starts_lowercase(line.text)
            ):
                line.joins_previous = True
                while kept and not kept[-1].text:
                    kept.pop()
        at_break = False
        kept.append(line)
    return kept, ignored


def _contact_footers(lines: list[Line], pages: list[list[int]]) -> set[int]:
    """A publisher's block at a page's edge that gives its address and contact details
    ("Telephone: ... E-mail: ...", "a registered charity"), printed on only some of the pages
    (two footers may take turns): the lines from the edge inward that each recur at the edge
    of another page or give contact details, when one of them does each."""
    bands = [(page[-_FOOTER_BLOCK_LINES:][::-1], page[:_FOOTER_BLOCK_LINES]) for page in pages]
    counts: Counter[str] = Counter()
    for bottom, top in bands:
        counts.update({running_key(lines[i].text) for i in bottom + top})
    found: set[int] = set()
    for band in (side for pair in bands for side in pair):
        block, recurring, contact = [], False, False
        for i in band:  # from the page's edge inward
            text = lines[i].text
            recurs = counts[running_key(text)] >= 2
            gives = holds_contact_details(text)
            if not (recurs or gives) or len(text) > _MAX_RUNNING_CHARS:
                break
            block.append(i)
            recurring, contact = recurring or recurs, contact or gives
        if recurring and contact:
            found.update(block)
    return found


def wrap_width(lines: list[Line], is_start, is_closed) -> int | None:
    """The width text was hard-wrapped at, or None when lines are whole paragraphs.

    `is_start(text)` says whether a line opens something new (a label, a bullet) and
    `is_closed(text)` whether a line is complete in itself (a label alone, a heading): neither
    tells anything about wrapping.
    """
    firsts: list[int] = []
    continued: list[bool] = []
    talk = None  # the first pair under a long line that opens something (a label): the talk's
    previous: Line | None = None
    for line in lines:
        if (
            previous is not None
            and previous.text
            and line.text
            and not is_start(line.text)
            and not is_closed(previous.text)
            # A quoted question over its answer ("> Why?" then "Because ...") is no wrap.
            and previous.text.startswith(">") == line.text.startswith(">")
        ):
            if (
                talk is None
                and is_start(previous.text)
                and len(previous.text) >= _TERMINAL_WIDTHS[0]
            ):
                talk = len(firsts)
            firsts.append(len(previous.text))
            continued.append(not ends_sentence(previous.text) or starts_lowercase(line.text))
        previous = line
    width = _width_of(firsts, continued)
    if width is None and talk:
        # A cover page's short lines (names, a date, a place, packed without blank lines) are
        # no evidence against the talk's wrapping below them.
        width = _width_of(firsts[talk:], continued[talk:])
    return width


def _width_of(firsts: list[int], continued: list[bool]) -> int | None:
    """The wrap width the pairs' first lines show (`continued`: the pair's sentence goes on)."""
    goes_on = sum(continued)
    if len(firsts) < _MIN_WRAPPED_PAIRS:
        low, high = _TERMINAL_WIDTHS
        if (
            len(firsts) >= _MIN_TERMINAL_PAIRS
            and all(low <= n <= high for n in firsts)
            and goes_on >= 0.6 * len(firsts)
        ):
            return max(firsts)
        return None
    ordered = sorted(firsts)
    width = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    if not 25 <= width <= 200:
        return None
    long_lines = sum(1 for n in firsts if n >= 0.6 * width)
    if long_lines < 0.6 * len(firsts) or goes_on < 0.4 * len(firsts):
        return None
    return width


def vocabulary(lines: list[Line]) -> set[str]:
    """Every word of the text, lowercased, whole and hyphenated: evidence for broken words."""
    words: set[str] = set()
    for line in lines:
        for token in line.text.split():
            word = token.strip(".,;:!?\"'“”‘’()[]").casefold()
            if word:
                words.add(word)
                if "-" in word:
                    words.update(part for part in word.split("-") if part)
    return words


def seam(first: str, second: str, words: set[str]) -> tuple[int, str]:
    """How to join two wrapped lines: (characters to cut from the end of `first`, separator).

    A line-end hyphen is dropped when it broke a word ("under-" + "standing"), kept when it
    belongs to a compound ("self-" + "driving"): the rest of the text is the evidence, and
    without any, a hyphen after a common compound prefix is kept.
    """
    if first.endswith("\u00ad"):
        return 1, ""
    if len(first) > 1 and first.endswith("-") and first[-2].isalpha() and starts_lowercase(second):
        head = first[:-1].rsplit(None, 1)[-1] if first[:-1].strip() else ""
        head_word = "".join(ch for ch in head if ch.isalpha())
        tail_word = ""
        for ch in second:
            if not ch.isalpha():
                break
            tail_word += ch
        joined = (head_word + tail_word).casefold()
        hyphenated = f"{head_word}-{tail_word}".casefold()
        if hyphenated in words and joined not in words:
            return 0, ""
        if joined in words or head_word.casefold() not in _COMPOUND_PREFIXES:
            return 1, ""
        return 0, ""
    return 0, " "


def join_wrapped(first: str, second: str, words: set[str]) -> str:
    cut, separator = seam(first, second, words)
    return first[: len(first) - cut] + separator + second


def join_all(parts: list[str], words: set[str]) -> str:
    """The wrapped lines `parts` as one paragraph, in time linear in their length."""
    pieces: list[str] = []
    previous = ""
    for part in parts:
        if not part:
            continue
        if pieces:
            cut, separator = seam(previous, part, words)
            if cut:
                pieces[-1] = pieces[-1][: len(pieces[-1]) - cut]
            pieces.append(separator)
        pieces.append(part)
        previous = part
    return "".join(pieces)
