"""The import preview: a stored draft shown a page of turns at a time, and the editor's changes
applied to it.

The draft's state lives in an `ImportDraft` row (see `editing.py` for its schema and the edits).
A page shows the interview's details, the speakers and one page of turns; a POST carries only
those fields and the button pressed. `apply_post` checks them with the forms of `forms.py`,
applies them with the operations of `editing.py`, and says which turn to show next; `save`
turns the state into a `TranscriptDraft` for `transcript_import`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from interviews.importing import editing
from interviews.importing.drafts import (
    ImportHints,
    TranscriptDraft,
    draft_from_parse,
    names_from_text,
)
from interviews.importing.forms import (
    MAX_IMPORT_TURNS,
    AddSpeakerForm,
    InterviewDetailsForm,
    MapLabelForm,
    SpeakerFormSet,
    TimestampField,
    TrimForm,
    TurnFormSet,
    interview_for_source_url,
)
from interviews.importing.models import ImportDraft, draft_expiry
from interviews.importing.selectors import interview_for_reimport
from interviews.importing.services import (
    ImportOutcome,
    TranscriptImportError,
    outlet_get_or_create,
    saving_error_message,
    transcript_import,
)
from interviews.models import Interview, Outlet, Topic, Turn
from interviews.transcript import threads
from interviews.transcript.full_names import full_name_among, full_name_for_label
from interviews.transcript.model import PartialDate, comments_in_page_order, timestamp_text
from people.models import Person

# A line holding only "---" (and, optionally, the next part's time: "--- 12:34") splits a turn.
SPLIT_LINE = re.compile(r"^[ \t]*---[ \t]*(?P<time>[0-9:]{1,16})?[ \t]*$", re.MULTILINE | re.ASCII)


KIND_CHOICES = list(Turn.Kind.choices)


def turns_per_page() -> int:
    return max(1, int(getattr(settings, "IMPORT_PREVIEW_TURNS_PER_PAGE", 100)))


class EditRefused(Exception):
    """The editor's change cannot be applied; the message says why, fit to show them."""


# --- Step 1 → a draft --------------------------------------------------------------------------


def state_for_paste(*, form) -> editing.DraftState:
    """The first state of a draft: the parse, the people it names, what step 1 said."""
    paste = form.cleaned_data
    parsed = form.parsed
    interviewers = names_from_text(paste.get("interviewers", ""))
    interviewees = names_from_text(paste.get("interviewees", ""))
    outlet = paste.get("outlet")
    draft = draft_from_parse(
        parsed=parsed,
        hints=ImportHints(
            interviewers=interviewers,
            interviewees=interviewees,
            source_url=paste.get("source_url") or "",
            outlet=outlet,
        ),
    )
    state = editing.state_from_parse(
        parsed=parsed,
        transcript=form.transcript,
        source=form.source,
        hints={
            "interviewers": interviewers,
            "interviewees": interviewees,
            "format": paste.get("format") or "auto",
            "source_url": paste.get("source_url") or "",
            "outlet_id": outlet.pk if outlet else None,
        },
        choices=draft.speakers,
        full_name=lambda name: (
            full_name_for_label(name, form.transcript)
            or full_name_among(name, (c.author for c, _ in comments_in_page_order(parsed.comments)))
        ),
    )
    # What the server knows better than the parse: an interview this source URL updates keeps
    # what the editors decided about it before (the parse's own values win where it has them).
    existing = interview_for_source_url(draft.source_url)
    if existing is None:
        return state
    details = state.details
    editing.set_details(
        state,
        title=details.title or existing.title,
        slug=existing.slug,
        deck=details.deck or existing.deck,
        byline=details.byline or existing.byline,
        outlet_id=details.outlet_id or existing.outlet_id,
        topic_ids=list(existing.topics.values_list("pk", flat=True)),
        status=existing.status,
    )
    return state


