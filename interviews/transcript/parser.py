"""`parse(text, hints)`: a pasted page, PDF text or transcription export in; a proposal out.

The steps, each in its own module:

1. normalise line breaks ("<br>" is one) and drop control characters (text.py); character
   references are decoded everywhere, and a page that holds HTML is read as its text;
2. cut the reader-comment thread out (comments.py) and what follows it;
3. subtitles (SRT, WebVTT) go their own way (subtitles.py, modes/subtitled.py); other text
   continues;
4. drop front matter into metadata, a first page of licence terms before a page break and PDF
   page furniture (pdf.py), the page's tail: comment forms and "related articles" teasers
   (furniture.py), and a chat log's room noise: joins, reactions, "(edited)" (chat.py; its
   message headers are label shapes in labels.py);
5. group lines into units: paragraphs, lists, captions, directions (structure.py);
6. decide which label shapes are speakers from their statistics (below) and read the turns
   they open (modes/labelled.py), or, without labels, pair questions ending in "?" with the
   paragraphs that answer them (modes/alternating.py; a layout that sets the
   questions apart, in bold, as headings or at their own indentation, says which they are;
   where the rows open with timecodes, a row's time is its turn's, and what is said after the
   first time and before the first question is the interviewee's opening statement);
   headings that ask over labelled answers ("# Q. Why?" then "**AB:** ...") are questions;
7. read the header: title, deck, date, metadata, intro (header.py);
8. name a published AMA's askers and answerers from their signatures (chat.py), merge labels
   into speakers (speakers.py), name the speakers known only by their role, find who asks from
   what is said, split off the closing note and give every turn its kind (assembly.py,
   roles.py).

Each mode is a function from the page to a ModeResult (modes/reading.py): its segments, the
lines it set aside or placed, its warnings and metadata. Where the first reading finds no
speech at all, the page is read again with labels seen once as speakers, and that second
result is taken instead of the first: nothing is undone, the first is simply not used.

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
from collections.abc import Set
from dataclasses import replace
from itertools import pairwise
from operator import attrgetter

from . import chat, furniture, header, roles, subtitles, threads
from .assembly import ReadPage, assemble
from .comments import find_comment_section
from .furniture import final_mark_free
from .header import METADATA_KEYS, metadata_value_is_short
from .labels import (
    label_key,
    name_parts,
    read_label,
    role_of,
    strip_clock,
    strip_timestamps,
    timed_marker,
)
from .model import FORMATS, ParsedComment, ParsedTranscript, ParseHints
from .modes.alternating import numbered_questions, read_alternating
from .modes.labelled import read_labelled
from .modes.reading import (
    LineLedger,
    ModeResult,
    ParseContext,
    TextPage,
    next_is_speech,
    standalone_segment,
)
from .modes.subtitled import read_subtitles
from .pdf import (
    Line,
    is_page_footer,
    is_page_number,
    remove_page_furniture,
    terms_page_end,
    vocabulary,
    wrap_width,
)
from .segments import Segment
from .speakers import merge
from .structure import LineReader, Unit, build_units, markdown_heading, split_labelled_lists
from .text import (
    decode_entities,
    ends_question,
    final_mark,
    holds_html,
    html_block_edges,
    is_rule,
    split_lines,
    strip_html,
    unescape_brackets,
    word_count,
    word_list,
)

_STRONG_STYLES = ("upper", "bold", "timestamp", "hearing", "chat")
_ALTERNATION_TURNS = 4  # changes of speaker that show two labels take turns
_MAX_FALLBACK_LABELS = 6  # one-off labels taken as speakers when nothing else gives turns
_MAX_TEASER_BACKTRACK = 4
_TEASER_GAP_LINES = 7  # non-blank lines from one teaser marker to the next, or to the end
_MIN_CHAT_PAIRS = 3  # authors over their message's time, to read them as a chat's headers
_MAX_SIGNATURE_LINES = 12  # lines after an end mark ("-- ", "###") in a page without labels
_SIGNATURE_BLOCK = 4  # lines under a sign-off: name, job title, organisation, telephone
_LINK_DEFINITION_LINE_RE = re.compile(r"\[[^\[\]]{1,100}\]:\s")


def parse(text: str, hints: ParseHints | None = None) -> ParsedTranscript:
    """Propose metadata, turns and comments for `text`. Deterministic; never raises."""
    result = ParsedTranscript()
    ledger = None
    try:
        context = _context(text, hints)
        ledger = LineLedger(context.raw)
        return _read(context, ledger, result)
    except Exception as error:  # the contract: any string parses, errors become warnings
        ignored, places = _set_aside_all(ledger)
        return ParsedTranscript(
            comments=list(result.comments),
            ignored=ignored,
            warnings=[
                *(ledger.warnings if ledger is not None else ()),
                f"internal error ({type(error).__name__}): the transcript could not be parsed",
            ],
            format=result.format,
            places=places,
        )


def _set_aside_all(ledger: LineLedger | None) -> tuple[list[str], list[tuple[int, str]]]:
    """After an internal error, every line but the readers' comments is set aside as written:
    nothing is lost, and the editor sees it all."""
    if ledger is None:
        return [], []
    try:
        comments = [item for item in ledger.places if item[1] == "comment"]
        taken = {index for index, _ in comments}
        kept = [
            (index, line.strip())
            for index, line in enumerate(ledger.raw)
            if line.strip() and index not in taken
        ]
        return [text for _, text in kept], sorted(
            [*comments, *((index, "ignored") for index, _ in kept)]
        )
    except Exception:
        return ledger.ignored_lines(), []


def _context(text, hints: ParseHints | None) -> ParseContext:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    return ParseContext.of(_clean_hints(hints), split_lines(text))


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


# --- The whole -----------------------------------------------------------------------------


def _read(context: ParseContext, ledger: LineLedger, result: ParsedTranscript) -> ParsedTranscript:
    lines = _cut_comments(list(context.raw), ledger, result)
    forced = context.hints.format
    form = forced if forced in ("srt", "vtt") else None
    if forced == "auto":
        form = subtitles.detect(lines)
    if form:
        result.format = form
        mode = read_subtitles(context, lines, form)
        ledger.take(mode)
        result.title = mode.title
        signed_ama: tuple[list[str], list[str]] = ([], [])
        segments = mode.segments
    else:
        mode, segments, signed_ama = _read_text(context, lines, ledger, result)
    page = ReadPage(
        context,
        ledger.metadata,
        signed_ama,
        mode.sides,
        mode.spoken_names,
        mode.notes,
    )
    assemble(page, segments, ledger, result)
    if not any(turn.kind not in ("caption", "direction") for turn in result.turns):
        ledger.warnings.append("no turns found")
    result.warnings = list(dict.fromkeys(ledger.warnings))
    result.ignored = ledger.ignored_lines()
    result.metadata = dict(ledger.metadata)
    result.byline = result.metadata.get("byline", "")
    result.places = sorted(ledger.places)
    return result


def _cut_comments(lines: list[str], ledger: LineLedger, result: ParsedTranscript) -> list[str]:
    try:
        section = find_comment_section(lines)
    except Exception as error:  # a broken thread must not lose the interview
        ledger.warnings.append(f"the comment thread could not be read ({type(error).__name__})")
        return lines
    if section is None or not 0 <= section.start < section.end <= len(lines):
        return lines
    result.comments = list(section.comments)
    _decode_comments(result.comments)
    # The section's lines are the comments' (authors, dates, text), but for the furniture
    # it set aside and its heading ("43 Responses to ...").
    aside = Counter(section.ignored)
    for index in range(section.start, section.end):
        text = lines[index].strip()
        if not text:
            continue
        if aside[text] > 0 or index == section.heading:
            aside[text] -= 1
            ledger.ignore(index, text)
        else:
            ledger.places.append((index, "comment"))
    ledger.warnings.extend(section.warnings)
    ledger.ignore_lines(range(section.end, len(lines)))
    return lines[: section.start]


# --- Text ----------------------------------------------------------------------------------


def _read_text(
    context: ParseContext, raw_lines: list[str], ledger: LineLedger, result: ParsedTranscript
) -> tuple[ModeResult, list[Segment], tuple[list[str], list[str]]]:
    """A page of text (not subtitles): the mode that reads it, its segments after the header's
    turns, and a signed AMA's askers and answerers."""
    lines = _text_lines(raw_lines)
    meta, used = header.front_matter(lines)
    ledger.places.extend((line.index, "metadata") for line in lines[:used] if line.text)
    lines = lines[used:]
    ledger.metadata.update(meta)
    lines = _terms_page(lines, ledger)
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
            ledger.places.append((index, "ignored"))
        else:
            shown.add(text)
            ledger.ignore(index, text)
    reader = LineReader()
    lines = _cut_tail(lines, reader, ledger)
    lines, chat_log = _chat_noise(lines, ledger)
    for line in lines:
        line.text = chat.strip_anchor(line.text)
    width = wrap_width(lines, reader.opens_unit, reader.is_closed)
    words = vocabulary(lines) if width or any(line.joins_previous for line in lines) else set()
    units = split_labelled_lists(build_units(lines, width, words, reader), reader)
    _timed_markers(units)
    _timed_breaks(units)
    _sponsor_breaks(units)
    if chat_log:
        _chat_directions(units)
    accepted, label_counts = _accepted_labels(context, units)
    _heading_labels(units, accepted)
    _plain_headings(units, accepted)
    metadata_units, body_start = _header_end(context, units, accepted)
    mode_name, timestamped = _mode(context, units, accepted, body_start, ledger)
    if mode_name == "alternating":
        numbered_questions(units)  # "1. How did it start?" alone over its answer: a question
    page = TextPage(
        context,
        units,
        frozenset(accepted),
        frozenset(metadata_units),
        body_start,
        label_counts,
        timestamped,
        dict(ledger.metadata),
    )
    mode = read_alternating(page) if mode_name == "alternating" else read_labelled(page)
    if not mode.has_speech and context.hints.format == "auto":
        mode = _labels_seen_once(page, mode)
    ledger.take(mode)
    result.format = mode.format
    segments = mode.segments
    if mode.mode == "labelled":
        segments = _unlabelled_answers(segments, ledger)
    signed_ama = chat.attribute(
        segments, lambda seg: (role_of(seg.label) if seg.label else None) or seg.role
    )
    head = header.read_header(units[: mode.body_start], metadata_units, ledger.metadata)
    result.title = head.title
    if not result.title and running_title is not None:
        _take_title(*running_title, dropped, ledger, result)
    result.deck = head.deck
    result.published = head.published
    result.intro = "\n\n".join(head.intro_parts)
    ledger.replace_metadata(head.metadata)
    result.metadata = dict(head.metadata)
    ledger.places.extend(head.placed)
    for unit in head.set_aside:
        ledger.ignore_unit(unit)
    leading = [standalone_segment(unit) for unit in head.turn_units]
    return mode, leading + segments, signed_ama


