"""A page without speaker labels: questions, and the paragraphs that answer them.

The questions are the paragraphs the layout sets apart (bold, quoted "> ", at their own
indentation) when most of those ask, else the paragraphs ending in "?". Where the rows open
with timecodes, a row's time is its turn's. After the last answer, the author's bio and the
closing note are the outro's.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import afterword, furniture, header, roles
from ..labels import name_parts, role_of
from ..segments import Part, Segment
from ..structure import Unit
from ..text import ends_question, starts_lowercase
from .reading import (
    LineLedger,
    ModeResult,
    SideLabels,
    TextPage,
    mode_result,
    standalone_segment,
    trailing_metadata,
    warn_once_label,
)

_LONG_QUESTION_CHARS = 700
_MIN_TIMED_ROWS = 3
_NUMBER_RE = re.compile(r"\(?\d{1,3}[.)]\s")


def read_alternating(page: TextPage) -> ModeResult:
    """Questions and the answers under them, in a page without speaker labels."""
    ledger = LineLedger(page.context.raw, page.metadata)
    units, metadata_units = page.units, page.metadata_units
    sides = SideLabels()
    notes: list[Unit] = []
    # The page's title, a heading above everything ("# Interview with Jane Doe"), is not
    # one of the questions set apart: counted, it would tip a page of bold questions.
    title = _opening_heading(units)
    decorated = [
        i
        for i, unit in enumerate(units)
        if unit.kind in ("text", "heading")
        and unit.decorated
        and i != title
        and not _credit_or_date(unit)
    ]
    decorated_questions = [i for i in decorated if ends_question(units[i].text)]
    indented = _indented_questions(units, metadata_units)
    # A mail or Usenet interview quotes its questions ("> How did it start?").
    quoted = [
        i
        for i, unit in enumerate(units)
        if unit.kind == "text" and unit.quoted and i not in metadata_units
    ]
    quoted_questions = [i for i in quoted if ends_question(units[i].text)]
    answered = sum(
        1
        for i in quoted
        if i + 1 < len(units) and units[i + 1].kind == "text" and not units[i + 1].quoted
    )
    if len(decorated_questions) >= 2 and len(decorated_questions) >= 0.6 * len(decorated):
        questions = set(decorated)
    elif (
        len(quoted_questions) >= 2
        and len(quoted_questions) >= 0.6 * len(quoted)
        and answered >= 0.6 * len(quoted)
    ):
        questions = set(quoted)
    elif indented:
        questions = indented
    else:
        questions = {
            i
            for i, unit in enumerate(units)
            if unit.kind == "text" and i not in metadata_units and ends_question(unit.text)
        }
        questions -= _answers_ending_in_questions(units, questions)
    # The author's bio, a discussion link and the closing note after the last answer.
    authors = _byline_names(units, min(questions, default=0))
    after_talk = afterword.afterword_start(units, questions, authors)
    questions = {i for i in questions if i < after_talk}
    # A heading-like first line that ends in "?" is the title when the page goes on with
    # furniture, a date or another heading rather than with an answer.
    content = [i for i, unit in enumerate(units) if unit.kind not in ("furniture",)]
    if content and content[0] in questions:
        first = units[content[0]]
        following = units[content[1]] if len(content) > 1 else None
        if (first.kind == "heading" and first.level == 1) or (
            following is not None
            and (following.kind in ("heading", "rule") or header.is_dateline(following.text))
        ):
            questions.discard(content[0])
    body_start = min(questions, default=len(units))
    timed = _timed_rows(units, questions, metadata_units)
    if timed:
        # The recording's first time marks where the talk begins: what is said after it
        # and before the first question is the interviewee's opening statement.
        body_start = min(body_start, _first_time(units, metadata_units, body_start))
    last_question = max(questions, default=len(units))
    segments: list[Segment] = []
    boundary = False
    last_was_question = False
    for index in range(body_start, len(units)):
        unit = units[index]
        if index >= after_talk:
            _set_aside_afterword(ledger, notes, unit)
            continue
        stamp = _row_time(unit) if timed else None
        if index in questions:
            text = _side_text(page, sides, unit, "interviewer", segments)
            part = Part(text, unit.line, unit.gap, boundary, tuple(unit.indices))
            if last_was_question and segments and segments[-1].role == "interviewer":
                segments[-1].parts.append(part)
            else:
                if stamp is not None:
                    part.text = unit.body
                segments.append(Segment("speech", "", [part], stamp, role="interviewer"))
                if len(unit.text) > _LONG_QUESTION_CHARS:
                    ledger.warnings.append(
                        f"a long paragraph ending in '?' was taken for a question: "
                        f"'{unit.text[:60]}…'"
                    )
            last_was_question = True
            boundary = False
            continue
        if unit.kind == "furniture":
            ledger.ignore_unit(unit)
            continue
        if unit.kind in ("rule", "heading"):
            ledger.ignore_unit(unit)
            boundary = True
            continue
        last_was_question = False
        if index > last_question and trailing_metadata(ledger, unit):
            continue
        if unit.kind in ("caption", "direction"):
            segments.append(standalone_segment(unit))
            continue
        text = _side_text(page, sides, unit, "interviewee", segments)
        if text is unit.text:
            warn_once_label(page, "alternating", ledger, unit, index in metadata_units)
        part = Part(text, unit.line, unit.gap, boundary, tuple(unit.indices))
        boundary = False
        answering = (
            bool(segments) and segments[-1].kind == "speech" and segments[-1].role == "interviewee"
        )
        if answering and not part.boundary:
            segments[-1].parts.append(part)
        else:
            if stamp is not None:
                part.text = unit.body
            # A rule or a heading across an answer ends that turn: the rest is a new one.
            segment = Segment("speech", "", [part], stamp, role="interviewee")
            segment.new_turn = answering
            segments.append(segment)
    asked = sum(1 for seg in segments if seg.role == "interviewer")
    if asked == 1:
        ledger.warnings.append("only one question found: the alternation is a guess")
    elif asked and questions <= set(quoted):
        ledger.warnings.append(
            "no speaker labels: questions are the quoted paragraphs ('> ...'), "
            "answers the paragraphs after them"
        )
    elif asked and not questions & set(decorated):
        ledger.warnings.append(
            "no speaker labels: questions are the paragraphs ending in '?', "
            "answers the paragraphs after them"
        )
    return mode_result(
        "alternating",
        "alternating",
        segments,
        ledger,
        body_start=body_start,
        notes=tuple(notes),
        sides=sides,
    )


def _set_aside_afterword(ledger: LineLedger, notes: list[Unit], unit: Unit) -> None:
    """After the talk, the closing note and the author's bio are the outro's; links and
    copyright lines are the page's."""
    if unit.kind == "text" and not (
        furniture.is_footer(unit.text) or afterword.is_discussion_link(unit.text)
    ):
        notes.append(unit)
    else:
        ledger.ignore_unit(unit)


