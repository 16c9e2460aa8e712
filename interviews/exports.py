"""Interviews as files: Markdown, plain text and JSON.

The Markdown is the transcript parser's own format (`interviews.transcript.to_markdown`) with
"Key: value" metadata lines and the comment thread in a shape the parser also recognises, so an
export pasted into the admin's import reads back to the same turns. The plain text is the same
document without the Markdown marks. The JSON follows the schema documented in the README
("Exports"); `interviews.importing` reads it back (`draft_from_export`).

Every serialiser takes an interview as `selectors.interview_for_export` returns it (outlet,
recording, participations, topics and turns prefetched) and the public comments as
`comment_thread` returns them, so that an export costs the same few queries however long the
interview is. `media_url` is the recording's absolute address ("" without one): exports are
read away from the site, so every address in them is absolute.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator
from operator import itemgetter
from urllib.parse import urljoin

from interviews.models import Comment, Interview, Recording, Turn
from interviews.transcript import ParsedTranscript, ParsedTurn, threads, to_markdown
from interviews.transcript.export import markdown_lists
from interviews.transcript.model import timestamp_text
from interviews.transcript.structure import is_caption, is_direction
from people.models import Person

SCHEMA = "interview-archive/1"
# Turns nobody speaks.
UNSPOKEN = (Turn.Kind.CAPTION, Turn.Kind.DIRECTION)


class ExportFormatError(ValueError):
    """The data is not an interview export this archive can read; the message says why."""


# --- Shared pieces ---------------------------------------------------------------------------


def citation_source(interview: Interview) -> str:
    """ "“An interview with Francois Chollet”, PyImageSearch, 2 July 2018": the title, then the
    outlet and the date as far as they are known. Every citation of the interview's turns ends
    with it (see `turn_citation`)."""
    parts = [f"“{interview.title}”"]
    if interview.outlet:
        parts.append(interview.outlet.name)
    if interview.published_on:
        parts.append(interview.published_display)
    return ", ".join(parts)


def turn_citation(source: str, *, kind: str, speaker: str) -> str:
    """ "François Chollet, in “An interview with Francois Chollet”, PyImageSearch, 2 July 2018":
    how to cite a turn, before its address; `source` is the interview's `citation_source`.

    Nobody speaks a caption or a stage direction. Plain text: a template escapes it.
    """
    return f"{speaker}, in {source}" if speaker and kind not in UNSPOKEN else source


def interview_recording(interview: Interview) -> Recording | None:
    """The interview's recording, read with it (select_related), or None."""
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(interview, "recording", None)


def _names(participations) -> list[str]:
    return [participation.person.name for participation in participations]


def _comments_in_reading_order(roots: list[Comment]) -> Iterator[tuple[Comment, int]]:
    """Each comment with its depth, depth first. Replies nest threads.MAX_DEPTH levels deep at
    most, deeper ones listed at the last level: json.dumps (and the parser's indentation) would
    fail on a thread nested as deep as a database allows."""
    return threads.walk(roots, children=_replies_shown, max_depth=threads.MAX_DEPTH)


def _replies_shown(comment: Comment) -> list[Comment]:
    return comment.children  # set by selectors.comment_thread


def _posted_utc(comment: Comment) -> datetime.datetime | None:
    if comment.posted_at is None:
        return None
    return comment.posted_at.astimezone(datetime.UTC)


# --- Markdown and plain text -----------------------------------------------------------------


def _direction(text: str) -> str:
    """A stage direction as the parser writes one: "[Laughter]" for a bare "Laughter"."""
    text = one_line(text)
    return text if is_direction(text) else f"[{text}]"


def interview_transcript(interview: Interview) -> ParsedTranscript:
    """The interview as the parser would have read it: what `to_markdown` writes out."""
    turns = [
        ParsedTurn(
            speaker="" if turn.kind in UNSPOKEN else turn.speaker_name,
            kind=turn.kind,
            text=_direction(turn.text) if turn.kind == Turn.Kind.DIRECTION else turn.text,
            timestamp=int(turn.timestamp.total_seconds()) if turn.timestamp is not None else None,
            label=turn.speaker_label,
        )
        for turn in interview.turns.all()
    ]
    speakers = list(dict.fromkeys(turn.speaker for turn in turns if turn.speaker))
    return ParsedTranscript(
        title=interview.title,
        deck=interview.deck,
        intro=interview.intro,
        outro=interview.closing_note,
        speakers=speakers,
        interviewers=_names(interview.interviewer_participations),
        interviewees=_names(interview.interviewee_participations),
        turns=turns,
    )


