"""The shapes shared between reading a transcript and assembling its turns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Part:
    """One paragraph (or list) of a turn in the making."""

    text: str
    line: int = 0  # input line index, for messages
    gap: int = 1  # blank lines before it
    boundary: bool = False  # a rule or a heading came between it and the text before
    lines: tuple[int, ...] = ()  # every input line its text came from
    shared: tuple[int, ...] = ()  # lines placed with an earlier turn that go on into this one


@dataclass
class Segment:
    """A turn before speakers are merged and kinds assigned."""

    kind: str  # "speech", "caption" or "direction"
    label: str = ""  # the label as written ("" when unlabelled)
    parts: list[Part] = field(default_factory=list)
    timestamp: int | None = None
    role: str | None = None  # "interviewer"/"interviewee" when the layout says (Q/A, alternation)
    continued: bool = False  # unlabelled text going on with the speaker after a caption
    lines: list[int] = field(default_factory=list)  # label or timing lines that hold no text
    new_turn: bool = False  # a turn of its own even after the same speaker (an unnamed change)
    after_break: bool = False  # a section break (heading, rule) came right before its label

    @property
    def text(self) -> str:
        return "\n\n".join(part.text for part in self.parts if part.text)
