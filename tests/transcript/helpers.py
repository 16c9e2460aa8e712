"""Helpers for the parser tests: the sample transcripts and the seed pages, read as text."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def speech(parsed):
    """The turns people speak: no captions, no stage directions."""
    return [turn for turn in parsed.turns if turn.kind not in ("caption", "direction")]


def everything_said(parsed) -> str:
    """All text a reader sees as the interview: intro, turns and closing note."""
    return "\n".join([parsed.intro, *(turn.text for turn in parsed.turns), parsed.outro])