def _metadata(interview: Interview, *, url: str, media_url: str) -> list[tuple[str, str]]:
    """The "Key: value" lines under the title, with keys the parser reads as metadata."""
    lines = []
    if interview.byline:
        lines.append(("Byline", interview.byline))
    if interview.published_on:
        lines.append(("Published", interview.published_display))
    if interview.outlet:
        lines.append(("Outlet", interview.outlet.name))
    for key, participations in (
        ("Interviewer", interview.interviewer_participations),
        ("Interviewee", interview.interviewee_participations),
    ):
        if participations:
            plural = "s" if len(participations) > 1 else ""
            lines.append((key + plural, ", ".join(_names(participations))))
    topics = [topic.name for topic in interview.topics.all()]
    if topics:
        lines.append(("Topics", ", ".join(topics)))
    if interview.source_url:
        lines.append(("Source", interview.source_url))
    if media_url:
        # "Recording" is a metadata key to the parser: the line reads back as metadata.
        lines.append(("Recording", media_url))
    lines.append(("Archived at", url))
    return lines


def _comment_header(comment: Comment) -> str:
    # "Name · 2018-07-02 10:29 UTC" is a comment header to the parser; without a date,
    # WordPress's "Name says:" is.
    posted = _posted_utc(comment)
    if posted is None:
        return f"{one_line(comment.author_name)} says:"
    return f"{one_line(comment.author_name)} · {posted:%Y-%m-%d %H:%M} UTC"


def _comments_heading(roots: list[Comment]) -> str:
    """ "43 comments": a heading the parser takes for the start of a thread."""
    count = threads.count(roots, children=_replies_shown)
    return f"{count} comment{'s' if count != 1 else ''}"