def _side_text(
    page: TextPage, sides: SideLabels, unit: Unit, role: str, segments: list[Segment]
) -> str:
    """A paragraph's text in unlabelled alternation. The first question or answer may
    carry a label seen once ("TIME: Could you ...", "Jane Doe: Starting with ..."): it
    names that side, and is taken off the text."""
    label = unit.label
    parts = name_parts(label.label) if label is not None and label.label else None
    if (
        parts is None
        or parts[1]
        or role_of(label.label)
        or role in sides.names
        or any(seg.role == role for seg in segments)
        or page.label_counts.get(label.key, 0) != 1
        or not unit.body
        or starts_lowercase(unit.body)
    ):
        return _role_free(unit)
    sides.names[role] = label.label
    sides.lines[role] = unit.line
    sides.texts[role] = (unit.body, _role_free(unit))
    return unit.body


def numbered_questions(units: list[Unit]) -> None:
    """ "1. How did it start?" alone, over its answer: a numbered question, not a list."""
    for index, unit in enumerate(units[:-1]):
        if (
            unit.kind == "list"
            and len(unit.items) == 1
            and _NUMBER_RE.match(unit.first.lstrip("> \t"))
            and ends_question(unit.items[0][1])
            and units[index + 1].kind == "text"
        ):
            item = unit.items[0][1]
            number = _NUMBER_RE.match(item)
            unit.kind, unit.text = "text", item[number.end() :] if number else item
            unit.body = unit.text