def _labels_seen_once(page: TextPage, first: ModeResult) -> ModeResult:
    """When the first reading found no speech, nothing else to go on: labels seen once are
    speakers after all, and the page is read as labelled with them, if there are a few."""
    units = page.units
    rest = {
        unit.label.key
        for index, unit in enumerate(units)
        if unit.label is not None and unit.label.label and index not in page.metadata_units
    } - _contact_keys(units)
    if not 0 < len(rest) <= _MAX_FALLBACK_LABELS:
        return first
    accepted = page.accepted | rest
    _, body_start = _header_end(page.context, units, accepted)
    return read_labelled(replace(page, accepted=accepted, body_start=body_start))


def _terms_page(lines: list[Line], ledger: LineLedger) -> list[Line]:
    """A first page of licence or copyright terms is set aside (pdf.terms_page_end)."""
    end = terms_page_end(lines)
    for line in lines[:end]:
        if line.text:
            ledger.ignore(line.index, line.text)
    return lines[end:]


def _unlabelled_answers(segments: list[Segment], ledger: LineLedger) -> list[Segment]:
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
        ledger.warnings.append(
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


def _chat_noise(lines: list[Line], ledger: LineLedger) -> tuple[list[Line], bool]:
    """In a chat log, the room's lines (joins, reactions, "(edited)") are set aside; and
    whether the text is a chat log (its message headers are label shapes, chat.py)."""
    lines = _chat_times_below(lines, ledger)
    if not chat.is_chat_log([line.text for line in lines if line.text]):
        return lines, False
    kept = []
    for line in lines:
        # A clock time alone ("1:05"): Slack's mark on an author's next message.
        if line.text and (chat.is_noise(strip_clock(line.text)) or chat.is_clock_line(line.text)):
            ledger.ignore(line.index, line.text)
            continue
        line.text = chat.strip_edited(line.text)
        kept.append(line)
    return kept, True


def _chat_times_below(lines: list[Line], ledger: LineLedger) -> list[Line]:
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
        ledger.ignore(lines[i].index, lines[i].text)
    taken = set(pairs)
    return [line for i, line in enumerate(lines) if i not in taken]


def _take_title(
    index: int,
    text: str,
    dropped: list[tuple[int, str]],
    ledger: LineLedger,
    result: ParsedTranscript,
) -> None:
    """The line `index`, set aside as page furniture, is the title after all; the running
    header's next copy is then the one listed among the ignored lines."""
    if (index, text) not in ledger.ignored or (index, "ignored") not in ledger.places:
        return
    ledger.ignored.remove((index, text))
    ledger.places.remove((index, "ignored"))
    ledger.places.append((index, "title"))
    result.title = text
    copy = next((item for item in dropped if item[0] > index and item[1] == text), None)
    if copy is not None and copy not in ledger.ignored:
        ledger.ignored.append(copy)


def _cut_tail(lines: list[Line], reader: LineReader, ledger: LineLedger) -> list[Line]:
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
    if quoted is not None and any(reader.label(line.text) for line in lines[:quoted] if line.text):
        for line in lines[quoted:]:
            if line.text:
                ledger.ignore(line.index, line.text)
        lines = lines[:quoted]
    counts: Counter[str] = Counter()
    keys: list[str | None] = []
    for line in lines:
        label = reader.label(line.text) if line.text else None
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
            furniture.is_teaser_marker(lines[i].text) or furniture.is_related_heading(lines[i].text)
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
            start = _teaser_start(lines, start, last_speech)
        cut = min(cut, start)
    for line in lines[cut:]:
        if line.text:
            ledger.ignore(line.index, line.text)
    return lines[:cut]


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


def _accepted_labels(context: ParseContext, units: list[Unit]) -> tuple[set[str], Counter[str]]:
    """Keys of the labels that name speakers, judged over the whole transcript; and how many
    units each label key opens."""
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
    groups, _ = merge(list(raw.values()), list(context.hint_names), names=False)
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
    if context.hints.format in ("labelled", "qa", "timestamped"):
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
                            and next_is_speech(units, index, accepted)
                        )
                        # Someone who opens the show and is not heard again ("__Ann
                        # Lee__: Howdy, folks. You're listening to ..."), in its style.
                        or (_speaking_opener(unit) and next_is_speech(units, index, accepted))
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
    return accepted, counts


