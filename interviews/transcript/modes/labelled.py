"""Turns opened by speaker labels ("Name:", "Q:", "**NAME:**", "Name  0:35").

Where one side only is labelled, the other's paragraphs are its questions or answers; a Q&A
thread kept as a list, headings that ask over labelled answers, a broadcast's clock above a
turn and a hearing's headings in capitals each read as the page means them.
"""

from __future__ import annotations

import re
from collections.abc import Set

from .. import furniture
from ..labels import label_key, read_label, role_of, strip_timestamps
from ..segments import Part, Segment
from ..speakers import merge
from ..structure import Unit
from ..text import ends_question, is_upper_text, word_count
from .reading import (
    LineLedger,
    ModeResult,
    ParseContext,
    TextPage,
    asks,
    mode_result,
    next_is_speech,
    standalone_segment,
    trailing_metadata,
    warn_once_label,
)

_DASHED_ANSWERS = 3  # answers enough to call their opening dash the format's
_HEARING_HEADING_WORDS = 40
_URL_RE = re.compile(r"<?https?://\S{1,2000}")
_FOOTNOTE_RE = re.compile(r"\[\^?\d{1,3}\]:?\s")


def read_labelled(page: TextPage) -> ModeResult:
    """Turns opened by the accepted speaker labels, from `page.body_start` on."""
    ledger = LineLedger(page.context.raw, page.metadata)
    units, accepted, body_start = page.units, page.accepted, page.body_start
    metadata_units, timestamped = page.metadata_units, page.timestamped
    labels = list(
        dict.fromkeys(
            unit.label.label
            for unit in units[body_start:]
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        )
    )
    one_sided, body_start = _one_sided(page.context, units, accepted, labels, body_start)
    thread = _nested_thread(units, accepted)
    if thread > 0:
        # The audience's question just above the first labelled answer opens the talk.
        previous = body_start - 1
        while previous >= 0 and units[previous].kind == "furniture":
            previous -= 1
        if previous >= 0 and units[previous].depth == 0 and units[previous].label is None:
            body_start = previous
    asking = _asking_headings(units, accepted, body_start) if one_sided is None else set()
    if asking:
        # The question heading just above the first answer opens the talk.
        previous = body_start - 1
        while previous >= 0 and units[previous].kind in ("furniture", "caption", "rule"):
            previous -= 1
        if previous in asking:
            body_start = previous
    previous = body_start - 1
    if previous >= 0 and not timestamped and _clock_alone(units[previous]):
        body_start = previous  # "[14:00:00]" over the first turn: that turn's time
    notes: list[Unit] = []
    last_speech = max(
        (
            i
            for i, unit in enumerate(units)
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        ),
        default=len(units),
    )
    segments: list[Segment] = []
    answers: list[Segment] = []  # unlabelled answers under labelled questions
    current: Segment | None = None  # the labelled speaker's open turn
    answer: Segment | None = None  # in a one-sided transcript, the unlabelled reply
    boundary = False
    initials = _initials_labels(labels)
    next_key: list[str | None] = [None] * (len(units) + 1)
    for index in range(len(units) - 1, -1, -1):
        label = units[index].label
        speaks = label is not None and label.label and label.key in accepted
        next_key[index] = label.key if speaks else next_key[index + 1]
    stamp: Unit | None = None  # a time alone on its line, for the turn below it
    # A hearing record speaks in mixed case: a paragraph in capitals between its turns is
    # a heading ("STATEMENT OF JANE DOE, PRESIDENT, ..."), not the last speaker's words.
    hearing_record = any(
        unit.label is not None and unit.label.style == "hearing" and unit.label.key in accepted
        for unit in units
    )
    for index in range(body_start, len(units)):
        unit = units[index]
        if unit.kind == "furniture":
            ledger.ignore_unit(unit)
            continue
        if index in asking:
            # "# Q. What made you start?" over the answers: the interviewer's question.
            asked = read_label(unit.text)
            text = asked.body if asked and role_of(asked.label) == "interviewer" else unit.text
            part = Part(text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
            segments.append(Segment("speech", "", [part], None, role="interviewer"))
            boundary = False
            continue
        capitals = (
            hearing_record
            and unit.kind == "text"
            and unit.label is None
            and index < last_speech
            and word_count(unit.text) <= _HEARING_HEADING_WORDS
            and is_upper_text(unit.text)
        )
        if unit.kind in ("rule", "heading") or capitals:
            ledger.ignore_unit(unit)
            boundary = True
            continue
        if unit.kind in ("caption", "direction"):
            segments.append(standalone_segment(unit))
            continue
        if index > last_speech and _is_footnote(unit):
            notes.append(unit)  # "[1] Veribest is ...": a note to the talk
            continue
        label = unit.label
        if _clock_alone(unit) and not timestamped and next_is_speech(units, index, accepted):
            # "[14:15:02]" over a labelled turn (a broadcast transcript's clock): the time
            # of that turn, not a turn of whoever spoke before.
            if stamp is not None:
                ledger.ignore_unit(stamp)
            stamp = unit
            continue
        # The paragraph right after a label alone on its line is that speaker's, whatever
        # it opens with ("Bajcsy:" then "Kosice: that is where I was born.").
        waiting = (
            current is not None
            and segments[-1] is current
            and current.label
            and not current.parts
            and bool(current.lines)
            and unit.kind == "text"
            and not (label is not None and label.alone)
        )
        if (
            label is not None
            and label.alone
            and label.style == "hearing"
            and current is not None
            and current.label
            and current.parts
            and label_key(current.label) != label.key
            and _calls_next(units, index, label.key)
        ):
            # "Senator Reed." alone, then "Senator Reed. Thank you, ...": the chair
            # calling on the next speaker says the name, it is not that speaker's heading.
            if segments[-1] is not current:
                current = Segment("speech", current.label, [], None, current.role, True)
                segments.append(current)
            current.parts.append(
                Part(unit.text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
            )
            boundary = False
            continue
        if label is not None and label.label and label.key in accepted and not waiting:
            body = _speech(unit.body, timestamped) if unit.body else ""
            current = _opened_turn(label.label, label.timestamp, unit, body, boundary)
            if stamp is not None:
                current.lines.extend(stamp.indices)
                current.timestamp = current.timestamp or stamp.label.timestamp
                stamp = None
            # A label alone on its line keeps the section break before it for its text.
            current.after_break = boundary
            boundary = boundary and not body
            segments.append(current)
            answer = None
            continue
        if 0 <= unit.depth <= thread:
            # A Q&A thread kept as a list: an unlabelled item, at the top level or beside
            # the labelled answers nested under it, is the audience's question.
            part = Part(unit.text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
            boundary = False
            segments.append(Segment("speech", "", [part], None, role="interviewer"))
            continue
        missing = _colonless_initials(unit, initials, current, next_key[index + 1])
        if missing is not None:
            # "SD Yes, we are." between two turns of MT: SD's label lost its colon.
            word, body = missing
            current = _opened_turn(word, None, unit, body, boundary)
            boundary = boundary and not body
            segments.append(current)
            answer = None
            continue
        if index > last_speech and trailing_metadata(ledger, unit):
            continue
        if _show_note(unit):
            ledger.ignore_unit(unit)  # "Sanic: https://sanic.dev" between the turns
            continue
        if label is not None and not label.label and timestamped:
            if current is not None and current.timestamp is None:
                current.timestamp = label.timestamp
            text = _speech(unit.body, timestamped)
            if not text:
                if current is not None:
                    current.lines.extend(unit.indices)  # "(00:00:41):" going on
                else:
                    ledger.ignore_unit(unit)
                continue
        else:
            text = unit.text
            warn_once_label(page, "labelled", ledger, unit, index in metadata_units)
        part = Part(text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
        boundary = False
        if one_sided == "asks" and current is not None:
            if answer is None and ends_question(text) and segments[-1] is current:
                current.parts.append(part)
                continue
            if answer is None or segments[-1] is not answer:
                answer = Segment("speech", "", [], None, role="interviewee")
                segments.append(answer)
                answers.append(answer)
            answer.parts.append(part)
            continue
        if one_sided == "answers" and asks(unit) and next_is_speech(units, index, accepted):
            segments.append(Segment("speech", "", [part], None, role="interviewer"))
            continue
        if current is None:
            current = Segment("speech", "", [], None)
            segments.append(current)
        elif segments[-1] is not current or (current.parts and _section_break_above(units, index)):
            # After a caption, or a subheading or a set-aside box across one speaker's
            # paragraphs: the text goes on as a new turn of theirs.
            current = Segment("speech", current.label, [], None, current.role, continued=True)
            current.after_break = _section_break_above(units, index)
            segments.append(current)
        current.parts.append(part)
    if stamp is not None:
        ledger.ignore_unit(stamp)
    _answer_dashes(answers)
    if page.context.hints.format != "auto":
        form = page.context.hints.format
    elif timestamped:
        form = "timestamped"
    else:
        roles_only = bool(labels) and all(role_of(label) for label in labels)
        form = "qa" if roles_only else "labelled"
    return mode_result(
        "labelled", form, segments, ledger, body_start=body_start, notes=tuple(notes)
    )


def _one_sided(
    context: ParseContext, units: list[Unit], accepted: Set[str], labels: list[str], body_start: int
) -> tuple[str | None, int]:
    """With one labelled speaker only: "asks" or "answers" (the other side is unlabelled),
    and where the talk starts (a question just above the first labelled answer)."""
    groups, _ = merge(labels, list(context.hint_names), names=False)
    if len({id(speaker) for speaker in groups.values()}) != 1 or body_start >= len(units):
        return None, body_start
    only = next(iter(groups.values()))
    hinted_role = context.hint_role(only)
    if "interviewer" in (only.role, hinted_role):
        side = "asks"
    elif "interviewee" in (only.role, hinted_role):
        side = "answers"
    else:
        own = [
            unit
            for unit in units[body_start:]
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        ]
        asking = sum(1 for unit in own if ends_question(unit.body))
        side = "asks" if asking >= 0.5 * len(own) else "answers"
    if side == "answers":
        previous = body_start - 1
        while previous >= 0 and units[previous].kind == "furniture":
            previous -= 1
        if previous >= 0 and asks(units[previous]):
            body_start = previous
    return side, body_start


def _speech(text: str, timestamped: bool) -> str:
    return strip_timestamps(text) if timestamped else text


def _nested_thread(units: list[Unit], accepted: Set[str]) -> int:
    """When the talk is a list of questions with the speakers' labelled answers nested under
    them (most labelled items are nested), how deep those answers are nested; else -1."""
    depths = sorted(
        unit.depth
        for unit in units
        if unit.depth >= 0 and unit.label is not None and unit.label.key in accepted
    )
    if len(depths) < 2 or 2 * sum(1 for depth in depths if depth > 0) <= len(depths):
        return -1
    return depths[len(depths) // 2]


def _initials_labels(labels: list[str]) -> dict[str, str]:
    """When every speaker is labelled by capital initials ("SD", "MT"), those labels by key."""
    named = [label for label in labels if not role_of(label)]
    found = {
        label_key(label): label.strip()
        for label in named
        if 2 <= len(label.strip()) <= 4 and label.strip().isalpha() and label.strip().isupper()
    }
    return found if len(found) >= 2 and len(found) == len({label_key(n) for n in named}) else {}


def _colonless_initials(
    unit: Unit, initials: dict[str, str], current: Segment | None, following: str | None
) -> tuple[str, str] | None:
    """ "SD Text" or "SD" alone: an initials label without its colon, taken as one only where
    the text would otherwise give the current speaker two turns in a row."""
    if not initials or current is None or not current.label or unit.kind != "text":
        return None
    if unit.label is not None and unit.label.label:
        return None
    word, _, rest = unit.text.partition(" ")
    key = label_key(word)
    if key not in initials or word != initials[key]:
        return None
    if key == label_key(current.label) or following != label_key(current.label):
        return None
    return word, rest.strip()


def _clock_alone(unit: Unit) -> bool:
    """A time alone on its line ("[14:15:02]"): no name, no words."""
    label = unit.label
    return label is not None and not label.label and not unit.body and unit.lines == 1


def _show_note(unit: Unit) -> bool:
    """A show-note line, "Words: https://...", that a speaker does not say."""
    label = unit.label
    return (
        unit.kind == "text"
        and unit.lines == 1
        and label is not None
        and bool(label.label)
        and _URL_RE.fullmatch(label.body.strip()) is not None
    )


def _calls_next(units: list[Unit], index: int, key: str) -> bool:
    """Whether the unit after `index` is a paragraph of its own opening with the label `key`."""
    following = units[index + 1] if index + 1 < len(units) else None
    return (
        following is not None
        and following.kind == "text"
        and following.label is not None
        and following.label.key == key
        and bool(following.body)
    )


def _is_footnote(unit: Unit) -> bool:
    """ "[1] Veribest is a proprietary format.": a numbered note at the foot of the page."""
    return unit.kind == "text" and unit.label is None and bool(_FOOTNOTE_RE.match(unit.text))


def _asking_headings(units: list[Unit], accepted: Set[str], body_start: int) -> set[int]:
    """Headings that are the interviewer's questions ("# Q. Why hardware?", "## Why now?"),
    each answered by a labelled speaker below it: in a magazine Q&A the answers carry labels
    and the questions are set as headings. Only when most headings ask and they are answered;
    otherwise headings are sections."""

    def asks(unit: Unit) -> bool:
        if ends_question(unit.text):
            return True
        label = read_label(unit.text)
        return label is not None and role_of(label.label) == "interviewer" and bool(label.body)

    headings = [i for i, unit in enumerate(units) if unit.kind == "heading" and i >= body_start - 1]
    questions = [i for i in headings if asks(units[i])]
    if len(questions) < 2 or len(questions) < 0.6 * len(headings):
        return set()
    answered = set()
    for index in questions:
        for unit in units[index + 1 :]:
            if unit.kind in ("furniture", "caption", "direction", "rule"):
                continue
            label = unit.label
            if (
                label is not None
                and label.label
                and label.key in accepted
                and role_of(label.label) != "interviewer"
                and not ends_question(label.body)
            ):
                answered.add(index)
            break
    return answered if len(answered) >= 0.6 * len(questions) else set()


def _opened_turn(
    label: str, timestamp: int | None, unit: Unit, body: str, boundary: bool
) -> Segment:
    """A labelled speaker's new turn: its first paragraph, or only its label's lines when the
    label stands alone on its line."""
    turn = Segment("speech", label, [], timestamp)
    if body:
        turn.parts.append(Part(body, unit.line, unit.gap, boundary, lines=tuple(unit.indices)))
    else:
        turn.lines.extend(unit.indices)
    return turn


def _section_break_above(units: list[Unit], index: int) -> bool:
    """Whether a subheading, or the mark of a box the web reader set aside, stands right above
    unit `index`: a section break, which ends the turn before it. (A rule there is often a
    footnote's or a signature's.)"""
    for unit in reversed(units[:index]):
        if unit.kind == "furniture" and furniture.is_box_mark(unit.text):
            return True
        if unit.kind != "furniture":
            return unit.kind == "heading"
    return False


def _answer_dashes(answers: list[Segment]) -> None:
    """Unlabelled answers that (nearly) all open with a dash ("- Well, ...") under labelled
    questions: the dash marks the answer, it does not open a list of one item."""
    opened = [
        seg
        for seg in answers
        if seg.parts and seg.parts[0].text.startswith("• ") and "\n" not in seg.parts[0].text
    ]
    if len(opened) < _DASHED_ANSWERS or 3 * len(opened) < 2 * len(answers):
        return
    for seg in opened:
        seg.parts[0].text = seg.parts[0].text[2:]
