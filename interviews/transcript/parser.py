"""`parse(text, hints)`: a pasted page, PDF text or transcription export in; a proposal out.

The steps, each in its own module:

1. normalise line breaks ("<br>" is one) and drop control characters (text.py); character
   references are decoded everywhere, and a page that holds HTML is read as its text;
2. cut the reader-comment thread out (comments.py) and what follows it;
3. subtitles (SRT, WebVTT) go their own way (subtitles.py); other text continues;
4. drop front matter into metadata, a first page of licence terms before a page break and PDF
   page furniture (pdf.py), the page's tail: comment forms and "related articles" teasers
   (furniture.py), and a chat log's room noise: joins, reactions, "(edited)" (chat.py; its
   message headers are label shapes in labels.py);
5. group lines into units: paragraphs, lists, captions, directions (structure.py);
6. decide which label shapes are speakers from their statistics (below), or, without labels,
   pair questions ending in "?" with the paragraphs that answer them (a layout that sets the
   questions apart, in bold, as headings or at their own indentation, says which they are;
   where the rows open with timecodes, a row's time is its turn's, and what is said after the
   first time and before the first question is the interviewee's opening statement);
   headings that ask over labelled answers ("# Q. Why?" then "**AB:** ...") are questions;
7. read the header: title, deck, date, metadata, intro (header.py);
8. name a published AMA's askers and answerers from their signatures (chat.py), merge labels
   into speakers (speakers.py), name the speakers known only by their role, find who asks from
   what is said, split off the closing note and give every turn its kind (roles.py).

Which labels are speakers. A label shape ("Name:", "NAME, ROLE:", "**Name:**", "Name  0:35")
names a speaker when its speaker (labels merged as in speakers.py) is labelled twice or more,
when hints declare it, when it is a role ("Q", "Interviewer") beside other labels, or, in a
transcript labelled in capitals, bold or with times, when it has that style (a guest who
speaks once). A plain label seen once is text, with a warning when it sits in the middle of the
talk ("label 'Note' appears once: a speaker?"). Where two labels take turns, paragraphs
without a label under a question that the same label follows again are the other side's
answer, its label forgotten (with a warning). In a hearing record, a name alone on its line
right above that member's own labelled paragraph ("Senator Reed." then "Senator Reed. Thank
you, ...") is the chair calling on them: the chair's words; a paragraph in capitals between
its turns ("STATEMENT OF JANE DOE, ...") is a heading. Before the first speaker, short
"Key: value" lines are metadata ("Date:", "Host:", a mail header, a label seen once).

Speakers without names. Unlabelled alternation and role labels ("Q", "A", "Interviewer") give
two speakers, one per side, never a blank one. Each is named from the page when it says who
they are: hints, header metadata ("Interviewer: Jane Doe", "Host:", "Guest:", an oral
history's "Subject:", "Veteran:", or its "Name:" when no field says who is interviewed), a
title "Interview with Jane Doe" (the interviewee), a byline, the front matter's author or an
intro's "interviewed by ..." (the interviewer); otherwise by the role itself: "Interviewer",
"Interviewee". Contact fields ("Telephone:", "Email:", "Web:", "Address:") are never speakers.

`parse` never raises: an internal error gives back what was safe (comments, ignored lines) and a
warning.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from . import afterword, chat, furniture, header, roles, subtitles
from .comments import find_comment_section
from .furniture import final_mark_free
from .header import (
    INTERVIEWEE_KEYS,
    INTERVIEWER_KEYS,
    METADATA_KEYS,
    metadata_names,
    metadata_value_is_short,
)
from .labels import (
    label_key,
    name_parts,
    read_label,
    role_of,
    strip_clock,
    strip_timestamps,
    timed_marker,
)
from .model import FORMATS, ParsedComment, ParsedTranscript, ParsedTurn, ParseHints
from .pdf import (
    Line,
    is_page_footer,
    is_page_number,
    remove_page_furniture,
    terms_page_end,
    vocabulary,
    wrap_width,
)
from .segments import Part, Segment
from .speakers import Speaker, display_name, fits, merge, readable_name, tokens
from .structure import LineReader, Unit, build_units, markdown_heading, split_labelled_lists
from .text import (
    decode_entities,
    ends_question,
    final_mark,
    fold,
    holds_html,
    html_block_edges,
    is_rule,
    is_upper_text,
    split_lines,
    starts_lowercase,
    strip_html,
    unescape_brackets,
    word_count,
    word_list,
)

_STRONG_STYLES = ("upper", "bold", "timestamp", "hearing", "chat")
_LONG_QUESTION_CHARS = 700
_ONE_PARAGRAPH_TURNS = 8  # turns enough to say a page never breaks a turn into paragraphs
_DASHED_ANSWERS = 3  # answers enough to call their opening dash the format's
_ALTERNATION_TURNS = 4  # changes of speaker that show two labels take turns
_MAX_FALLBACK_LABELS = 6  # one-off labels taken as speakers when nothing else gives turns
_MAX_TEASER_BACKTRACK = 4
_HEARING_HEADING_WORDS = 40
_TEASER_GAP_LINES = 7  # non-blank lines from one teaser marker to the next, or to the end
_MIN_CHAT_PAIRS = 3  # authors over their message's time, to read them as a chat's headers
_MAX_SIGNATURE_LINES = 12  # lines after an end mark ("-- ", "###") in a page without labels
_SIGNATURE_BLOCK = 4  # lines under a sign-off: name, job title, organisation, telephone
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
_LINK_DEFINITION_LINE_RE = re.compile(r"\[[^\[\]]{1,100}\]:\s")


def parse(text: str, hints: ParseHints | None = None) -> ParsedTranscript:
    """Propose metadata, turns and comments for `text`. Deterministic; never raises."""
    result = ParsedTranscript()
    parser = None
    try:
        parser = _Parser(text, hints, result)
        return parser.run()
    except Exception as error:  # the contract: any string parses, errors become warnings
        ignored, places = _set_aside_all(parser)
        return ParsedTranscript(
            comments=list(result.comments),
            ignored=ignored,
            warnings=[
                *result.warnings,
                f"internal error ({type(error).__name__}): the transcript could not be parsed",
            ],
            format=result.format,
            places=places,
        )


def _set_aside_all(parser: _Parser | None) -> tuple[list[str], list[tuple[int, str]]]:
    """After an internal error, every line but the readers' comments is set aside as written:
    nothing is lost, and the editor sees it all."""
    if parser is None:
        return [], []
    try:
        comments = [item for item in parser.places if item[1] == "comment"]
        taken = {index for index, _ in comments}
        kept = [
            (index, line.strip())
            for index, line in enumerate(parser.raw)
            if line.strip() and index not in taken
        ]
        return [text for _, text in kept], sorted(
            [*comments, *((index, "ignored") for index, _ in kept)]
        )
    except Exception:
        return parser.ignored_lines(), []


def _clean_hints(hints: ParseHints | None) -> ParseHints:
    if not isinstance(hints, ParseHints):
        return ParseHints()

    def names(values) -> list[str]:
        if isinstance(values, str):
            values = [values]
        try:
            found = [" ".join(str(value).split()) for value in values or ()]
        except TypeError:
            return []
        return [name for name in dict.fromkeys(found) if name]

    form = hints.format if hints.format in FORMATS else "auto"
    return ParseHints(
        speakers=names(hints.speakers),
        interviewers=names(hints.interviewers),
        interviewees=names(hints.interviewees),
        format=form,
    )


class _Parser:
    def __init__(self, text: str, hints: ParseHints | None, result: ParsedTranscript) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        elif not isinstance(text, str):
            text = "" if text is None else str(text)
        self.text = text
        self.hints = _clean_hints(hints)
        self.result = result
        self.hint_names = [*self.hints.speakers, *self.hints.interviewers, *self.hints.interviewees]
        self.hint_tokens = [tokens(name) for name in self.hint_names]
        self.timestamped = False
        self.metadata: dict[str, str] = {}
        self.ignored: list[tuple[int, str]] = []  # (input line, text), sorted at the end
        self.places: list[tuple[int, str]] = []  # (input line, where it went): see model.py
        self.raw: list[str] = []  # the normalised input lines
        self.side_names: dict[str, str] = {}  # role -> a name-like label heading that side once
        self.spoken_names: dict[str, str] = {}  # role -> the name unnamed captions say it has
        self.side_lines: dict[str, int] = {}  # role -> the input line that label was on
        self.side_texts: dict[str, tuple[str, str]] = {}  # role -> (text without it, with it)
        self.label_counts: Counter[str] = Counter()
        self.mode = "labelled"
        self.chat_log = False  # the text has a chat log's message headers (chat.py)
        self.signed_ama: tuple[list[str], list[str]] = ([], [])  # askers, answerers
        self.notes: list[Unit] = []  # footnotes after the talk: the outro's

    def ignore(self, index: int, text: str) -> None:
        self.ignored.append((index, text))
        self.places.append((index, "ignored"))

    def ignore_unit(self, unit: Unit) -> None:
        """Set every line of `unit` aside, each as written."""
        for index in unit.indices:
            text = self.raw[index].strip() if 0 <= index < len(self.raw) else ""
            if text:
                self.ignore(index, text)

    def ignore_lines(self, indices) -> None:
        for index in indices:
            text = self.raw[index].strip() if 0 <= index < len(self.raw) else ""
            if text:
                self.ignore(index, text)

    def put_metadata(self, key: str, value: str, unit: Unit) -> None:
        """A "Key: value" read after the talk; a second, different value is set aside."""
        if self.metadata.setdefault(key, value) == value:
            self.places.extend((index, f"metadata:{key}") for index in unit.indices)
        else:
            self.ignore_unit(unit)

    def ignored_lines(self) -> list[str]:
        return [text for _, text in sorted(self.ignored, key=lambda item: item[0])]

    # --- The whole ---------------------------------------------------------------------------

    def run(self) -> ParsedTranscript:
        result = self.result
        lines = split_lines(self.text)
        self.raw = lines
        self.document = "\n".join(lines)
        lines = self._cut_comments(lines)
        forced = self.hints.format
        form = forced if forced in ("srt", "vtt") else None
        if forced == "auto":
            form = subtitles.detect(lines)
        if form:
            result.format = form
            segments = self._read_subtitles(lines)
        else:
            segments = self._read_text(lines)
        self._assemble(segments)
        if not any(turn.kind not in ("caption", "direction") for turn in result.turns):
            result.warnings.append("no turns found")
        result.warnings = list(dict.fromkeys(result.warnings))
        result.ignored = self.ignored_lines()
        result.metadata = dict(self.metadata)
        result.byline = result.metadata.get("byline", "")
        result.places = sorted(self.places)
        return result

    def _cut_comments(self, lines: list[str]) -> list[str]:
        try:
            section = find_comment_section(lines)
        except Exception as error:  # a broken thread must not lose the interview
            self.result.warnings.append(
                f"the comment thread could not be read ({type(error).__name__})"
            )
            return lines
        if section is None or not 0 <= section.start < section.end <= len(lines):
            return lines
        self.result.comments = list(section.comments)
        _decode_comments(self.result.comments)
        # The section's lines are the comments' (authors, dates, text), but for the furniture
        # it set aside and its heading ("43 Responses to ...").
        aside = Counter(section.ignored)
        for index in range(section.start, section.end):
            text = lines[index].strip()
            if not text:
                continue
            if aside[text] > 0 or index == section.heading:
                aside[text] -= 1
                self.ignore(index, text)
            else:
                self.places.append((index, "comment"))
        self.result.warnings.extend(section.warnings)
        self.ignore_lines(range(section.end, len(lines)))
        return lines[: section.start]

    # --- Subtitles ---------------------------------------------------------------------------

    def _read_subtitles(self, lines: list[str]) -> list[Segment]:
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
            return key in named or self._hinted(label) or (bool(named) and counts[key] == 1)

        read = subtitles.segments(lines, accept)
        found = read.segments
        if found and not any(seg.label for seg in found):
            self.result.warnings.append(
                f"the subtitles name no speaker: the speech is one turn, given to "
                f"'{subtitles.UNNAMED}'"
            )
            for seg in found:
                if seg.kind == "speech":
                    seg.label = subtitles.UNNAMED  # never a blank speaker
        elif found and any(seg.kind == "speech" and not seg.label for seg in found):
            # Speech before anyone is named: someone the captions do not name, never blank.
            for seg in found:
                if seg.kind == "speech" and not seg.label:
                    seg.label = subtitles.UNNAMED
        self.ignore_lines(read.ignored)
        self.result.warnings.extend(read.warnings)
        self.result.title = read.title
        if read.title_line is not None:
            self.places.append((read.title_line, "title"))
        for key, value, index in read.metadata:
            if self.metadata.setdefault(key, value) == value:
                self.places.append((index, f"metadata:{key}"))
            else:
                self.ignore_lines([index])
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
        self._alternate_unnamed(made, [seg.continued for seg in found])
        return made

    def _alternate_unnamed(self, segments: list[Segment], continued: list[bool]) -> None:
        """Captions that mark every change of speaker (">>", "- ") but name nobody: two people
        taking turns, the side that asks more the interviewer's (on a tie, whoever opens)."""
        spoken = [seg for seg in segments if seg.kind == "speech"]
        going_on = [on for seg, on in zip(segments, continued, strict=True) if seg.kind == "speech"]
        if len(spoken) < _ALTERNATION_TURNS or any(
            seg.label != subtitles.UNNAMED for seg in spoken
        ):
            return
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
        for role, name in (
            ("interviewer", roles.self_named(host)),
            ("interviewee", roles.handed_to(host) or roles.self_named(guest)),
        ):
            if name:
                self.spoken_names[role] = readable_name(name, "")
        self.result.warnings = [
            warning for warning in self.result.warnings if subtitles.UNNAMED not in warning
        ]
        self.result.warnings.append(
            "the subtitles mark speaker changes but name no one: "
            "the turns are taken as two people taking turns; check who says what"
        )

    # --- Text --------------------------------------------------------------------------------

    def _read_text(self, raw_lines: list[str]) -> list[Segment]:
        result = self.result
        lines = _text_lines(raw_lines)
        meta, used = header.front_matter(lines)
        self.places.extend((line.index, "metadata") for line in lines[:used] if line.text)
        lines = lines[used:]
        self.metadata.update(meta)
        lines = self._terms_page(lines)
        lines, dropped = remove_page_furniture(lines)
        # A running line above all the text is the document's title, when nothing else is.
        first_kept = next((line.index for line in lines if line.text), None)
        top = [
            (index, text)
            for index, text in dropped
            if (first_kept is None or index < first_kept) and not is_page_footer(text)
        ]
        running_title = top[0] if len(top) == 1 and not is_page_number(top[0][1]) else None
        shown: set[str] = set()
        for index, text in dropped:
            if text in shown:  # a running header is listed once, however many pages it tops
                self.places.append((index, "ignored"))
            else:
                shown.add(text)
                self.ignore(index, text)
        reader = self.reader = LineReader()
        lines = self._cut_tail(lines)
        lines = self._chat_noise(lines)
        for line in lines:
            line.text = chat.strip_anchor(line.text)
        width = wrap_width(lines, reader.opens_unit, reader.is_closed)
        words = vocabulary(lines) if width or any(line.joins_previous for line in lines) else set()
        units = split_labelled_lists(build_units(lines, width, words, reader), reader)
        _timed_markers(units)
        _timed_breaks(units)
        _sponsor_breaks(units)
        if self.chat_log:
            _chat_directions(units)
        accepted = self._accepted_labels(units)
        _heading_labels(units, accepted)
        _plain_headings(units, accepted)
        metadata_units, body_start = self._header_end(units, accepted)
        mode = self.mode = self._mode(units, accepted, body_start)
        undo = (len(self.ignored), len(result.warnings), dict(self.metadata), len(self.places))
        if mode == "alternating":
            body_start, segments = self._alternating(units, metadata_units)
        else:
            body_start, segments = self._labelled(units, accepted, body_start, metadata_units)
        if not any(seg.kind == "speech" for seg in segments) and self.hints.format == "auto":
            # Nothing else to go on: labels seen once are speakers after all.
            rest = {
                unit.label.key
                for index, unit in enumerate(units)
                if unit.label is not None and unit.label.label and index not in metadata_units
            } - _contact_keys(units)
            if 0 < len(rest) <= _MAX_FALLBACK_LABELS:
                del self.ignored[undo[0] :], result.warnings[undo[1] :]
                del self.places[undo[3] :]
                self.metadata = undo[2]
                accepted |= rest
                _, start = self._header_end(units, accepted)
                self.mode = "labelled"
                body_start, segments = self._labelled(units, accepted, start, metadata_units)
        if self.mode == "labelled":
            segments = self._unlabelled_answers(segments)
        self.signed_ama = chat.attribute(
            segments, lambda seg: (role_of(seg.label) if seg.label else None) or seg.role
        )
        head = header.read_header(units[:body_start], metadata_units, self.metadata)
        result.title = head.title
        if not result.title and running_title is not None:
            self._take_title(*running_title, dropped)
        result.deck = head.deck
        result.published = head.published
        result.intro = "\n\n".join(head.intro_parts)
        self.metadata = head.metadata
        result.metadata = dict(head.metadata)
        self.places.extend(head.placed)
        for unit in head.set_aside:
            self.ignore_unit(unit)
        leading = [_standalone_segment(unit) for unit in head.turn_units]
        return leading + segments

    def _terms_page(self, lines: list[Line]) -> list[Line]:
        """A first page of licence or copyright terms is set aside (pdf.terms_page_end)."""
        end = terms_page_end(lines)
        for line in lines[:end]:
            if line.text:
                self.ignore(line.index, line.text)
        return lines[end:]

    def _unlabelled_answers(self, segments: list[Segment]) -> list[Segment]:
        """Two labels that take turns ("R:"/"N:" in an e-mail interview): where one asks twice
        in a row, the paragraphs under its question that do not ask are the other's answer,
        written without its label."""
        speech = [seg for seg in segments if seg.kind == "speech" and seg.label]
        keys = [label_key(seg.label) for seg in speech]
        if len(set(keys)) != 2 or len(speech) != sum(seg.kind == "speech" for seg in segments):
            return segments
        pairs = list(pairwise(keys))
        repeats = [i for i, (a, b) in enumerate(pairs) if a == b]
        turns = len(pairs) - len(repeats)
        if not repeats or turns < _ALTERNATION_TURNS or len(repeats) * 4 > turns:
            return segments
        position = {id(seg): n for n, seg in enumerate(segments)}
        # Only a question followed right away by the same label again: nothing between them.
        repeats = [i for i in repeats if position[id(speech[i + 1])] == position[id(speech[i])] + 1]
        written = Counter(seg.label for seg in speech)
        split: dict[int, Segment] = {}
        for i in repeats:
            asker = speech[i]
            rest = asker.parts[1:]
            if not rest or not ends_question(asker.parts[0].text):
                continue
            if all(ends_question(part.text) for part in rest):
                continue  # the asker going on with a question
            other = next(key for key in set(keys) if key != keys[i])
            label = max(
                (lab for lab in written if label_key(lab) == other),
                key=lambda lab: (written[lab], lab),
            )
            del asker.parts[1:]
            split[id(asker)] = Segment("speech", label, rest)
            opening = " ".join(rest[0].text.split()[:6])
            self.result.warnings.append(
                f"'{opening} ...' has no label but follows a question by '{asker.label}': "
                f"taken as the answer of '{label}'"
            )
        if not split:
            return segments
        result = []
        for seg in segments:
            result.append(seg)
            if id(seg) in split:
                result.append(split[id(seg)])
        return result

    def _chat_noise(self, lines: list[Line]) -> list[Line]:
        """In a chat log, the room's lines (joins, reactions, "(edited)") are set aside."""
        lines = self._chat_times_below(lines)
        if not chat.is_chat_log([line.text for line in lines if line.text]):
            return lines
        self.chat_log = True
        kept = []
        for line in lines:
            # A clock time alone ("1:05"): Slack's mark on an author's next message.
            if line.text and (
                chat.is_noise(strip_clock(line.text)) or chat.is_clock_line(line.text)
            ):
                self.ignore(line.index, line.text)
                continue
            line.text = chat.strip_edited(line.text)
            kept.append(line)
        return kept

    def _chat_times_below(self, lines: list[Line]) -> list[Line]:
        """Slack copied from its window writes the author on one line and the time on the
        next ("Jane Doe" over "  2:00 PM"): where that recurs, the two are one header."""
        pairs = [
            i
            for i in range(1, len(lines))
            if chat.is_clock_line(lines[i].text) and chat.is_author_line(lines[i - 1].text)
        ]
        if len(pairs) < _MIN_CHAT_PAIRS:
            return lines
        for i in pairs:
            lines[i - 1].text = f"{lines[i - 1].text}  {lines[i].text}"
            self.ignore(lines[i].index, lines[i].text)
        taken = set(pairs)
        return [line for i, line in enumerate(lines) if i not in taken]

    def _take_title(self, index: int, text: str, dropped: list[tuple[int, str]]) -> None:
        """The line `index`, set aside as page furniture, is the title after all; the running
        header's next copy is then the one listed among the ignored lines."""
        if (index, text) not in self.ignored or (index, "ignored") not in self.places:
            return
        self.ignored.remove((index, text))
        self.places.remove((index, "ignored"))
        self.places.append((index, "title"))
        self.result.title = text
        copy = next((item for item in dropped if item[0] > index and item[1] == text), None)
        if copy is not None and copy not in self.ignored:
            self.ignored.append(copy)

    def _cut_tail(self, lines: list[Line]) -> list[Line]:
        """Drop the page's tail: a comment form or thread heading, a run of article teasers,
        the earlier mail a reply quotes under it."""
        quoted = next(
            (
                n
                for n, line in enumerate(lines)
                if line.text
                and (
                    furniture.starts_quoted_mail(line.text)
                    or (
                        furniture.is_attribution(line.text)
                        and all(rest.text[:1] in ("", ">") for rest in lines[n + 1 :])
                    )
                    or (
                        is_rule(line.text)
                        and line.text[:1] == "_"
                        and n + 1 < len(lines)
                        and lines[n + 1].text.casefold().startswith("from:")
                    )
                )
            ),
            None,
        )
        if quoted is not None and any(
            self.reader.label(line.text) for line in lines[:quoted] if line.text
        ):
            for line in lines[quoted:]:
                if line.text:
                    self.ignore(line.index, line.text)
            lines = lines[:quoted]
        counts: Counter[str] = Counter()
        keys: list[str | None] = []
        for line in lines:
            label = self.reader.label(line.text) if line.text else None
            key = label.key if label is not None and label.label else None
            keys.append(key)
            if key:
                counts[key] += 1
        last_speech = max((i for i, key in enumerate(keys) if key and counts[key] >= 2), default=-1)
        cut = len(lines)
        # Words from each line to the end: a "Popular Searches" box above the article is the
        # page's menu, not its tail, when most of the page's text is still to come.
        words_from = [0] * (len(lines) + 1)
        for i in range(len(lines) - 1, -1, -1):
            words_from[i] = words_from[i + 1] + (word_count(lines[i].text) if lines[i].text else 0)
        for i in range(last_speech + 1, len(lines)):
            text = lines[i].text
            if text and (
                furniture.starts_comment_thread(text)
                # A copyright line before most of the text opens it (a licence page's "©"),
                # and ends nothing.
                or (furniture.is_footer(text) and 2 * words_from[i] < words_from[0])
                or furniture.is_mail_footer(text)
                or furniture.starts_wiki_tail(text)
                # A Markdown heading after the last speaker opens the show notes or credits.
                or (last_speech >= 0 and text.startswith("#") and markdown_heading(text))
                or (
                    furniture.is_related_heading(text)
                    and final_mark(text) not in ".?!"
                    and 2 * words_from[i] < words_from[0]
                )
            ):
                cut = i
                break
        cut = _sign_off(lines, cut, last_speech)
        cut = _sign_off(lines, _trailer_start(lines, cut, last_speech), last_speech)
        nonblank_from = [0] * (len(lines) + 1)
        for i in range(len(lines) - 1, -1, -1):
            nonblank_from[i] = nonblank_from[i + 1] + (1 if lines[i].text else 0)
        markers = [
            i
            for i in range(last_speech + 1, cut)
            if lines[i].text
            and (
                furniture.is_teaser_marker(lines[i].text)
                or furniture.is_related_heading(lines[i].text)
            )
        ]
        # A teaser run: markers no more than a few lines apart, reaching the end of the page.
        start = None
        reach = nonblank_from[cut] if cut < len(lines) else 0
        for chain, marker in enumerate(reversed(markers), start=1):
            if nonblank_from[marker] - reach > _TEASER_GAP_LINES:
                break
            reach = nonblank_from[marker]
            if chain >= 2:
                start = marker
        if start is not None:
            if not furniture.is_related_heading(lines[start].text):
                start = self._teaser_start(lines, start, last_speech)
            cut = min(cut, start)
        for line in lines[cut:]:
            if line.text:
                self.ignore(line.index, line.text)
        return lines[:cut]

    @staticmethod
    def _teaser_start(lines: list[Line], marker: int, floor: int) -> int:
        """The title line that opens the teaser block holding `marker`."""
        seen = 0
        i = marker - 1
        while i > floor and seen < _MAX_TEASER_BACKTRACK:
            text = lines[i].text
            if text:
                seen += 1
                if len(text) > 300:
                    break
                blank_before = i == 0 or not lines[i - 1].text
                if (
                    blank_before
                    and word_count(text) <= 15
                    and final_mark(text) not in ".,;:…"
                    and text[:1].isupper()
                ):
                    return i
            i -= 1
        return marker

    # --- Labels ------------------------------------------------------------------------------

    def _hinted(self, label: str) -> bool:
        words = tokens(label)
        return any(fits(words, full, label) for full in self.hint_tokens)

    def _accepted_labels(self, units: list[Unit]) -> set[str]:
        """Keys of the labels that name speakers, judged over the whole transcript."""
        counts: Counter[str] = Counter()
        raw: dict[str, str] = {}
        seen = Counter(unit.label.key for unit in units if unit.label is not None)
        after_alone = False
        for unit in units:
            # The paragraph under a label alone on its line is speech, not a label of its own.
            if (
                unit.label is not None
                and unit.label.label
                and not (after_alone and not unit.label.alone)
            ):
                counts[unit.label.key] += 1
                raw.setdefault(unit.label.key, unit.label.label)
            if unit.kind != "furniture":
                after_alone = (
                    unit.label is not None
                    and bool(unit.label.label)
                    and unit.label.alone
                    and seen[unit.label.key] >= 2  # a label that recurs, not a lone "FAQ"
                )
        # Labels that name one person ("Larry King", "KING", "LK") count together.
        groups, _ = merge(list(raw.values()), self.hint_names, names=False)
        totals: Counter[int] = Counter()
        for key, count in counts.items():
            totals[id(groups[key])] += count
        accepted = {key for key in counts if totals[id(groups[key])] >= 2 or groups[key].hinted}
        accepted -= _contact_keys(units)
        question_roles = {key for key in counts if role_of(raw[key]) == "interviewer"}
        answer_roles = {key for key in counts if role_of(raw[key]) == "interviewee"}
        if question_roles and answer_roles:
            accepted |= question_roles | answer_roles  # "Q" with "A"
        elif accepted - question_roles - answer_roles:
            # "Interviewer" once among named speakers is one; a stray "A." is a list item.
            accepted |= {key for key in question_roles | answer_roles if len(key) > 1}
        if self.hints.format in ("labelled", "qa", "timestamped"):
            accepted |= set(counts)  # the editor says the labels are speakers
        # In a transcript labelled in capitals, bold or with times, a one-off label of the same
        # style is a speaker too (a guest who speaks once).
        # So is one written with the page's own mark, a space before the colon ("Name : text").
        # A bold name without a colon is too loose a shape to stand on one sighting.
        speaking = [
            unit.label
            for unit in units
            if unit.label is not None and unit.label.key in accepted and unit.label.label
        ]
        styles = Counter(label.style for label in speaking)
        spaced = 2 * sum(1 for label in speaking if label.spaced) > len(speaking)
        loose = 2 * sum(1 for label in speaking if label.loose) > len(speaking)
        if styles:
            dominant, _ = styles.most_common(1)[0]
            if dominant in _STRONG_STYLES or spaced:
                opener = _role_carrying_opener(units, accepted, dominant)
                if opener is not None:
                    accepted.add(opener)
                seen_speech = False
                content = [i for i, unit in enumerate(units) if unit.kind != "furniture"]
                for index, unit in enumerate(units):
                    label = unit.label
                    if label is None or not label.label:
                        continue
                    if label.key in accepted:
                        # "Interviewer : Jane" in the header is not yet the talk.
                        seen_speech = seen_speech or label.key not in METADATA_KEYS
                    elif (
                        (
                            seen_speech
                            or dominant == "chat"
                            # The show's voice just before the talk ("ANN LEE, BYLINE: This
                            # is the show."), but not a title opening the page.
                            or (
                                unit.lines == 1
                                and not label.alone  # "**TRANSCRIPT BELOW:**" says nothing
                                and content[:1] != [index]
                                and self._next_is_speech(units, index, accepted)
                            )
                            # Someone who opens the show and is not heard again ("__Ann
                            # Lee__: Howdy, folks. You're listening to ..."), in its style.
                            or (
                                _speaking_opener(unit)
                                and self._next_is_speech(units, index, accepted)
                            )
                        )
                        and label.loose == loose  # the shape of the page's labels
                        and label.key not in METADATA_KEYS
                        and (
                            (label.style == dominant and dominant in _STRONG_STYLES)
                            or (spaced and label.spaced)
                        )
                    ):
                        accepted.add(label.key)
            accepted -= _header_labels(units, accepted, dominant, groups, counts)
            accepted -= _contact_keys(units)
        self.label_counts = counts
        return accepted

    def _header_end(self, units: list[Unit], accepted: set[str]) -> tuple[set[int], int]:
        """Indexes of "Key: value" metadata units in the header, and where speech begins.

        Before the first speaker, a short "Key: value" line is metadata when its key is a known
        one ("Date", "Interviewer") or a label seen once; but a lone one opening the page
        ("THE HARBOUR PAPERS: A CONVERSATION", "Episode 12: The Baker") is the title.
        """
        metadata_units: set[int] = set()

        def pair(index: int) -> bool:
            if not 0 <= index < len(units):
                return False
            unit = units[index]
            label = unit.label
            return (
                label is not None
                and bool(label.label)
                and label.style not in ("timestamp", "hearing")
                and unit.lines == 1
                and not label.alone
                and metadata_value_is_short(label.body)
            )

        first = next((i for i, unit in enumerate(units) if unit.kind != "furniture"), None)
        # The styles the talk is labelled in ("Name:", "NAME:", "**Name:**"): a one-off label in
        # another style before the first of them opens front matter ("JANE DOE: An Interview
        # Conducted by ..."), not the talk.
        styles = Counter(
            unit.label.style
            for unit in units
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        )
        total = sum(styles.values())
        main_styles = {
            style for style, count in styles.items() if count >= max(3, 0.25 * total)
        } | {style for style, _ in styles.most_common(1)}
        styled = Counter(
            (unit.label.key, unit.label.style)
            for unit in units
            if unit.label is not None and unit.label.label
        )
        seen_main = False
        for index, unit in enumerate(units):
            label = unit.label
            if label is None or not label.label:
                continue
            key = label.key
            if header.is_episode_label(key) and key not in accepted:
                continue  # "Episode 142: Why bees dance" is the headline (header.py)
            if header.is_roster_key(key) and not self._hinted(label.label):
                metadata_units.add(index)  # "Present: Senators A, B and C": who attends
                continue
            if pair(index) and not self._hinted(label.label):
                in_block = pair(index - 1) or pair(index + 1)
                opens_page = index == first and not in_block
                if key in METADATA_KEYS or (key not in accepted and not opens_page):
                    metadata_units.add(index)
                    continue
            if key not in accepted:
                continue
            if (
                not seen_main
                and label.style not in main_styles
                and styled[key, label.style] == 1
                and not self._hinted(label.label)
                and not role_of(label.label)
            ):
                continue  # front matter in another style than the talk's labels
            if label.style in main_styles:
                seen_main = True
            return metadata_units, index
        return metadata_units, len(units)

    def _mode(self, units: list[Unit], accepted: set[str], body_start: int) -> str:
        forced = self.hints.format
        if forced == "alternating":
            return "alternating"
        speech = [
            unit
            for unit in units[body_start:]
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        ]
        questions = sum(
            1
            for unit in units[body_start:]
            if unit.kind == "text"
            and (unit.label is None or unit.label.key not in accepted)
            and ends_question(unit.text)
        )
        self.timestamped = sum(1 for unit in speech if unit.label.timestamp is not None) >= max(
            2, len(speech) // 2
        ) or (forced == "timestamped")
        if forced in ("labelled", "qa", "timestamped"):
            if not speech:
                self.result.warnings.append(
                    f"format '{forced}' was asked for but no speaker labels were found"
                )
            return "labelled" if speech else "alternating"
        distinct = {unit.label.key for unit in speech}
        if len(speech) >= 2 and (len(distinct) >= 2 or len(speech) >= 0.5 * questions):
            return "labelled"
        if questions:
            return "alternating"
        return "labelled" if speech else "alternating"

    # --- Labelled transcripts ----------------------------------------------------------------

    def _labelled(
        self, units: list[Unit], accepted: set[str], body_start: int, metadata_units: set[int]
    ) -> tuple[int, list[Segment]]:
        labels = list(
            dict.fromkeys(
                unit.label.label
                for unit in units[body_start:]
                if unit.label is not None and unit.label.label and unit.label.key in accepted
            )
        )
        one_sided, body_start = self._one_sided(units, accepted, labels, body_start)
        thread = _nested_thread(units, accepted)
        if thread > 0:
            # The audience's question just above the first labelled answer opens the talk.
            previous = body_start - 1
            while previous >= 0 and units[previous].kind == "furniture":
                previous -= 1
            if previous >= 0 and units[previous].depth == 0 and units[previous].label is None:
                body_start = previous
        asking = _asking_headings(units, accepted, body_start) if one_sided is None else set()
        if asking:
            # The question heading just above the first answer opens the talk.
            previous = body_start - 1
            while previous >= 0 and units[previous].kind in ("furniture", "caption", "rule"):
                previous -= 1
            if previous in asking:
                body_start = previous
        previous = body_start - 1
        if previous >= 0 and not self.timestamped and _clock_alone(units[previous]):
            body_start = previous  # "[14:00:00]" over the first turn: that turn's time
        self.notes = []
        last_speech = max(
            (
                i
                for i, unit in enumerate(units)
                if unit.label is not None and unit.label.label and unit.label.key in accepted
            ),
            default=len(units),
        )
        segments: list[Segment] = []
        answers: list[Segment] = []  # unlabelled answers under labelled questions
        current: Segment | None = None  # the labelled speaker's open turn
        answer: Segment | None = None  # in a one-sided transcript, the unlabelled reply
        boundary = False
        initials = _initials_labels(labels)
        next_key: list[str | None] = [None] * (len(units) + 1)
        for index in range(len(units) - 1, -1, -1):
            label = units[index].label
            speaks = label is not None and label.label and label.key in accepted
            next_key[index] = label.key if speaks else next_key[index + 1]
        stamp: Unit | None = None  # a time alone on its line, for the turn below it
        # A hearing record speaks in mixed case: a paragraph in capitals between its turns is
        # a heading ("STATEMENT OF JANE DOE, PRESIDENT, ..."), not the last speaker's words.
        hearing_record = any(
            unit.label is not None and unit.label.style == "hearing" and unit.label.key in accepted
            for unit in units
        )
        for index in range(body_start, len(units)):
            unit = units[index]
            if unit.kind == "furniture":
                self.ignore_unit(unit)
                continue
            if index in asking:
                # "# Q. What made you start?" over the answers: the interviewer's question.
                asked = read_label(unit.text)
                text = asked.body if asked and role_of(asked.label) == "interviewer" else unit.text
                part = Part(text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
                segments.append(Segment("speech", "", [part], None, role="interviewer"))
                boundary = False
                continue
            capitals = (
                hearing_record
                and unit.kind == "text"
                and unit.label is None
                and index < last_speech
                and word_count(unit.text) <= _HEARING_HEADING_WORDS
                and is_upper_text(unit.text)
            )
            if unit.kind in ("rule", "heading") or capitals:
                self.ignore_unit(unit)
                boundary = True
                continue
            if unit.kind in ("caption", "direction"):
                segments.append(_standalone_segment(unit))
                continue
            if index > last_speech and _is_footnote(unit):
                self.notes.append(unit)  # "[1] Veribest is ...": a note to the talk
                continue
            label = unit.label
            if (
                _clock_alone(unit)
                and not self.timestamped
                and self._next_is_speech(units, index, accepted)
            ):
                # "[14:15:02]" over a labelled turn (a broadcast transcript's clock): the time
                # of that turn, not a turn of whoever spoke before.
                if stamp is not None:
                    self.ignore_unit(stamp)
                stamp = unit
                continue
            # The paragraph right after a label alone on its line is that speaker's, whatever
            # it opens with ("Bajcsy:" then "Kosice: that is where I was born.").
            waiting = (
                current is not None
                and segments[-1] is current
                and current.label
                and not current.parts
                and bool(current.lines)
                and unit.kind == "text"
                and not (label is not None and label.alone)
            )
            if (
                label is not None
                and label.alone
                and label.style == "hearing"
                and current is not None
                and current.label
                and current.parts
                and label_key(current.label) != label.key
                and _calls_next(units, index, label.key)
            ):
                # "Senator Reed." alone, then "Senator Reed. Thank you, ...": the chair
                # calling on the next speaker says the name, it is not that speaker's heading.
                if segments[-1] is not current:
                    current = Segment("speech", current.label, [], None, current.role, True)
                    segments.append(current)
                current.parts.append(
                    Part(unit.text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
                )
                boundary = False
                continue
            if label is not None and label.label and label.key in accepted and not waiting:
                body = self._speech(unit.body) if unit.body else ""
                current = _opened_turn(label.label, label.timestamp, unit, body, boundary)
                if stamp is not None:
                    current.lines.extend(stamp.indices)
                    current.timestamp = current.timestamp or stamp.label.timestamp
                    stamp = None
                # A label alone on its line keeps the section break before it for its text.
                current.after_break = boundary
                boundary = boundary and not body
                segments.append(current)
                answer = None
                continue
            if 0 <= unit.depth <= thread:
                # A Q&A thread kept as a list: an unlabelled item, at the top level or beside
                # the labelled answers nested under it, is the audience's question.
                part = Part(unit.text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
                boundary = False
                segments.append(Segment("speech", "", [part], None, role="interviewer"))
                continue
            missing = _colonless_initials(unit, initials, current, next_key[index + 1])
            if missing is not None:
                # "SD Yes, we are." between two turns of MT: SD's label lost its colon.
                word, body = missing
                current = _opened_turn(word, None, unit, body, boundary)
                boundary = boundary and not body
                segments.append(current)
                answer = None
                continue
            if index > last_speech and self._trailing_metadata(unit):
                continue
            if _show_note(unit):
                self.ignore_unit(unit)  # "Sanic: https://sanic.dev" between the turns
                continue
            if label is not None and not label.label and self.timestamped:
                if current is not None and current.timestamp is None:
                    current.timestamp = label.timestamp
                text = self._speech(unit.body)
                if not text:
                    if current is not None:
                        current.lines.extend(unit.indices)  # "(00:00:41):" going on
                    else:
                        self.ignore_unit(unit)
                    continue
            else:
                text = unit.text
                self._warn_once_label(unit, index in metadata_units)
            part = Part(text, unit.line, unit.gap, boundary, lines=tuple(unit.indices))
            boundary = False
            if one_sided == "asks" and current is not None:
                if answer is None and ends_question(text) and segments[-1] is current:
                    current.parts.append(part)
                    continue
                if answer is None or segments[-1] is not answer:
                    answer = Segment("speech", "", [], None, role="interviewee")
                    segments.append(answer)
                    answers.append(answer)
                answer.parts.append(part)
                continue
            if (
                one_sided == "answers"
                and _asks(unit)
                and self._next_is_speech(units, index, accepted)
            ):
                segments.append(Segment("speech", "", [part], None, role="interviewer"))
                continue
            if current is None:
                current = Segment("speech", "", [], None)
                segments.append(current)
            elif segments[-1] is not current or (
                current.parts and _section_break_above(units, index)
            ):
                # After a caption, or a subheading or a set-aside box across one speaker's
                # paragraphs: the text goes on as a new turn of theirs.
                current = Segment("speech", current.label, [], None, current.role, continued=True)
                current.after_break = _section_break_above(units, index)
                segments.append(current)
            current.parts.append(part)
        if stamp is not None:
            self.ignore_unit(stamp)
        _answer_dashes(answers)
        if self.hints.format != "auto":
            self.result.format = self.hints.format
        elif self.timestamped:
            self.result.format = "timestamped"
        else:
            roles_only = bool(labels) and all(role_of(label) for label in labels)
            self.result.format = "qa" if roles_only else "labelled"
        return body_start, segments

    def _one_sided(
        self, units: list[Unit], accepted: set[str], labels: list[str], body_start: int
    ) -> tuple[str | None, int]:
        """With one labelled speaker only: "asks" or "answers" (the other side is unlabelled),
        and where the talk starts (a question just above the first labelled answer)."""
        groups, _ = merge(labels, self.hint_names, names=False)
        if len({id(speaker) for speaker in groups.values()}) != 1 or body_start >= len(units):
            return None, body_start
        only = next(iter(groups.values()))
        hinted_role = self._hint_role(only)
        if "interviewer" in (only.role, hinted_role):
            side = "asks"
        elif "interviewee" in (only.role, hinted_role):
            side = "answers"
        else:
            own = [
                unit
                for unit in units[body_start:]
                if unit.label is not None and unit.label.label and unit.label.key in accepted
            ]
            asking = sum(1 for unit in own if ends_question(unit.body))
            side = "asks" if asking >= 0.5 * len(own) else "answers"
        if side == "answers":
            previous = body_start - 1
            while previous >= 0 and units[previous].kind == "furniture":
                previous -= 1
            if previous >= 0 and _asks(units[previous]):
                body_start = previous
        return side, body_start

    def _speech(self, text: str) -> str:
        return strip_timestamps(text) if self.timestamped else text

    def _next_is_speech(self, units: list[Unit], index: int, accepted: set[str]) -> bool:
        for unit in units[index + 1 :]:
            if unit.kind in ("furniture", "caption", "direction", "rule"):
                continue
            return unit.label is not None and unit.label.key in accepted and bool(unit.label.label)
        return False

    def _hint_role(self, speaker: Speaker) -> str | None:
        if not speaker.hinted:
            return None
        if speaker.name in self.hints.interviewers:
            return "interviewer"
        if speaker.name in self.hints.interviewees:
            return "interviewee"
        return None

    def _trailing_metadata(self, unit: Unit) -> bool:
        """After the talk, "Tags: food, Paris" or "Written by ..." is metadata, not speech."""
        if unit.kind == "text" and header.is_byline(unit.text):
            self.put_metadata("byline", unit.text, unit)
            return True
        label = unit.label
        if (
            label is None
            or label.key not in METADATA_KEYS
            or unit.lines != 1
            or not metadata_value_is_short(label.body)
        ):
            return False
        self.put_metadata(label.key, label.body, unit)
        return True

    def _warn_once_label(self, unit: Unit, is_metadata: bool) -> None:
        label = unit.label
        if label is None or not label.label or is_metadata:
            return
        if self.label_counts.get(label.key, 0) != 1:
            return
        if self.mode == "alternating" and (not label.body or starts_lowercase(label.body)):
            return  # "Hype: this is plaguing our field": a lead-in in unlabelled talk
        self.result.warnings.append(f"label '{label.label}' appears once: a speaker?")

    # --- Unlabelled alternation --------------------------------------------------------------

    def _alternating(
        self, units: list[Unit], metadata_units: set[int]
    ) -> tuple[int, list[Segment]]:
        result = self.result
        result.format = "alternating"
        _numbered_questions(units)
        # The page's title, a heading above everything ("# Interview with Jane Doe"), is not
        # one of the questions set apart: counted, it would tip a page of bold questions.
        title = _opening_heading(units)
        decorated = [
            i
            for i, unit in enumerate(units)
            if unit.kind in ("text", "heading")
            and unit.decorated
            and i != title
            and not _credit_or_date(unit)
        ]
        decorated_questions = [i for i in decorated if ends_question(units[i].text)]
        indented = _indented_questions(units, metadata_units)
        # A mail or Usenet interview quotes its questions ("> How did it start?").
        quoted = [
            i
            for i, unit in enumerate(units)
            if unit.kind == "text" and unit.quoted and i not in metadata_units
        ]
        quoted_questions = [i for i in quoted if ends_question(units[i].text)]
        answered = sum(
            1
            for i in quoted
            if i + 1 < len(units) and units[i + 1].kind == "text" and not units[i + 1].quoted
        )
        if len(decorated_questions) >= 2 and len(decorated_questions) >= 0.6 * len(decorated):
            questions = set(decorated)
        elif (
            len(quoted_questions) >= 2
            and len(quoted_questions) >= 0.6 * len(quoted)
            and answered >= 0.6 * len(quoted)
        ):
            questions = set(quoted)
        elif indented:
            questions = indented
        else:
            questions = {
                i
                for i, unit in enumerate(units)
                if unit.kind == "text" and i not in metadata_units and ends_question(unit.text)
            }
            questions -= _answers_ending_in_questions(units, questions)
        # The author's bio, a discussion link and the closing note after the last answer.
        authors = _byline_names(units, min(questions, default=0))
        after_talk = afterword.afterword_start(units, questions, authors)
        questions = {i for i in questions if i < after_talk}
        # A heading-like first line that ends in "?" is the title when the page goes on with
        # furniture, a date or another heading rather than with an answer.
        content = [i for i, unit in enumerate(units) if unit.kind not in ("furniture",)]
        if content and content[0] in questions:
            first = units[content[0]]
            following = units[content[1]] if len(content) > 1 else None
            if (first.kind == "heading" and first.level == 1) or (
                following is not None
                and (following.kind in ("heading", "rule") or header.is_dateline(following.text))
            ):
                questions.discard(content[0])
        body_start = min(questions, default=len(units))
        timed = _timed_rows(units, questions, metadata_units)
        if timed:
            # The recording's first time marks where the talk begins: what is said after it
            # and before the first question is the interviewee's opening statement.
            body_start = min(body_start, _first_time(units, metadata_units, body_start))
        last_question = max(questions, default=len(units))
        segments: list[Segment] = []
        boundary = False
        last_was_question = False
        for index in range(body_start, len(units)):
            unit = units[index]
            if index >= after_talk:
                self._set_aside_afterword(unit)
                continue
            stamp = _row_time(unit) if timed else None
            if index in questions:
                text = self._side_text(unit, "interviewer", segments)
                part = Part(text, unit.line, unit.gap, boundary, tuple(unit.indices))
                if last_was_question and segments and segments[-1].role == "interviewer":
                    segments[-1].parts.append(part)
                else:
                    if stamp is not None:
                        part.text = unit.body
                    segments.append(Segment("speech", "", [part], stamp, role="interviewer"))
                    if len(unit.text) > _LONG_QUESTION_CHARS:
                        result.warnings.append(
                            f"a long paragraph ending in '?' was taken for a question: "
                            f"'{unit.text[:60]}…'"
                        )
                last_was_question = True
                boundary = False
                continue
            if unit.kind == "furniture":
                self.ignore_unit(unit)
                continue
            if unit.kind in ("rule", "heading"):
                self.ignore_unit(unit)
                boundary = True
                continue
            last_was_question = False
            if index > last_question and self._trailing_metadata(unit):
                continue
            if unit.kind in ("caption", "direction"):
                segments.append(_standalone_segment(unit))
                continue
            text = self._side_text(unit, "interviewee", segments)
            if text is unit.text:
                self._warn_once_label(unit, index in metadata_units)
            part = Part(text, unit.line, unit.gap, boundary, tuple(unit.indices))
            boundary = False
            answering = (
                bool(segments)
                and segments[-1].kind == "speech"
                and segments[-1].role == "interviewee"
            )
            if answering and not part.boundary:
                segments[-1].parts.append(part)
            else:
                if stamp is not None:
                    part.text = unit.body
                # A rule or a heading across an answer ends that turn: the rest is a new one.
                segment = Segment("speech", "", [part], stamp, role="interviewee")
                segment.new_turn = answering
                segments.append(segment)
        asked = sum(1 for seg in segments if seg.role == "interviewer")
        if asked == 1:
            result.warnings.append("only one question found: the alternation is a guess")
        elif asked and questions <= set(quoted):
            result.warnings.append(
                "no speaker labels: questions are the quoted paragraphs ('> ...'), "
                "answers the paragraphs after them"
            )
        elif asked and not questions & set(decorated):
            result.warnings.append(
                "no speaker labels: questions are the paragraphs ending in '?', "
                "answers the paragraphs after them"
            )
        return body_start, segments

    def _set_aside_afterword(self, unit: Unit) -> None:
        """After the talk, the closing note and the author's bio are the outro's; links and
        copyright lines are the page's."""
        if unit.kind == "text" and not (
            furniture.is_footer(unit.text) or afterword.is_discussion_link(unit.text)
        ):
            self.notes.append(unit)
        else:
            self.ignore_unit(unit)

    def _side_label(self, segment: Segment) -> str:
        """The one-off label taken off the first paragraph of a side ("TIME:"), as written."""
        line = self.side_lines.get(segment.role or "")
        if line is None or not any(part.line == line for part in segment.parts):
            return ""
        return self.side_names[segment.role]

    def _side_text(self, unit: Unit, role: str, segments: list[Segment]) -> str:
        """A paragraph's text in unlabelled alternation. The first question or answer may
        carry a label seen once ("TIME: Could you ...", "Jane Doe: Starting with ..."): it
        names that side, and is taken off the text."""
        label = unit.label
        parts = name_parts(label.label) if label is not None and label.label else None
        if (
            parts is None
            or parts[1]
            or role_of(label.label)
            or role in self.side_names
            or any(seg.role == role for seg in segments)
            or self.label_counts.get(label.key, 0) != 1
            or not unit.body
            or starts_lowercase(unit.body)
        ):
            return _role_free(unit)
        self.side_names[role] = label.label
        self.side_lines[role] = unit.line
        self.side_texts[role] = (unit.body, _role_free(unit))
        return unit.body

    def _restore_side_label(self, role: str, segments: list[Segment]) -> None:
        body, full = self.side_texts[role]
        for segment in segments:
            if segment.kind == "speech" and segment.role == role and not segment.label:
                if segment.parts and segment.parts[0].text == body:
                    segment.parts[0].text = full
                return

    # --- Speakers, roles, kinds --------------------------------------------------------------

    def _assemble(self, segments: list[Segment]) -> None:
        result = self.result
        hints = self.hints
        askers, answerers = self.signed_ama
        interviewer_names = (
            hints.interviewers or metadata_names(self.metadata, INTERVIEWER_KEYS) or askers
        )
        interviewee_keys = INTERVIEWEE_KEYS
        named_keys: tuple[str, ...] = ()
        if not {"from", "to"} & self.metadata.keys():
            interviewee_keys += ("subject",)  # an oral history's subject, not a mail's
            # An oral history's "Name: Jane Doe", when no field says who is interviewed: the
            # one whose story the transcript is.
            named_keys = ("name",)
        interviewee_names = (
            hints.interviewees
            or metadata_names(self.metadata, interviewee_keys)
            or metadata_names(self.metadata, named_keys)
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
        result.warnings.extend(warnings)
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

        self._roles_from_legend(by_key, segments)

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
                result.warnings.append(f"several {role}s named: the turns are not attributed")
            if speaker is not None and not speaker.name:
                found = self._role_speaker_name(role) or self._self_named(
                    speaker, role, segments, by_key
                )
                if found and role not in self.side_names:
                    found = readable_name(found, self.document)
                speaker.name = found or ""
                speaker.name = speaker.name or roles.ROLE_NAMES[role]
            if role in self.side_names and (
                speaker is None or speaker.name != self.side_names[role]
            ):
                self._restore_side_label(role, segments)  # named otherwise: the label stays

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
        result.warnings.extend(
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
                credited=self._page_interviewer() or "",
                bystanders=_heard_in_clips_only(segments, owner),
            )
        )

        def role_of_segment(segment: Segment) -> str | None:
            speaker = owner.get(id(segment))
            return speaker.role if speaker is not None and not speaker.voice else None

        self._closing(segments, role_of_segment, interviewee_names, owner)
        kinds = roles.kinds(segments, role_of_segment)
        for segment, kind in zip(segments, kinds, strict=True):
            text = segment.text
            lines = [*segment.lines, *(i for part in segment.parts for i in part.lines)]
            if not text:
                self.ignore_lines(lines)  # a label with nothing said after it
                continue
            where = f"turn {len(result.turns)}"
            self.places.extend((index, where) for index in lines)
            for part in segment.parts:
                for index in part.shared:
                    self._share_line(index, len(result.turns))
            speaker = owner.get(id(segment))
            result.turns.append(
                ParsedTurn(
                    speaker=speaker.name if speaker is not None else "",
                    kind=kind,
                    text=text,
                    timestamp=segment.timestamp,
                    label=segment.label or self._side_label(segment),
                )
            )
        spoken = [owner[id(seg)] for seg in segments if seg.text and id(seg) in owner]
        names = list(dict.fromkeys(s.name for s in spoken if s.name))
        for declared in dict.fromkeys([*hints.speakers, *hints.interviewers, *hints.interviewees]):
            if declared not in names:
                result.warnings.append(f"declared speaker '{declared}' not found in the transcript")
        result.speakers = names
        result.interviewers = [
            name for name in names if any(s.role == "interviewer" for s in spoken if s.name == name)
        ]
        result.interviewees = [
            name for name in names if any(s.role == "interviewee" for s in spoken if s.name == name)
        ]

    @staticmethod
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

    def _share_line(self, index: int, turn: int) -> None:
        """The line `index`, placed in an earlier turn, goes on into `turn` (several voices on
        one caption line): its place becomes "turns j-k"."""
        for n in range(len(self.places) - 1, -1, -1):
            line, place = self.places[n]
            if line != index:
                continue
            first = (
                place.removeprefix("turns ").split("-")[0]
                if place.startswith("turns ")
                else (place.removeprefix("turn ") if place.startswith("turn ") else None)
            )
            if first is not None and first.isdigit() and int(first) < turn:
                self.places[n] = (line, f"turns {first}-{turn}")
            return

    def _roles_from_legend(self, by_key: dict[str, Speaker], segments: list[Segment]) -> None:
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
        legend = roles.initials_legend("\n".join(self.raw[:first]))
        if not legend:
            return
        for speaker in {id(s): s for s in by_key.values()}.values():
            keys = {label.strip("[]() ").upper() for label in speaker.labels}
            names = {legend[key][0] for key in keys if key in legend}
            if len(names) != 1 or not all(key in legend for key in keys):
                continue
            speaker.role = speaker.role or legend[next(iter(keys))][1]

    def _role_speaker_name(self, role: str) -> str | None:
        """Who a role-only speaker ("Q", "A", unlabelled alternation) is, when the page says:
        the interviewee from a title "Interview with ..." or an intro's "interview with ...",
        "interview between (the show) and ...", the interviewer from the byline,
        the front matter's author or an intro's "interviewed by ..."."""
        if role in self.side_names:
            return self.side_names[role]
        meta = self.metadata
        if role == "interviewee":
            return (
                self._mail_party("from")  # the sender of the answers, above a subject line
                or roles.interviewee_from_title(self.result.title or meta.get("title", ""))
                or roles.interviewee_from_title(self.result.deck)
                or roles.interviewee_from_intro(self.result.intro)
                or roles.guest_spoken_with(self.result.intro)
                or self.spoken_names.get(role)
            )
        return self._page_interviewer() or self._mail_party("to") or self.spoken_names.get(role)

    def _mail_party(self, field: str) -> str | None:
        """In a mail that replies with the answers ("Answers below", "my answers"), the sender
        answers and the addressee asked: the person its "From:" or "To:" field names."""
        meta = self.metadata
        if "newsgroups" in meta or not {"from", "to"} <= meta.keys():
            return None
        if not _ANSWERS_SENT_RE.search(self.result.intro[:2000]):
            return None
        return roles.person_in_address(meta.get(field, ""))

    def _page_interviewer(self) -> str | None:
        """The interviewer as the page credits them: byline, author, "interviewed by"."""
        meta = self.metadata
        for value in (meta.get("byline", ""), meta.get("interviewed by", "")):
            if value and (found := roles.interviewer_from_byline(value)):
                return found
        if found := roles.interviewer_from_title(self.result.title or meta.get("title", "")):
            return found
        for key in ("author", "authors"):
            if meta.get(key) and (found := roles.interviewer_from_authors(meta[key])):
                return found
        for found in roles.interviewed_by(
            "\n\n".join((meta.get("dateline", ""), self.result.intro))
        ):
            return found
        # "RUTH BANNER: An Interview Conducted by Jane Doe, ...": a field crediting the interview.
        for value in meta.values():
            if _CREDIT_LINE_RE.match(value) or _CONDUCTED_RE.match(value):
                for found in roles.interviewed_by(value[:300]):
                    return found
        # A credit line under the talk: "Interview by Jane Doe for the Makers Newsletter."
        credits = [self.result.outro, *(text for _, text in sorted(self.ignored))]
        for text in credits:
            if _CREDIT_LINE_RE.match(text):
                for found in roles.interviewed_by(text[:300]):
                    return found
        if "newsgroups" in meta:
            # A Usenet post's interview is its poster's: "From: ed@example.org (Jo Roe)".
            return roles.person_in_address(meta.get("from", ""))
        return None

    def _closing(self, segments, role_of_segment, interviewee_names, owner) -> None:
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
            self.result.warnings.append(warning)
        if closing:
            del last.parts[len(last.parts) - len(closing) :]
            self.result.outro = "\n\n".join(part.text for part in closing)
            self.places.extend((index, "outro") for part in closing for index in part.lines)
        if self.notes:
            notes = [unit.text for unit in self.notes]
            self.result.outro = "\n\n".join(filter(None, [self.result.outro, *notes]))
            self.places.extend((index, "outro") for unit in self.notes for index in unit.indices)


def _answer_dashes(answers: list[Segment]) -> None:
    """Unlabelled answers that (nearly) all open with a dash ("- Well, ...") under labelled
    questions: the dash marks the answer, it does not open a list of one item."""
    opened = [
        seg
        for seg in answers
        if seg.parts and seg.parts[0].text.startswith("• ") and "\n" not in seg.parts[0].text
    ]
    if len(opened) < _DASHED_ANSWERS or 3 * len(opened) < 2 * len(answers):
        return
    for seg in opened:
        seg.parts[0].text = seg.parts[0].text[2:]


def _decode_comments(comments: list[ParsedComment]) -> None:
    """Character references in readers' comments read as characters, as in the interview."""
    stack = list(comments)
    while stack:
        comment = stack.pop()
        comment.author = decode_entities(comment.author)
        comment.text = decode_entities(comment.text)
        stack.extend(comment.replies)


def _text_lines(raw_lines: list[str]) -> list[Line]:
    """The lines as read: in a page that holds HTML, its text (a block tag such as "<p>" parts
    paragraphs as a blank line would); character references decoded and Markdown's escaped
    brackets unescaped in any page."""
    lines: list[Line] = []
    block_ended = False
    inside = False  # in a block ("<p>") opened on an earlier line and not closed yet
    html = holds_html("\n".join(raw_lines))
    for i, raw in enumerate(raw_lines):
        stripped = raw.strip()
        opens, closes = html_block_edges(stripped) if html else (False, False)
        text = unescape_brackets(strip_html(stripped, html)).strip() if stripped else ""
        if (opens or block_ended) and text and lines and lines[-1].text:
            lines.append(Line(i, "", 0))  # no input line: never placed
        line = Line(i, text, len(raw) - len(raw.lstrip()), raw == "\f")
        # The source's own line breaks inside a block are no paragraph breaks.
        line.joins_previous = bool(inside and text and not opens and lines and lines[-1].text)
        lines.append(line)
        block_ended = closes or (block_ended and not text)
        if opens or closes:
            inside = opens and not closes
    return lines


def _trailer_start(lines: list[Line], cut: int, floor: int) -> int:
    """Where the boilerplate after the talk begins, else `cut`: a run of trailing lines such
    as "Transcribed by https://otter.ai", "This interview has been edited for clarity.",
    "Share: Facebook | Twitter", or a press-kit "About Acme" heading and what follows it."""
    start = cut
    for i in range(cut - 1, floor, -1):
        text = lines[i].text
        if not text:
            continue
        if not furniture.is_trailer(text):
            break
        start = i
    if floor >= 0:
        # A press release's end mark ("###", "-30-") or a press kit's "About <organisation>"
        # heading after the last speaker: the rest is theirs.
        for i in range(floor + 1, start):
            text = lines[i].text
            if not text or (i > 0 and lines[i - 1].text):
                continue
            if furniture.is_end_mark(text):
                return i
            if furniture.is_about_heading(text) and i + 1 < len(lines):
                return i
    else:
        # No labels to say where the talk ends: the last end mark or rule, when only a few
        # lines that ask nothing (a signature, a press contact, a translation's credits)
        # follow it. Link definitions ("[a]: https://...") are not counted: no reader sees them.
        after = 0
        for i in range(start - 1, -1, -1):
            text = lines[i].text
            if not text:
                continue
            # The signature's "-- " needs no blank line above it: a post signs off "Tom" then
            # "-- " and its address.
            set_off = i == 0 or not lines[i - 1].text or text.strip() == "--"
            if (furniture.is_end_mark(text) or is_rule(text)) and set_off:
                return i if after <= _MAX_SIGNATURE_LINES else start
            if ends_question(text):
                break
            if not _LINK_DEFINITION_LINE_RE.match(text):
                after += 1
            if after > _MAX_SIGNATURE_LINES:
                break
    return start


def _sign_off(lines: list[Line], cut: int, floor: int) -> int:
    """Where a letter's sign-off ("Cheers,\nSofia", or "Regards," over a name, a job title
    and an organisation) ends the text, else `cut`."""
    last = [i for i in range(cut - 1, floor, -1) if lines[i].text][: _SIGNATURE_BLOCK + 1]
    for n, i in enumerate(last[1:], start=1):
        closing = lines[i].text
        if word_count(closing) <= 3 and closing.endswith(",") and closing[:1].isupper():
            return i
        name = lines[last[n - 1]].text
        if not (
            word_count(name) <= 6
            and final_mark(name) not in ".?!:,"
            and (
                name[:1].isupper()
                or name[:1] in "+("
                or name.startswith(("www.", "http"))
                or "@" in name
            )
            and read_label(name) is None
        ):
            break
    return cut


def _header_labels(
    units: list[Unit], accepted: set[str], dominant: str, groups, counts: Counter[str]
) -> set[str]:
    """Labels of another style than the page's speakers' that come before the first of them:
    the record's header, not speakers. In a page of strong labels, plain "Key: value" lines
    ("Present:", "Staff Present:") that read as one name; on any page, a label seen once
    ("RUZENA BAJCSY: An Interview Conducted by ...") that would only join a later speaker."""
    first = next(
        (
            i
            for i, unit in enumerate(units)
            if unit.label is not None
            and unit.label.key in accepted
            and unit.label.style == dominant
        ),
        None,
    )
    if first is None:
        return set()
    late = {
        id(groups.get(unit.label.key))
        for unit in units[first:]
        if unit.label is not None and unit.label.label
    }
    shapes = Counter((unit.label.key, unit.label.style) for unit in units if unit.label is not None)
    found: set[str] = set()
    for unit in units[:first]:
        label = unit.label
        if label is None or label.key not in accepted or label.style == dominant:
            continue
        group = groups.get(label.key)
        if role_of(label.label) or (group is not None and group.hinted):
            continue
        if id(group) not in late:
            if dominant in _STRONG_STYLES and label.style == "plain":
                found.add(label.key)
        elif shapes[label.key, label.style] == 1 and label.style != "timestamp":
            # Text of the header after all ("MAKOTO KANEKO: An Interview ..." where the talk
            # says "Makoto Kaneko:").
            unit.label, unit.body = None, unit.text
            if counts[label.key] == 1:
                found.add(label.key)
    return found


# Words of a label that heads a note rather than names a person ("**Editor's Note:** ...").
_NOTE_WORDS = frozenset(
    word_list(
        """note notes editor editor's editors update updated disclaimer correction corrections
        warning transcript introduction intro abstract summary preface foreword"""
    )
)
_OPENER_WORDS = 12


def _speaking_opener(unit: Unit) -> bool:
    """A one-off label that names a person and says sentences: a voice opening the talk."""
    label = unit.label
    return (
        label is not None
        and not label.alone
        and roles.is_person_name(label.label)
        and not any(word.casefold().strip(".") in _NOTE_WORDS for word in label.label.split())
        and word_count(unit.body) >= _OPENER_WORDS
        and final_mark(unit.body) in ".!?"
    )


def _role_carrying_opener(units: list[Unit], accepted: set[str], style: str) -> str | None:
    """The key of a one-off label that opens the talk and says its speaker's part
    ("JANE DOE, BYLINE: This is the show."): right before the first speaker, with nothing
    between them but directions, captions and furniture."""
    first = next(
        (
            i
            for i, unit in enumerate(units)
            if unit.label is not None and unit.label.label and unit.label.key in accepted
        ),
        None,
    )
    if first is None:
        return None
    for index in range(first - 1, -1, -1):
        unit = units[index]
        if unit.kind in ("furniture", "caption", "direction"):
            continue
        label = unit.label
        if label is None or not label.label or label.style != style or not label.body:
            return None
        parts = name_parts(label.label)
        if not parts or not parts[1] or label.key in METADATA_KEYS:
            return None
        return label.key
    return None


_URL_RE = re.compile(r"<?https?://\S{1,2000}")


def _show_note(unit: Unit) -> bool:
    """A show-note line, "Words: https://...", that a speaker does not say."""
    label = unit.label
    return (
        unit.kind == "text"
        and unit.lines == 1
        and label is not None
        and bool(label.label)
        and _URL_RE.fullmatch(label.body.strip()) is not None
    )


def _nested_thread(units: list[Unit], accepted: set[str]) -> int:
    """When the talk is a list of questions with the speakers' labelled answers nested under
    them (most labelled items are nested), how deep those answers are nested; else -1."""
    depths = sorted(
        unit.depth
        for unit in units
        if unit.depth >= 0 and unit.label is not None and unit.label.key in accepted
    )
    if len(depths) < 2 or 2 * sum(1 for depth in depths if depth > 0) <= len(depths):
        return -1
    return depths[len(depths) // 2]


def _initials_labels(labels: list[str]) -> dict[str, str]:
    """When every speaker is labelled by capital initials ("SD", "MT"), those labels by key."""
    named = [label for label in labels if not role_of(label)]
    found = {
        label_key(label): label.strip()
        for label in named
        if 2 <= len(label.strip()) <= 4 and label.strip().isalpha() and label.strip().isupper()
    }
    return found if len(found) >= 2 and len(found) == len({label_key(n) for n in named}) else {}


def _colonless_initials(
    unit: Unit, initials: dict[str, str], current: Segment | None, following: str | None
) -> tuple[str, str] | None:
    """ "SD Text" or "SD" alone: an initials label without its colon, taken as one only where
    the text would otherwise give the current speaker two turns in a row."""
    if not initials or current is None or not current.label or unit.kind != "text":
        return None
    if unit.label is not None and unit.label.label:
        return None
    word, _, rest = unit.text.partition(" ")
    key = label_key(word)
    if key not in initials or word != initials[key]:
        return None
    if key == label_key(current.label) or following != label_key(current.label):
        return None
    return word, rest.strip()


# "(BEGIN VIDEO CLIP)", "(END VIDEOTAPE)", "[BEGIN AUDIO CLIP]": a broadcast plays a recording.
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


def _contact_keys(units: list[Unit]) -> set[str]:
    """Keys of the labels that are contact fields ("Telephone: 020 ...", "Email: ..."), which
    a page's footer or a cover page gives: never a speaker, however often they recur. A label
    is one by its name, or when all it ever heads is an address or a number (someone in a
    chat who also posts a bare link says other things too)."""
    fields: dict[str, bool] = {}
    for unit in units:
        label = unit.label
        if label is not None and label.label:
            field = furniture.is_contact_field(label.key, label.body)
            fields[label.key] = fields.get(label.key, True) and field
    return {key for key, field in fields.items() if field}


_MIN_TIMED_ROWS = 3


def _row_time(unit: Unit) -> int | None:
    """The time a paragraph opens with, alone before its words ("01:02:19 What year ...")."""
    label = unit.label
    if unit.kind != "text" or label is None or label.label or not unit.body:
        return None
    return label.timestamp


def _timed_rows(units: list[Unit], questions: set[int], metadata_units: set[int]) -> bool:
    """Whether an unlabelled transcript's rows open with the time they were said, as a table
    of timecodes beside the text reads: several do, and so do most of the questions (an
    answer often runs on in rows of its own, without a time)."""
    timed = [
        i for i, unit in enumerate(units) if i not in metadata_units and _row_time(unit) is not None
    ]
    asked = sum(1 for i in timed if i in questions)
    return len(timed) >= _MIN_TIMED_ROWS and 2 * asked >= len(questions) > 0


def _first_time(units: list[Unit], metadata_units: set[int], limit: int) -> int:
    """The first unit before `limit` that carries a time: a timed row or a timed direction
    ("01:00:00 Start of Film 1"); else `limit`."""
    return next(
        (
            i
            for i, unit in enumerate(units[:limit])
            if i not in metadata_units
            and (
                _row_time(unit) is not None
                or (unit.kind == "direction" and unit.timestamp is not None)
            )
        ),
        limit,
    )


def _answers_ending_in_questions(units: list[Unit], questions: set[int]) -> set[int]:
    """Paragraphs ending in "?" right under a question, with no answer between, that read as
    the answer: several sentences, far longer than the questions usually are ("More than you
    think. ... Isn't that always the way?")."""
    lengths = sorted(len(units[i].text) for i in questions)
    if len(lengths) < 3:
        return set()
    usual = lengths[len(lengths) // 2]
    found = set()
    for i in sorted(questions):
        previous = i - 1
        while previous >= 0 and units[previous].kind == "furniture":
            previous -= 1
        if previous not in questions or previous in found:
            continue
        text = units[i].text
        sentences = len(re.findall(r"[.!?][\"'”’)]?\s+[A-Z\"“‘]", text)) + 1
        if sentences >= 2 and len(text) > 2 * usual:
            found.add(i)
    return found


def _clock_alone(unit: Unit) -> bool:
    """A time alone on its line ("[14:15:02]"): no name, no words."""
    label = unit.label
    return label is not None and not label.label and not unit.body and unit.lines == 1


def _timed_markers(units: list[Unit]) -> None:
    """ "00:00:03 [Jane Doe]" names who speaks in the lines below; "[00:00:19] [Music]", with
    no speech below it, is a timed stage direction."""
    for index, unit in enumerate(units):
        label = unit.label
        if label is None or not label.bracketed or not label.alone:
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if following is None or following.label is not None or following.kind != "text":
            unit.kind, unit.text, unit.body = "direction", label.bracketed, label.bracketed
            unit.timestamp, unit.label = label.timestamp, None


def _timed_breaks(units: list[Unit]) -> None:
    """ "**Break:** [17:49]", "Ad break: (00:23:10)": a label whose only body is a time, once the
    talk has begun, is a direction (an ad or a section break), not a speaker's turn. A name
    followed by unlabelled text ("Jane Doe: 0:35" over her speech) still names a speaker."""
    talk_begun = False
    for index, unit in enumerate(units):
        label = unit.label
        marker = timed_marker(unit.first) if unit.kind == "text" and unit.lines == 1 else None
        if marker is None:
            if label is not None and label.label and label.body:
                talk_begun = True
            continue
        if not talk_begun or label_key(marker[0]) in METADATA_KEYS:
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if (
            label is not None
            and following is not None
            and following.kind == "text"
            and following.label is None
        ):
            continue  # a speaker's name and time above what they say
        unit.kind, unit.text, unit.body, unit.label = "direction", marker[0], marker[0], None
        unit.timestamp = marker[1]


# "Sponsor message", "A word from our sponsors", "Advertisement": an ad read into the show.
_SPONSOR_MARKER_RE = re.compile(
    r"(?:(?:a )?(?:word|message|break) from (?:our|this week's|today's) sponsors?"
    r"|sponsor(?:ed)? (?:message|break|segment|read)|sponsors?|advertisement|advert"
    r"|ad (?:break|read|spot)|mid-?roll(?: ad)?|commercial break)",
    re.IGNORECASE,
)
_MAX_AD_PARAGRAPHS = 4


def _sponsor_breaks(units: list[Unit]) -> None:
    """A line alone that announces an ad ("Sponsor message") is a stage direction, and so are
    the unlabelled paragraphs under it, up to the next speaker's label: the ad's copy, said by
    no one in the talk."""
    for index, unit in enumerate(units):
        label = unit.label
        if (
            unit.kind == "text"
            and label is not None
            and label.body
            and _SPONSOR_MARKER_RE.fullmatch(label.label.strip(" *_#:.-–—"))
        ):
            # "**Sponsor:** This episode is supported by ...": the ad under an ad's label.
            said = strip_timestamps(label.body)
            unit.kind, unit.text, unit.label = "direction", f"{label.label}: {said}", None
            unit.body, unit.timestamp = unit.text, label.timestamp
            continue
        if (
            unit.kind != "text"
            or unit.lines != 1
            or unit.label is not None
            or not _SPONSOR_MARKER_RE.fullmatch(unit.text.strip(" *_#:.-–—"))
        ):
            continue
        copy = []
        for following in units[index + 1 : index + 2 + _MAX_AD_PARAGRAPHS]:
            if following.label is not None and following.label.label:
                break
            if following.kind != "text":
                copy = []
                break
            copy.append(following)
        else:
            copy = []  # no speaker takes the word back: the ad's end is unknown
        for ad in [unit, *copy]:
            ad.kind, ad.body = "direction", ad.text


_MAX_PLAIN_HEADING_WORDS = 6


_NUMBER_RE = re.compile(r"\(?\d{1,3}[.)]\s")


def _numbered_questions(units: list[Unit]) -> None:
    """ "1. How did it start?" alone, over its answer: a numbered question, not a list."""
    for index, unit in enumerate(units[:-1]):
        if (
            unit.kind == "list"
            and len(unit.items) == 1
            and _NUMBER_RE.match(unit.first.lstrip("> \t"))
            and ends_question(unit.items[0][1])
            and units[index + 1].kind == "text"
        ):
            item = unit.items[0][1]
            number = _NUMBER_RE.match(item)
            unit.kind, unit.text = "text", item[number.end() :] if number else item
            unit.body = unit.text


def _strip_cue_tags(text: str) -> str:
    """A caption line without its formatting tags ("<font color=...>", "<i>")."""
    return subtitles.clean(text) if "<" in text or "{" in text else text


def _heading_labels(units: list[Unit], accepted: set[str]) -> None:
    """Headings that are a speaker's name and time ("#### Sam Reed [00:00:09]") over what they
    say are labels alone on their line, where the name recurs; other headings stay headings."""
    for unit in units:
        if unit.kind != "heading" or unit.label is None:
            continue
        if unit.label.key in accepted:
            unit.kind, unit.text, unit.body = "text", unit.first, ""
        else:
            unit.label = None


def _plain_headings(units: list[Unit], accepted: set[str]) -> None:
    """Where speakers' labels stand alone on their lines ("Abbate:" over the paragraph), a short
    line alone in title case with no end mark ("Early Years", "NMT") between one speaker's
    paragraph and the next label is a section heading the page lost its markup for, not the
    speaker's words."""

    def alone_label(unit: Unit) -> bool:
        label = unit.label
        return label is not None and label.alone and label.key in accepted

    if sum(alone_label(unit) for unit in units) < _ALTERNATION_TURNS:
        return
    for index in range(1, len(units) - 1):
        unit, before, after = units[index], units[index - 1], units[index + 1]
        text = unit.text.strip()
        if (
            unit.kind == "text"
            and unit.lines == 1
            and (unit.label is None or unit.label.key not in accepted)
            and before.kind == "text"
            and not alone_label(before)
            and alone_label(after)
            and 0 < word_count(text) <= _MAX_PLAIN_HEADING_WORDS
            and final_mark_free(text)
            and not text.endswith((":", ";", "-", "—", "…"))
            and "," not in text
            and all(word[:1].isupper() or len(word) <= 3 for word in text.split())
        ):
            unit.kind, unit.label = "heading", None


def _chat_directions(units: list[Unit]) -> None:
    """In a chat log, a bot's message, a meeting command ("#topic ...") and an IRC action
    ("* jdoe waves") are not speech: stage directions, each ending the turn before it."""
    bot_speaks = False  # a bot's header alone on its line: its message follows
    for unit in units:
        label = unit.label
        named = label is not None and bool(label.label)
        if named and (label.alone or label.style in ("chat", "timestamp", "bold")):
            bot_speaks = label.alone and chat.is_bot(label.label)
        elif bot_speaks and unit.kind in ("text", "list"):
            unit.kind, unit.body = "direction", unit.text
            continue
        if unit.kind not in ("text", "list") or unit.lines != 1:
            continue
        body = label.body if label is not None else unit.text
        if (
            (named and chat.is_bot(label.label))
            or (named and chat.is_command(body))
            or (not named and chat.is_action(strip_clock(unit.text)))
        ):
            unit.kind, unit.text = "direction", strip_clock(unit.text)
            unit.body, unit.label = unit.text, None


_FOOTNOTE_RE = re.compile(r"\[\^?\d{1,3}\]:?\s")


def _calls_next(units: list[Unit], index: int, key: str) -> bool:
    """Whether the unit after `index` is a paragraph of its own opening with the label `key`."""
    following = units[index + 1] if index + 1 < len(units) else None
    return (
        following is not None
        and following.kind == "text"
        and following.label is not None
        and following.label.key == key
        and bool(following.body)
    )


def _is_footnote(unit: Unit) -> bool:
    """ "[1] Veribest is a proprietary format.": a numbered note at the foot of the page."""
    return unit.kind == "text" and unit.label is None and bool(_FOOTNOTE_RE.match(unit.text))


def _asking_headings(units: list[Unit], accepted: set[str], body_start: int) -> set[int]:
    """Headings that are the interviewer's questions ("# Q. Why hardware?", "## Why now?"),
    each answered by a labelled speaker below it: in a magazine Q&A the answers carry labels
    and the questions are set as headings. Only when most headings ask and they are answered;
    otherwise headings are sections."""

    def asks(unit: Unit) -> bool:
        if ends_question(unit.text):
            return True
        label = read_label(unit.text)
        return label is not None and role_of(label.label) == "interviewer" and bool(label.body)

    headings = [i for i, unit in enumerate(units) if unit.kind == "heading" and i >= body_start - 1]
    questions = [i for i in headings if asks(units[i])]
    if len(questions) < 2 or len(questions) < 0.6 * len(headings):
        return set()
    answered = set()
    for index in questions:
        for unit in units[index + 1 :]:
            if unit.kind in ("furniture", "caption", "direction", "rule"):
                continue
            label = unit.label
            if (
                label is not None
                and label.label
                and label.key in accepted
                and role_of(label.label) != "interviewer"
                and not ends_question(label.body)
            ):
                answered.add(index)
            break
    return answered if len(answered) >= 0.6 * len(questions) else set()


def _indented_questions(units: list[Unit], metadata_units: set[int]) -> set[int]:
    """Questions told by indentation: flush-left questions over answers indented (or the other
    way round), as a text browser or a plain-text page sets them. Indentation that alternates
    between asking paragraphs and the paragraphs answering them is a layout cue like bold: the
    paragraphs at the asking level, from the first question on, are the questions; a '?' at
    the answers' level is the guest's."""
    texts = [
        (i, unit) for i, unit in enumerate(units) if unit.kind == "text" and i not in metadata_units
    ]
    levels = Counter(unit.indent for _, unit in texts)
    if len(levels) < 2:
        return set()
    asking = Counter(unit.indent for _, unit in texts if ends_question(unit.text))
    level = max(asking, key=lambda lv: (asking[lv] / levels[lv], asking[lv]), default=None)
    if level is None or asking[level] < 2 or asking[level] < 0.6 * levels[level]:
        return set()
    first = next(i for i, unit in texts if unit.indent == level and ends_question(unit.text))
    later = [(i, unit) for i, unit in texts if i >= first]
    questions = [i for i, unit in later if unit.indent == level]
    answers = [unit for _, unit in later if unit.indent != level]
    answers_asking = sum(1 for unit in answers if ends_question(unit.text))
    if len(answers) < len(questions) or answers_asking > 0.3 * len(answers):
        return set()
    # Each question is answered: the text unit after it is at another level.
    position = {i: k for k, (i, _) in enumerate(later)}
    answered = sum(
        1
        for i in questions
        if position[i] + 1 < len(later) and later[position[i] + 1][1].indent != level
    )
    return set(questions) if answered >= 0.8 * len(questions) else set()


def _opened_turn(
    label: str, timestamp: int | None, unit: Unit, body: str, boundary: bool
) -> Segment:
    """A labelled speaker's new turn: its first paragraph, or only its label's lines when the
    label stands alone on its line."""
    turn = Segment("speech", label, [], timestamp)
    if body:
        turn.parts.append(Part(body, unit.line, unit.gap, boundary, lines=tuple(unit.indices)))
    else:
        turn.lines.extend(unit.indices)
    return turn


def _standalone_segment(unit: Unit) -> Segment:
    """A caption or a stage direction: a segment of its own, never part of anyone's speech."""
    part = Part(unit.text, unit.line, unit.gap, lines=tuple(unit.indices))
    return Segment(unit.kind, parts=[part], timestamp=unit.timestamp)


def _role_free(unit: Unit) -> str:
    """A paragraph's text without a "Q:" or "A:" that the alternation makes redundant."""
    label = unit.label
    if label is not None and label.label and role_of(label.label) and unit.body:
        return unit.body
    return unit.text


def _asks(unit: Unit) -> bool:
    return unit.kind in ("text", "heading") and ends_question(unit.text)


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


def _section_break_above(units: list[Unit], index: int) -> bool:
    """Whether a subheading, or the mark of a box the web reader set aside, stands right above
    unit `index`: a section break, which ends the turn before it. (A rule there is often a
    footnote's or a signature's.)"""
    for unit in reversed(units[:index]):
        if unit.kind == "furniture" and furniture.is_box_mark(unit.text):
            return True
        if unit.kind != "furniture":
            return unit.kind == "heading"
    return False


def _byline_names(units: list[Unit], end: int) -> list[str]:
    """The authors named by the bylines above the talk ("By Scott Ruecker")."""
    names = (
        roles.interviewer_from_byline(unit.text)
        for unit in units[:end]
        if unit.kind == "text" and header.is_byline(unit.text)
    )
    return [name for name in names if name]


def _credit_or_date(unit: Unit) -> bool:
    """A bold "By Jane Doe" or an italic date: the page's header set apart, not a question."""
    return unit.lines == 1 and (header.is_byline(unit.text) or header.is_dateline(unit.text))


def _opening_heading(units: list[Unit]) -> int | None:
    """Index of a heading that opens the page, before any text: its title."""
    for index, unit in enumerate(units):
        if unit.kind in ("furniture", "caption", "rule"):
            continue
        return index if unit.kind == "heading" and not ends_question(unit.text) else None
    return None
