"""What an import saves, before it is saved: a `TranscriptDraft`, from a parse or an export.

A draft names people by label: each `SpeakerChoice` says who a label stands for (someone in the
archive, or a new person to create) and in what role. Nothing here writes to the database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from interviews.exports import SCHEMA, ExportFormatError, one_line
from interviews.models import Interview, Outlet, Participation, Topic
from interviews.transcript import threads
from interviews.transcript.dates import date_from_url
from interviews.transcript.model import (
    ParsedComment,
    ParsedTranscript,
    ParsedTurn,
    PartialDate,
    comment_replies,
)
from interviews.transcript.roles import ROLE_NAMES
from people.models import Person, name_key
from people.selectors import person_match_labels

TIMESTAMP = re.compile(r"(?P<hours>\d+):(?P<minutes>[0-5]\d):(?P<seconds>[0-5]\d)")


@dataclass
class SpeakerChoice:
    """Who a transcript label stands for, as the editor confirmed it."""

    label: str
    person: Person | None = None  # an existing person...
    new_name: str = ""  # ...or a person to create with this name
    role: str = Participation.Role.INTERVIEWEE  # or INTERVIEWER, or "" for neither


@dataclass
class TranscriptDraft:
    """Everything an import saves, after the editor's corrections."""

    title: str
    turns: list[ParsedTurn]
    speakers: list[SpeakerChoice] = field(default_factory=list)
    comments: list[ParsedComment] = field(default_factory=list)
    slug: str = ""
    deck: str = ""
    byline: str = ""
    outlet: Outlet | None = None
    published: PartialDate | None = None
    source_url: str = ""
    intro: str = ""
    closing_note: str = ""
    topics: list[Topic] = field(default_factory=list)
    status: str = Interview.Status.DRAFT

    def fingerprint(self) -> str:
        return transcript_fingerprint([turn.text for turn in self.turns])


def transcript_fingerprint(texts: list[str]) -> str:
    """What recognises a transcript imported again without its source URL: the same turns.

    The sha256 (hex) of the turns' texts, each with its whitespace collapsed and casefolded,
    joined with "\\n": a paste that differs only in line breaks or case is the same transcript.
    """
    normalised = "\n".join(" ".join(text.split()).casefold() for text in texts)
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class ImportHints:
    """What the editor said about a transcript before it was parsed."""

    interviewers: list[str] = field(default_factory=list)
    interviewees: list[str] = field(default_factory=list)
    title: str = ""  # used when the transcript has none (a file's name)
    source_url: str = ""
    outlet: Outlet | None = None
    topics: list[Topic] = field(default_factory=list)
    published: PartialDate | None = None
    status: str = Interview.Status.DRAFT


def draft_from_parse(*, parsed: ParsedTranscript, hints: ImportHints) -> TranscriptDraft:
    """The draft a parse proposes, with what the editor said first taking precedence."""
    source_url = hints.source_url or parsed.metadata.get("source_url", "")
    return TranscriptDraft(
        title=parsed.title or hints.title,
        turns=parsed.turns,
        speakers=speaker_choices_for_parse(
            parsed=parsed, interviewers=hints.interviewers, interviewees=hints.interviewees
        ),
        comments=parsed.comments,
        deck=parsed.deck,
        byline=parsed.byline,
        outlet=hints.outlet,
        # A page that prints no date often has it in its address (/2018/07/02/...).
        published=hints.published or parsed.published or date_from_url(source_url),
        source_url=source_url,
        intro=parsed.intro,
        closing_note=parsed.outro,
        topics=list(hints.topics),
        status=hints.status,
    )


def names_from_text(text: str) -> list[str]:
    """ "Hugo Bowne-Anderson, François Chollet" as two names; a repeated name counts once."""
    names, seen = [], set()
    for name in text.split(","):
        name = " ".join(name.split())
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    return names


def readable_name(label: str) -> str:
    """ "LARRY KING" → "Larry King"; a label already in mixed case is kept as written."""
    return label.title() if label.isupper() else label


