"""SRT and WebVTT: cues are not turns; they merge into the turn of whoever is speaking.

A speaker is named by a `<v Name>` voice tag, by "Name:" or by a bracketed name ("[ROSA DIAZ]",
"(Host)") where the speaker changes; a cue with neither continues the current speaker. Voices
sharing one line are turns of their own that share the line. Where the captions name their
speakers (">> NAME:", or "NAME:" opening a cue), a bare ">>" is a new paragraph of the same
speaker; in captions that name no one, a ">>" (caption feeds) or, anywhere, a dialogue dash "- "
without a name is a change to someone the file does not name: a turn of its own, given to
"Speaker" (the parser then takes four changes or more as two people taking turns, named from
what they say: "I'm Jane Doe", "joining me now is ...", else Interviewer and Interviewee).
A cue that is only "[Music]" or "(applause)", or a sound wholly in italics ("<i>Laughs</i>"),
is a stage direction. Cue numbers and timing
lines go with the turn their cue opens (the start of a turn's first cue is its timestamp);
timings are read in every common form ("0.000", "01:02.500", "1:02:03,500", "00:01:02"). The
WEBVTT header gives the title and its "Key: value" lines metadata; NOTE/STYLE/REGION blocks and
text outside any cue are set aside, never dropped. Rolling captions (each cue repeating the
last line of the one before, as auto-generated captions do) are de-duplicated: the repeated
line is placed in the turn that already holds its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import is_sound, read_label, seconds
from .structure import is_direction
from .text import decode_entities

# "00:01:02,500", "1:02.500", "62.500" or "0.000": hours and minutes may be left out, and
# so may the milliseconds of a time with minutes ("00:01:02").
_TIME = r"(?:(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?|\d{1,6}[.,]\d{1,3})"
# The end time is followed by the cue's settings or nothing: "0:00B" is not a time.
_TIMING_RE = re.compile(rf"\s*(?P<start>{_TIME})\s*-->\s*{_TIME}(?=\s|$)")
_VOICE_RE = re.compile(r"<v(?:\.[\w.-]{0,40})?[ \t]+([^>]{1,80})>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|<\d{1,2}:[\d:.]{4,12}>|\{\\[^{}]{0,100}\}")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")
_SPACES_RE = re.compile(r"[ \t]{2,}")
_EMPHASIS_RE = re.compile(r"<(?P<tag>i|em)>(?P<inner>[^<>]{1,80})</(?P=tag)>", re.IGNORECASE)
_MAX_SOUND_WORDS = 3
_NOT_SPEAKERS = frozenset(("music", "sound", "silence", "inaudible", "crosstalk", "foreign"))


# Who speaks after a ">>" or a dialogue dash that names no one: nobody can tell, so the turn
# gets a role-free name rather than an invented one or a blank.
UNNAMED = "Speaker"


@dataclass
class Cue:
    start: int
    lines: list[str]
    indices: list[int]  # input lines of its payload, one per entry of `lines`
    frame: list[int] = field(default_factory=list)  # its number and timing lines


@dataclass
class SubtitleSegment:
    kind: str  # "speech" or "direction"
    label: str
    texts: list[str] = field(default_factory=list)
    timestamp: int | None = None
    line: int = 0
    lines: list[int] = field(default_factory=list)  # every input line placed in it
    new_turn: bool = False  # an unnamed speaker: a turn of its own, never merged with the last
    continued: bool = False  # the same speaker going on after a stage direction
    shared: list[int] = field(default_factory=list)  # lines begun in an earlier segment


@dataclass
class SubtitleRead:
    segments: list[SubtitleSegment] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)  # input lines outside any cue
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    title_line: int | None = None
    metadata: list[tuple[str, str, int]] = field(default_factory=list)  # (key, value, line)


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


def cues(lines: list[str]) -> tuple[list[Cue], SubtitleRead]:
    """The cues, and what lies outside them: the header's title and metadata, set-aside lines."""
    found: list[Cue] = []
    read = SubtitleRead()
    block: list[tuple[int, str]] = []
    unreadable = 0

    def close() -> None:
        nonlocal unreadable
        if not block:
            return
        texts = [text for _, text in block]
        indices = [index for index, _ in block]
        timing_at = next((i for i, text in enumerate(texts[:3]) if _is_timing(text)), None)
        if timing_at is None:
            head = texts[0]
            if head.startswith("WEBVTT") and read.title_line is None and not found:
                read.title = head[6:].strip(" -–—:\t")
                if read.title:
                    read.title_line = indices[0]
                else:
                    read.ignored.append(indices[0])
                _header_lines(block[1:], read)
            elif head.split(" ", 1)[0] in _VTT_BLOCKS:
                read.ignored.extend(indices)
            elif (
                found
                and not any(text.isdigit() for text in texts[:1])
                and not any("-->" in text for text in texts)
            ):
                found[-1].lines.extend(texts)  # a payload with a blank line in it
                found[-1].indices.extend(indices)
            else:
                read.ignored.extend(indices)
                if any("-->" in text for text in texts):
                    unreadable += 1
        else:
            start = seconds(_TIMING_RE.match(texts[timing_at])["start"])
            payload = [(index, text) for index, text in block[timing_at + 1 :] if text]
            # The cue's name or number sits right above its timing; anything above that is not
            # the cue's.
            frame = indices[max(0, timing_at - 1) : timing_at + 1]
            read.ignored.extend(indices[: max(0, timing_at - 1)])
            if payload:
                found.append(
                    Cue(start, [text for _, text in payload], [i for i, _ in payload], frame)
                )
            else:
                read.ignored.extend(frame)  # a cue with nothing in it
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
    if unreadable:
        read.warnings.append(
            f"{unreadable} cue(s) with a timing that could not be read were set aside"
        )
    return found, read


