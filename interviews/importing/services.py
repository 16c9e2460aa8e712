"""Every write an import makes: the interview, its people, turns and comments, all or nothing.

Every entry point (the admin's preview, `import_transcript`, the JSON import) ends here, and
finds or creates outlets, topics and people through the functions below, so that they agree.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
from dataclasses import dataclass

from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils.text import slugify
from psycopg.errors import (
    CheckViolation,
    DeadlockDetected,
    ForeignKeyViolation,
    NotNullViolation,
    SerializationFailure,
    UniqueViolation,
)

from interviews.exports import ExportFormatError
from interviews.history import history_record, interview_revision_record
from interviews.importing.drafts import (
    SpeakerChoice,
    TranscriptDraft,
    check_schema,
    draft_from_export,
)
from interviews.models import (
    Comment,
    Interview,
    Outlet,
    Participation,
    Topic,
    Turn,
    comment_signed_as,
)
from interviews.slugs import MAX_SLUG_BASE, slug_base, unique_slug
from interviews.transcript import threads
from interviews.transcript.model import KINDS, ParsedComment, ParsedTurn, comment_replies
from people.models import Person, name_key

# Positions are moved out of the way before being renumbered, so that the unique
# (interview, position) constraints never see two rows at once on one position.
POSITION_PARKING_OFFSET = 1_000_000
# Rows inserted by one statement: a whole transcript on PostgreSQL, so that an import costs the
# same number of queries however long it is; Django lowers it to what SQLite accepts.
INSERT_BATCH = 10_000
# PostgreSQL's "try again" errors: a transaction given up for another one's sake.
TRANSACTION_ROLLBACK_ERRORS = (DeadlockDetected, SerializationFailure)


class TranscriptImportError(ValueError):
    """The confirmed import cannot be saved as it stands; the message says why, to the editor."""


@dataclass
class ImportOutcome:
    interview: Interview
    created: bool
    people_created: list[Person]
    turns_kept: int  # unchanged turns of an earlier import that kept their row
    turns_written: int
    comments_written: int


def transcript_import(
    *,
    draft: TranscriptDraft,
    user=None,
    how: str = "Imported",
    update: Interview | None = None,
) -> ImportOutcome:
    """Save a confirmed transcript as an interview: all of it, or nothing.

    A draft with a source URL already in the archive updates that interview; so does `update`,
    the interview the editor agreed to update (`selectors.interview_for_reimport` finds it by
    the transcript's fingerprint). Otherwise the draft is a new interview, even when its text
    is already in the archive: only the editor may say it is the same. An update keeps the rows
    of turns whose text is unchanged (and so their anchors, when nothing before them moved) and
    the comments posted here, with their replies.

    `user` and `how` ("Imported from paste") are recorded in the edit history. Concurrent
    imports of the same title, person or source URL wait for each other (`_serialise_on`); what
    cannot be saved raises TranscriptImportError, never a database error.
    """
    _check_draft(draft)
    try:
        with transaction.atomic():
            _serialise_on(_import_lock_keys(draft))
            existing = _interview_to_update(draft, update)
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
            interview_revision_record(
                interview,
                user=user,
                comment=_history_comment(
                    how,
                    updated=existing is not None,
                    turns=turns_written,
                    comments=comments_written,
                ),
            )
    except DatabaseError as error:
        if not _is_refusal(error):
            raise  # the database is down: the site's outage page says so
        raise TranscriptImportError(saving_error_message(error)) from error
    return ImportOutcome(
        interview=interview,
        created=existing is None,
        people_created=people_created,
        turns_kept=turns_kept,
        turns_written=turns_written,
        comments_written=comments_written,
    )


def _interview_to_update(draft: TranscriptDraft, update: Interview | None) -> Interview | None:
    """The interview this import replaces, locked until it is saved; None for a new one."""
    if update is None:
        if not draft.source_url:
            return None
        return (
            Interview.objects.select_for_update()
            .filter(source_url=draft.source_url)
            .order_by("pk")
            .first()
        )
    interview = Interview.objects.select_for_update().filter(pk=update.pk).first()
    if interview is None:
        raise TranscriptImportError(
            f"The interview to update, “{update.title}”, has been deleted since: "
            "nothing was saved. Save it as a new interview instead."
        )
    if draft.source_url:
        holder = (
            Interview.objects.filter(source_url=draft.source_url).exclude(pk=interview.pk).first()
        )
        if holder is not None:
            raise TranscriptImportError(
                f"The source URL {draft.source_url} is that of another interview, "
                f"“{holder.title}”: update that one, or change the source URL."
            )
    return interview


def _history_comment(how: str, *, updated: bool, turns: int, comments: int) -> str:
    counts = f"{_count(turns, 'turn')}, {_count(comments, 'comment')}"
    if updated:
        return f"Updated by a re-import ({how[:1].lower()}{how[1:]}): {counts}"
    return f"{how}: {counts}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# A timestamp beyond this is a typing slip, not a recording.
MAX_TIMESTAMP_SECONDS = 100 * 3600


def _check_draft(draft: TranscriptDraft) -> None:
    """Refuse, with a reason, whatever the database would refuse, before anything is written."""
    if not draft.title.strip():
        raise TranscriptImportError("The interview needs a title.")
    if not draft.turns:
        raise TranscriptImportError("There are no turns to save.")
    _check_length("The title", draft.title.strip(), Interview, "title")
    _check_length("The subtitle", draft.deck.strip(), Interview, "deck")
    _check_length("The byline", " ".join(draft.byline.split()), Interview, "byline")
    _check_length("The source URL", draft.source_url, Interview, "source_url")
    _check_length("The slug", draft.slug, Interview, "slug")
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
        if turn.timestamp is not None and not 0 <= turn.timestamp <= MAX_TIMESTAMP_SECONDS:
            raise TranscriptImportError(
                f"Turn {number}'s timestamp is not between 0 and 100 hours."
            )
        _check_length(
            f"Turn {number}'s speaker label", turn.label or turn.speaker, Turn, "speaker_label"
        )
    roles = {Participation.Role.INTERVIEWER, Participation.Role.INTERVIEWEE, ""}
    for choice in draft.speakers:
        if choice.role not in roles:
            raise TranscriptImportError(
                f"Speaker {choice.label!r} has an unknown role {choice.role!r}."
            )
        if choice.person is None:
            _check_length(
                f"The new person's name “{choice.new_name[:40]}…”",
                " ".join(choice.new_name.split()),
                Person,
                "name",
            )


def _check_length(what: str, value: str, model, field_name: str) -> None:
    limit = model._meta.get_field(field_name).max_length
    if len(value) > limit:
        raise TranscriptImportError(f"{what} is longer than {limit} characters.")


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
        interview.published_on = draft.published.first_day()
        interview.date_precision = draft.published.precision
    else:
        interview.published_on = None
        interview.date_precision = Interview.DatePrecision.DAY
    interview.import_fingerprint = draft.fingerprint()
    if draft.slug and draft.slug != interview.slug:
        # The forms refuse a slug that is taken; one taken since (by an import saving at the
        # same moment) is numbered rather than lost.
        interview.slug = unique_slug(Interview, draft.title, preferred=draft.slug)
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
            person, is_new = person_get_or_create(name=name, aliases=aliases)
            speakers[choice.label] = person
            if is_new:
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


def _page_author_role(interview: Interview, *, any_marked: bool):
    """A function giving the role of a comment the source page marked as its author's.

    The page's author is one of the interview's people or its outlet, found by the name the
    comment is signed with; a name that is none of them is the page's author all the same, and
    on an interview's page that is most often its interviewer. One query, and only when the
    thread has such a comment.
    """
    participations = list(interview.participations.select_related("person")) if any_marked else []

    def role(author_name: str) -> str:
        return (
            comment_signed_as(
                author_name=author_name, participations=participations, outlet=interview.outlet
            )
            or Comment.Author.INTERVIEWER
        )

    return role


def _keep_page_author_badge(comment: Comment, parsed: ParsedComment, page_author_role) -> None:
    """The badge the source page showed, recorded as verified at import; an editor's stays."""
    if comment.verified_by in (Comment.Verification.EDITOR, Comment.Verification.ACCOUNT):
        return
    if parsed.by_page_author:
        comment.verified_as = page_author_role(parsed.author)
        comment.verified_by = Comment.Verification.IMPORT
    else:
        comment.verified_as = comment.verified_by = ""


def _write_comments(interview: Interview, parsed_comments: list[ParsedComment]) -> int:
    """Write the imported thread; keep comments posted here, and imported ones still present.

    Inserted level by level, since a reply needs its parent's id: as many queries as the thread
    is deep, not as it is long.
    """
    flat = thread_in_page_order(parsed_comments)
    page_author_role = _page_author_role(
        interview, any_marked=any(parsed.by_page_author for parsed, _ in flat)
    )

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
        _keep_page_author_badge(comment, parsed, page_author_role)
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
            [c for c in level_rows if c.pk],
            ["position", "parent", "verified_as", "verified_by"],
            batch_size=500,
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
    """Each comment with the index of its parent in the list, in page order."""
    return threads.with_parent_indexes(comments, children=comment_replies)


# --- Outlets, topics and people: found or created the same way by every entry point ---------


# "ann", "ann-2" and "ann-2-3" are one family: `unique_slug` may give any of them to a name
# whose slug is "ann" or "ann-2", so concurrent saves wait on the family, not the slug.
NUMBERED_ENDING = re.compile(r"(-\d+)+$")


def _slug_lock_key(model, text: str, *, preferred: str = "") -> str:
    family = NUMBERED_ENDING.sub("", slug_base(model, text, preferred=preferred))
    return f"{model._meta.label_lower}.slug:{family}"


def _name_lock_key(model, name: str) -> str:
    return f"{model._meta.label_lower}.name:{name_key(name)}"


def _import_lock_keys(draft: TranscriptDraft) -> set[str]:
    """What a concurrent import of the same title, source URL or new person must wait for."""
    keys = {_slug_lock_key(Interview, draft.title, preferred=draft.slug)}
    if draft.source_url:
        keys.add(f"interviews.interview.source_url:{draft.source_url}")
    for choice in draft.speakers:
        if choice.person is None and choice.new_name.strip():
            keys |= {
                _name_lock_key(Person, choice.new_name),
                _slug_lock_key(Person, choice.new_name),
            }
    return keys


def _serialise_on(keys: set[str]) -> None:
    """Wait until no other transaction holds one of these keys; hold them until this one ends.

    PostgreSQL's transaction-scoped advisory locks, taken in one global order so that two
    imports waiting for each other's keys cannot deadlock. Without them two imports of one new
    name would both find no such person, and both insert one: two people, or a unique slug's
    IntegrityError. Taking a key already held by this transaction returns at once, so callers
    may take a superset first (`export_import`). SQLite lets one writer in at a time anyway.
    """
    if connection.vendor != "postgresql" or not keys:
        return
    assert connection.in_atomic_block, "advisory locks outside a transaction are let go at once"
    numbers = sorted({_lock_number(key) for key in keys})
    with connection.cursor() as cursor:
        for number in numbers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def _lock_number(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _named_get_or_create(model, *, name: str, slug: str = "", **defaults):
    """The row with this slug, else with this name (in any case); else a new one.

    A name whose slug is taken by a row of another name ("Wired" beside "Wired UK") is a new
    row with a free slug: two outlets may share a slug's words, not an identity.

    Concurrent imports of one name wait for each other (`_serialise_on`); where they cannot
    (SQLite, or a slug family shared by two names), the unique slug refuses the second insert
    and the look-up is made again.
    """
    name, slug = " ".join(str(name).split()), str(slug).strip()
    if not name and not slug:
        return None
    for attempt in range(2):
        with transaction.atomic():
            _serialise_on(_named_lock_keys(model, name=name, slug=slug))
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


def _named_lock_keys(model, *, name: str, slug: str) -> set[str]:
    name, slug = " ".join(str(name).split()), str(slug).strip()
    keys = {_slug_lock_key(model, name, preferred=slugify(slug))}
    if name:
        keys.add(_name_lock_key(model, name))
    return keys


def outlet_get_or_create(*, name: str, slug: str = "", url: str = "") -> Outlet | None:
    """The outlet an import names (by slug, else by name), created if new; None for no name."""
    return _named_get_or_create(Outlet, name=name, slug=slug, url=url)


def topic_get_or_create(*, name: str, slug: str = "") -> Topic | None:
    """The topic an import names (by slug, else by name), created if new; None for no name."""
    return _named_get_or_create(Topic, name=name, slug=slug)


def person_get_or_create(*, name: str, aliases: list[str] = ()) -> tuple[Person, bool]:
    """The person an import names as new: created, unless someone of that very name exists.

    The preview proposes a new person when the archive had no one of that name as it parsed;
    by the time the import is saved, another import (saved meanwhile, or at the same moment)
    may have created them, and a second person of one name would split their interviews.
    Returns the person and whether they were created.
    """
    name = " ".join(name.split())
    with transaction.atomic():
        _serialise_on({_name_lock_key(Person, name), _slug_lock_key(Person, name)})
        key = name_key(name)
        same_name = Q(name__iexact=name)
        if slugify(name):
            # name_key ignores accents, which iexact does not; slugify drops them too.
            same_name |= Q(slug__startswith=slugify(name)[:MAX_SLUG_BASE])
        for person in Person.objects.filter(same_name).order_by("pk"):
            if name_key(person.name) == key:
                return person, False
        return person_create(name=name, aliases=aliases), True


def person_create(*, name: str, aliases: list[str] = ()) -> Person:
    """A new person named by an import, with the labels the transcript gave them as aliases."""
    name = " ".join(name.split())
    return Person.objects.create(name=name, slug=unique_slug(Person, name), aliases=list(aliases))


# --- Database errors, as an editor reads them -------------------------------------------------


def saving_error_message(error: Exception) -> str:
    """What went wrong while saving an import, in words an editor can act on.

    For the import's own TranscriptImportError, its message; for a database error, what it
    means for the import (never the database's own text, which names tables and constraints).
    """
    if isinstance(error, TranscriptImportError):
        return str(error)
    if isinstance(error, IntegrityError):
        return _integrity_error_message(error)
    if isinstance(error, DataError):
        return (
            "A value of this import does not fit the archive (too long, or out of range): "
            "nothing was saved. Shorten or correct it, then save again."
        )
    if isinstance(error.__cause__, TRANSACTION_ROLLBACK_ERRORS):
        return "Another import was being saved at the same moment: nothing was saved. Save again."
    return (
        "The database could not save the import just now (it may be restarting): nothing was "
        "saved. Try again in a moment."
    )


def _integrity_error_message(error: IntegrityError) -> str:
    kind, where = _constraint_of(error)
    if kind == "unique" and "interview" in where and "slug" in where:
        return (
            "Another interview took this slug while the import was being saved: nothing was "
            "saved. Save again to get a free slug, or choose another."
        )
    if kind == "unique" and "person" in where and "slug" in where:
        return (
            "A person of the same name was created while the import was being saved: nothing "
            "was saved. Save again to link the speaker to them."
        )
    if kind == "unique":
        return (
            "Someone else saved the same thing while the import was being saved: nothing was "
            "saved. Save again."
        )
    if kind == "foreign key":
        return (
            "A person, outlet or topic this import names was deleted while it was being "
            "saved: nothing was saved. Check the details and speakers, then save again."
        )
    if kind in ("check", "not null"):
        return (
            "A value of this import is not one the archive accepts (an unknown kind, role or "
            "status): nothing was saved. Correct it, then save again."
        )
    return (
        "The archive refused this import: nothing was saved. Save again; if it is refused "
        "again, check its details and speakers."
    )


def _is_refusal(error: DatabaseError) -> bool:
    """An error about this import's data or timing, rather than a database that is down."""
    return isinstance(error, IntegrityError | DataError) or isinstance(
        error.__cause__, TRANSACTION_ROLLBACK_ERRORS
    )


def _constraint_of(error: IntegrityError) -> tuple[str, str]:
    """What kind of constraint refused a row ("unique", "foreign key", "check", "not null"),
    and the table and constraint it names, lowercased, from either database."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # PostgreSQL
        kinds = {
            UniqueViolation: "unique",
            ForeignKeyViolation: "foreign key",
            CheckViolation: "check",
            NotNullViolation: "not null",
        }
        kind = next((name for cls, name in kinds.items() if isinstance(cause, cls)), "")
        return kind, f"{diag.table_name or ''} {diag.constraint_name or ''}".lower()
    # SQLite: "UNIQUE constraint failed: interviews_interview.slug".
    text = str(error).lower()
    kind = next(
        (name for name in ("unique", "foreign key", "check", "not null") if text.startswith(name)),
        "",
    )
    return kind, text


# --- A JSON export --------------------------------------------------------------------------


def export_import(
    *,
    data: dict,
    status: str = Interview.Status.DRAFT,
    user=None,
    how: str = "Imported from a JSON export",
    update: Interview | None = None,
) -> ImportOutcome:
    """Import a JSON export: its outlet and topics are created when the archive lacks them.

    ExportFormatError for data that is not a readable export; TranscriptImportError for an
    export that cannot be saved. `user`, `how` and `update` are `transcript_import`'s.
    """
    check_schema(data)
    try:
        with transaction.atomic():
            draft = draft_from_export(data=data, status=status)
            outlet = data.get("outlet")
            topics = data.get("topics", [])
            # Every key at once, in order: taking the outlet's, then the interview's, could
            # deadlock with an import taking them the other way round.
            keys = _import_lock_keys(draft)
            if outlet:
                keys |= _named_lock_keys(Outlet, name=outlet["name"], slug=outlet.get("slug") or "")
            for topic in topics:
                keys |= _named_lock_keys(Topic, name=topic["name"], slug=topic.get("slug") or "")
            _serialise_on(keys)
            if outlet:
                draft.outlet = outlet_get_or_create(
                    name=outlet["name"], slug=outlet.get("slug") or "", url=outlet.get("url") or ""
                )
            found = [
                topic_get_or_create(name=topic["name"], slug=topic.get("slug") or "")
                for topic in topics
            ]
            draft.topics = list({topic.pk: topic for topic in found if topic}.values())
            return transcript_import(draft=draft, user=user, how=how, update=update)
    except (KeyError, TypeError, AttributeError) as error:
        raise ExportFormatError(f"The export is incomplete or malformed ({error!r}).") from error
    except DatabaseError as error:
        if not _is_refusal(error):
            raise
        raise TranscriptImportError(saving_error_message(error)) from error