def _header_end(
    context: ParseContext, units: list[Unit], accepted: Set[str]
) -> tuple[set[int], int]:
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
    main_styles = {style for style, count in styles.items() if count >= max(3, 0.25 * total)} | {
        style for style, _ in styles.most_common(1)
    }
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
        if header.is_roster_key(key) and not context.hinted(label.label):
            metadata_units.add(index)  # "Present: Senators A, B and C": who attends
            continue
        if pair(index) and not context.hinted(label.label):
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
            and not context.hinted(label.label)
            and not role_of(label.label)
        ):
            continue  # front matter in another style than the talk's labels
        if label.style in main_styles:
            seen_main = True
        return metadata_units, index
    return metadata_units, len(units)


def _mode(
    context: ParseContext,
    units: list[Unit],
    accepted: set[str],
    body_start: int,
    ledger: LineLedger,
) -> tuple[str, bool]:
    """How to read the page, "labelled" or "alternating"; and whether most speaker labels
    carry a time."""
    forced = context.hints.format
    if forced == "alternating":
        return "alternating", False
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
    timestamped = sum(1 for unit in speech if unit.label.timestamp is not None) >= max(
        2, len(speech) // 2
    ) or (forced == "timestamped")
    if forced in ("labelled", "qa", "timestamped"):
        if not speech:
            ledger.warnings.append(
                f"format '{forced}' was asked for but no speaker labels were found"
            )
        return ("labelled" if speech else "alternating"), timestamped
    distinct = {unit.label.key for unit in speech}
    if len(speech) >= 2 and (len(distinct) >= 2 or len(speech) >= 0.5 * questions):
        return "labelled", timestamped
    if questions:
        return "alternating", timestamped
    return ("labelled" if speech else "alternating"), timestamped


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


def _decode_comments(comments: list[ParsedComment]) -> None:
    """Character references in readers' comments read as characters, as in the interview."""
    for comment, _ in threads.walk(comments, children=attrgetter("replies")):
        comment.author = decode_entities(comment.author)
        comment.text = decode_entities(comment.text)
