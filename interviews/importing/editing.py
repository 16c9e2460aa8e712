"""An import draft as the server keeps it between preview steps, and the editor's edits to it.

`DraftState` is what an `ImportDraft` row stores (as `as_json()`): the pasted text, what the
parser noted, the interview's details, the speakers and the turns, and the comment thread.
`DraftState.from_json` checks the stored JSON strictly before anything uses it.

The edits (`merge_turn`, `split_turn`, `set_turn`, `delete_turns`, `add_speaker`,
`rename_speaker`, `set_speaker`, `map_label`) change a state in place, all or nothing: an edit
that cannot be applied raises `EditError` with a message for the editor and leaves the state as
it was. They are written so that an edit never gives one speaker's words to another without the
editor saying so, and never loses text the editor did not delete.

Nothing here touches the database: the caller loads people, outlets and topics by id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from typing import NamedTuple

from interviews.importing.drafts import (
    SpeakerChoice,
    readable_name,
    transcript_fingerprint,
)
from interviews.importing.sources import SourceDocument
from interviews.models import Interview, Participation, Turn
from interviews.transcript import threads
from interviews.transcript.dates import date_from_url
from interviews.transcript.model import (
    FORMATS,
    KINDS,
    ParsedComment,
    ParsedTranscript,
    ParsedTurn,
    PartialDate,
    comment_json,
    comment_replies,
)
from interviews.transcript.roles import ROLE_NAMES
from interviews.transcript.source import MAX_TRANSCRIPT_BYTES
from people.models import Person, name_key

VERSION = 1

SOURCE_KINDS = ("paste", "file", "link", "json")
ROLES = (*Participation.Role.values, "")
STATUSES = tuple(Interview.Status.values)
# Captions and stage directions are nobody's words: a label mapped to a speaker leaves them be.
SPOKEN_KINDS = (Turn.Kind.QUESTION.value, Turn.Kind.ANSWER.value, Turn.Kind.REMARK.value)

MAX_TIMESTAMP = 100 * 3600  # seconds: the preview accepts 0 to 100 hours
MAX_TEXT = MAX_TRANSCRIPT_BYTES  # characters of a text (the transcript, a turn, a comment)
MAX_LINE = 10_000  # characters of what the editor typed on step 1 (names, an address)
MAX_NAME = 200  # characters of a person's name, as people.Person.name holds it
MAX_TURNS = 100_000
MAX_SPEAKERS = 10_000
MAX_NOTES = 100_000  # lines ignored, warnings, metadata entries
MAX_IDS = 1_000  # topics, hinted names
MAX_COMMENTS = 20_000
MAX_ID = 2**63 - 1  # the largest primary key the database holds

# Characters PostgreSQL's jsonb cannot store: NUL and halves of a surrogate pair.
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
SPEAKER_KEY = re.compile(r"s[1-9][0-9]{0,8}")


class EditError(Exception):
    """An edit that cannot be applied; the message says why, in words for the editor."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class MergeNeedsSpeaker(EditError):
    """Two turns of different speakers were to be merged: the editor must say whose it is."""

    def __init__(self, message: str, *, index: int, speaker_keys: tuple[str, str]):
        super().__init__(message)
        self.index = index  # the later turn, 0-based
        # The earlier turn's speaker key, then the later one's ("" is no speaker).
        self.speaker_keys = speaker_keys


# --- The state ------------------------------------------------------------------------------


@dataclass
class DraftSource:
    kind: str = "paste"  # "paste", "file", "link" or "json"
    name: str = ""  # the uploaded file's name, or the link
    # What a file's or a page's structure said beyond its text (`SourceDocument` without its
    # text, as `source_document_json` writes it), to apply again when the text is parsed
    # again after "Back"; None for a paste.
    document: dict | None = None


@dataclass
class DraftHints:
    """What the editor typed on step 1, kept to parse again after "Back"."""

    interviewers: list[str] = field(default_factory=list)
    interviewees: list[str] = field(default_factory=list)
    format: str = "auto"
    source_url: str = ""
    outlet_id: int | None = None


@dataclass
class DraftNotes:
    """What the parser said about the text."""

    format: str = "auto"
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class DraftDetails:
    """The interview's own fields, as the details form edits them (`set_details`)."""

    title: str = ""
    slug: str = ""
    deck: str = ""
    byline: str = ""
    outlet_id: int | None = None
    new_outlet: str = ""
    published: str = ""  # "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    source_url: str = ""
    intro: str = ""
    closing_note: str = ""
    topic_ids: list[int] = field(default_factory=list)
    status: str = Interview.Status.DRAFT.value


@dataclass
class DraftSpeaker:
    """A voice of the transcript and who it is.

    With a `person_id` it is that person; else with a `new_name` that the editor `confirmed`, a
    person created at save; else no one (its turns keep their labels and link to no person).
    """

    key: str  # stable: turns refer to it
    label: str = ""  # as the transcript wrote it; "" for a speaker the editor added
    person_id: int | None = None
    new_name: str = ""
    confirmed: bool = False
    role: str = ""  # "interviewer", "interviewee" or ""