def _header_lines(block: list[tuple[int, str]], read: SubtitleRead) -> None:
    """The WEBVTT header's "Kind: captions", "Language: en": metadata; anything else set aside."""
    for index, text in block:
        key, colon, value = text.partition(":")
        if colon and key.strip() and value.strip() and len(key) <= 30:
            read.metadata.append((key.strip().casefold(), value.strip(), index))
        else:
            read.ignored.append(index)


def segments(lines: list[str], accept_label) -> SubtitleRead:
    """Turn-sized segments from subtitle lines. `accept_label(label)` says if a label is a name."""
    placed, read = cues(lines)
    # Where the captions name their speakers (">> NAME:", or "NAME:" opening a cue), a bare ">>"
    # opens a new paragraph of whoever is speaking; only where none is named does it mark a
    # change to someone unnamed.
    paragraphs = _names_speakers(placed, accept_label)
    result: list[SubtitleSegment] = []
    current: SubtitleSegment | None = None
    speaker = ""
    previous_last = ""
    unnamed = 0
    for cue in placed:
        # (new speaker or None, text, the input line it came from or None)
        texts: list[tuple[str | None, str, int | None]] = []
        # Voices after the first on one line ("<v Jo>Hey.</v> <v Rob>Hi!</v>"): position in
        # `texts` -> the line they share with the turn before.
        shares: dict[int, int] = {}
        asides: set[str] = set()  # emphasised sounds ("<i>Laughs</i>"): stage directions
        for raw, index in zip(cue.lines, cue.indices, strict=True):
            voices = list(_VOICE_RE.finditer(raw))
            if voices:
                first = len(texts)
                before = _clean(raw[: voices[0].start()])
                if before:
                    texts.append((None, before, None))
                for n, voice in enumerate(voices):
                    end = voices[n + 1].start() if n + 1 < len(voices) else len(raw)
                    said = raw[voice.end() : end]
                    if _emphasised_sound(said):
                        asides.add(_clean(said))
                    texts.append((voice.group(1).strip(), _clean(said), None))
                voice_name, voice_text, _ = texts[first]
                texts[first] = (voice_name, voice_text, index)  # the line is placed once
                shares.update((position, index) for position in range(first + 1, len(texts)))
                continue
            text = _clean(raw)
            if _emphasised_sound(raw.lstrip("> ")):
                asides.add(text.lstrip("> "))
            changes = False  # ">>" (caption feeds) or a dialogue dash: someone else speaks
            if text.startswith(">>"):
                text, changes = text.lstrip("> "), not paragraphs
            if text.startswith(("- ", "– ")):
                text, changes = text[2:].strip(), True
            label = read_label(text) if text else None
            bracketed = bracket_label(text)
            if bracketed is not None and accept_label(bracketed[0]):
                texts.append((bracketed[0], bracketed[1], index))
            elif label is not None and label.label and accept_label(label.label):
                texts.append((label.label, label.body, index))
            elif changes and text:
                texts.append((UNNAMED, text, index))
                unnamed += 1
            else:
                texts.append((None, text, index))
        # Rolling captions repeat the previous cue's last line first: the repeat is placed in
        # the segment that already holds it.
        pending = list(cue.frame)
        if (
            texts
            and texts[0][0] in (None, UNNAMED)
            and texts[0][1]
            and texts[0][1] == previous_last
        ):
            if current is not None and texts[0][2] is not None:
                current.lines.append(texts[0][2])
            elif texts[0][2] is not None:
                pending.append(texts[0][2])
            texts = texts[1:]
        if cue.lines:
            previous_last = texts[-1][1] if texts else previous_last
        for position, (new_speaker, text, index) in enumerate(texts):
            own = [*pending, *([] if index is None else [index])]
            if not text and new_speaker is None:
                if current is not None:
                    current.lines.extend(own)
                    pending = []
                elif own:
                    pending = own
                continue
            pending = []
            if text and (is_direction(text) or text in asides):
                result.append(
                    SubtitleSegment("direction", "", [text], cue.start, cue.frame[-1], own)
                )
                if position in shares:
                    result[-1].shared.append(shares[position])
                current = None
                continue
            changed = new_speaker is not None and (new_speaker != speaker or new_speaker == UNNAMED)
            if changed:
                speaker = new_speaker
                current = None
            if current is None:
                line = cue.frame[-1] if cue.frame else (index or 0)
                current = SubtitleSegment("speech", speaker, [], cue.start, line)
                current.new_turn = speaker == UNNAMED
                current.continued = not changed and any(seg.kind == "speech" for seg in result)
                if position in shares:
                    current.shared.append(shares[position])
                result.append(current)
            current.lines.extend(own)
            if text:
                current.texts.append(text)
        if pending:
            if current is not None:
                current.lines.extend(pending)
            else:
                read.ignored.extend(pending)
    if unnamed:
        # Whoever speaks before the first marked change is as unknown as the others.
        for segment in result:
            if segment.kind == "speech" and not segment.label:
                segment.label, segment.new_turn = UNNAMED, True
        named = any(seg.label != UNNAMED for seg in result if seg.kind == "speech")
        read.warnings.append(
            f"{unnamed} speaker change(s) marked by '>>' or '-' name no one: "
            f"their turns are given to '{UNNAMED}'"
            if named
            else f"the subtitles mark speaker changes but do not name the speakers: "
            f"every turn is given to '{UNNAMED}'"
        )
    for segment in result:
        if not segment.texts:
            read.ignored.extend(segment.lines)  # a speaker named with nothing said
    read.segments = [seg for seg in result if seg.texts]
    return read


