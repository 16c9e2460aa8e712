"""What every mode reads from (ParseContext, TextPage), writes into while it reads (LineLedger)
and gives back (ModeResult)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field

from .. import header
from ..header import METADATA_KEYS, metadata_value_is_short
from ..model import ParseHints
from ..segments import Part, Segment
from ..speakers import Speaker, fits, tokens
from ..structure import Unit
from ..text import ends_question, starts_lowercase


@dataclass(frozen=True)
class ParseContext:
    """The input, as every step of the parse sees it."""

    hints: ParseHints
    raw: tuple[str, ...]  # the normalised input lines
    document: str  # those lines joined
    hint_names: tuple[str, ...]  # every declared name: speakers, interviewers, interviewees
    hint_tokens: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, hints: ParseHints, raw: list[str]) -> ParseContext:
        names = (*hints.speakers, *hints.interviewers, *hints.interviewees)
        return cls(hints, tuple(raw), "\n".join(raw), names, tuple(tokens(n) for n in names))

    def hinted(self, label: str) -> bool:
        words = tokens(label)
        return any(fits(words, full, label) for full in self.hint_tokens)

    def hint_role(self, speaker: Speaker) -> str | None:
        if not speaker.hinted:
            return None
        if speaker.name in self.hints.interviewers:
            return "interviewer"
        if speaker.name in self.hints.interviewees:
            return "interviewee"
        return None


class LineLedger:
    """Where input lines went (set aside, or placed: see model.py's `places`), the metadata read
    and the warnings given, in the order a step of the parse found them."""

    def __init__(self, raw: tuple[str, ...], metadata: dict[str, str] | None = None) -> None:
        self.raw = raw
        self.ignored: list[tuple[int, str]] = []  # (input line, text), sorted at the end
        self.places: list[tuple[int, str]] = []  # (input line, where it went)
        self.warnings: list[str] = []
        self.metadata: dict[str, str] = dict(metadata or {})

    def ignore(self, index: int, text: str) -> None:
        self.ignored.append((index, text))
        self.places.append((index, "ignored"))

    def ignore_lines(self, indices) -> None:
        for index in indices:
            text = self.raw[index].strip() if 0 <= index < len(self.raw) else ""
            if text:
                self.ignore(index, text)

    def ignore_unit(self, unit: Unit) -> None:
        """Set every line of `unit` aside, each as written."""
        self.ignore_lines(unit.indices)

    def put_metadata(self, key: str, value: str, unit: Unit) -> None:
        """A "Key: value" read after the talk; a second, different value is set aside."""
        if self.metadata.setdefault(key, value) == value:
            self.places.extend((index, f"metadata:{key}") for index in unit.indices)
        else:
            self.ignore_unit(unit)

    def ignored_lines(self) -> list[str]:
        return [text for _, text in sorted(self.ignored, key=lambda item: item[0])]

    def take(self, result: ModeResult) -> None:
        """Add what a mode did after what the steps before it did; its metadata replaces ours
        (it started from a copy of it)."""
        self.ignored.extend(result.ignored)
        self.places.extend(result.places)
        self.warnings.extend(result.warnings)
        self.replace_metadata(result.metadata)

    def replace_metadata(self, metadata: dict[str, str]) -> None:
        """The metadata as read now (the header's reading), in place of what was read before."""
        self.metadata.clear()
        self.metadata.update(metadata)


@dataclass(frozen=True)
class SideLabels:
    """In unlabelled alternation, a label seen once on the first question or answer ("TIME:",
    "Jane Doe:") that names that side: by role, the label, its input line, and the paragraph's
    text without and with it."""

    names: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TextPage:
    """A page of text (not subtitles) grouped into units, as a text mode reads it."""

    context: ParseContext
    units: list[Unit]
    accepted: frozenset[str]  # keys of the labels that name speakers
    metadata_units: frozenset[int]  # "Key: value" units of the header
    body_start: int  # the unit where speech begins
    label_counts: Counter[str]  # how often each label key opens a unit
    timestamped: bool  # most speaker labels carry a time
    metadata: dict[str, str]  # read so far (front matter)


@dataclass(frozen=True)
class ModeResult:
    """What one mode made of the page."""

    mode: str  # "labelled", "alternating" or "subtitles"
    format: str  # the format reported (model.FORMATS)
    segments: list[Segment]
    ignored: tuple[tuple[int, str], ...]
    places: tuple[tuple[int, str], ...]
    warnings: tuple[str, ...]
    metadata: dict[str, str]
    body_start: int = 0  # the unit where the mode began the talk; before it, the header
    notes: tuple[Unit, ...] = ()  # footnotes and afterword after the talk: the outro's
    sides: SideLabels = field(default_factory=SideLabels)
    title: str = ""  # a subtitle file's own title
    spoken_names: dict[str, str] = field(default_factory=dict)  # role -> name said in captions

    @property
    def has_speech(self) -> bool:
        return any(segment.kind == "speech" for segment in self.segments)


def mode_result(
    mode: str, form: str, segments: list[Segment], ledger: LineLedger, **more
) -> ModeResult:
    """The result of a mode that wrote into `ledger`."""
    return ModeResult(
        mode,
        form,
        segments,
        tuple(ledger.ignored),
        tuple(ledger.places),
        tuple(ledger.warnings),
        dict(ledger.metadata),
        **more,
    )


def standalone_segment(unit: Unit) -> Segment:
    """A caption or a stage direction: a segment of its own, never part of anyone's speech."""
    part = Part(unit.text, unit.line, unit.gap, lines=tuple(unit.indices))
    return Segment(unit.kind, parts=[part], timestamp=unit.timestamp)


def next_is_speech(units: list[Unit], index: int, accepted: Set[str]) -> bool:
    """Whether the next unit that says something opens with a speaker's label."""
    for unit in units[index + 1 :]:
        if unit.kind in ("furniture", "caption", "direction", "rule"):
            continue
        return unit.label is not None and unit.label.key in accepted and bool(unit.label.label)
    return False


def asks(unit: Unit) -> bool:
    return unit.kind in ("text", "heading") and ends_question(unit.text)


def trailing_metadata(ledger: LineLedger, unit: Unit) -> bool:
    """After the talk, "Tags: food, Paris" or "Written by ..." is metadata, not speech."""
    if unit.kind == "text" and header.is_byline(unit.text):
        ledger.put_metadata("byline", unit.text, unit)
        return True
    label = unit.label
    if (
        label is None
        or label.key not in METADATA_KEYS
        or unit.lines != 1
        or not metadata_value_is_short(label.body)
    ):
        return False
    ledger.put_metadata(label.key, label.body, unit)
    return True


def warn_once_label(
    page: TextPage, mode: str, ledger: LineLedger, unit: Unit, is_metadata: bool
) -> None:
    """A label seen once, in the talk's text: perhaps a speaker the page names only once."""
    label = unit.label
    if label is None or not label.label or is_metadata:
        return
    if page.label_counts.get(label.key, 0) != 1:
        return
    if mode == "alternating" and (not label.body or starts_lowercase(label.body)):
        return  # "Hype: this is plaguing our field": a lead-in in unlabelled talk
    ledger.warnings.append(f"label '{label.label}' appears once: a speaker?")