@dataclass
class DraftTurn:
    speaker: str  # a speaker's key, or "" for none
    kind: str  # one of Turn.Kind's values
    text: str
    timestamp: int | None = None  # seconds, 0..MAX_TIMESTAMP
    label: str = ""  # as written, while the turn keeps the speaker it was read for


@dataclass
class DraftState:
    transcript: str
    source: DraftSource = field(default_factory=DraftSource)
    hints: DraftHints = field(default_factory=DraftHints)
    notes: DraftNotes = field(default_factory=DraftNotes)
    details: DraftDetails = field(default_factory=DraftDetails)
    speakers: list[DraftSpeaker] = field(default_factory=list)
    turns: list[DraftTurn] = field(default_factory=list)
    # The thread as JSON: {"author", "posted", "text", "replies"}, and "by_page_author": true
    # on a comment the page marked as its author's; see `parsed_comments`.
    comments: list[dict] = field(default_factory=list)
    version: int = VERSION

    def speaker(self, key: str) -> DraftSpeaker | None:
        for speaker in self.speakers:
            if speaker.key == key:
                return speaker
        return None

    def as_json(self) -> dict:
        """The state as JSON-ready data; nothing in it is shared with the state."""
        return {
            "version": self.version,
            "transcript": self.transcript,
            "source": _source_json(self.source),
            "hints": {
                "interviewers": list(self.hints.interviewers),
                "interviewees": list(self.hints.interviewees),
                "format": self.hints.format,
                "source_url": self.hints.source_url,
                "outlet_id": self.hints.outlet_id,
            },
            "notes": {
                "format": self.notes.format,
                "ignored": list(self.notes.ignored),
                "warnings": list(self.notes.warnings),
                "metadata": dict(self.notes.metadata),
            },
            "details": _details_json(self.details),
            "speakers": [
                {
                    "key": speaker.key,
                    "label": speaker.label,
                    "person_id": speaker.person_id,
                    "new_name": speaker.new_name,
                    "confirmed": speaker.confirmed,
                    "role": speaker.role,
                }
                for speaker in self.speakers
            ],
            "turns": [
                {
                    "speaker": turn.speaker,
                    "kind": turn.kind,
                    "text": turn.text,
                    "timestamp": turn.timestamp,
                    "label": turn.label,
                }
                for turn in self.turns
            ],
            "comments": _copied_thread(self.comments),
        }

    @classmethod
    def from_json(cls, data) -> DraftState:
        """The state `as_json` wrote, checked: ValueError saying what is wrong otherwise."""
        data = _object(data, _STATE_KEYS, "The draft")
        if type(data["version"]) is not int or data["version"] != VERSION:
            raise ValueError(f"The draft's version is {_shown(data['version'])}, not {VERSION}.")
        notes = _object(data["notes"], ("format", "ignored", "warnings", "metadata"), "notes")
        metadata = notes["metadata"]
        if not isinstance(metadata, dict) or len(metadata) > MAX_NOTES:
            raise ValueError("notes.metadata is not an object of at most 100,000 entries.")
        state = cls(
            transcript=_text(data["transcript"], "transcript", MAX_TEXT),
            source=_source(data["source"]),
            hints=_hints(data["hints"]),
            notes=DraftNotes(
                format=_one_of(notes["format"], FORMATS, "notes.format"),
                ignored=_texts(notes["ignored"], "notes.ignored", MAX_NOTES, MAX_TEXT),
                warnings=_texts(notes["warnings"], "notes.warnings", MAX_NOTES, MAX_TEXT),
                metadata={
                    _text(key, "notes.metadata's key"): _text(
                        value, f"notes.metadata[{_shown(key)}]"
                    )
                    for key, value in metadata.items()
                },
            ),
            details=_details(data["details"]),
            speakers=_speakers(data["speakers"]),
            turns=[],
            comments=_checked_thread(data["comments"]),
        )
        state.turns = _turns(data["turns"], {speaker.key for speaker in state.speakers})
        return state


_STATE_KEYS = (
    "version",
    "transcript",
    "source",
    "hints",
    "notes",
    "details",
    "speakers",
    "turns",
    "comments",
)
_DETAILS_KEYS = tuple(DraftDetails.__dataclass_fields__)


def _source(data) -> DraftSource:
    keys = ("kind", "name", "document") if isinstance(data, dict) and "document" in data else None
    data = _object(data, keys or ("kind", "name"), "source")
    return DraftSource(
        kind=_one_of(data["kind"], SOURCE_KINDS, "source.kind"),
        name=_text(data["name"], "source.name", MAX_LINE),
        document=None if data.get("document") is None else _source_document(data["document"]),
    )


def _source_json(source: DraftSource) -> dict:
    data = {"kind": source.kind, "name": source.name}
    document = source.document
    if document is not None:
        # Checked once, when the draft was read (`_source`): copied here, as the turns are.
        comments = document["comments"]
        data["document"] = {
            **document,
            "comments": None if comments is None else _copied_thread(comments),
            "set_aside": list(document["set_aside"]),
            "notes": list(document["notes"]),
        }
    return data


_SOURCE_DOCUMENT_TEXTS = ("kind", "title", "byline", "published", "source_url")