def speaker_choices_for_parse(
    *,
    parsed: ParsedTranscript,
    interviewers: list[str] = (),
    interviewees: list[str] = (),
) -> list[SpeakerChoice]:
    """Propose who each label of a parse is: an existing person, or a new one to create.

    `interviewers` and `interviewees` are names the editor gave; a label that is one of them,
    or the first name or surname of one, takes that name and role.
    """
    hinted = [(name, Participation.Role.INTERVIEWER) for name in interviewers] + [
        (name, Participation.Role.INTERVIEWEE) for name in interviewees
    ]
    matches = person_match_labels(labels=list(parsed.speakers) + [name for name, _ in hinted])
    choices = []
    for label in parsed.speakers:
        hint = _hint_for_label(label, hinted)
        person = matches.get(label) or (matches.get(hint[0]) if hint else None)
        if hint:
            role = hint[1]
        elif label in parsed.interviewers:
            role = Participation.Role.INTERVIEWER
        elif label in parsed.interviewees:
            role = Participation.Role.INTERVIEWEE
        else:
            role = ""
        if person or (not hint and label in ROLE_NAMES.values()):
            new_name = ""  # "Interviewer", "Interviewee": a role, not someone to create
        else:
            new_name = hint[0] if hint else readable_name(label)
        choices.append(
            SpeakerChoice(
                label=label,
                person=person,
                new_name=new_name,
                role=role,
            )
        )
    return choices


def _hint_for_label(label: str, hinted: list[tuple[str, str]]) -> tuple[str, str] | None:
    key = name_key(label)
    found = [hint for hint in hinted if name_key(hint[0]) == key]
    if not found and " " not in key:
        found = [hint for hint in hinted if key in _first_and_last(hint[0])]
    return found[0] if len(found) == 1 else None


def _first_and_last(name: str) -> set[str]:
    words = name_key(name).split()
    return {words[0], words[-1]} if words else set()


# --- A JSON export read back ------------------------------------------------------------------


# What no text column can hold: NUL (PostgreSQL refuses it) and half of a surrogate pair (not
# UTF-8 at all, so no database driver can send it). JSON's \u0000 and \ud800 escapes bring
# both in.
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = (
    "holds a NUL character or half of a surrogate pair (\\u0000, \\ud800...), which no text "
    "in the archive can hold: this export was not made by the archive, or was damaged since."
)


def check_schema(data) -> None:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ExportFormatError(f"This is not an interview export: its schema is not {SCHEMA}.")
    check_storable(data)


def check_storable(data) -> None:
    """ExportFormatError naming a string (key or value) of the export no database can store."""
    # A stack, not recursion: json.loads nests as deep as its own recursion allows.
    pending = [(data, "")]
    while pending:
        value, where = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if UNSTORABLE.search(key):
                    where = where or "the export"
                    raise ExportFormatError(f"A key in {where} {UNSTORABLE_MESSAGE}")
                pending.append((item, f"{where}/{key}" if where else key))
        elif isinstance(value, list):
            pending.extend((item, f"{where}/{index}") for index, item in enumerate(value))
        elif isinstance(value, str) and UNSTORABLE.search(value):
            raise ExportFormatError(f"The value of {where or 'the export'} {UNSTORABLE_MESSAGE}")


def _seconds(text: str | None) -> int | None:
    if not text:
        return None
    found = TIMESTAMP.fullmatch(text)
    if found is None:
        raise ExportFormatError(f"{text!r} is not a timestamp: write HH:MM:SS.")
    return int(found["hours"]) * 3600 + int(found["minutes"]) * 60 + int(found["seconds"])


def _parsed_comments(comments: list[dict]) -> list[ParsedComment]:
    """The exported thread as ParsedComments, without recursion."""
    return threads.map_tree(
        comments, _parsed_comment, children=_exported_replies, replies=comment_replies
    )