def draft_store(draft: ImportDraft, state: editing.DraftState) -> None:
    """Write the state to its row, with what the listing of unfinished imports shows."""
    data = state.as_json()
    draft.state = data
    draft.title = (data["details"]["title"] or "(no title yet)")[:300]
    draft.turn_count = len(data["turns"])
    draft.fingerprint = editing.fingerprint(state)
    draft.expires_at = draft_expiry()
    draft.save()


def drafts_expired_delete() -> int:
    """Delete the drafts past their expiry; cheap enough to run whenever an import starts."""
    return ImportDraft.objects.expired(timezone.now()).delete()[0]


# --- The page -----------------------------------------------------------------------------------


@dataclass
class CommentRow:
    """A comment of the preview's thread, flattened for a template that nests without recursion."""

    author: str
    posted: str | None
    text: str
    by_page_author: bool  # the page marked it as its author's: saved with its badge
    depth: int
    reply_count: int  # every reply below it, as on the public page
    closing_levels: range


def comment_rows(comments: list[dict]) -> list[CommentRow]:
    return [
        CommentRow(
            author=row.node["author"],
            posted=row.node.get("posted"),
            text=row.node["text"],
            by_page_author=bool(row.node.get("by_page_author")),
            depth=row.depth,
            reply_count=row.descendants,
            closing_levels=range(row.closing_levels),
        )
        for row in threads.rows_with_levels(comments, children=_draft_replies)
    ]


def _draft_replies(comment: dict) -> list[dict]:
    return comment.get("replies") or []


@dataclass
class ParseNotes:
    """What the parser said about the text: the format it saw, lines it set aside, doubts, and
    the "Key: value" lines it read as metadata."""

    format: str = "auto"
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def metadata_shown(self) -> list[tuple[str, str]]:
        """The metadata read, but the byline, which the preview shows as a field of its own."""
        return [(key, value) for key, value in self.metadata.items() if key != "byline"]


@dataclass
class MergeQuestion:
    """Whose is the turn merged from two speakers' turns: the editor answers, never a guess."""

    number: int  # the turn merged into the one before it, numbered from 1
    text: str
    choices: list[tuple[str, str]]  # (action value, button text)