def _indented_questions(units: list[Unit], metadata_units: set[int]) -> set[int]:
    """Questions told by indentation: flush-left questions over answers indented (or the other
    way round), as a text browser or a plain-text page sets them. Indentation that alternates
    between asking paragraphs and the paragraphs answering them is a layout cue like bold: the
    paragraphs at the asking level, from the first question on, are the questions; a '?' at
    the answers' level is the guest's."""
    texts = [
        (i, unit) for i, unit in enumerate(units) if unit.kind == "text" and i not in metadata_units
    ]
    levels = Counter(unit.indent for _, unit in texts)
    if len(levels) < 2:
        return set()
    asking = Counter(unit.indent for _, unit in texts if ends_question(unit.text))
    level = max(asking, key=lambda lv: (asking[lv] / levels[lv], asking[lv]), default=None)
    if level is None or asking[level] < 2 or asking[level] < 0.6 * levels[level]:
        return set()
    first = next(i for i, unit in texts if unit.indent == level and ends_question(unit.text))
    later = [(i, unit) for i, unit in texts if i >= first]
    questions = [i for i, unit in later if unit.indent == level]
    answers = [unit for _, unit in later if unit.indent != level]
    answers_asking = sum(1 for unit in answers if ends_question(unit.text))
    if len(answers) < len(questions) or answers_asking > 0.3 * len(answers):
        return set()
    # Each question is answered: the text unit after it is at another level.
    position = {i: k for k, (i, _) in enumerate(later)}
    answered = sum(
        1
        for i in questions
        if position[i] + 1 < len(later) and later[position[i] + 1][1].indent != level
    )
    return set(questions) if answered >= 0.8 * len(questions) else set()


def _answers_ending_in_questions(units: list[Unit], questions: set[int]) -> set[int]:
    """Paragraphs ending in "?" right under a question, with no answer between, that read as
    the answer: several sentences, far longer than the questions usually are ("More than you
    think. ... Isn't that always the way?")."""
    lengths = sorted(len(units[i].text) for i in questions)
    if len(lengths) < 3:
        return set()
    usual = lengths[len(lengths) // 2]
    found = set()
    for i in sorted(questions):
        previous = i - 1
        while previous >= 0 and units[previous].kind == "furniture":
            previous -= 1
        if previous not in questions or previous in found:
            continue
        text = units[i].text
        sentences = len(re.findall(r"[.!?][\"'”’)]?\s+[A-Z\"“‘]", text)) + 1
        if sentences >= 2 and len(text) > 2 * usual:
            found.add(i)
    return found


def _row_time(unit: Unit) -> int | None:
    """The time a paragraph opens with, alone before its words ("01:02:19 What year ...")."""
    label = unit.label
    if unit.kind != "text" or label is None or label.label or not unit.body:
        return None
    return label.timestamp


def _timed_rows(units: list[Unit], questions: set[int], metadata_units: set[int]) -> bool:
    """Whether an unlabelled transcript's rows open with the time they were said, as a table
    of timecodes beside the text reads: several do, and so do most of the questions (an
    answer often runs on in rows of its own, without a time)."""
    timed = [
        i for i, unit in enumerate(units) if i not in metadata_units and _row_time(unit) is not None
    ]
    asked = sum(1 for i in timed if i in questions)
    return len(timed) >= _MIN_TIMED_ROWS and 2 * asked >= len(questions) > 0


def _first_time(units: list[Unit], metadata_units: set[int], limit: int) -> int:
    """The first unit before `limit` that carries a time: a timed row or a timed direction
    ("01:00:00 Start of Film 1"); else `limit`."""
    return next(
        (
            i
            for i, unit in enumerate(units[:limit])
            if i not in metadata_units
            and (
                _row_time(unit) is not None
                or (unit.kind == "direction" and unit.timestamp is not None)
            )
        ),
        limit,
    )


def _role_free(unit: Unit) -> str:
    """A paragraph's text without a "Q:" or "A:" that the alternation makes redundant."""
    label = unit.label
    if label is not None and label.label and role_of(label.label) and unit.body:
        return unit.body
    return unit.text


def _byline_names(units: list[Unit], end: int) -> list[str]:
    """The authors named by the bylines above the talk ("By Scott Ruecker")."""
    names = (
        roles.interviewer_from_byline(unit.text)
        for unit in units[:end]
        if unit.kind == "text" and header.is_byline(unit.text)
    )
    return [name for name in names if name]


def _credit_or_date(unit: Unit) -> bool:
    """A bold "By Jane Doe" or an italic date: the page's header set apart, not a question."""
    return unit.lines == 1 and (header.is_byline(unit.text) or header.is_dateline(unit.text))


def _opening_heading(units: list[Unit]) -> int | None:
    """Index of a heading that opens the page, before any text: its title."""
    for index, unit in enumerate(units):
        if unit.kind in ("furniture", "caption", "rule"):
            continue
        return index if unit.kind == "heading" and not ends_question(unit.text) else None
    return None