def _names_speakers(placed: list[Cue], accept_label) -> bool:
    """Whether a caption names a speaker: ">> NAME:" on any line, or "NAME:" opening a cue."""
    for cue in placed:
        for n, raw in enumerate(cue.lines):
            text = _clean(raw)
            chevrons = text.startswith(">>")
            if not chevrons and n:
                continue
            label = read_label(text.lstrip("> "))
            if label is not None and label.label and accept_label(label.label):
                return True
            bracketed = bracket_label(text.lstrip("> "))
            if bracketed is not None and accept_label(bracketed[0]):
                return True
    return False


# "[ROSA DIAZ] This was ...", "(Host) Welcome ...": a speaker named in brackets opening a line.
_BRACKET_LABEL_RE = re.compile(
    r"(?:\[(?P<square>[A-Z][\w .'’-]{0,40})\]|\((?P<round>[A-Z][\w .'’-]{0,40})\))"
    r"[ \t]*:?[ \t]+(?P<body>\S.*)"
)


def bracket_label(text: str) -> tuple[str, str] | None:
    """(name, what they say) when `text` opens with a bracketed name; a sound is no name."""
    found = _BRACKET_LABEL_RE.fullmatch(text)
    if found is None:
        return None
    name = (found["square"] or found["round"]).strip()
    words = name.split()
    if not 1 <= len(words) <= 4 or is_sound(words[0]) or name.casefold() in _NOT_SPEAKERS:
        return None
    return name, found["body"].strip()


def _emphasised_sound(raw: str) -> bool:
    """ "<i>Laughs</i>", "<em>Sighs heavily</em>": a sound wholly in italics, not speech."""
    found = _EMPHASIS_RE.fullmatch(raw.strip())
    if found is None:
        return False
    words = found["inner"].strip(" ()[].").split()
    return 0 < len(words) <= _MAX_SOUND_WORDS and is_sound(words[0])


def _is_timing(text: str) -> bool:
    return "-->" in text[:60] and bool(_TIMING_RE.match(text))


def _clean(text: str) -> str:
    if "<" in text or "{" in text:
        text = _TAG_RE.sub("", text)
    text = decode_entities(text)  # after the tags: "&lt;v Ann&gt;" is text, not a voice tag
    return _SPACES_RE.sub(" ", text).strip()


def clean(text: str) -> str:
    """A caption line as shown: tags removed, references decoded, spaces collapsed."""
    return _clean(text)