class PreviewPage:
    """One page of a draft's preview: its forms, bound to a POST or showing the stored state."""

    def __init__(self, draft: ImportDraft, state: editing.DraftState, page=None, data=None):
        self.draft = draft
        self.state = state
        self.data = state.as_json()
        turns = self.data["turns"]
        self.per_page = turns_per_page()
        self.turn_count = len(turns)
        self.page_count = max(1, -(-self.turn_count // self.per_page))
        self.page = page_number(page, self.page_count)
        self.first = (self.page - 1) * self.per_page + 1  # the page's first turn, from 1
        self.rows = turns[self.first - 1 : self.first - 1 + self.per_page]
        self.last = self.first + len(self.rows) - 1
        speakers = self.data["speakers"]
        person_ids = {speaker["person_id"] for speaker in speakers if speaker["person_id"]}
        self.people = dict(
            Person.objects.filter(pk__in=person_ids).values_list("pk", "name") if person_ids else []
        )
        self.speaker_names = speaker_names(speakers, self.people)
        self.speaker_list = list(self.speaker_names.items())
        names = [self.speaker_names[speaker["key"]] for speaker in speakers]
        details = self.data["details"]
        self.details = InterviewDetailsForm(
            data,
            initial={
                **details,
                "outlet": details["outlet_id"],
                "topics": details["topic_ids"],
            },
        )
        self.speakers = SpeakerFormSet(
            data,
            prefix="speakers",
            people=self.people,
            names=names,
            labels=[speaker["label"] for speaker in speakers],
            initial=[
                {
                    "person": speaker["person_id"],
                    "new_name": speaker["new_name"],
                    "confirmed": speaker["confirmed"],
                    "role": speaker["role"],
                }
                for speaker in speakers
            ],
        )
        self.turns = TurnFormSet(
            data,
            prefix="turns",
            speakers=self.speaker_list,
            first=self.first,
            count=len(self.rows),
            initial=[
                {
                    "speaker": turn["speaker"],
                    "kind": turn["kind"],
                    "text": turn["text"],
                    "timestamp": turn["timestamp"],
                }
                for turn in self.rows
            ],
        )
        self.labels = list(dict.fromkeys(turn["label"] for turn in turns))
        self.map_form = MapLabelForm(labels=self.labels, speakers=self.speaker_list)
        self.add_form = AddSpeakerForm()
        self.trim_form = TrimForm(
            count=self.turn_count, initial={"first": 1, "last": self.turn_count}
        )
        self.errors: list[str] = []
        self.merge_question: MergeQuestion | None = None

    # What the template shows besides the forms.

    @property
    def notes(self) -> ParseNotes:
        notes = self.data["notes"]
        return ParseNotes(
            format=notes["format"],
            ignored=notes["ignored"],
            warnings=notes["warnings"],
            metadata=notes["metadata"],
        )

    @property
    def comments(self) -> list[CommentRow]:
        return comment_rows(self.data["comments"])

    @property
    def updates(self) -> Interview | None:
        """The interview that saving would update, found by the source URL."""
        return interview_for_source_url(self.data["details"]["source_url"])

    @property
    def repeats(self) -> Interview | None:
        """An interview with this very text but no matching source URL: saving updates it only
        when the editor says so (`update_repeated`); else it makes a new interview."""
        if self.data["details"]["source_url"] and self.updates is not None:
            return None
        return interview_for_reimport(source_url="", fingerprint=self.draft.fingerprint)

    @property
    def pages(self) -> list[dict]:
        """Links to the pages of turns: each says which turns it holds."""
        return [
            {
                "number": number,
                "first": (number - 1) * self.per_page + 1,
                "last": min(number * self.per_page, self.turn_count),
                "current": number == self.page,
            }
            for number in range(1, self.page_count + 1)
        ]

    @property
    def has_errors(self) -> bool:
        return bool(
            self.errors
            or (self.details.is_bound and self.details.errors)
            or (self.speakers.is_bound and self.speakers.total_error_count())
            or (self.turns.is_bound and self.turns.total_error_count())
            or self.map_form.errors
            or self.add_form.errors
            or self.trim_form.errors
        )

    def turn_rows(self) -> list[TurnRow]:
        """The page's turns with their fields' values, for a template that writes the fields
        itself: a hundred rows of Django's widget templates take most of a second to render."""
        rows = []
        for form, turn in zip(self.turns.forms, self.rows, strict=False):
            if form.is_bound:
                value = {name: str(form[name].data or "") for name in form.fields}
            else:
                value = {
                    "speaker": turn["speaker"],
                    "kind": turn["kind"],
                    "text": turn["text"],
                    "timestamp": (
                        "" if turn["timestamp"] is None else timestamp_text(turn["timestamp"])
                    ),
                }
            rows.append(
                TurnRow(
                    form=form,
                    number=form.number,
                    prefix=form.prefix,
                    label=turn["label"],
                    speakers=[
                        (key, name, key == value["speaker"])
                        for key, name in self.turns.speaker_choices
                    ],
                    kinds=[(kind, name, kind == value["kind"]) for kind, name in KIND_CHOICES],
                    text=value["text"],
                    timestamp=value["timestamp"],
                    errors=bool(form.errors),
                )
            )
        return rows


@dataclass
class TurnRow:
    form: object
    number: int
    prefix: str
    label: str
    speakers: list[tuple[str, str, bool]]  # (value, name, selected)
    kinds: list[tuple[str, str, bool]]
    text: str
    timestamp: str
    errors: bool


def page_number(value, page_count: int) -> int:
    """The page asked for, within 1..page_count: anything else (garbage, huge) is page 1 or the
    last page, as Django's paginator reads it."""
    text = str(value or "").strip()
    if not re.fullmatch(r"[0-9]{1,9}", text, re.ASCII):
        return 1
    return min(max(int(text), 1), page_count)


def speaker_names(speakers: list[dict], people: dict[int, str]) -> dict[str, str]:
    """Each speaker's key → the name the page shows: the person's, the new name, or the label."""
    names = {}
    for number, speaker in enumerate(speakers, start=1):
        name = (
            people.get(speaker["person_id"])
            or speaker["new_name"]
            or speaker["label"]
            or f"Speaker {number}"
        )
        names[speaker["key"]] = name
    return names


def merge_question(page: PreviewPage, number: int) -> MergeQuestion | None:
    """The question to ask before merging turn `number` into the one before it, if any."""
    turns = page.data["turns"]
    if not 2 <= number <= len(turns):
        return None
    this, before = turns[number - 1]["speaker"], turns[number - 2]["speaker"]
    if this == before:
        return None
    names = page.speaker_names

    def whose(key: str) -> str:
        return f"{names[key]}’s" if key else "nobody’s"

    return MergeQuestion(
        number=number,
        text=(
            f"Turn {number} is {whose(this)} and turn {number - 1} is {whose(before)}: "
            "whose is the merged turn?"
        ),
        choices=[
            (f"merge:{number}:{key or 'none'}", names.get(key, "Nobody"))
            for key in dict.fromkeys((before, this))
        ],
    )


# --- A POST applied -----------------------------------------------------------------------------


@dataclass
class Applied:
    state: editing.DraftState
    anchor: int  # the turn to show next, from 1
    ask_merge: int | None = None  # a merge that needs the editor to say whose the turn is


def apply_post(page: PreviewPage, action) -> Applied | None:
    """The page's forms (bound to the POST) applied to the state, then the button's action.

    None when a form is invalid: the page shows the errors and nothing is stored. EditRefused
    when an edit cannot be made; the state then is as before.
    """
    forms_valid = all([page.details.is_valid(), page.speakers.is_valid(), page.turns.is_valid()])
    extra = None
    if action.name == "map":
        extra = page.map_form = MapLabelForm(
            page.details.data, labels=page.labels, speakers=page.speaker_list
        )
    elif action.name == "add_speaker":
        extra = page.add_form = AddSpeakerForm(page.details.data)
    elif action.name == "trim":
        extra = page.trim_form = TrimForm(page.details.data, count=page.turn_count)
    if not forms_valid or (extra is not None and not extra.is_valid()):
        return None
    try:
        return _apply(page, action, extra)
    except editing.EditError as error:
        raise EditRefused(str(error)) from error


def _apply(page: PreviewPage, action, extra) -> Applied:
    # The ops edit in place: the page keeps the state it showed, for the errors.
    state = copy.deepcopy(page.state)
    details = page.details.cleaned_data
    editing.set_details(
        state,
        title=details["title"],
        slug=details["slug"],
        deck=details["deck"],
        byline=details["byline"],
        outlet_id=details["outlet"].pk if details["outlet"] else None,
        new_outlet=details["new_outlet"],
        published=details["published"],
        source_url=details["source_url"],
        intro=details["intro"],
        closing_note=details["closing_note"],
        topic_ids=[topic.pk for topic in details["topics"]],
        status=details["status"],
    )
    for speaker, form in zip(page.data["speakers"], page.speakers.forms, strict=True):
        values = form.cleaned_data
        editing.set_speaker(
            state,
            speaker["key"],
            person_id=values["person"],
            # A person chosen in the archive wins over a new name typed beside it.
            new_name="" if values["person"] else values["new_name"],
            confirmed=values["confirmed"],
            role=values["role"],
        )

    # The page's turns, from its last to its first, so that a split or a dropped row moves
    # no row still to be applied. `parts_of[i]` is how many turns row i became.
    first = page.first - 1
    rows = [form.cleaned_data for form in page.turns.forms]
    parts_of = [
        turn_parts(row["text"], number=page.first + offset) for offset, row in enumerate(rows)
    ]
    for offset in reversed(range(len(rows))):
        row, parts, index = rows[offset], parts_of[offset], first + offset
        if not parts:
            # An emptied text drops the turn.
            del state.turns[index]
            continue
        texts = [text for text, _ in parts]
        editing.set_turn(
            state,
            index,
            speaker_key=row["speaker"],
            kind=row["kind"],
            text="\n\n".join(texts),
            timestamp=row["timestamp"],
        )
        if len(parts) > 1:
            editing.split_turn(
                state,
                index,
                parts=texts,
                timestamps=[row["timestamp"], *(time for _, time in parts[1:])],
            )
    parts_of = [len(parts) for parts in parts_of]
    if not state.turns:
        raise EditRefused("No turns would be left: a draft keeps at least one turn.")
    if len(state.turns) > MAX_IMPORT_TURNS:
        raise EditRefused(f"An import can hold at most {MAX_IMPORT_TURNS:,} turns.")

    def now_at(number: int) -> int:
        """Where turn `number` of the page as shown is now, numbered from 1."""
        shift = sum(count - 1 for count in parts_of[: max(0, number - 1 - first)])
        return number + shift if number > first else number

    anchor = page.first
    if action.name == "map":
        label, key = extra.cleaned_data["label"], extra.cleaned_data["speaker"]
        editing.map_label(state, label, key)
    elif action.name == "add_speaker":
        editing.add_speaker(state, name=extra.cleaned_data["name"], role=extra.cleaned_data["role"])
    elif action.name == "trim":
        begin = now_at(extra.cleaned_data["first"])
        last = extra.cleaned_data["last"]
        end = now_at(last) + (
            parts_of[last - 1 - first] - 1 if first < last <= first + len(rows) else 0
        )
        if end < begin:
            raise EditRefused("No turns would be left: a draft keeps at least one turn.")
        editing.delete_turns(state, begin - 1, end - 1)
        anchor = 1
    elif action.name == "page":
        # The page's changes kept, then the page asked for (the last one, if beyond).
        per_page = page.per_page
        count = len(state.turns)
        anchor = (min(action.number, -(-count // per_page)) - 1) * per_page + 1
        anchor = max(anchor, 1)
    elif action.name in ("merge", "split"):
        number = action.number
        if not 1 <= number <= page.turn_count:
            raise EditRefused(f"There is no turn {number}.")
        on_page = first < number <= first + len(rows)
        if on_page and parts_of[number - 1 - first] == 0:
            raise EditRefused(f"Turn {number} was emptied: there is nothing to {action.name}.")
        at = now_at(number)
        anchor = at
        if action.name == "merge":
            if at < 2:
                raise EditRefused("The first turn has no turn before it to merge into.")
            speaker = action.speaker
            if speaker == "none":
                speaker = ""
            try:
                editing.merge_turn(state, at - 1, speaker_key=speaker)
            except editing.MergeNeedsSpeaker:
                return Applied(state, anchor=at, ask_merge=at)
            anchor = at - 1
        elif not on_page or parts_of[number - 1 - first] == 1:
            text = state.turns[at - 1].text
            paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
            if len(paragraphs) < 2:
                raise EditRefused(
                    f"Turn {number} is one paragraph: put a line holding only --- where it "
                    "should split, then press Split."
                )
            editing.split_turn(state, at - 1, parts=paragraphs)
    return Applied(state, anchor=anchor)


def turn_parts(text: str, *, number: int) -> list[tuple[str, int | None]]:
    """A row's text cut at its "---" lines: (text, timestamp of the part) for each part that has
    text. "--- 12:34" gives the next part its time."""
    pieces = SPLIT_LINE.split(text)
    # re.split with one group: text, time, text, time, text...
    parts = [(pieces[0], None)]
    for index in range(1, len(pieces), 2):
        time_text = pieces[index]
        try:
            timestamp = TimestampField().clean(time_text) if time_text else None
        except ValidationError as error:
            raise EditRefused(f"Turn {number}: {'; '.join(error.messages)}") from error
        parts.append((pieces[index + 1], timestamp))
    return [(part.strip(), timestamp) for part, timestamp in parts if part.strip()]


# --- Save -------------------------------------------------------------------------------------


class SaveRefused(Exception):
    """The draft cannot be saved as it stands; the message says why, fit to show the editor."""


def draft_for_save(state: editing.DraftState) -> TranscriptDraft:
    """The state as `transcript_import` takes it, with the outlet, topics and people loaded.

    An outlet, topic or person chosen in the preview that is no longer in the archive, a new
    person not confirmed, or no title: a SaveRefused saying so.
    """
    unconfirmed = editing.unconfirmed_new_people(state)
    if unconfirmed:
        names = ", ".join(f"“{name}”" for name in unconfirmed)
        raise SaveRefused(
            f"Confirm the new people to create ({names}): tick “create this person”, or choose "
            "someone in the archive, or clear the name."
        )
    details = state.details
    if not details.title.strip():
        raise SaveRefused("Give the interview a title.")
    outlet = None
    if details.outlet_id is not None:
        outlet = Outlet.objects.filter(pk=details.outlet_id).first()
        if outlet is None:
            raise SaveRefused("The outlet chosen is no longer in the archive: choose another.")
    topics = list(Topic.objects.filter(pk__in=details.topic_ids))
    if len(topics) != len(set(details.topic_ids)):
        raise SaveRefused("A topic chosen is no longer in the archive: choose the topics again.")
    person_ids = {s.person_id for s in state.speakers if s.person_id is not None}
    try:
        parts = editing.draft_parts(state, people=Person.objects.in_bulk(person_ids))
    except editing.EditError as error:
        raise SaveRefused(str(error)) from error
    return TranscriptDraft(
        title=details.title,
        turns=parts.turns,
        speakers=parts.speakers,
        comments=parts.comments,
        slug=details.slug,
        deck=details.deck,
        byline=details.byline,
        outlet=outlet,
        published=PartialDate.from_iso(details.published) if details.published else None,
        source_url=details.source_url,
        intro=details.intro,
        closing_note=details.closing_note,
        topics=topics,
        status=details.status,
    )


def how_imported(draft: ImportDraft) -> str:
    """What the edit history says about the import."""
    source = draft.state.get("source") or {}
    if source.get("kind") == "file":
        return f"Imported from file {source.get('name', '')}".strip()
    if source.get("kind") == "link":
        return f"Imported from link {source.get('name', '')}".strip()
    if source.get("kind") == "json":
        return "Imported from a JSON export"
    return "Imported from paste"


def save(
    draft: ImportDraft, state: editing.DraftState, *, user, update: Interview | None = None
) -> ImportOutcome:
    """Save the draft as an interview, once: the caller holds the draft's row locked.

    The interview, the new outlet and the draft's link to the interview are written in one
    transaction: a failure leaves none of them; a second save finds the link and stops.
    """
    transcript = draft_for_save(state)
    new_outlet = state.as_json()["details"]["new_outlet"]
    keywords = {"user": user, "how": how_imported(draft), "update": update}
    try:
        with transaction.atomic():
            if transcript.outlet is None and new_outlet:
                transcript.outlet = outlet_get_or_create(name=new_outlet)
            outcome = transcript_import(draft=transcript, **keywords)
            draft.saved_interview = outcome.interview
            draft.save(update_fields=["saved_interview", "updated_at"])
    except (TranscriptImportError, DatabaseError) as error:
        raise SaveRefused(f"Nothing was saved: {saving_error_message(error)}") from error
    return outcome
