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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from interviews.importing.drafts import SpeakerChoice, partial_date_from_iso, readable_name
from interviews.models import Interview, Participation, Turn
from interviews.transcript.dates import date_from_url
from interviews.transcript.model import FORMATS, ParsedComment, ParsedTranscript
from interviews.transcript.roles import ROLE_NAMES
from interviews.transcript.source import MAX_TRANSCRIPT_BYTES
from people.models import name_key

VERSION = 1

SOURCE_KINDS = ("paste", "file", "json")
KINDS = tuple(Turn.Kind.values)
ROLES = (Participation.Role.INTERVIEWER.value, Participation.Role.INTERVIEWEE.value, "")
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
MAX_COMMENT_DEPTH = 100
MAX_ID = 2**63 - 1  # the largest primary key the database holds

SPEAKER_KEY = re.compile(r"s[1-9][0-9]{0,8}")
PUBLISHED = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


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
    kind: str = "paste"  # "paste", "file" or "json"
    name: str = ""  # the uploaded file's name


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
    # The thread as JSON: {"author", "posted", "text", "replies"}; see `parsed_comments`.
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
            "source": {"kind": self.source.kind, "name": self.source.name},
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
        if data["version"] != VERSION or isinstance(data["version"], bool):
            raise ValueError(f"The draft's version is {data['version']!r}, not {VERSION}.")
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
                    _text(key, "notes.metadata's key"): _text(value, f"notes.metadata[{key!r}]")
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
    data = _object(data, ("kind", "name"), "source")
    return DraftSource(
        kind=_one_of(data["kind"], SOURCE_KINDS, "source.kind"),
        name=_text(data["name"], "source.name", MAX_LINE),
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
            if not PUBLISHED.fullmatch(published):
                raise ValueError
            partial_date_from_iso(published)
        except ValueError:
            raise ValueError(
                f"{where}.published: {published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)."
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
            raise ValueError(f"{where}.key: {key!r} is not a new speaker key (s1, s2...).")
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
            raise ValueError(f"{where}.speaker: {speaker!r} is not one of the speakers.")
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
    roots: list[dict] = []
    stack = [(item, roots, 1) for item in reversed(data)]
    count = 0
    while stack:
        item, siblings, depth = stack.pop()
        count += 1
        if count > MAX_COMMENTS:
            raise ValueError(f"There are more than {MAX_COMMENTS:,} comments.")
        if depth > MAX_COMMENT_DEPTH:
            raise ValueError(f"Replies are nested deeper than {MAX_COMMENT_DEPTH} levels.")
        item = _object(item, ("author", "posted", "text", "replies"), "A comment")
        posted, replies = item["posted"], item["replies"]
        if not isinstance(replies, list):
            raise ValueError("A comment's replies are not a list.")
        node = {
            "author": _text(item["author"], "A comment's author"),
            "posted": None if posted is None else _text(posted, "A comment's date", 64),
            "text": _text(item["text"], "A comment's text", MAX_TEXT),
            "replies": [],
        }
        siblings.append(node)
        stack.extend((reply, node["replies"], depth + 1) for reply in reversed(replies))
    return roots


def _copied_thread(comments: list[dict]) -> list[dict]:
    roots: list[dict] = []
    stack = [(item, roots) for item in reversed(comments)]
    while stack:
        item, siblings = stack.pop()
        node = {key: item[key] for key in ("author", "posted", "text")}
        node["replies"] = []
        siblings.append(node)
        stack.extend((reply, node["replies"]) for reply in reversed(item["replies"]))
    return roots


def _object(data, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(data, dict):
        raise ValueError(f"{where} is not an object.")
    if set(data) != set(keys):
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


def _text(value, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{where} is not a text of at most {limit:,} characters.")
    return value


def _texts(value, where: str, max_items: int, limit: int = MAX_TEXT) -> list[str]:
    if not isinstance(value, list) or len(value) > max_items:
        raise ValueError(f"{where} is not a list of at most {max_items:,} texts.")
    return [_text(item, where, limit) for item in value]


def _one_of(value, allowed: tuple[str, ...], where: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}.")
    return value


def _id(value, where: str, *, nullable: bool = True) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValueError(f"{where}: {value!r} is not an id.")
    return value


def _timestamp(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TIMESTAMP:
        raise ValueError(f"{where}: {value!r} is not a time from 0 to {MAX_TIMESTAMP} seconds.")
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
    the page ("Judy Hart"), which then waits for the editor too.

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

    Replies deeper than MAX_COMMENT_DEPTH are listed after their parent, at its level. Raises
    EditError when there are more than MAX_COMMENTS.
    """
    roots: list[dict] = []
    stack = [(comment, roots, 1) for comment in reversed(comments)]
    count = 0
    while stack:
        comment, siblings, depth = stack.pop()
        count += 1
        if count > MAX_COMMENTS:
            raise EditError(
                f"This page has more than {MAX_COMMENTS:,} comments, more than an import keeps: "
                "remove the comments from the text and import it again."
            )
        node = {"author": comment.author, "posted": comment.posted, "text": comment.text}
        node["replies"] = []
        siblings.append(node)
        if depth < MAX_COMMENT_DEPTH:
            replies, reply_depth = node["replies"], depth + 1
        else:
            replies, reply_depth = siblings, depth
        stack.extend((reply, replies, reply_depth) for reply in reversed(comment.replies))
    return roots


def parsed_comments(state: DraftState) -> list[ParsedComment]:
    """The state's thread as ParsedComments, for `transcript_import`; without recursion."""
    roots: list[ParsedComment] = []
    stack = [(item, roots) for item in reversed(state.comments)]
    while stack:
        item, siblings = stack.pop()
        comment = ParsedComment(author=item["author"], text=item["text"], posted=item["posted"])
        siblings.append(comment)
        stack.extend((reply, comment.replies) for reply in reversed(item["replies"]))
    return roots
