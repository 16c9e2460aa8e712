"""A parsed transcript as Markdown, in a form `parse` reads back to the same turns.

    # Title

    *Deck*

    Intro paragraphs.

    [00:01:23] **Speaker:** First paragraph of the turn.

    Further paragraphs of the same turn.

    ---                           (between two turns of one speaker in a row)

    *Figure 1: a caption* (or ![caption]() when it does not say it is one)

    (A STAGE DIRECTION)           [00:00:19] *[Music]* when it has a time

    ---

    The closing note.

A turn with no speaker name is written with its label when that is a role ("Q", "Interviewer")
or else as "Q" / "A" by kind, so that unlabelled alternation reads back as questions and answers.
List items ("• one") are written as Markdown's ("- one"), which `parse` reads back as "•".
"""

from __future__ import annotations

import re

from .labels import role_of
from .model import ParsedTranscript, ParsedTurn
from .structure import is_caption


def to_markdown(parsed: ParsedTranscript) -> str:
    blocks: list[str] = []
    if parsed.title:
        blocks.append(f"# {_one_line(parsed.title)}")
    if parsed.deck:
        blocks.append(_emphasised(_one_line(parsed.deck)))
    if parsed.intro:
        blocks.append(markdown_lists(parsed.intro))
    previous: ParsedTurn | None = None
    for turn in parsed.turns:
        if (
            previous is not None
            and _speaks(turn)
            and _speaks(previous)
            and (turn.speaker or _role_label(turn)) == (previous.speaker or _role_label(previous))
        ):
            blocks.append("---")  # two turns of one speaker in a row: a break keeps them two
        blocks.append(_turn(turn))
        previous = turn
    if parsed.outro:
        blocks.append("---")
        blocks.append(markdown_lists(parsed.outro))
    return "\n\n".join(blocks) + "\n"


def _turn(turn: ParsedTurn) -> str:
    stamp = f"[{turn.timestamp_text}] " if turn.timestamp is not None else ""
    if turn.kind == "caption":
        text = _one_line(turn.text)
        if is_caption(text):
            return stamp + (_emphasised(text) if "*" not in text else text)
        return f"{stamp}![{text}]()"
    if turn.kind == "direction":
        # "[00:00:19] [Music]" would read as a timed label "Music": the emphasis tells it apart.
        text = _one_line(turn.text)
        return stamp + _emphasised(text) if stamp and "*" not in text else text
    speaker = turn.speaker or _role_label(turn)
    return f"{stamp}**{speaker}:** {markdown_lists(turn.text)}"


# "•" starts a list item in the archive's text, not in Markdown, where the items would run
# together into one paragraph.
_BULLET_LINE = re.compile(r"^([ \t]*)•[ \t]+", re.MULTILINE)


def markdown_lists(text: str) -> str:
    """`text` with its "•" list items written as Markdown list items ("- ")."""
    return _BULLET_LINE.sub(r"\1- ", text)


def _speaks(turn: ParsedTurn) -> bool:
    return turn.kind not in ("caption", "direction")


def _role_label(turn: ParsedTurn) -> str:
    if turn.label and role_of(turn.label):
        return turn.label
    return "A" if turn.kind == "answer" else "Q"


def _emphasised(text: str) -> str:
    return f"*{text}*" if "*" not in text else text


def _one_line(text: str) -> str:
    return " ".join(text.split())
