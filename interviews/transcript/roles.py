"""Who asks and who answers, the closing note, and each turn's kind.

Interviewers come from hints, from "Q"-style labels or header metadata ("Host: ..."), or else
from the statistics of the talk: the speaker whose turns most often carry a question mark (the
first to speak breaks a tie). An interviewer's turn is a question when it asks ("?") or when an
interviewee answers it; otherwise it is a remark ("We'll be right back."). Interviewees answer;
anyone else (an announcer, an unidentified voice, a speaker the hints leave out) remarks.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .segments import Part, Segment
from .speakers import Speaker, tokens
from .text import fold, word_list

_NON_PARTICIPANTS = frozenset(
    word_list(
        """unidentified unknown announcer narrator crowd audience operator voice voiceover
        voice-over group multiple several inaudible translator interpreter slackbot mee6 dyno
        chanserv nickserv"""
    )
)
# The guest an AMA names: "AMA with Jane Doe", "Ask Me Anything: Jane Doe", "Q&A with Jane Doe".
_GUEST_RE = re.compile(
    r"\b(?:AMA|Ask Me Anything|Q\s?&\s?A|Q\s?and\s?A)\b[\s,]{0,3}(?:session\s{1,3})?"
    r"(?:with|featuring|ft\.|:|[-–—])\s{0,3}"
    r"(?P<name>[A-Z][\w.'’-]{0,30}(?:\s{1,2}(?:[A-Z][\w.'’-]{0,30}|de|van|von|da|di|le|la)){0,3})"
)
_HANDLE_SPLIT_RE = re.compile(r"[._\-]+")
_MANY_ASKERS = 3
# Phrases of a closing note addressed to readers or listeners.
_CLOSING_RE = re.compile(
    r"\b(?:this interview|we interviewed|i interviewed|interviewed (?:by|for)|this (?:post|episode"
    r"|conversation|podcast)|thanks? (?:you )?for (?:reading|listening|watching)|leave a comment"
    r"|subscribe|our readers|dear readers|edited for (?:length|clarity)|this transcript)\b",
    re.IGNORECASE,
)


def assign_roles(
    speakers: list[Speaker],
    turns: dict[int, list[str]],
    interviewer_names: list[str],
    interviewee_names: list[str],
    strict_interviewees: bool,
) -> list[str]:
    """Set `role` on each speaker; return warnings.

    `turns` maps id(speaker) to the texts of its turns; the names lists come from hints or header
    metadata. With `strict_interviewees` (hints named the interviewees) an unnamed speaker
    remarks rather than answers.
    """
    warnings: list[str] = []
    wanted_askers = {fold(name) for name in interviewer_names}
    wanted_answerers = {fold(name) for name in interviewee_names}
    for speaker in speakers:
        if speaker.role:
            continue
        names = {fold(speaker.name)} | {fold(label) for label in speaker.labels}
        if names & wanted_askers or _fits_any(speaker, interviewer_names):
            speaker.role = "interviewer"
        elif names & wanted_answerers or _fits_any(speaker, interviewee_names):
            speaker.role = "interviewee"
    people = [s for s in speakers if s.role is None and not _non_participant(s)]
    has_interviewee = any(s.role == "interviewee" for s in speakers)
    guest = _one_answerer(people, turns)
    if guest is not None and not any(s.role == "interviewer" for s in speakers):
        # An AMA: one guest answers the questions of many.
        guest.role = "interviewee"
        for speaker in people:
            if speaker is not guest:
                speaker.role = "interviewer"
        return warnings
    if not any(s.role == "interviewer" for s in speakers) and people:
        asked = [text for s in people for text in turns.get(id(s), [])]
        if (
            has_interviewee
            and len(people) >= _MANY_ASKERS
            and sum(1 for text in asked if "?" in text) >= 0.5 * len(asked)
        ):
            # The guest is known and the others put questions to them: an AMA's askers.
            for speaker in people:
                speaker.role = "interviewer"
        elif len(people) == 1:
            if has_interviewee:
                people[0].role = "interviewer"  # the one speaker the hints left out
        else:
            # A speaker heard once is no evidence either way: the regulars are judged first.
            regulars = [s for s in people if len(turns.get(id(s), [])) >= 2] or people
            ratios = []
            for order, speaker in enumerate(regulars):
                texts = turns.get(id(speaker), [])
                asked = sum(1 for text in texts if "?" in text)
                ratios.append((asked / len(texts) if texts else 0.0, -order, speaker))
            ratios.sort(key=lambda item: (item[0], item[1]), reverse=True)
            best_ratio, _, best = ratios[0]
            if best_ratio >= 0.2 and all(best_ratio - ratio >= 0.15 for ratio, _, _ in ratios[1:]):
                best.role = "interviewer"
                for ratio, _, speaker in ratios[1:]:
                    if ratio >= 0.6 and len(turns.get(id(speaker), [])) >= 2:
                        speaker.role = "interviewer"  # a second host
            else:
                people[0].role = "interviewer"
                warnings.append(
                    "could not tell who asks the questions: "
                    f"taking '{people[0].name}', who speaks first"
                )
    for speaker in speakers:
        if speaker.role is None and not _non_participant(speaker) and not strict_interviewees:
            speaker.role = "interviewee"
    return warnings


def _one_answerer(people: list[Speaker], turns: dict[int, list[str]]) -> Speaker | None:
    """The guest of an AMA: many people ask (most of them once or twice), one of them answers
    the most turns and seldom asks."""
    if len(people) < _MANY_ASKERS + 1:
        return None
    counts = sorted(((len(turns.get(id(s), [])), s) for s in people), key=lambda item: -item[0])
    (top, guest), (second, _) = counts[0], counts[1]
    others = [text for s in people if s is not guest for text in turns.get(id(s), [])]
    if top < 3 or top <= second or not others:
        return None
    own = turns.get(id(guest), [])
    guest_asks = sum(1 for text in own if "?" in text) / len(own)
    others_ask = sum(1 for text in others if "?" in text) / len(others)
    if others_ask >= 0.5 and guest_asks <= others_ask - 0.3:
        return guest
    return None


def guest_named(text: str) -> str | None:
    """The guest a title or an introduction names: "AMA with Jane Doe" -> "Jane Doe"."""
    found = _GUEST_RE.search(text[:2000])
    if found is None:
        return None
    name = found["name"].strip(" .,'’-")
    return name if len(name) >= 2 else None


def is_person_name(text: str) -> bool:
    """Whether `text` reads as a person's name: two to four capitalised words, nothing else."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() for word in words
    )


