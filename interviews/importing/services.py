"""Every write an import makes: the interview, its people, turns and comments, all or nothing.

Every entry point (the admin's preview, `import_transcript`, the JSON import) ends here, and
finds or creates outlets, topics and people through the functions below, so that they agree.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass

import reversion
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify

from interviews.exports import ExportFormatError, check_schema
from interviews.history import history_record
from interviews.importing.drafts import SpeakerChoice, TranscriptDraft, draft_from_export
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from interviews.transcript.model import KINDS, ParsedComment, ParsedTurn
from people.models import Person

# Positions are moved out of the way before being renumbered, so that the unique
# (interview, position) constraints never see two rows at once on one position.
POSITION_PARKING_OFFSET = 1_000_000
# Rows inserted by one statement: a whole transcript on PostgreSQL, so that an import costs the
# same number of queries however long it is; Django lowers it to what SQLite accepts.
INSERT_BATCH = 10_000


class TranscriptImportError(ValueError):
    """The confirmed import cannot be saved as it stands; the message says why."""


@dataclass
class ImportOutcome:
    interview: Interview
    created: bool
    people_created: list[Person]
    turns_kept: int  # unchanged turns of an earlier import that kept their row
    turns_written: int
    comments_written: int


def transcript_import(*, draft: TranscriptDraft) -> ImportOutcome:
    """Save a confirmed transcript as an interview: all of it, or nothing.

    Importing a source URL that is already in the archive updates that interview: turns whose
    text is unchanged keep their row (and so their anchor, when nothing before them moved), and
    comments posted here stay, with their replies.
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
                objects=[existing], comment="The state before a new import.", unrecorded_only=True
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
        source = f" ({draft.source_url})" if draft.source_url else ""
        with reversion.create_revision():
            reversion.set_comment(
                f"Imported from a transcript{source}: "
                f"{turns_written} turns, {comments_written} imported comments."
            )
            reversion.add_to_revision(interview)
    return ImportOutcome(
        interview=interview,
        created=existing is None,
        people_created=people_created,
        turns_kept=turns_kept,
        turns_written=turns_written,
        comments_written=comments_written,
    )


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
        interview.slug = unique_slug(Interview, draft.title)


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
            person = person_create(name=name, aliases=aliases)
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


# --- Outlets, topics and people: found or created the same way by every entry point ---------


def unique_slug(model, text: str, *, preferred: str = "") -> str:
    """`preferred` (or the slug of `text`), numbered "-2", "-3"... past the slugs taken."""
    base = (preferred or slugify(text))[:180].strip("-") or model._meta.model_name
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _named_get_or_create(model, *, name: str, slug: str = "", **defaults):
    """The row with this slug, else with this name (in any case); else a new one.

    A name whose slug is taken by a row of another name ("Wired" beside "Wired UK") is a new
    row with a free slug: two outlets may share a slug's words, not an identity.

    A concurrent import may create the same row between the look-up and the insert: the unique
    slug refuses the second insert, and the look-up is made again.
    """
    name, slug = " ".join(str(name).split()), str(slug).strip()
    if not name and not slug:
        return None
    for attempt in range(2):
        existing = (model.objects.filter(slug=slug).first() if slug else None) or (
            model.objects.filter(name__iexact=name).first() if name else None
        )
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return model.objects.create(
                    name=name or slug,
                    slug=unique_slug(model, name, preferred=slugify(slug)),
                    **defaults,
                )
        except IntegrityError:
            if attempt:
                raise
    return None


def outlet_get_or_create(*, name: str, slug: str = "", url: str = "") -> Outlet | None:
    """The outlet an import names (by slug, else by name), created if new; None for no name."""
    return _named_get_or_create(Outlet, name=name, slug=slug, url=url)


def topic_get_or_create(*, name: str, slug: str = "") -> Topic | None:
    """The topic an import names (by slug, else by name), created if new; None for no name."""
    return _named_get_or_create(Topic, name=name, slug=slug)


def person_create(*, name: str, aliases: list[str] = ()) -> Person:
    """A new person named by an import, with the labels the transcript gave them as aliases."""
    name = " ".join(name.split())
    return Person.objects.create(name=name, slug=unique_slug(Person, name), aliases=list(aliases))


# --- A JSON export --------------------------------------------------------------------------


def export_import(*, data: dict, status: str = Interview.Status.DRAFT) -> ImportOutcome:
    """Import a JSON export: its outlet and topics are created when the archive lacks them."""
    check_schema(data)
    with transaction.atomic():
        draft = draft_from_export(data=data, status=status)
        try:
            outlet = data.get("outlet")
            if outlet:
                draft.outlet = outlet_get_or_create(
                    name=outlet["name"], slug=outlet.get("slug") or "", url=outlet.get("url") or ""
                )
            topics = [
                topic_get_or_create(name=topic["name"], slug=topic.get("slug") or "")
                for topic in data.get("topics", [])
            ]
            draft.topics = list({topic.pk: topic for topic in topics if topic}.values())
        except (KeyError, TypeError, AttributeError) as error:
            raise ExportFormatError(
                f"The export is incomplete or malformed ({error!r})."
            ) from error
        return transcript_import(draft=draft)