def _comment_lines(
    roots: list[Comment], *, bullet: str, step: int, markdown: bool = False
) -> list[str]:
    """The thread as indented blocks: a header line, then the text indented under it.

    In Markdown a line break inside a paragraph is a hard break ("  " at the line's end) and a
    "•" item a list item: Markdown would otherwise run the lines together.
    """
    lines = []
    for comment, depth in _comments_in_reading_order(roots):
        indent = " " * (step * depth)
        lines.append(f"{indent}{bullet}{_comment_header(comment)}")
        lines.append("")
        body_indent = indent + " " * max(len(bullet), step)
        for paragraph in _paragraphs(comment.text):
            if markdown:
                paragraph = markdown_lists(paragraph).replace("\n", "  \n")
            lines.extend(f"{body_indent}{line}" for line in paragraph.split("\n"))
            lines.append("")
    return lines


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [part.strip("\n") for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def one_line(text: str) -> str:
    return " ".join(text.split())


def _join(blocks: list[str]) -> str:
    return "\n\n".join(block.strip("\n") for block in blocks if block.strip()) + "\n"


def interview_markdown(
    interview: Interview, *, comments: list[Comment], url: str, media_url: str = ""
) -> str:
    """The interview as Markdown: title, deck, metadata, intro, turns, closing note, comments.

    Turns are `**Speaker:** text`, captions emphasised, stage directions as written
    ("(LAUGHTER)", "[Music]"); the comment thread is a nested list under "## N comments".
    """
    transcript = interview_transcript(interview)
    head = dataclasses.replace(
        transcript, intro="", outro="", turns=[], speakers=[], interviewers=[], interviewees=[]
    )
    body = dataclasses.replace(transcript, title="", deck="")
    # Two spaces end a line in Markdown without starting a paragraph.
    metadata = "  \n".join(
        f"{key}: {value}" for key, value in _metadata(interview, url=url, media_url=media_url)
    )
    blocks = [to_markdown(head), metadata, to_markdown(body)]
    if comments:
        blocks.append(f"## {_comments_heading(comments)}")
        blocks.append("\n".join(_comment_lines(comments, bullet="- ", step=2, markdown=True)))
    return _join(blocks)


def _turn_text(turn: Turn) -> str:
    stamp = f"[{turn.timestamp_text}] " if turn.timestamp is not None else ""
    if turn.kind == Turn.Kind.CAPTION:
        text = one_line(turn.text)
        return stamp + (text if is_caption(text) else f"Caption: {text}")
    if turn.kind == Turn.Kind.DIRECTION:
        return stamp + _direction(turn.text)
    name = turn.speaker_name
    return f"{stamp}{name}: {turn.text}" if name else stamp + turn.text


def interview_text(
    interview: Interview, *, comments: list[Comment], url: str, media_url: str = ""
) -> str:
    """The interview as plain text: the Markdown export's layout without its marks.

    Turns are "Speaker: text", stage directions in brackets; replies are indented under the
    comment they answer.
    """
    blocks = [one_line(interview.title)]
    if interview.deck:
        blocks[0] += "\n" + one_line(interview.deck)
    metadata = _metadata(interview, url=url, media_url=media_url)
    blocks.append("\n".join(f"{key}: {value}" for key, value in metadata))
    blocks.append(interview.intro)
    blocks.extend(_turn_text(turn) for turn in interview.turns.all())
    if interview.closing_note:
        blocks.extend(["---", interview.closing_note])
    if comments:
        blocks.append(_comments_heading(comments))
        blocks.append("\n".join(_comment_lines(comments, bullet="", step=4)))
    return _join(blocks)


# --- JSON --------------------------------------------------------------------------------------


def _person_data(person: Person) -> dict:
    return {"name": person.name, "slug": person.slug}


def interview_summary_data(interview: Interview, *, url: str) -> dict:
    """An interview's metadata, without turns or comments: an entry of the list export."""
    outlet = interview.outlet
    return {
        "title": interview.title,
        "slug": interview.slug,
        "deck": interview.deck,
        "byline": interview.byline,
        "outlet": {"name": outlet.name, "slug": outlet.slug, "url": outlet.url} if outlet else None,
        "published": interview.published_iso,
        "date_precision": interview.date_precision,
        "source_url": interview.source_url,
        "url": url,
        "intro": interview.intro,
        "closing_note": interview.closing_note,
        "topics": [{"name": topic.name, "slug": topic.slug} for topic in interview.topics.all()],
        "interviewers": [_person_data(p.person) for p in interview.interviewer_participations],
        "interviewees": [_person_data(p.person) for p in interview.interviewee_participations],
    }


def _turn_data(turn: Turn) -> dict:
    return {
        "position": turn.position,
        "anchor": turn.anchor,
        "speaker": _person_data(turn.speaker) if turn.speaker is not None else None,
        "speaker_label": turn.speaker_label,
        "kind": turn.kind,
        "text": turn.text,
        "timestamp": turn.timestamp_text,
    }


def _comments_data(roots: list[Comment]) -> list[dict]:
    """The thread as nested dicts, built without recursion (see _comments_in_reading_order)."""
    return threads.map_tree(
        roots,
        _comment_data,
        children=_replies_shown,
        replies=itemgetter("replies"),
        max_depth=threads.MAX_DEPTH,
    )


def _comment_data(comment: Comment) -> dict:
    posted = _posted_utc(comment)
    return {
        "author": comment.author_name,
        "author_url": comment.author_url,
        "posted_at": posted.isoformat().replace("+00:00", "Z") if posted else None,
        "text": comment.text,
        "replies": [],
    }


def _recording_data(recording: Recording | None, *, media_url: str) -> dict | None:
    if recording is None:
        return None
    return {
        "url": media_url,
        "kind": recording.kind,
        "mime_type": recording.mime_type,
        "format": recording.format_name,
        "duration": (
            timestamp_text(recording.duration.total_seconds())
            if recording.duration is not None
            else None
        ),
    }


def turn_figure_data(turn: Turn, *, page_url: str) -> dict | None:
    """A caption's image (its full address, alt text and size), or None when it has none.

    The turn comes with its figure (selectors.interview_for_export): no query here.
    """
    figure = getattr(turn, "figure", None)
    if figure is None:
        return None
    return {
        "url": urljoin(page_url, figure.image.url),
        "alt": figure.alt_text,
        "width": figure.width,
        "height": figure.height,
    }


def interview_data(
    interview: Interview, *, comments: list[Comment], url: str, media_url: str = ""
) -> dict:
    """The whole interview in the interview-archive/1 schema (see the README, "Exports")."""
    return {
        "schema": SCHEMA,
        **interview_summary_data(interview, url=url),
        "recording": _recording_data(interview_recording(interview), media_url=media_url),
        "turns": [
            {**_turn_data(turn), "figure": turn_figure_data(turn, page_url=url)}
            for turn in interview.turns.all()
        ],
        "comments": _comments_data(comments),
    }
