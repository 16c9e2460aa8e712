"""From segments to turns: who the speakers are, their roles, each turn's kind, the outro.

Labels are merged into speakers (speakers.py); a side known only by its role ("Q", "A", an
unlabelled alternation) is named from what the page says: hints, header metadata, the title,
a byline, a legend of initials, or what the speaker says in the opening; then roles and kinds
(roles.py), and the closing note split off the last turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import roles
from .header import INTERVIEWEE_KEYS, INTERVIEWER_KEYS, metadata_names
from .labels import label_key
from .model import ParsedTranscript, ParsedTurn
from .modes.reading import LineLedger, ParseContext, SideLabels
from .segments import Segment
from .speakers import Speaker, display_name, merge, readable_name
from .structure import Unit
from .text import fold, is_upper_text

_ONE_PARAGRAPH_TURNS = 8  # turns enough to say a page never breaks a turn into paragraphs
_SELF_NAMING_TURNS = 6  # the opening, where a speaker says who they are
# "Please find my answers below", "Answers inline": a mail that carries the answers.
_ANSWERS_SENT_RE = re.compile(
    r"\b(?:my|our) (?:answers|responses|replies)\b|\bhere are (?:the )?(?:answers|responses)\b"
    r"|\b(?:answers|responses) (?:are )?(?:below|attached|inline)\b",
    re.IGNORECASE,
)
_CREDIT_LINE_RE = re.compile(r"[*_(]{0,3}(?:interview(?:ed)?|conducted)\s+by\s", re.IGNORECASE)
_CONDUCTED_RE = re.compile(
    r"(?:an? )?(?:oral history )?interview\s+conducted\s+by\s", re.IGNORECASE
)


@dataclass(frozen=True)
class ReadPage:
    """What reading the page found besides its segments, to name speakers and roles by."""

    context: ParseContext
    metadata: dict[str, str]  # the header's, with what the talk's tail added
    signed_ama: tuple[list[str], list[str]]  # askers and answerers by their signatures
    sides: SideLabels
    spoken_names: dict[str, str]  # role -> the name unnamed captions say it has
    notes: tuple[Unit, ...]  # footnotes and afterword after the talk: the outro's


def _side_label(sides: SideLabels, segment: Segment) -> str:
    """The one-off label taken off the first paragraph of a side ("TIME:"), as written."""
    line = sides.lines.get(segment.role or "")
    if line is None or not any(part.line == line for part in segment.parts):
        return ""
    return sides.names[segment.role]


def _restore_side_label(sides: SideLabels, role: str, segments: list[Segment]) -> None:
    body, full = sides.texts[role]
    for segment in segments:
        if segment.kind == "speech" and segment.role == role and not segment.label:
            if segment.parts and segment.parts[0].text == body:
                segment.parts[0].text = full
            return


# --- Speakers, roles, kinds --------------------------------------------------------------


def assemble(
    page: ReadPage, segments: list[Segment], ledger: LineLedger, result: ParsedTranscript
) -> None:
    """Speakers from the segments' labels and sides, their roles, the turns' kinds and the
    closing note, written into `result`."""
    hints = page.context.hints
    askers, answerers = page.signed_ama
    interviewer_names = (
        hints.interviewers or metadata_names(page.metadata, INTERVIEWER_KEYS) or askers
    )
    interviewee_keys = INTERVIEWEE_KEYS
    named_keys: tuple[str, ...] = ()
    if not {"from", "to"} & page.metadata.keys():
        interviewee_keys += ("subject",)  # an oral history's subject, not a mail's
        # An oral history's "Name: Jane Doe", when no field says who is interviewed: the
        # one whose story the transcript is.
        named_keys = ("name",)
    interviewee_names = (
        hints.interviewees
        or metadata_names(page.metadata, interviewee_keys)
        or metadata_names(page.metadata, named_keys)
        or answerers
    )
    if not interviewee_names and not hints.speakers:
        guest = roles.guest_named(result.title) or roles.guest_named(result.intro)
        if guest is None and askers and roles.is_person_name(result.title):
            guest = result.title  # a signed AMA's page is titled with its guest
        interviewee_names = [guest] if guest else []
    hint_names = list(dict.fromkeys([*hints.speakers, *interviewer_names, *interviewee_names]))
    labels = list(
        dict.fromkeys(seg.label for seg in segments if seg.kind == "speech" and seg.label)
    )
    by_key, warnings = merge(labels, hint_names)
    ledger.warnings.extend(warnings)
    # A name from the header ("INTERVIEWER: Janet Abbate") says who a label is and what
    # role it has, but a label written in ordinary case ("Abbate") stays as written; one in
    # capitals ("JANE") takes the header's spelling.
    declared = {*hints.speakers, *hints.interviewers, *hints.interviewees}
    for speaker in by_key.values():
        if (
            speaker.hinted
            and speaker.name not in declared
            and not all(is_upper_text(label) for label in speaker.labels)
        ):
            if speaker.role is None and speaker.name in interviewer_names:
                speaker.role = "interviewer"
            elif speaker.role is None and speaker.name in interviewee_names:
                speaker.role = "interviewee"
            speaker.name = display_name(speaker.labels)

    _roles_from_legend(page, by_key, segments)

    role_speakers: dict[str, Speaker] = {}
    for speaker in by_key.values():
        if speaker.role and not speaker.name:
            role_speakers[speaker.role] = speaker
    for role, names in (("interviewer", interviewer_names), ("interviewee", interviewee_names)):
        speaker = role_speakers.get(role)
        if speaker is None and any(seg.role == role and not seg.label for seg in segments):
            speaker = role_speakers[role] = Speaker("", role)
        if speaker is not None and not speaker.name and len(names) == 1:
            speaker.name = names[0]
        elif speaker is not None and len(names) > 1:
            ledger.warnings.append(f"several {role}s named: the turns are not attributed")
        if speaker is not None and not speaker.name:
            found = _role_speaker_name(page, ledger, result, role) or _self_named(
                speaker, role, segments, by_key
            )
            if found and role not in page.sides.names:
                found = readable_name(found, page.context.document)
            speaker.name = found or ""
            speaker.name = speaker.name or roles.ROLE_NAMES[role]
        if role in page.sides.names and (speaker is None or speaker.name != page.sides.names[role]):
            _restore_side_label(page.sides, role, segments)  # named otherwise: the label stays

    def speaker_of(segment: Segment) -> Speaker | None:
        if segment.kind != "speech":
            return None
        if segment.label:
            return by_key.get(label_key(segment.label))
        if segment.role:
            return role_speakers.get(segment.role)
        return None

    # One speaker per name: a role speaker named by a hint is the same person as a label.
    by_name: dict[str, Speaker] = {}
    owner: dict[int, Speaker] = {}
    for segment in segments:
        speaker = speaker_of(segment)
        if speaker is None:
            continue
        if speaker.name:
            kept = by_name.setdefault(speaker.name, speaker)
            if kept is not speaker and kept.role is None:
                kept.role = speaker.role
            speaker = kept
        owner[id(segment)] = speaker

    # One turn per run of one speaker's segments; roles are judged on those turns.
    segments = _merge_adjacent(segments, owner)
    ordered = list({id(s): s for s in owner.values()}.values())
    texts: dict[int, list[str]] = {}
    for segment in segments:
        speaker = owner.get(id(segment))
        if speaker is not None:
            texts.setdefault(id(speaker), []).append(segment.text)
    ledger.warnings.extend(
        roles.assign_roles(
            ordered,
            texts,
            interviewer_names,
            interviewee_names,
            strict_interviewees=bool(hints.interviewees),
            sequence=[
                (owner[id(seg)], seg.text)
                for seg in segments
                if seg.kind == "speech" and id(seg) in owner and seg.text
            ],
            intro="\n\n".join(filter(None, (result.deck, result.intro))),
            credited=_page_interviewer(page, ledger, result) or "",
            bystanders=_heard_in_clips_only(segments, owner),
        )
    )

    def role_of_segment(segment: Segment) -> str | None:
        speaker = owner.get(id(segment))
        return speaker.role if speaker is not None and not speaker.voice else None

    _closing(page, ledger, result, segments, role_of_segment, interviewee_names, owner)
    kinds = roles.kinds(segments, role_of_segment)
    for segment, kind in zip(segments, kinds, strict=True):
        text = segment.text
        lines = [*segment.lines, *(i for part in segment.parts for i in part.lines)]
        if not text:
            ledger.ignore_lines(lines)  # a label with nothing said after it
            continue
        where = f"turn {len(result.turns)}"
        ledger.places.extend((index, where) for index in lines)
        for part in segment.parts:
            for index in part.shared:
                _share_line(ledger, index, len(result.turns))
        speaker = owner.get(id(segment))
        result.turns.append(
            ParsedTurn(
                speaker=speaker.name if speaker is not None else "",
                kind=kind,
                text=text,
                timestamp=segment.timestamp,
                label=segment.label or _side_label(page.sides, segment),
            )
        )
    spoken = [owner[id(seg)] for seg in segments if seg.text and id(seg) in owner]
    names = list(dict.fromkeys(s.name for s in spoken if s.name))
    for declared in dict.fromkeys([*hints.speakers, *hints.interviewers, *hints.interviewees]):
        if declared not in names:
            ledger.warnings.append(f"declared speaker '{declared}' not found in the transcript")
    result.speakers = names
    result.interviewers = [
        name for name in names if any(s.role == "interviewer" for s in spoken if s.name == name)
    ]
    result.interviewees = [
        name for name in names if any(s.role == "interviewee" for s in spoken if s.name == name)
    ]


def _self_named(speaker: Speaker, role: str, segments: list[Segment], by_key) -> str | None:
    """The name a role-only speaker gives as their own in their first turn, in the opening
    ("My name is Luis Ortega."), when no other speaker is called so."""
    spoken = [seg for seg in segments if seg.kind == "speech"][:_SELF_NAMING_TURNS]
    for seg in spoken:
        own = by_key.get(label_key(seg.label)) if seg.label else None
        if own is speaker or (not seg.label and seg.role == role):
            name = roles.self_named(seg.text, strict=True)
            others = {fold(s.name) for s in by_key.values() if s is not speaker and s.name}
            return name if name and fold(name) not in others else None
    return None


def _share_line(ledger: LineLedger, index: int, turn: int) -> None:
    """The line `index`, placed in an earlier turn, goes on into `turn` (several voices on
    one caption line): its place becomes "turns j-k"."""
    for n in range(len(ledger.places) - 1, -1, -1):
        line, place = ledger.places[n]
        if line != index:
            continue
        first = (
            place.removeprefix("turns ").split("-")[0]
            if place.startswith("turns ")
            else (place.removeprefix("turn ") if place.startswith("turn ") else None)
        )
        if first is not None and first.isdigit() and int(first) < turn:
            ledger.places[n] = (line, f"turns {first}-{turn}")
        return


def _roles_from_legend(page: ReadPage, by_key: dict[str, Speaker], segments: list[Segment]) -> None:
    """Speakers labelled by initials ("JD", "[MR]") that a legend above the talk spells out
    ("JD = Jane Doe (host)", "Speakers: TK (Tom Kowalski, host)") take the role it gives
    them; the labels stay as written (the legend stays on the page)."""
    first = min(
        (
            index
            for seg in segments
            if seg.kind == "speech"
            for index in (*seg.lines, *(i for part in seg.parts for i in part.lines))
        ),
        default=0,
    )
    legend = roles.initials_legend("\n".join(page.context.raw[:first]))
    if not legend:
        return
    for speaker in {id(s): s for s in by_key.values()}.values():
        keys = {label.strip("[]() ").upper() for label in speaker.labels}
        names = {legend[key][0] for key in keys if key in legend}
        if len(names) != 1 or not all(key in legend for key in keys):
            continue
        speaker.role = speaker.role or legend[next(iter(keys))][1]


def _role_speaker_name(
    page: ReadPage, ledger: LineLedger, result: ParsedTranscript, role: str
) -> str | None:
    """Who a role-only speaker ("Q", "A", unlabelled alternation) is, when the page says:
    the interviewee from a title "Interview with ..." or an intro's "interview with ...",
    "interview between (the show) and ...", the interviewer from the byline,
    the front matter's author or an intro's "interviewed by ..."."""
    if role in page.sides.names:
        return page.sides.names[role]
    meta = page.metadata
    if role == "interviewee":
        return (
            _mail_party(page, result, "from")  # the sender of the answers, above a subject line
            or roles.interviewee_from_title(result.title or meta.get("title", ""))
            or roles.interviewee_from_title(result.deck)
            or roles.interviewee_from_intro(result.intro)
            or roles.guest_spoken_with(result.intro)
            or page.spoken_names.get(role)
        )
    return (
        _page_interviewer(page, ledger, result)
        or _mail_party(page, result, "to")
        or page.spoken_names.get(role)
    )


def _mail_party(page: ReadPage, result: ParsedTranscript, field: str) -> str | None:
    """In a mail that replies with the answers ("Answers below", "my answers"), the sender
    answers and the addressee asked: the person its "From:" or "To:" field names."""
    meta = page.metadata
    if "newsgroups" in meta or not {"from", "to"} <= meta.keys():
        return None
    if not _ANSWERS_SENT_RE.search(result.intro[:2000]):
        return None
    return roles.person_in_address(meta.get(field, ""))


def _page_interviewer(page: ReadPage, ledger: LineLedger, result: ParsedTranscript) -> str | None:
    """The interviewer as the page credits them: byline, author, "interviewed by"."""
    meta = page.metadata
    for value in (meta.get("byline", ""), meta.get("interviewed by", "")):
        if value and (found := roles.interviewer_from_byline(value)):
            return found
    if found := roles.interviewer_from_title(result.title or meta.get("title", "")):
        return found
    for key in ("author", "authors"):
        if meta.get(key) and (found := roles.interviewer_from_authors(meta[key])):
            return found
    for found in roles.interviewed_by("\n\n".join((meta.get("dateline", ""), result.intro))):
        return found
    # "RUTH BANNER: An Interview Conducted by Jane Doe, ...": a field crediting the interview.
    for value in meta.values():
        if _CREDIT_LINE_RE.match(value) or _CONDUCTED_RE.match(value):
            for found in roles.interviewed_by(value[:300]):
                return found
    # A credit line under the talk: "Interview by Jane Doe for the Makers Newsletter."
    credits = [result.outro, *(text for _, text in sorted(ledger.ignored))]
    for text in credits:
        if _CREDIT_LINE_RE.match(text):
            for found in roles.interviewed_by(text[:300]):
                return found
    if "newsgroups" in meta:
        # A Usenet post's interview is its poster's: "From: ed@example.org (Jo Roe)".
        return roles.person_in_address(meta.get("from", ""))
    return None


def _closing(
    page: ReadPage,
    ledger: LineLedger,
    result: ParsedTranscript,
    segments,
    role_of_segment,
    interviewee_names,
    owner,
) -> None:
    speech = [seg for seg in segments if seg.kind == "speech"]
    if not speech:
        return
    last = speech[-1]
    # The last turn may run on over several segments of one speaker (split by captions).
    wide = sum(1 for seg in speech for part in seg.parts if part.gap >= 2)
    parts = sum(len(seg.parts) for seg in speech)
    double_gaps_rare = wide <= max(1, 0.1 * parts)
    # Turns that (all but one in twenty) never break into paragraphs: a blank line in the
    # last one ends the talk.
    breaks = sum(1 for seg in speech[:-1] for part in seg.parts[1:] if part.gap >= 1)
    one_paragraph = len(speech) >= _ONE_PARAGRAPH_TURNS and breaks <= len(speech) // 20
    names = list(interviewee_names)
    for speaker in {id(s): s for s in owner.values()}.values():
        if speaker.role == "interviewee":
            names.extend([speaker.name, *speaker.labels])
    closing, warning = roles.split_closing(
        last,
        role_of_segment(last),
        [n for n in names if n],
        double_gaps_rare,
        one_paragraph=one_paragraph,
    )
    if warning:
        ledger.warnings.append(warning)
    if closing:
        del last.parts[len(last.parts) - len(closing) :]
        result.outro = "\n\n".join(part.text for part in closing)
        ledger.places.extend((index, "outro") for part in closing for index in part.lines)
    if page.notes:
        notes = [unit.text for unit in page.notes]
        result.outro = "\n\n".join(filter(None, [result.outro, *notes]))
        ledger.places.extend((index, "outro") for unit in page.notes for index in unit.indices)


def _merge_adjacent(segments: list[Segment], owner: dict[int, Speaker]) -> list[Segment]:
    """Consecutive segments of one speaker become one turn, paragraphs kept apart; a section
    break (a heading, a rule) before a speaker's label ends the turn before it."""
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and segment.kind == "speech"
            and previous.kind == "speech"
            and not segment.new_turn
            and id(segment) in owner
            and owner.get(id(previous)) is owner[id(segment)]
            and not segment.after_break
            # A section heading between two labelled turns ends the first one.
            and not (segment.label and segment.parts and segment.parts[0].boundary)
        ):
            previous.parts.extend(segment.parts)
            previous.lines.extend(segment.lines)
            if previous.timestamp is None:
                previous.timestamp = segment.timestamp
            continue
        merged.append(segment)
    return merged


