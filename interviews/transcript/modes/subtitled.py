"""SRT and WebVTT captions read as turns (the cues themselves: subtitles.py)."""

from __future__ import annotations

from collections import Counter

from .. import roles, subtitles
from ..labels import label_key, read_label
from ..segments import Part, Segment
from ..speakers import readable_name
from .reading import LineLedger, ModeResult, ParseContext, mode_result

_ALTERNATION_TURNS = 4  # changes of speaker that show two people take turns


def read_subtitles(context: ParseContext, lines: list[str], form: str) -> ModeResult:
    """The captions of `lines`, a subtitle file in `form` ("srt" or "vtt"), as segments."""
    ledger = LineLedger(context.raw)
    counts: Counter[str] = Counter()
    for line in lines:
        stripped = line.strip()
        if stripped and "-->" not in stripped and not stripped.isdigit():
            shown = _strip_cue_tags(stripped).lstrip("-–> ")
            label = read_label(shown)
            bracketed = subtitles.bracket_label(shown)
            if bracketed is not None:
                counts[label_key(bracketed[0])] += 1
            elif label is not None and label.label:
                counts[label.key] += 1
    named = {key for key, count in counts.items() if count >= 2}

    def accept(label: str) -> bool:
        key = label_key(label)
        return key in named or context.hinted(label) or (bool(named) and counts[key] == 1)

    read = subtitles.segments(lines, accept)
    found = read.segments
    if found and not any(seg.label for seg in found):
        ledger.warnings.append(
            f"the subtitles name no speaker: the speech is one turn, given to '{subtitles.UNNAMED}'"
        )
        for seg in found:
            if seg.kind == "speech":
                seg.label = subtitles.UNNAMED  # never a blank speaker
    elif found and any(seg.kind == "speech" and not seg.label for seg in found):
        # Speech before anyone is named: someone the captions do not name, never blank.
        for seg in found:
            if seg.kind == "speech" and not seg.label:
                seg.label = subtitles.UNNAMED
    ledger.ignore_lines(read.ignored)
    ledger.warnings.extend(read.warnings)
    if read.title_line is not None:
        ledger.places.append((read.title_line, "title"))
    for key, value, index in read.metadata:
        if ledger.metadata.setdefault(key, value) == value:
            ledger.places.append((index, f"metadata:{key}"))
        else:
            ledger.ignore_lines([index])
    made = [
        Segment(
            seg.kind,
            seg.label,
            [
                Part(
                    " ".join(seg.texts),
                    seg.line,
                    lines=tuple(seg.lines),
                    shared=tuple(seg.shared),
                )
            ],
            seg.timestamp,
            new_turn=seg.new_turn,
        )
        for seg in found
    ]
    spoken_names = _alternate_unnamed(made, [seg.continued for seg in found], ledger)
    return mode_result("subtitles", form, made, ledger, title=read.title, spoken_names=spoken_names)


def _alternate_unnamed(
    segments: list[Segment], continued: list[bool], ledger: LineLedger
) -> dict[str, str]:
    """Captions that mark every change of speaker (">>", "- ") but name nobody: two people
    taking turns, the side that asks more the interviewer's (on a tie, whoever opens). Gives
    the names the two say they have, by role."""
    spoken = [seg for seg in segments if seg.kind == "speech"]
    going_on = [on for seg, on in zip(segments, continued, strict=True) if seg.kind == "speech"]
    if len(spoken) < _ALTERNATION_TURNS or any(seg.label != subtitles.UNNAMED for seg in spoken):
        return {}
    sides = []  # 0 for whoever opens, 1 for the other; one going on after a sound keeps it
    for on in going_on:
        sides.append(sides[-1] if sides and on else len(sides) and 1 - sides[-1])
    asking = [0, 0]
    for side, seg in zip(sides, spoken, strict=True):
        asking[side] += roles.asks(seg.text)
    first = "interviewee" if asking[1] > asking[0] else "interviewer"
    other = "interviewer" if first == "interviewee" else "interviewee"
    for side, seg in zip(sides, spoken, strict=True):
        seg.label, seg.role = "", (other if side else first)
        seg.new_turn = False
    # Who they are, as they say: the host names themselves and the guest in the opening.
    openers = {}
    for seg in spoken:
        openers.setdefault(seg.role, seg.text)
    host, guest = openers.get("interviewer", ""), openers.get("interviewee", "")
    spoken_names = {}
    for role, name in (
        ("interviewer", roles.self_named(host)),
        ("interviewee", roles.handed_to(host) or roles.self_named(guest)),
    ):
        if name:
            spoken_names[role] = readable_name(name, "")
    # The subtitles do name two people after all: not the one unnamed speaker warned of.
    ledger.warnings[:] = [
        warning for warning in ledger.warnings if subtitles.UNNAMED not in warning
    ]
    ledger.warnings.append(
        "the subtitles mark speaker changes but name no one: "
        "the turns are taken as two people taking turns; check who says what"
    )
    return spoken_names


def _strip_cue_tags(text: str) -> str:
    """A caption line without its formatting tags ("<font color=...>", "<i>")."""
    return subtitles.clean(text) if "<" in text or "{" in text else text