def _parsed_comment(data: dict) -> ParsedComment:
    return ParsedComment(
        author=str(data["author"]), text=str(data["text"]), posted=data.get("posted_at")
    )


def _exported_replies(data: dict) -> list[dict]:
    return data.get("replies") or []


class _Speakers:
    """One SpeakerChoice per person of the export, found by slug or to be created by name."""

    def __init__(self, data: dict):
        entries = [*data.get("interviewers", []), *data.get("interviewees", [])]
        entries += [turn["speaker"] for turn in data["turns"] if turn.get("speaker")]
        slugs = {entry["slug"] for entry in entries if entry.get("slug")}
        self.people = Person.objects.in_bulk(slugs, field_name="slug")
        self.choices: dict[str, SpeakerChoice] = {}

    def choose(self, entry: dict, role: str) -> SpeakerChoice:
        name = one_line(str(entry["name"]))
        key = entry.get("slug") or name
        if key in self.choices:
            return self.choices[key]
        # The label ties turns to their speaker inside the draft; two people may share a name.
        labels = {choice.label for choice in self.choices.values()}
        label = name if name not in labels else f"{name} ({key})"
        person = self.people.get(entry.get("slug"))
        choice = SpeakerChoice(
            label=label, person=person, new_name="" if person else name, role=role
        )
        self.choices[key] = choice
        return choice


def _text(value) -> str:
    """A text of the export as it is, or TypeError: the draft's fingerprint and the parser's
    checks take it for a string."""
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def draft_from_export(*, data: dict, status: str = Interview.Status.DRAFT) -> TranscriptDraft:
    """A JSON export (interview-archive/1) as a draft for `transcript_import`.

    People are the archive's own when their slug is known here, else new people with the
    exported names; the outlet and topics are matched by slug, and left out when unknown (see
    `services.export_import`, which creates them). The exported slug is kept unless another
    interview holds it. A person who is both interviewer and interviewee keeps the first role.
    """
    check_schema(data)
    try:
        speakers = _Speakers(data)
        for entry in data.get("interviewers", []):
            speakers.choose(entry, Participation.Role.INTERVIEWER)
        for entry in data.get("interviewees", []):
            speakers.choose(entry, Participation.Role.INTERVIEWEE)
        turns = []
        for turn in sorted(data["turns"], key=lambda turn: turn["position"]):
            choice = speakers.choose(turn["speaker"], "") if turn.get("speaker") else None
            turns.append(
                ParsedTurn(
                    speaker=choice.label if choice else "",
                    kind=turn["kind"],
                    text=_text(turn["text"]),
                    timestamp=_seconds(turn.get("timestamp")),
                    label=_text(turn.get("speaker_label") or ""),
                )
            )
        outlet_slug = (data.get("outlet") or {}).get("slug")
        topic_slugs = [topic["slug"] for topic in data.get("topics", [])]
        topics = Topic.objects.in_bulk(topic_slugs, field_name="slug")
        source_url = data.get("source_url") or ""
        slug = data.get("slug") or ""
        holders = Interview.objects.filter(slug=slug)
        if source_url:
            holders = holders.exclude(source_url=source_url)
        return TranscriptDraft(
            title=data["title"],
            turns=turns,
            speakers=list(speakers.choices.values()),
            comments=_parsed_comments(data.get("comments", [])),
            slug=slug if slug and not holders.exists() else "",
            deck=data.get("deck") or "",
            byline=data.get("byline") or "",
            outlet=Outlet.objects.filter(slug=outlet_slug).first() if outlet_slug else None,
            published=PartialDate.from_iso(data["published"]) if data.get("published") else None,
            source_url=source_url,
            intro=data.get("intro") or "",
            closing_note=data.get("closing_note") or "",
            topics=[topics[slug] for slug in topic_slugs if slug in topics],
            status=status,
        )
    except ExportFormatError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ExportFormatError(f"The export is incomplete or malformed ({error!r}).") from error