_CLIP_MARK_RE = re.compile(
    r"[(\[]?\s{0,3}(BEGIN|END)\b[^)\]]{0,40}\b(?:VIDEO|AUDIO|CLIP|TAPE|SOUND)", re.IGNORECASE
)


def _heard_in_clips_only(segments: list[Segment], owner: dict[int, Speaker]) -> set[int]:
    """Speakers (by id) heard only inside a broadcast's clips ("(BEGIN VIDEO CLIP)" ...
    "(END VIDEO CLIP)"): a recording played on air, not people taking part in the interview.
    A clip where someone heard outside clips talks too (the host) is a taped interview: its
    guest takes part."""
    clips: list[set[int]] = []
    inside = False
    outside: set[int] = set()
    for segment in segments:
        if segment.kind != "speech":
            found = _CLIP_MARK_RE.match(segment.text.strip()) if len(segment.text) <= 60 else None
            if found:
                inside = found.group(1).upper() == "BEGIN"
                if inside:
                    clips.append(set())
            continue
        speaker = owner.get(id(segment))
        if speaker is None:
            continue
        if inside and clips:
            clips[-1].add(id(speaker))
        else:
            outside.add(id(speaker))
    played = [clip for clip in clips if not clip & outside]
    return set().union(*played) - outside if played else set()
