"""The transcript parser: pasted text in, a proposed interview (turns, metadata, comments) out.

    from interviews.transcript import parse, ParseHints
    parsed = parse(text, ParseHints(interviewers=["Hugo Bowne-Anderson"]))

Pure Python: no Django import anywhere in this package.
"""

from .export import to_markdown
from .model import ParsedComment, ParsedTranscript, ParsedTurn, ParseHints, PartialDate
from .parser import parse

__all__ = [
    "ParseHints",
    "ParsedComment",
    "ParsedTranscript",
    "ParsedTurn",
    "PartialDate",
    "parse",
    "to_markdown",
]