def handle_words(label: str) -> tuple[str, ...]:
    """A chat handle's words: "dana.whitlock" -> dana, whitlock; "jdoe_42" -> jdoe."""
    parts = [fold(part) for part in _HANDLE_SPLIT_RE.split(label.strip("@"))]
    return tuple(part for part in (p.rstrip("0123456789") for p in parts) if part)


def _fits_any(speaker: Speaker, names: list[str]) -> bool:
    own = set(tokens(speaker.name)) if speaker.name else set()
    if not own:
        return False
    if any(own == set(tokens(name)) for name in names):
        return True
    # A handle spelling a name: "dana.whitlock", "DanaWhitlock", "dana_w" for "Dana Whitlock".
    words = handle_words(speaker.name) if " " not in speaker.name else ()
    if not words:
        return False
    joined = "".join(words)
    for name in names:
        full = tuple(fold(word) for word in tokens(name))
        if len(full) < 2:
            continue
        if words == full or joined == "".join(full) or joined == full[0][0] + "".join(full[1:]):
            return True
    return False


def _non_participant(speaker: Speaker) -> bool:
    words = set()
    for label in speaker.labels:
        words.update(fold(label).replace(",", " ").replace("(", " ").replace(")", " ").split())
    return bool(words & _NON_PARTICIPANTS)


def kinds(segments: list[Segment], role_of) -> list[str]:
    """The kind of each segment; `role_of(segment)` gives its speaker's role."""
    result = []
    speech = [i for i, seg in enumerate(segments) if seg.kind == "speech"]
    next_speech = dict(pairwise(speech))
    for index, segment in enumerate(segments):
        if segment.kind != "speech":
            result.append(segment.kind)
            continue
        role = role_of(segment)
        if role == "interviewee":
            result.append("answer")
        elif role == "interviewer":
            following = next_speech.get(index)
            answered = following is not None and role_of(segments[following]) == "interviewee"
            result.append("question" if "?" in segment.text or answered else "remark")
        else:
            result.append("remark")
    return result


def split_closing(
    segment: Segment,
    role: str | None,
    interviewee_names: list[str],
    double_gaps_rare: bool,
) -> tuple[list[Part], str | None]:
    """The closing note at the end of the last turn: (its paragraphs, a warning if unsure).

    A paragraph opens the closing note when a rule, a heading or an unusually wide gap sets it
    apart, or when it speaks of the interviewee in the third person (a name in an interviewee's
    own paragraph); phrases addressed to readers ("this interview", "thanks for reading") only
    add weight.
    """
    names = set()
    for name in interviewee_names:
        names.update(word for word in tokens(name) if len(word) >= 3)
    for index in range(0 if segment.continued else 1, len(segment.parts)):
        part = segment.parts[index]
        apart = part.boundary or (part.gap >= 2 and double_gaps_rare)
        words = set(re.findall(r"\w+", fold(part.text[:2000])))
        named = role == "interviewee" and bool(names & words)
        addressed = bool(_CLOSING_RE.search(part.text[:2000]))
        if apart and (named or addressed):
            return segment.parts[index:], None
        if apart:
            return segment.parts[index:], "closing note guessed from the layout only: check it"
        if named and addressed:
            return segment.parts[index:], None
        if named:
            return (
                segment.parts[index:],
                "closing note guessed: a paragraph names the interviewee in the third person",
            )
        if addressed and index == len(segment.parts) - 1 and len(part.text.split()) <= 40:
            return segment.parts[index:], "closing note guessed from its wording: check it"
    return [], None
