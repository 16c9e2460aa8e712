"""Every write the archive makes beyond plain model saves."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from config.numbers import bounded_int
from interviews.history import history_record
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from interviews.transcript.model import (
    KINDS,
    ParsedComment,
    ParsedTranscript,
    ParsedTurn,
    PartialDate,
)
from interviews.transcript.roles import ROLE_NAMES
from people.models import Person, name_key
from people.selectors import person_match_labels

# Positions are moved out of the way before being renumbered, so that the unique
# (interview, position) constraints never see two rows at once on one position.
POSITION_PARKING_OFFSET = 1_000_000
# Rows inserted by one statement: a whole transcript on PostgreSQL, so that an import costs the
# same number of queries however long it is; Django lowers it to what SQLite accepts.
INSERT_BATCH = 10_000


def comment_next_position(*, interview: Interview) -> int:
    """The position after the interview's last comment, so a new comment ends the thread."""
    last = Comment.objects.filter(interview=interview).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def comment_post(
    *,
    interview: Interview,
    author_name: str,
    text: str,
    author_url: str = "",
    parent: Comment | None = None,
) -> Comment:
    """A reader's comment or reply, held for moderation: nobody but its poster sees it yet."""
    with transaction.atomic():
        # The interview row is locked so that two comments posted at once get two positions.
        list(Interview.objects.select_for_update().filter(pk=interview.pk).values_list("pk"))
        return Comment.objects.create(
            interview=interview,
            parent=parent,
            author_name=author_name,
            author_url=author_url,
            text=text,
            posted_at=timezone.now(),
            origin=Comment.Origin.POSTED,
            status=Comment.Status.PENDING,
            position=comment_next_position(interview=interview),
        )


class TranscriptImportError(ValueError):
    """The confirmed import cannot be saved as it stands; the message says why."""


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


@dataclass
class ImportOutcome:
    interview: Interview
    created: bool
    people_created: list[Person]
    turns_kept: int  # unchanged turns of an earlier import that kept their row
    turns_written: int
    comments_written: int


