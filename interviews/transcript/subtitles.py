"""SRT and WebVTT: cues are not turns; they merge into the turn of whoever is speaking.

A speaker is named by a `<v Name>` voice tag or by "Name:" where the speaker changes; a cue with
neither continues the current speaker. A cue that is only "[Music]" or "(applause)" is a stage
direction. Cue numbers, timing lines, the WEBVTT header and NOTE/STYLE/REGION blocks are dropped;
the start of a turn's first cue is its timestamp. Rolling captions (each cue repeating the last
line of the one before, as auto-generated captions do) are de-duplicated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import read_label, seconds
from .structure import is_direction

_TIMING_RE = re.compile(
    r"\s*(?P<start>(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*"
    r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_VOICE_RE = re.compile(r"<v(?:\.[\w.-]{0,40})?[ \t]+([^>]{1,80})>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|<\d{1,2}:[\d:.]{4,12}>|\{\\[^{}]{0,100}\}")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")
_SPACES_RE = re.compile(r"[ \t]{2,}")
# The character references WebVTT defines; numeric ones are left as written.
_ENTITIES = {
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&apos;": "'",
    "&nbsp;": "\u00a0",
    "&lrm;": "\u200e",
    "&rlm;": "\u200f",
    "&amp;": "&",
}


@dataclass
class Cue:
    start: int
    lines: list[str]


@dataclass
class SubtitleSegment:
    kind: str  # "speech" or "direction"
    label: str
    texts: list[str] = field(default_factory=list)
    timestamp: int | None = None
    line: int = 0


def detect(lines: list[str]) -> str | None:
    """ "vtt", "srt" or None, from the shape of the first lines and the timing lines."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("WEBVTT"):
        return "vtt"
    timings = 0
    dots = 0
    blocks = 0
    previous_blank = True
    for line in lines[:20000]:
        stripped = line.strip()
        if stripped and previous_blank:
            blocks += 1
        previous_blank = not stripped
        if "-->" in stripped[:60]:
            timing = _TIMING_RE.match(stripped)
            if timing:
                timings += 1
                dots += "." in timing["start"]
    if timings >= 2 and timings >= 0.5 * blocks:
        return "vtt" if dots > timings / 2 else "srt"
    return None


def cues(lines: list[str]) -> tuple[list[tuple[int, Cue]], list[str], str]:
    """The cues with the index of their timing line, the non-cue text, a "WEBVTT - Title"."""
    found: list[tuple[int, Cue]] = []
    ignored: list[str] = []
    title = ""
    block: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal title
        if not block:
            return
        texts = [text for _, text in block]
        timing_at = next((i for i, text in enumerate(texts[:3]) if _is_timing(text)), None)
        if timing_at is None:
            head = texts[0]
            if head.startswith("WEBVTT"):
                title = head[6:].strip(" -–—:\t")
            elif head.split(" ", 1)[0] in _VTT_BLOCKS:
                pass
            elif found and not any(text.isdigit() for text in texts[:1]):
                found[-1][1].lines.extend(texts)  # a payload with a blank line in it
            else:
                ignored.extend(texts)
        else:
            start = seconds(_TIMING_RE.match(texts[timing_at])["start"])
            payload = [text for text in texts[timing_at + 1 :] if text]
            if payload:
                found.append((block[timing_at][0], Cue(start, payload)))
        block.clear()

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        # A timing line inside a block that has one already starts the next cue (no blank line
        # between cues); the cue number before it goes along.
        if block and _is_timing(stripped) and any(_is_timing(text) for _, text in block):
            carry = [block.pop()] if len(block) > 1 and block[-1][1].isdigit() else []
            close()
            block.extend(carry)
        block.append((index, stripped))
    close()
    return found, ignored, title


def segments(lines: list[str], accept_label) -> tuple[list[SubtitleSegment], list[str], str]:
    """Turn-sized segments from subtitle lines. `accept_label(label)` says if a label is a name."""
    placed, ignored, title = cues(lines)
    result: list[SubtitleSegment] = []
    current: SubtitleSegment | None = None
    speaker = ""
    previous_last = ""
    for line_index, cue in placed:
        texts: list[tuple[str | None, str]] = []  # (new speaker or None, text)
        for raw in cue.lines:
            voices = list(_VOICE_RE.finditer(raw))
            if voices:
                for n, voice in enumerate(voices):
                    end = voices[n + 1].start() if n + 1 < len(voices) else len(raw)
                    texts.append((voice.group(1).strip(), _clean(raw[voice.end() : end])))
                continue
            text = _clean(raw)
            if text.startswith(">>"):
                text = text.lstrip("> ")
            if text.startswith(("- ", "– ")):
                text = text[2:].strip()
            label = read_label(text) if text else None
            if label is not None and label.label and accept_label(label.label):
                texts.append((label.label, label.body))
            else:
                texts.append((None, text))
        # Rolling captions repeat the previous cue's last line first.
        if texts and texts[0][0] is None and texts[0][1] and texts[0][1] == previous_last:
            texts = texts[1:]
        if cue.lines:
            previous_last = texts[-1][1] if texts else previous_last
        for new_speaker, text in texts:
            if not text and new_speaker is None:
                continue
            if text and is_direction(text):
                result.append(SubtitleSegment("direction", "", [text], cue.start, line_index))
                current = None
                continue
            if new_speaker is not None and new_speaker != speaker:
                speaker = new_speaker
                current = None
            if current is None:
                current = SubtitleSegment("speech", speaker, [], cue.start, line_index)
                result.append(current)
            if text:
                current.texts.append(text)
    result = [seg for seg in result if seg.texts]
    return result, ignored, title


def _is_timing(text: str) -> bool:
    return "-->" in text[:60] and bool(_TIMING_RE.match(text))


def _clean(text: str) -> str:
    if "<" in text or "{" in text:
        text = _TAG_RE.sub("", text)
    if "&" in text:
        for entity, char in _ENTITIES.items():
            text = text.replace(entity, char)
    return _SPACES_RE.sub(" ", text).strip()