def _source_document(data) -> dict:
    """A source document's structure as the state keeps it, checked and copied."""
    data = _object(data, (*_SOURCE_DOCUMENT_TEXTS, "comments", "set_aside", "notes"), "source")
    return {
        **{
            key: _text(data[key], f"source.document.{key}", MAX_LINE)
            for key in _SOURCE_DOCUMENT_TEXTS
        },
        "comments": None if data["comments"] is None else _checked_thread(data["comments"]),
        "set_aside": _texts(data["set_aside"], "source.document.set_aside", MAX_NOTES, MAX_TEXT),
        "notes": _texts(data["notes"], "source.document.notes", MAX_NOTES, MAX_TEXT),
    }


def source_document_json(document: SourceDocument) -> dict:
    """What a draft keeps of a file's or a page's structure (its text is the transcript)."""
    return _source_document(
        {
            "kind": document.kind,
            "title": document.title,
            "byline": document.byline,
            "published": document.published,
            "source_url": document.source_url,
            "comments": None if document.comments is None else thread_from_parse(document.comments),
            "set_aside": list(document.set_aside),
            "notes": list(document.notes),
        }
    )


def source_document_from_json(data: dict, *, text: str) -> SourceDocument:
    """The source document a draft was made from, with `text` as its text."""
    comments = data["comments"]
    return SourceDocument(
        text=text,
        kind=data["kind"],
        title=data["title"],
        byline=data["byline"],
        published=data["published"],
        source_url=data["source_url"],
        comments=None if comments is None else _parsed_thread(comments),
        set_aside=list(data["set_aside"]),
        notes=list(data["notes"]),
    )


def _hints(data) -> DraftHints:
    data = _object(
        data, ("interviewers", "interviewees", "format", "source_url", "outlet_id"), "hints"
    )
    return DraftHints(
        interviewers=_texts(data["interviewers"], "hints.interviewers", MAX_IDS, MAX_LINE),
        interviewees=_texts(data["interviewees"], "hints.interviewees", MAX_IDS, MAX_LINE),
        format=_one_of(data["format"], FORMATS, "hints.format"),
        source_url=_text(data["source_url"], "hints.source_url", MAX_LINE),
        outlet_id=_id(data["outlet_id"], "hints.outlet_id"),
    )


def _details_json(details: DraftDetails) -> dict:
    data = {name: getattr(details, name) for name in _DETAILS_KEYS}
    data["topic_ids"] = list(details.topic_ids)
    return data


def _details(data, where: str = "details") -> DraftDetails:
    data = _object(data, _DETAILS_KEYS, where)
    published = _text(data["published"], f"{where}.published", 10)
    if published:
        try:
            # The state keeps the date as PartialDate writes it, and nothing else.
            if PartialDate.from_iso(published).isoformat() != published:
                raise ValueError
        except ValueError:
            raise ValueError(
                f"{where}.published: {_shown(published)} is not a date "
                "(YYYY, YYYY-MM or YYYY-MM-DD)."
            ) from None
    topic_ids = data["topic_ids"]
    if not isinstance(topic_ids, list) or len(topic_ids) > MAX_IDS:
        raise ValueError(f"{where}.topic_ids is not a list of at most {MAX_IDS} ids.")
    return DraftDetails(
        title=_text(data["title"], f"{where}.title"),
        slug=_text(data["slug"], f"{where}.slug"),
        deck=_text(data["deck"], f"{where}.deck"),
        byline=_text(data["byline"], f"{where}.byline"),
        outlet_id=_id(data["outlet_id"], f"{where}.outlet_id"),
        new_outlet=_text(data["new_outlet"], f"{where}.new_outlet"),
        published=published,
        source_url=_text(data["source_url"], f"{where}.source_url"),
        intro=_text(data["intro"], f"{where}.intro", MAX_TEXT),
        closing_note=_text(data["closing_note"], f"{where}.closing_note", MAX_TEXT),
        topic_ids=[_id(value, f"{where}.topic_ids", nullable=False) for value in topic_ids],
        status=_one_of(data["status"], STATUSES, f"{where}.status"),
    )


def _speakers(data) -> list[DraftSpeaker]:
    if not isinstance(data, list) or len(data) > MAX_SPEAKERS:
        raise ValueError(f"speakers is not a list of at most {MAX_SPEAKERS}.")
    speakers, keys = [], set()
    for number, item in enumerate(data):
        where = f"speakers[{number}]"
        item = _object(item, ("key", "label", "person_id", "new_name", "confirmed", "role"), where)
        key = _text(item["key"], f"{where}.key", 10)
        if not SPEAKER_KEY.fullmatch(key) or key in keys:
            raise ValueError(f"{where}.key: {_shown(key)} is not a new speaker key (s1, s2...).")
        keys.add(key)
        if not isinstance(item["confirmed"], bool):
            raise ValueError(f"{where}.confirmed is not true or false.")
        speaker = DraftSpeaker(
            key=key,
            label=_text(item["label"], f"{where}.label"),
            person_id=_id(item["person_id"], f"{where}.person_id"),
            new_name=_text(item["new_name"], f"{where}.new_name", MAX_NAME),
            confirmed=item["confirmed"],
            role=_one_of(item["role"], ROLES, f"{where}.role"),
        )
        if speaker.person_id is not None and (speaker.new_name or speaker.confirmed):
            raise ValueError(f"{where} is both a person in the archive and a new person.")
        if speaker.confirmed and not speaker.new_name:
            raise ValueError(f"{where} is confirmed but has no name.")
        speakers.append(speaker)
    return speakers