def transcript_import(
    *, draft: TranscriptDraft, user=None, origin: str = "a transcript"
) -> ImportOutcome:
    """Save a confirmed transcript as an interview: all of it, or nothing.

    Importing a source URL that is already in the archive updates that interview: turns whose
    text is unchanged keep their row (and so their anchor, when nothing before them moved), and
    comments posted here stay, with their replies.

    The edit history records the import with `user` (the editor; None from the command line)
    and where it came from: `origin` is "paste", "file NAME", "a JSON export"...
    """
    _check_draft(draft)
    with transaction.atomic():
        existing = (
            Interview.objects.select_for_update().filter(source_url=draft.source_url).first()
            if draft.source_url
            else None
        )
        if existing is not None:
            history_record(
                objects=[existing],
                comment="The state before a new import.",
                user=user,
                unrecorded_only=True,
            )
        interview = existing or Interview()
        _fill_interview(interview, draft)
        interview.save()
        interview.topics.set(draft.topics)

        speakers, people_created = _people_for_speakers(draft.speakers)
        _replace_participations(interview, draft.speakers, speakers)
        turns_kept, turns_written = _write_turns(interview, draft.turns, speakers)
        comments_written = _write_comments(interview, draft.comments)
        # The turns and comments are written in bulk, which reversion does not see: the
        # revision records the interview, which follows them, once they are all in place.
        with reversion.create_revision():
            done = "Imported from" if existing is None else "Updated by a re-import from"
            reversion.set_comment(
                f"{done} {origin}: {_counted(turns_written, 'turn')}, "
                f"{_counted(comments_written, 'comment')}."
            )
            if user is not None:
                reversion.set_user(user)
            reversion.add_to_revision(interview)
    return ImportOutcome(
        interview=interview,
        created=existing is None,
        people_created=people_created,
        turns_kept=turns_kept,
        turns_written=turns_written,
        comments_written=comments_written,
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _check_draft(draft: TranscriptDraft) -> None:
    if not draft.title.strip():
        raise TranscriptImportError("The interview needs a title.")
    if not draft.turns:
        raise TranscriptImportError("There are no turns to save.")
    byline_length = Interview._meta.get_field("byline").max_length
    if len(" ".join(draft.byline.split())) > byline_length:
        raise TranscriptImportError(f"The byline is longer than {byline_length} characters.")
    labels = {choice.label for choice in draft.speakers}
    for number, turn in enumerate(draft.turns, start=1):
        if turn.kind not in KINDS:
            raise TranscriptImportError(f"Turn {number} has an unknown kind {turn.kind!r}.")
        if not turn.text.strip():
            raise TranscriptImportError(f"Turn {number} has no text.")
        if turn.speaker and turn.speaker not in labels:
            raise TranscriptImportError(
                f"Turn {number} is by {turn.speaker!r}, who is not in the speakers."
            )
    roles = {Participation.Role.INTERVIEWER, Participation.Role.INTERVIEWEE, ""}
    for choice in draft.speakers:
        if choice.role not in roles:
            raise TranscriptImportError(
                f"Speaker {choice.label!r} has an unknown role {choice.role!r}."
            )


def _fill_interview(interview: Interview, draft: TranscriptDraft) -> None:
    interview.title = draft.title.strip()
    interview.deck = draft.deck.strip()
    interview.byline = " ".join(draft.byline.split())
    interview.outlet = draft.outlet
    interview.source_url = draft.source_url
    interview.intro = draft.intro.strip()
    interview.closing_note = draft.closing_note.strip()
    interview.status = draft.status
    if draft.published:
        interview.published_on = datetime.date(
            draft.published.year, draft.published.month or 1, draft.published.day or 1
        )
        interview.date_precision = draft.published.precision
    else:
        interview.published_on = None
        interview.date_precision = Interview.DatePrecision.DAY
    if draft.slug:
        interview.slug = draft.slug
    elif not interview.slug:
        interview.slug = _unique_slug(Interview, draft.title)


def _unique_slug(model, text: str) -> str:
    base = slugify(text)[:180].strip("-") or model._meta.model_name
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _people_for_speakers(
    choices: list[SpeakerChoice],
) -> tuple[dict[str, Person], list[Person]]:
    speakers, created = {}, []
    for choice in choices:
        if choice.person is not None:
            speakers[choice.label] = choice.person
        elif choice.new_name.strip():
            name = " ".join(choice.new_name.split())
            aliases = [choice.label] if choice.label and choice.label != name else []
            person = Person.objects.create(
                name=name, slug=_unique_slug(Person, name), aliases=aliases
            )
            speakers[choice.label] = person
            created.append(person)
    return speakers, created


def _replace_participations(
    interview: Interview, choices: list[SpeakerChoice], speakers: dict[str, Person]
) -> None:
    interview.participations.all().delete()
    seen = set()
    rows = []
    for choice in choices:
        person = speakers.get(choice.label)
        if person is None or not choice.role or (person.pk, choice.role) in seen:
            continue
        seen.add((person.pk, choice.role))
        rows.append(
            Participation(interview=interview, person=person, role=choice.role, position=len(rows))
        )
    Participation.objects.bulk_create(rows)


def _write_turns(
    interview: Interview, parsed_turns: list[ParsedTurn], speakers: dict[str, Person]
) -> tuple[int, int]:
    """Write the turns in order, reusing the rows of an earlier import whose text is unchanged."""
    old_turns = list(interview.turns.order_by("position")) if interview.pk else []
    matcher = difflib.SequenceMatcher(
        a=[turn.text for turn in old_turns],
        b=[turn.text for turn in parsed_turns],
        autojunk=False,
    )
    reused: dict[int, Turn] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            reused[block.b + offset] = old_turns[block.a + offset]
    reused_ids = {turn.pk for turn in reused.values()}
    Turn.objects.filter(interview=interview).exclude(pk__in=reused_ids).delete()
    # Park the kept rows, then give every turn its final position.
    if reused:
        Turn.objects.filter(pk__in=reused_ids).update(
            position=F("position") + POSITION_PARKING_OFFSET
        )

    to_update, to_create = [], []
    for index, parsed in enumerate(parsed_turns):
        turn = reused.get(index) or Turn(interview=interview)
        turn.position = index + 1
        turn.speaker = speakers.get(parsed.speaker)
        turn.speaker_label = parsed.label or parsed.speaker
        turn.kind = parsed.kind
        turn.text = parsed.text
        turn.timestamp = (
            datetime.timedelta(seconds=parsed.timestamp) if parsed.timestamp is not None else None
        )
        (to_update if turn.pk else to_create).append(turn)
    Turn.objects.bulk_update(
        to_update, ["position", "speaker", "speaker_label", "kind", "timestamp"], batch_size=500
    )
    Turn.objects.bulk_create(to_create, batch_size=INSERT_BATCH)
    return len(to_update), len(to_update) + len(to_create)


def _parse_posted(posted: str | None) -> datetime.datetime | None:
    """An ISO date or date-time as the page printed it, taken as UTC (pages rarely say)."""
    if not posted:
        return None
    try:
        value = datetime.datetime.fromisoformat(posted)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _comment_key(author: str, posted_at: datetime.datetime | None, text: str) -> tuple:
    return (author, posted_at.isoformat() if posted_at else "", text)


def _write_comments(interview: Interview, parsed_comments: list[ParsedComment]) -> int:
    """Write the imported thread; keep comments posted here, and imported ones still present.

    Inserted level by level, since a reply needs its parent's id: as many queries as the thread
    is deep, not as it is long.
    """
    flat = thread_in_page_order(parsed_comments)

    old = list(interview.comments.order_by("position"))
    old_imported = {
        _comment_key(c.author_name, c.posted_at, c.text): c
        for c in old
        if c.origin == Comment.Origin.IMPORTED
    }
    # Park every old comment's position; final positions follow the new thread's order.
    if old:
        Comment.objects.filter(interview=interview).update(
            position=F("position") + POSITION_PARKING_OFFSET
        )

    rows: list[Comment] = []
    for index, (parsed, parent_index) in enumerate(flat):
        posted_at = _parse_posted(parsed.posted)
        existing = old_imported.pop(_comment_key(parsed.author, posted_at, parsed.text), None)
        comment = existing or Comment(
            interview=interview,
            author_name=parsed.author[:200],
            posted_at=posted_at,
            text=parsed.text,
            origin=Comment.Origin.IMPORTED,
            status=Comment.Status.PUBLIC,
        )
        comment.position = index + 1
        comment.parent_index = parent_index
        rows.append(comment)

    depth = {}
    for index, (_, parent_index) in enumerate(flat):
        depth[index] = 0 if parent_index is None else depth[parent_index] + 1
    for level in range(max(depth.values(), default=-1) + 1):
        level_rows = [rows[i] for i in range(len(rows)) if depth[i] == level]
        for comment in level_rows:
            # A kept comment may have moved to the top level since the last import.
            parent_index = comment.parent_index
            comment.parent = rows[parent_index] if parent_index is not None else None
        Comment.objects.bulk_update(
            [c for c in level_rows if c.pk], ["position", "parent"], batch_size=500
        )
        Comment.objects.bulk_create([c for c in level_rows if not c.pk], batch_size=INSERT_BATCH)

    # Imported comments gone from the page are deleted, unless a reader answered them here.
    # Only now: their imported replies that are still on the page have new parents.
    answered = set(
        Comment.objects.filter(interview=interview, origin=Comment.Origin.POSTED).values_list(
            "parent_id", flat=True
        )
    )
    # So are their ancestors: deleting one would cascade to the answer.
    parent_of = {comment.pk: comment.parent_id for comment in [*old, *rows]}
    for pk in list(answered):
        while (pk := parent_of.get(pk)) is not None and pk not in answered:
            answered.add(pk)
    gone = [comment.pk for comment in old_imported.values() if comment.pk not in answered]
    Comment.objects.filter(pk__in=gone).delete()

    # Whatever stays from before (posted here, or answered here) follows the imported thread.
    leftovers = list(
        Comment.objects.filter(interview=interview, position__gt=POSITION_PARKING_OFFSET).order_by(
            "position"
        )
    )
    for offset, comment in enumerate(leftovers, start=len(rows) + 1):
        comment.position = offset
    Comment.objects.bulk_update(leftovers, ["position"], batch_size=500)
    return len(rows)


def thread_in_page_order(
    comments: list[ParsedComment],
) -> list[tuple[ParsedComment, int | None]]:
    """Each comment with the index of its parent in the list, in page order.

    Without recursion: a thread can be deeper than Python's stack.
    """
    flat: list[tuple[ParsedComment, int | None]] = []
    stack: list[tuple[ParsedComment, int | None]] = [(c, None) for c in reversed(comments)]
    while stack:
        comment, parent_index = stack.pop()
        flat.append((comment, parent_index))
        index = len(flat) - 1
        stack.extend((reply, index) for reply in reversed(comment.replies))
    return flat


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


def partial_date_from_iso(text: str) -> PartialDate:
    """ "2017", "2017-12" or "2017-12-05" as a PartialDate; ValueError with a reason otherwise."""
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
    maxima = (9999, 12, 31)[: len(parts)]
    numbers = [bounded_int(part, maximum=most) for part, most in zip(parts, maxima, strict=True)]
    if None in numbers:
        raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = numbers + [None] * (3 - len(parts))
    # datetime.date checks the ranges, leap years included (and refuses a month or day of 00).
    datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    return PartialDate(year, month, day)