def _turns(data, keys: set[str]) -> list[DraftTurn]:
    if not isinstance(data, list) or len(data) > MAX_TURNS:
        raise ValueError(f"turns is not a list of at most {MAX_TURNS}.")
    turns = []
    for number, item in enumerate(data):
        where = f"turns[{number}]"
        item = _object(item, ("speaker", "kind", "text", "timestamp", "label"), where)
        speaker = _text(item["speaker"], f"{where}.speaker", 10)
        if speaker and speaker not in keys:
            raise ValueError(f"{where}.speaker: {_shown(speaker)} is not one of the speakers.")
        turns.append(
            DraftTurn(
                speaker=speaker,
                kind=_one_of(item["kind"], KINDS, f"{where}.kind"),
                text=_text(item["text"], f"{where}.text", MAX_TEXT),
                timestamp=_timestamp(item["timestamp"], f"{where}.timestamp"),
                label=_text(item["label"], f"{where}.label"),
            )
        )
    return turns


def _checked_thread(data) -> list[dict]:
    """The comment thread, checked and copied without recursion."""
    if not isinstance(data, list):
        raise ValueError("comments is not a list.")
    return threads.from_depths(_checked_comments(data), replies=_replies)


def _checked_comments(data: list):
    """Each comment of the thread as (a checked copy, its depth), in page order.

    threads.walk reads a comment's replies only after this has checked them.
    """
    walked = threads.walk(data, children=_replies)
    for count, (item, depth) in enumerate(walked, start=1):
        if count > MAX_COMMENTS:
            raise ValueError(f"There are more than {MAX_COMMENTS:,} comments.")
        if depth >= threads.MAX_DEPTH:
            raise ValueError(f"Replies are nested deeper than {threads.MAX_DEPTH} levels.")
        # "by_page_author" is there only when true (comment_json), and drafts stored before it
        # existed have none.
        keys = ("author", "posted", "text", "replies")
        if isinstance(item, dict) and "by_page_author" in item:
            keys += ("by_page_author",)
        item = _object(item, keys, "A comment")
        posted = item["posted"]
        if not isinstance(item["replies"], list):
            raise ValueError("A comment's replies are not a list.")
        node = {
            "author": _text(item["author"], "A comment's author"),
            "posted": None if posted is None else _text(posted, "A comment's date", 64),
            "text": _text(item["text"], "A comment's text", MAX_TEXT),
            "replies": [],
        }
        if item.get("by_page_author") is True:
            node["by_page_author"] = True
        yield node, depth


def _replies(comment: dict) -> list[dict]:
    return comment["replies"]


def _comment_copy(comment: dict) -> dict:
    copy = {
        "author": comment["author"],
        "posted": comment["posted"],
        "text": comment["text"],
        "replies": [],
    }
    if comment.get("by_page_author"):
        copy["by_page_author"] = True
    return copy


def _copied_thread(comments: list[dict]) -> list[dict]:
    return threads.map_tree(comments, _comment_copy, children=_replies, replies=_replies)


def _object(data, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(data, dict):
        raise ValueError(f"{where} is not an object.")
    if len(data) != len(keys) or not all(key in data for key in keys):
        unknown = sorted(repr(key) for key in set(data) - set(keys))
        missing = sorted(repr(key) for key in set(keys) - set(data))
        raise ValueError(
            f"{where} has "
            + "; ".join(
                part
                for part in (
                    f"unknown keys {', '.join(unknown)}" if unknown else "",
                    f"no {', '.join(missing)}" if missing else "",
                )
                if part
            )
            + "."
        )
    return data


def _shown(value) -> str:
    """A value as a message quotes it: briefly, whatever its size."""
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


def _text(value, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{where} is not a text of at most {limit:,} characters.")
    if "\x00" in value or (not value.isascii() and UNSTORABLE.search(value)):
        raise ValueError(f"{where} holds a character that is not text (NUL, a lone surrogate).")
    return value


def _texts(value, where: str, max_items: int, limit: int = MAX_TEXT) -> list[str]:
    if not isinstance(value, list) or len(value) > max_items:
        raise ValueError(f"{where} is not a list of at most {max_items:,} texts.")
    return [_text(item, where, limit) for item in value]


def _one_of(value, allowed: tuple[str, ...], where: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{where}: {_shown(value)} is not one of {', '.join(map(repr, allowed))}.")
    return value


def _id(value, where: str, *, nullable: bool = True) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValueError(f"{where}: {_shown(value)} is not an id.")
    return value


def _timestamp(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TIMESTAMP:
        raise ValueError(
            f"{where}: {_shown(value)} is not a time from 0 to {MAX_TIMESTAMP} seconds."
        )
    return value


# --- A state from a parse -------------------------------------------------------------------


def state_from_parse(
    *,
    parsed: ParsedTranscript,
    transcript: str,
    source: DraftSource | dict,
    hints: DraftHints | dict,
    choices: list[SpeakerChoice],
    full_name: Callable[[str], str | None] | None = None,
) -> DraftState:
    """The first state of a draft: the parse, with who each label is as `choices` proposes.

    `source` and `hints` are `DraftSource`/`DraftHints` or their JSON. `choices` are
    `drafts.speaker_choices_for_parse`'s (the caller looks people up); a label a turn uses that
    no choice names becomes a speaker with no person. A new name is `confirmed` only when it is
    one the editor typed on step 1; a name proposed from a transcript's label waits for the
    editor. `full_name`, given a proposed one-word name ("Judy"), may propose a fuller one from
    the page ("Judy Hart"), which then waits for the editor too: pass for instance
    `lambda name: full_name_for_label(name, transcript)`.

    Raises EditError when the page has more comments than a draft keeps.
    """
    source = _source(source) if isinstance(source, dict) else source
    hints = _hints(hints) if isinstance(hints, dict) else hints
    hinted = {name_key(name) for name in [*hints.interviewers, *hints.interviewees]}

    speakers: list[DraftSpeaker] = []
    key_for_label: dict[str, str] = {}
    for choice in choices:
        if choice.label in key_for_label:
            continue
        speaker = DraftSpeaker(key=f"s{len(speakers) + 1}", label=choice.label, role=choice.role)
        if choice.person is not None:
            speaker.person_id = choice.person.pk
        else:
            speaker.new_name = " ".join(choice.new_name.split())[:MAX_NAME]
            speaker.confirmed = bool(speaker.new_name) and name_key(speaker.new_name) in hinted
        speakers.append(speaker)
        key_for_label[choice.label] = speaker.key
    for turn in parsed.turns:
        if turn.speaker and turn.speaker not in key_for_label:
            new_name = "" if turn.speaker in ROLE_NAMES.values() else readable_name(turn.speaker)
            speaker = DraftSpeaker(
                key=f"s{len(speakers) + 1}", label=turn.speaker, new_name=new_name[:MAX_NAME]
            )
            speakers.append(speaker)
            key_for_label[turn.speaker] = speaker.key
    if full_name is not None:
        for speaker in speakers:
            if speaker.new_name and len(speaker.new_name.split()) == 1:
                proposed = " ".join((full_name(speaker.new_name) or "").split())
                fuller = name_key(proposed) != name_key(speaker.new_name)
                if proposed and fuller and len(proposed) <= MAX_NAME:
                    speaker.new_name, speaker.confirmed = proposed, False

    source_url = hints.source_url or parsed.metadata.get("source_url", "")
    published = parsed.published or date_from_url(source_url)
    title = parsed.title
    if not title and source.kind == "file" and source.name:
        # A file's name, wherever the browser's system put it: "~/Interviews/hart.txt" → "hart".
        title = PurePosixPath(PureWindowsPath(source.name).name).stem
    state = DraftState(
        transcript=transcript,
        source=source,
        hints=hints,
        notes=DraftNotes(
            format=parsed.format,
            ignored=list(parsed.ignored),
            warnings=list(parsed.warnings),
            metadata=dict(parsed.metadata),
        ),
        details=DraftDetails(
            title=title,
            deck=parsed.deck,
            byline=parsed.byline,
            outlet_id=hints.outlet_id,
            published=published.isoformat() if published else "",
            source_url=source_url,
            intro=parsed.intro,
            closing_note=parsed.outro,
        ),
        speakers=speakers,
        turns=[
            DraftTurn(
                speaker=key_for_label.get(turn.speaker, ""),
                kind=turn.kind,
                text=turn.text,
                timestamp=turn.timestamp,
                label=turn.label,
            )
            for turn in parsed.turns
        ],
        comments=thread_from_parse(parsed.comments),
    )
    try:
        # What a parse gives is in bounds; checked here, so that a draft saved loads again.
        return DraftState.from_json(state.as_json())
    except ValueError as error:
        raise EditError(f"This transcript cannot be kept as a draft: {error}") from error


def thread_from_parse(comments: list[ParsedComment]) -> list[dict]:
    """The parsed thread as the state keeps it, built without recursion.

    Replies deeper than threads.MAX_DEPTH levels are listed after their parent, at the last
    level. Raises EditError when there are more than MAX_COMMENTS.
    """
    if threads.count(comments, children=comment_replies) > MAX_COMMENTS:
        raise EditError(
            f"This page has more than {MAX_COMMENTS:,} comments, more than an import keeps: "
            "remove the comments from the text and import it again."
        )
    return threads.map_tree(
        comments,
        comment_json,
        children=comment_replies,
        replies=_replies,
        max_depth=threads.MAX_DEPTH,
    )


def parsed_comments(state: DraftState) -> list[ParsedComment]:
    """The state's thread as ParsedComments, for `transcript_import`; without recursion."""
    return _parsed_thread(state.comments)


def _parsed_comment(item: dict) -> ParsedComment:
    return ParsedComment(
        author=item["author"],
        text=item["text"],
        posted=item["posted"],
        by_page_author=bool(item.get("by_page_author")),
    )


def _parsed_thread(thread: list[dict]) -> list[ParsedComment]:
    return threads.map_tree(thread, _parsed_comment, children=_replies, replies=comment_replies)


# --- What saving a state writes ---------------------------------------------------------------


class DraftParts(NamedTuple):
    """A state's speakers, turns and comments as a `TranscriptDraft` holds them."""

    speakers: list[SpeakerChoice]
    turns: list[ParsedTurn]
    comments: list[ParsedComment]


def draft_parts(state: DraftState, *, people: Mapping[int, Person]) -> DraftParts:
    """The speakers, turns and comments `transcript_import` saves, from a state.

    `people` are the people the speakers' `person_id`s name, by id (the caller loads them).
    Raises EditError while a new person is unconfirmed, or when a chosen person is gone.

    A `TranscriptDraft` ties turns to speakers by label, and gives a new person their label as
    an alias: a speaker is tied by the label the transcript wrote when no other speaker shares
    it, else by their name (no alias then), else by their name and key. A speaker who is no one
    (no person, no new name) is left out: their turns link no person, as a draft's turn without
    a speaker does, and keep the label they were written with.
    """
    waiting = unconfirmed_new_people(state)
    if waiting:
        raise EditError(
            f"Confirm the new {'person' if len(waiting) == 1 else 'people'} first, or choose "
            f"someone in the archive: {', '.join(waiting)}."
        )
    label_counts: dict[str, int] = {}
    for speaker in state.speakers:
        label_counts[speaker.label] = label_counts.get(speaker.label, 0) + 1
    used = {label for label in label_counts if label}
    choices: dict[str, SpeakerChoice] = {}
    for speaker in state.speakers:
        person = None
        if speaker.person_id is not None:
            person = people.get(speaker.person_id)
            if person is None:
                raise EditError(
                    f"The person chosen for “{speaker_name(state, speaker.key)}” is no longer "
                    "in the archive: choose again."
                )
        elif not speaker.new_name:
            continue
        name = person.name if person is not None else speaker.new_name
        if speaker.label and label_counts[speaker.label] == 1:
            label = speaker.label
        elif name not in used:
            label = name
        else:
            label = f"{name} ({speaker.key})"
            while label in used:  # a transcript that wrote "Ana (s3)" as a label
                label += "*"
        used.add(label)
        choices[speaker.key] = SpeakerChoice(
            label=label, person=person, new_name=speaker.new_name, role=speaker.role
        )
    turns = []
    for turn in state.turns:
        speaker = state.speaker(turn.speaker) if turn.speaker else None
        choice = choices.get(turn.speaker)
        written = turn.label or (speaker.label if speaker is not None else "")
        turns.append(
            ParsedTurn(
                speaker=choice.label if choice is not None else "",
                kind=turn.kind,
                text=turn.text,
                timestamp=turn.timestamp,
                label=written,
            )
        )
    return DraftParts(list(choices.values()), turns, parsed_comments(state))


# --- The editor's edits -----------------------------------------------------------------------


def speaker_name(state: DraftState, key: str, person_names: dict[int, str] | None = None) -> str:
    """Who a speaker key is, in words: the person's name when `person_names` has it, the new
    name, the label as written, or else the key ("" is "no speaker")."""
    speaker = state.speaker(key) if key else None
    if speaker is None:
        return "no speaker"
    if speaker.person_id is not None and person_names and speaker.person_id in person_names:
        return person_names[speaker.person_id]
    return speaker.new_name or readable_name(speaker.label) or f"speaker {speaker.key}"


def merge_turn(
    state: DraftState,
    index: int,
    *,
    speaker_key: str | None = None,
    person_names: dict[int, str] | None = None,
) -> None:
    """Merge turn `index` (0-based) into the turn before it, texts joined by a blank line.

    The merged turn keeps the earlier turn's timestamp. When the two turns have different
    speakers, `speaker_key` must say which of the two the merged turn is (it then takes that
    turn's kind and label too); without it, MergeNeedsSpeaker asks the editor, naming both
    (`person_names` gives the names of people in the archive, by id, for that message).
    """
    turn = _turn_at(state, index)
    if index == 0:
        raise EditError("Turn 1 has no turn before it to merge into.")
    previous = state.turns[index - 1]
    if previous.speaker == turn.speaker:
        chosen = previous
        if speaker_key is not None and speaker_key != previous.speaker:
            raise EditError(
                f"Turns {index} and {index + 1} are both "
                f"{_whose(state, previous.speaker, person_names)}: the merged turn is too."
            )
    elif speaker_key is None:
        raise MergeNeedsSpeaker(
            f"{_turn_of(state, index + 1, turn.speaker, person_names, capital=True)} and "
            f"{_turn_of(state, index, previous.speaker, person_names)}: "
            "choose whose the merged turn is.",
            index=index,
            speaker_keys=(previous.speaker, turn.speaker),
        )
    elif speaker_key == previous.speaker:
        chosen = previous
    elif speaker_key == turn.speaker:
        chosen = turn
    else:
        raise EditError(
            f"The merged turn is {_whose(state, previous.speaker, person_names)} or "
            f"{_whose(state, turn.speaker, person_names)}: choose one of the two."
        )
    merged = DraftTurn(
        speaker=chosen.speaker,
        kind=chosen.kind,
        text=_checked_length(f"{previous.text}\n\n{turn.text}", f"Turn {index}"),
        timestamp=previous.timestamp,
        label=chosen.label,
    )
    state.turns[index - 1 : index + 1] = [merged]


def split_turn(
    state: DraftState,
    index: int,
    *,
    parts: list[str],
    timestamps: list[int | None] | None = None,
) -> None:
    """Split turn `index` into len(parts) turns of the same speaker, kind and label.

    The parts must hold the turn's words, in order (edit the text first with `set_turn` to change
    it). `timestamps`, one per part, give the new turns' times: the first part keeps the turn's
    own timestamp unless given one; a later part without one has none.
    """
    turn = _turn_at(state, index)
    number = index + 1
    if not isinstance(parts, list) or len(parts) < 2:
        raise EditError(f"Split turn {number} into two parts or more.")
    if len(state.turns) + len(parts) - 1 > MAX_TURNS:
        raise EditError(f"A draft holds at most {MAX_TURNS:,} turns.")
    texts = []
    for part_number, part in enumerate(parts, start=1):
        if not isinstance(part, str) or not part.strip():
            raise EditError(f"Part {part_number} of turn {number} is empty.")
        texts.append(_plain_text(part))
    if " ".join(texts).split() != turn.text.split():
        raise EditError(
            f"The parts of turn {number} must hold its text as it is, split between words: "
            "to change the text, edit the turn, then split it."
        )
    if timestamps is None:
        timestamps = [None] * len(parts)
    if not isinstance(timestamps, list) or len(timestamps) != len(parts):
        raise EditError(f"Give one time for each part of turn {number}, or none.")
    times = [
        _checked_timestamp(time, f"Part {n} of turn {number}")
        for n, time in enumerate(timestamps, start=1)
    ]
    if times[0] is None:
        times[0] = turn.timestamp
    state.turns[index : index + 1] = [
        DraftTurn(speaker=turn.speaker, kind=turn.kind, text=text, timestamp=time, label=turn.label)
        for text, time in zip(texts, times, strict=True)
    ]


def set_turn(
    state: DraftState,
    index: int,
    *,
    speaker_key: str,
    kind: str,
    text: str,
    timestamp: int | None,
) -> None:
    """Turn `index` as the editor corrected it.

    A turn given to another speaker drops the label it was written with: that label named the
    speaker it was read for.
    """
    turn = _turn_at(state, index)
    number = index + 1
    _check_speaker_key(state, speaker_key)
    if kind not in KINDS:
        raise EditError(f"Turn {number}: {_shown(kind)} is not a kind of turn.")
    if not isinstance(text, str) or not text.strip():
        raise EditError(f"Turn {number} has no text: delete it instead, or give it some.")
    text = _checked_length(_plain_text(text), f"Turn {number}")
    timestamp = _checked_timestamp(timestamp, f"Turn {number}")
    label = turn.label if speaker_key == turn.speaker else ""
    state.turns[index] = DraftTurn(
        speaker=speaker_key, kind=kind, text=text, timestamp=timestamp, label=label
    )


def delete_turns(state: DraftState, first: int, last: int) -> int:
    """Keep turns `first` to `last` (0-based, both kept) and delete the others: the preview's
    "first turn, last turn" trim. Returns how many turns were deleted."""
    count = len(state.turns)
    for value in (first, last):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
            raise EditError(f"There are {count} turns: keep turns from 1 to {count}.")
    if first > last:
        raise EditError("The last turn to keep comes before the first.")
    state.turns[:] = state.turns[first : last + 1]
    return count - len(state.turns)


def add_speaker(state: DraftState, *, name: str, role: str) -> str:
    """A new speaker, for a voice the labels did not tell apart; returns its key.

    The name is a new person's, created at save once the editor confirms it (`set_speaker`).
    """
    name = _checked_name(name)
    if not name:
        raise EditError("Give the new speaker a name.")
    role = _checked_role(role)
    if len(state.speakers) >= MAX_SPEAKERS:
        raise EditError(f"A draft holds at most {MAX_SPEAKERS:,} speakers.")
    numbers = [int(speaker.key[1:]) for speaker in state.speakers]
    key = f"s{max(numbers, default=0) + 1}"
    state.speakers.append(DraftSpeaker(key=key, label="", new_name=name, role=role))
    return key


def rename_speaker(state: DraftState, key: str, *, new_name: str) -> None:
    """The speaker is a new person with this name ("" for no one); no longer one in the archive.

    A name that is not the one already confirmed waits for the editor's confirmation again.
    """
    speaker = _speaker_at(state, key)
    new_name = _checked_name(new_name)
    same = speaker.person_id is None and name_key(new_name) == name_key(speaker.new_name)
    speaker.confirmed = bool(new_name) and same and speaker.confirmed
    speaker.person_id = None
    speaker.new_name = new_name


def set_speaker(
    state: DraftState,
    key: str,
    *,
    person_id: int | None,
    new_name: str,
    confirmed: bool,
    role: str,
) -> None:
    """Who a speaker is: a person in the archive, or a new person (created at save only when
    `confirmed`), or no one; and their role."""
    speaker = _speaker_at(state, key)
    try:
        person_id = _id(person_id, "person")
    except ValueError:
        raise EditError(f"{_shown(person_id)} is not a person in the archive.") from None
    new_name = _checked_name(new_name)
    if person_id is not None and new_name:
        raise EditError(
            f"Choose a person in the archive for “{speaker_name(state, key)}” or name a new one, "
            "not both."
        )
    if not isinstance(confirmed, bool):
        raise EditError("Confirm a new person with yes or no.")
    role = _checked_role(role)
    speaker.person_id = person_id
    speaker.new_name = new_name
    speaker.confirmed = confirmed and bool(new_name)
    speaker.role = role


def map_label(state: DraftState, label: str, key: str) -> int:
    """Give every turn written with `label` ("Q", "JH", "" for unlabelled turns) to speaker `key`
    ("" for no speaker), in one step. Captions and stage directions are left as they are.
    Returns how many turns were given."""
    _check_speaker_key(state, key)
    if not isinstance(label, str):
        raise EditError("Choose a label.")
    turns = [turn for turn in state.turns if turn.label == label and turn.kind in SPOKEN_KINDS]
    if not turns:
        raise EditError(f"No turn is labelled “{label}”." if label else "No turn is unlabelled.")
    for turn in turns:
        turn.speaker = key
    return len(turns)


def set_details(state: DraftState, **changes) -> None:
    """Change the interview's details (the fields of DraftDetails), checked as `from_json` does."""
    data = _details_json(state.details)
    unknown = set(changes) - set(data)
    if unknown:
        raise EditError(f"An interview has no {', '.join(sorted(unknown))}.")
    data.update(changes)
    try:
        state.details = _details(data)
    except ValueError as error:
        raise EditError(str(error)) from error


def unconfirmed_new_people(state: DraftState) -> list[str]:
    """The new people saving would create that the editor has not confirmed: saving waits."""
    names: dict[str, str] = {}
    for speaker in state.speakers:
        if speaker.person_id is None and speaker.new_name and not speaker.confirmed:
            names.setdefault(name_key(speaker.new_name), speaker.new_name)
    return list(names.values())


class TurnPage(NamedTuple):
    turns: list[DraftTurn]  # the page's turns (the state's own: edit them with the functions)
    page_count: int
    page: int  # the page shown, 1-based: the one asked for, within 1..page_count
    first: int  # the 0-based index of the page's first turn


def turn_page(state: DraftState, page: int, per_page: int) -> TurnPage:
    """A page of turns for the paged preview; a page out of range shows the nearest one."""
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        raise ValueError(f"{_shown(per_page)} turns a page is not a number of turns.")
    page_count = max(1, -(-len(state.turns) // per_page))
    page = min(max(page, 1), page_count) if isinstance(page, int) else 1
    first = (page - 1) * per_page
    return TurnPage(state.turns[first : first + per_page], page_count, page, first)


def fingerprint(state: DraftState) -> str:
    """The turns' texts, whitespace collapsed and case folded, hashed: the same transcript
    imported twice has the same fingerprint, whatever its labels and speakers."""
    return transcript_fingerprint([turn.text for turn in state.turns])


def _turn_at(state: DraftState, index: int) -> DraftTurn:
    count = len(state.turns)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise EditError(f"There is no such turn: the turns are numbered 1 to {count}.")
    return state.turns[index]


def _speaker_at(state: DraftState, key: str) -> DraftSpeaker:
    speaker = state.speaker(key) if isinstance(key, str) and key else None
    if speaker is None:
        raise EditError("That speaker is not in this draft.")
    return speaker


def _check_speaker_key(state: DraftState, key: str) -> None:
    if key != "":
        _speaker_at(state, key)


def _checked_name(name: str) -> str:
    if not isinstance(name, str) or UNSTORABLE.search(name):
        raise EditError("A name is text.")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise EditError(f"A name has at most {MAX_NAME} characters.")
    return name


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise EditError(f"{_shown(role)} is not a role: interviewer, interviewee or neither.")
    return role


def _checked_timestamp(value, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TIMESTAMP:
        raise EditError(f"{what}: a time is from 0:00:00 to 100:00:00.")
    return value


def _checked_length(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise EditError(f"{what} would be longer than {MAX_TEXT:,} characters.")
    return text


def _plain_text(text: str) -> str:
    """Text with the archive's "\n" line breaks (a browser sends "\r\n"), trimmed."""
    if UNSTORABLE.search(text):
        raise EditError("The text holds a character that is not text (NUL, a lone surrogate).")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _whose(state: DraftState, key: str, person_names) -> str:
    return f"{speaker_name(state, key, person_names)}'s" if key else "no one's"


def _turn_of(state: DraftState, number: int, key: str, person_names, capital=False) -> str:
    turn = "Turn" if capital else "turn"
    if not key:
        return f"{turn} {number} has no speaker"
    return f"{turn} {number} is {speaker_name(state, key, person_names)}'s"
