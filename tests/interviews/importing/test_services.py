"""`transcript_import`: a confirmed transcript saved as an interview, all of it or nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DataError, IntegrityError, OperationalError, connection
from django.test.utils import CaptureQueriesContext
from psycopg.errors import DeadlockDetected
from reversion.models import Revision, Version

from interviews.importing.drafts import (
    SpeakerChoice,
    TranscriptDraft,
    transcript_fingerprint,
)
from interviews.importing.selectors import interview_for_reimport
from interviews.importing.services import (
    TranscriptImportError,
    outlet_get_or_create,
    saving_error_message,
    topic_get_or_create,
    transcript_import,
)
from interviews.models import Comment, Interview, Outlet, Participation, Turn
from interviews.transcript.model import KINDS, ParsedComment, ParsedTurn, PartialDate
from people.models import Person

SOURCE_URL = "https://example.org/an-interview"


def conversation(*texts: str) -> list[ParsedTurn]:
    """Questions by KING and answers by GUEST, alternating."""
    return [
        ParsedTurn(speaker="KING", kind="question", text=text, label="KING")
        if n % 2 == 0
        else ParsedTurn(speaker="GUEST", kind="answer", text=text)
        for n, text in enumerate(texts)
    ]


def draft(**fields) -> TranscriptDraft:
    fields.setdefault("title", "An interview")
    fields.setdefault("turns", conversation("Why?", "Because.", "Really?", "Yes."))
    fields.setdefault(
        "speakers",
        [
            SpeakerChoice(label="KING", new_name="Larry King", role="interviewer"),
            SpeakerChoice(label="GUEST", new_name="Ada Guest", role="interviewee"),
        ],
    )
    fields.setdefault("source_url", SOURCE_URL)
    return TranscriptDraft(**fields)


def thread() -> list[ParsedComment]:
    return [
        ParsedComment(
            author="Reader One",
            text="First!",
            posted="2018-07-02T13:16",
            replies=[
                ParsedComment(
                    author="Reader Two",
                    text="A reply.",
                    replies=[ParsedComment(author="Reader One", text="A reply to the reply.")],
                )
            ],
        ),
        ParsedComment(author="Reader Three", text="Second thread."),
    ]


def test_an_import_creates_the_interview_with_its_turns_in_order(db):
    outcome = transcript_import(draft=draft())
    interview = outcome.interview
    assert outcome.created is True
    assert (outcome.turns_written, outcome.turns_kept) == (4, 0)
    assert interview.slug == "an-interview"
    assert interview.status == Interview.Status.DRAFT
    turns = list(interview.turns.order_by("position"))
    assert [(t.position, t.kind, t.text) for t in turns] == [
        (1, "question", "Why?"),
        (2, "answer", "Because."),
        (3, "question", "Really?"),
        (4, "answer", "Yes."),
    ]
    assert [t.speaker.name for t in turns] == ["Larry King", "Ada Guest"] * 2
    # The label as the transcript wrote it, else the merged label.
    assert [t.speaker_label for t in turns] == ["KING", "GUEST"] * 2


def test_new_people_are_created_with_the_label_as_an_alias(db):
    outcome = transcript_import(draft=draft())
    assert [p.name for p in outcome.people_created] == ["Larry King", "Ada Guest"]
    king = Person.objects.get(name="Larry King")
    assert king.aliases == ["KING"]
    assert king.slug == "larry-king"


def test_an_existing_person_is_linked_not_created(make_person):
    ada = make_person("Ada Guest")
    choices = [
        SpeakerChoice(label="KING", new_name="Larry King", role="interviewer"),
        SpeakerChoice(label="GUEST", person=ada, role="interviewee"),
    ]
    outcome = transcript_import(draft=draft(speakers=choices))
    assert [p.name for p in outcome.people_created] == ["Larry King"]
    assert set(outcome.interview.turns.values_list("speaker", flat=True)) == {
        ada.pk,
        Person.objects.get(name="Larry King").pk,
    }


def test_participations_have_the_confirmed_roles(db):
    choices = [
        SpeakerChoice(label="KING", new_name="Larry King", role="interviewer"),
        SpeakerChoice(label="GUEST", new_name="Ada Guest", role="interviewee"),
        SpeakerChoice(label="VOICE", new_name="Announcer", role=""),
    ]
    interview = transcript_import(draft=draft(speakers=choices)).interview
    assert set(interview.participations.values_list("person__name", "role")) == {
        ("Larry King", Participation.Role.INTERVIEWER),
        ("Ada Guest", Participation.Role.INTERVIEWEE),
    }


def test_a_speaker_left_unmatched_keeps_the_label_and_no_person(db):
    choices = [SpeakerChoice(label="KING", role="interviewer"), SpeakerChoice(label="GUEST")]
    outcome = transcript_import(draft=draft(speakers=choices))
    assert outcome.people_created == []
    assert not outcome.interview.participations.exists()
    assert set(outcome.interview.turns.values_list("speaker", "speaker_label")) == {
        (None, "KING"),
        (None, "GUEST"),
    }


@pytest.mark.parametrize(
    ("published", "stored", "precision", "shown"),
    [
        (PartialDate(2018, 7, 2), datetime.date(2018, 7, 2), "day", "2 July 2018"),
        (PartialDate(2017, 12), datetime.date(2017, 12, 1), "month", "December 2017"),
        (PartialDate(2016), datetime.date(2016, 1, 1), "year", "2016"),
        (None, None, "day", ""),
    ],
)
def test_the_date_keeps_its_precision(db, published, stored, precision, shown):
    interview = transcript_import(draft=draft(published=published)).interview
    interview.refresh_from_db()
    assert (interview.published_on, interview.date_precision) == (stored, precision)
    assert interview.published_display == shown


def test_comments_are_threaded_with_their_parents_in_page_order(db):
    interview = transcript_import(draft=draft(comments=thread())).interview
    comments = list(interview.comments.order_by("position"))
    assert [(c.position, c.author_name, c.parent and c.parent.text) for c in comments] == [
        (1, "Reader One", None),
        (2, "Reader Two", "First!"),
        (3, "Reader One", "A reply."),
        (4, "Reader Three", None),
    ]
    first = comments[0]
    assert first.posted_at == datetime.datetime(2018, 7, 2, 13, 16, tzinfo=datetime.UTC)
    assert {c.origin for c in comments} == {Comment.Origin.IMPORTED}
    assert {c.status for c in comments} == {Comment.Status.PUBLIC}


def test_importing_the_same_source_url_again_updates_the_interview(db):
    first = transcript_import(draft=draft(title="First title"))
    second = transcript_import(draft=draft(title="Second title"))
    assert second.created is False
    assert second.interview.pk == first.interview.pk
    assert Interview.objects.get().title == "Second title"
    # The slug made the first time stays: links to the interview keep working.
    assert Interview.objects.get().slug == "first-title"


def test_turn_rows_with_unchanged_text_are_kept_on_reimport(db):
    interview = transcript_import(draft=draft()).interview
    before = dict(interview.turns.values_list("text", "pk"))

    turns = conversation("Why?", "Because.", "A new question?", "Really?", "Yes.")
    outcome = transcript_import(draft=draft(turns=turns))

    after = dict(interview.turns.values_list("text", "pk"))
    assert outcome.turns_kept == 4
    assert outcome.turns_written == 5
    assert {text: after[text] for text in before} == before
    assert list(interview.turns.order_by("position").values_list("text", flat=True)) == [
        "Why?",
        "Because.",
        "A new question?",
        "Really?",
        "Yes.",
    ]


def test_a_reimport_keeps_comments_posted_here_after_the_imported_thread(db):
    interview = transcript_import(draft=draft(comments=thread())).interview
    first = interview.comments.get(text="First!")
    posted = Comment.objects.create(
        interview=interview,
        parent=first,
        author_name="Local reader",
        text="Posted here.",
        origin=Comment.Origin.POSTED,
        position=99,
    )
    transcript_import(draft=draft(comments=[*thread(), ParsedComment("Reader Four", "New.")]))

    comments = list(interview.comments.order_by("position"))
    assert [c.text for c in comments] == [
        "First!",
        "A reply.",
        "A reply to the reply.",
        "Second thread.",
        "New.",
        "Posted here.",
    ]
    posted.refresh_from_db()
    assert posted.parent == interview.comments.get(text="First!")
    assert interview.comments.get(text="First!").pk == first.pk


def test_a_reimport_keeps_a_removed_thread_that_was_answered_here(db):
    interview = transcript_import(draft=draft(comments=thread())).interview
    # A reader here answered the deepest reply of the first thread...
    deepest = interview.comments.get(text="A reply to the reply.")
    Comment.objects.create(
        interview=interview,
        parent=deepest,
        author_name="Local reader",
        text="Posted here.",
        origin=Comment.Origin.POSTED,
        position=99,
    )
    # ...and then the source page dropped that whole thread.
    transcript_import(draft=draft(comments=[ParsedComment("Reader Three", "Second thread.")]))

    texts = list(interview.comments.order_by("position").values_list("text", flat=True))
    assert texts[0] == "Second thread."
    assert set(texts[1:]) == {"First!", "A reply.", "A reply to the reply.", "Posted here."}


def test_a_reimport_drops_imported_comments_gone_from_the_page(db):
    interview = transcript_import(draft=draft(comments=thread())).interview
    transcript_import(draft=draft(comments=[ParsedComment("Reader Three", "Second thread.")]))
    assert list(interview.comments.values_list("text", flat=True)) == ["Second thread."]


def test_a_reply_that_became_a_comment_of_its_own_loses_its_parent(db):
    interview = transcript_import(draft=draft(comments=thread())).interview
    reply = interview.comments.get(text="A reply.")
    transcript_import(
        draft=draft(comments=[ParsedComment("Reader Two", "A reply."), *thread()[1:]])
    )
    reply.refresh_from_db()
    assert reply.parent is None


def test_the_byline_is_saved_on_one_line(db):
    interview = transcript_import(draft=draft(byline=" Interview by\n Ann  Lee ")).interview
    assert interview.byline == "Interview by Ann Lee"


def test_the_command_saves_the_byline_it_reads(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(
        "A Talk on Tides\n\nBy Ann Lee\n\n"
        "Ann Lee: How did you start?\n\nTom Reid: On my father's boat.\n",
        encoding="utf-8",
    )
    call_command("import_transcript", str(path), stdout=io.StringIO())
    assert Interview.objects.get().byline == "By Ann Lee"


def test_a_draft_that_cannot_be_saved_is_refused_before_any_write(db):
    turns = conversation("Why?", "Because.")
    turns[1].kind = "monologue"
    with pytest.raises(TranscriptImportError, match="Turn 2 has an unknown kind 'monologue'"):
        transcript_import(draft=draft(turns=turns))
    assert not Interview.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "needs a title"),
        ({"turns": []}, "no turns"),
        ({"turns": [ParsedTurn("NOBODY", "answer", "Hi.")]}, "not in the speakers"),
        ({"turns": [ParsedTurn("KING", "answer", "  ")]}, "has no text"),
        (
            {"speakers": [SpeakerChoice("KING", role="host"), SpeakerChoice("GUEST")]},
            "unknown role",
        ),
        ({"byline": "By " + "Ann Lee " * 50}, "byline is longer than 300"),
    ],
)
def test_an_incomplete_draft_is_refused(db, change, message):
    with pytest.raises(TranscriptImportError, match=message):
        transcript_import(draft=draft(**change))
    assert not Interview.objects.exists()


def test_a_failure_midway_saves_nothing(db, monkeypatch):
    # A kind the checks let through but the database refuses fails the turns' bulk insert,
    # after the interview, its people and its participations were written.
    monkeypatch.setattr("interviews.importing.services.KINDS", (*KINDS, "bogus"))
    turns = conversation("Why?", "Because.")
    turns[1].kind = "bogus"
    with pytest.raises(TranscriptImportError, match="not one the archive accepts") as refused:
        transcript_import(draft=draft(turns=turns, comments=thread()))
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert not Interview.objects.exists()
    assert not Person.objects.exists()
    assert not Participation.objects.exists()
    assert not Turn.objects.exists()


def test_a_failed_reimport_leaves_the_interview_as_it_was(db, monkeypatch):
    interview = transcript_import(draft=draft(title="Before", comments=thread())).interview
    before = list(interview.turns.order_by("position").values_list("pk", "position", "text"))
    monkeypatch.setattr("interviews.importing.services.KINDS", (*KINDS, "bogus"))
    turns = conversation("Why?", "Something new.")
    turns[1].kind = "bogus"
    with pytest.raises(TranscriptImportError):
        transcript_import(draft=draft(title="After", turns=turns))
    interview.refresh_from_db()
    assert interview.title == "Before"
    assert list(interview.turns.order_by("position").values_list("pk", "position", "text")) == (
        before
    )
    assert interview.comments.count() == 4


# --- The edit history: who imported, and how ------------------------------------------------


def import_revision(interview: Interview) -> Revision:
    return Version.objects.get_for_object(interview).order_by("-pk").first().revision


def test_an_import_records_its_editor_and_what_they_did(db, editor):
    outcome = transcript_import(
        draft=draft(comments=thread()), user=editor, how="Imported from file talk.txt"
    )

    revision = import_revision(outcome.interview)
    assert revision.user == editor
    assert revision.comment == "Imported from file talk.txt: 4 turns, 4 comments"


def test_an_import_without_an_editor_says_how_it_was_made(db):
    outcome = transcript_import(
        draft=draft(turns=conversation("Why?")), how="Imported by import_transcript from a.txt"
    )

    revision = import_revision(outcome.interview)
    assert revision.user is None
    assert revision.comment == "Imported by import_transcript from a.txt: 1 turn, 0 comments"


def test_a_reimport_is_recorded_as_an_update(db, editor):
    transcript_import(draft=draft())
    outcome = transcript_import(draft=draft(), user=editor, how="Imported from paste")

    revision = import_revision(outcome.interview)
    assert revision.user == editor
    assert revision.comment == "Updated by a re-import (imported from paste): 4 turns, 0 comments"


# --- Re-importing a transcript without its source URL ----------------------------------------


def test_an_import_stores_the_fingerprint_of_its_turns(db):
    outcome = transcript_import(draft=draft(source_url=""))
    assert outcome.interview.import_fingerprint == transcript_fingerprint(
        ["Why?", "Because.", "Really?", "Yes."]
    )


def test_the_same_text_without_a_source_url_is_a_new_interview_unless_the_editor_agrees(db):
    first = transcript_import(draft=draft(title="Twice", source_url="")).interview

    second = transcript_import(draft=draft(title="Twice", source_url="")).interview

    assert second.pk != first.pk
    assert (first.slug, second.slug) == ("twice", "twice-2")


def test_an_update_the_editor_agreed_to_replaces_that_interview(db, editor):
    first = transcript_import(draft=draft(title="Before", source_url="")).interview
    found = interview_for_reimport(source_url="", fingerprint=draft().fingerprint())

    outcome = transcript_import(
        draft=draft(title="After", source_url="", turns=conversation("Why?", "Because!")),
        user=editor,
        how="Imported from paste",
        update=found,
    )

    assert outcome.created is False
    assert outcome.interview.pk == first.pk
    assert Interview.objects.get().title == "After"
    assert outcome.interview.slug == "before"  # links to it keep working
    assert (
        outcome.interview.import_fingerprint
        == draft(turns=conversation("Why?", "Because!")).fingerprint()
    )
    assert import_revision(first).comment.startswith("Updated by a re-import (imported from")


def test_an_update_of_an_interview_deleted_meanwhile_is_refused(db):
    interview = transcript_import(draft=draft(source_url="")).interview
    Interview.objects.filter(pk=interview.pk).delete()

    with pytest.raises(TranscriptImportError, match="has been deleted since"):
        transcript_import(draft=draft(source_url=""), update=interview)
    assert not Interview.objects.exists()


def test_an_update_cannot_take_the_source_url_of_another_interview(db):
    other = transcript_import(draft=draft(title="Other")).interview  # has SOURCE_URL
    target = transcript_import(draft=draft(title="Target", source_url="")).interview

    with pytest.raises(TranscriptImportError, match="“Other”"):
        transcript_import(draft=draft(title="Target again"), update=target)
    assert set(Interview.objects.values_list("title", "source_url")) == {
        ("Other", SOURCE_URL),
        ("Target", ""),
    }
    assert other.pk != target.pk


# --- People, slugs and what the database would refuse ---------------------------------------


def test_a_new_person_already_in_the_archive_by_that_name_is_linked_not_created_again(
    make_person,
):
    existing = make_person("Larry King")
    make_person("François Guest", slug="francois-guest")
    outcome = transcript_import(
        draft=draft(
            speakers=[
                SpeakerChoice(label="KING", new_name="larry  king", role="interviewer"),
                SpeakerChoice(label="GUEST", new_name="Francois Guest", role="interviewee"),
            ]
        )
    )
    assert outcome.people_created == []
    assert Person.objects.count() == 2
    assert outcome.interview.turns.order_by("position").first().speaker == existing


def test_a_slug_taken_since_the_preview_is_numbered(db, make_interview):
    make_interview("Someone else", slug="my-slug")
    outcome = transcript_import(draft=draft(slug="my-slug"))
    assert outcome.interview.slug == "my-slug-2"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "T" * 301}, "The title is longer than 300 characters"),
        ({"deck": "D" * 501}, "The subtitle is longer than 500 characters"),
        ({"slug": "s" * 201}, "The slug is longer than 200 characters"),
        (
            {
                "speakers": [
                    SpeakerChoice(label="KING", new_name="N" * 201),
                    SpeakerChoice(label="GUEST"),
                ]
            },
            "name .* is longer than 200 characters",
        ),
        (
            {"turns": [ParsedTurn(speaker="", kind="answer", text="Hi", timestamp=360_001)]},
            "Turn 1's timestamp is not between 0 and 100 hours",
        ),
        (
            {"turns": [ParsedTurn(speaker="", kind="answer", text="Hi", timestamp=-1)]},
            "Turn 1's timestamp",
        ),
        (
            {"turns": [ParsedTurn(speaker="", kind="answer", text="Hi", label="L" * 201)]},
            "Turn 1's speaker label is longer than 200",
        ),
    ],
)
def test_a_value_the_database_would_refuse_is_refused_first_with_a_reason(db, change, message):
    with pytest.raises(TranscriptImportError, match=message):
        transcript_import(draft=draft(**change))
    assert not Interview.objects.exists()


def test_a_unique_slug_taken_at_the_last_moment_is_a_message_not_a_database_error(
    db, make_interview, monkeypatch
):
    # As if another import took the slug between the look-up and the insert.
    make_interview("Someone else", slug="taken")
    monkeypatch.setattr("interviews.importing.services.unique_slug", lambda *a, **k: "taken")

    with pytest.raises(TranscriptImportError) as refused:
        transcript_import(draft=draft())

    message = str(refused.value)
    assert message.startswith("Another interview took this slug")
    assert "constraint" not in message and "duplicate key" not in message
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert saving_error_message(refused.value.__cause__) == message


def test_every_database_error_has_words_for_the_editor():
    down = OperationalError("connection to server at 127.0.0.1, port 5432 failed")
    deadlock = OperationalError("deadlock detected")
    deadlock.__cause__ = DeadlockDetected("deadlock detected")
    too_long = DataError("value too long for type character varying(300)")

    assert saving_error_message(down).startswith("The database could not save the import")
    assert saving_error_message(deadlock).startswith("Another import was being saved")
    assert saving_error_message(too_long).startswith("A value of this import does not fit")
    for error in (down, deadlock, too_long):
        assert str(error) not in saving_error_message(error)
    assert saving_error_message(TranscriptImportError("As it is.")) == "As it is."


def test_a_database_that_is_down_is_left_to_the_outage_page(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("interviews.importing.services._fill_interview", refuse)
    with pytest.raises(OperationalError):
        transcript_import(draft=draft())


def queries_to_import(turn_count: int, *, name: str) -> tuple[int, int]:
    """The queries of a first import of `turn_count` turns and comments, then of a re-import."""
    texts = [f"Turn {n}." for n in range(turn_count)]
    comments = [
        ParsedComment(author=f"Reader {n}", text="Hi.", replies=[ParsedComment("Ann", "Yes.")])
        for n in range(turn_count // 2)
    ]
    fields = {
        "comments": comments,
        "source_url": f"https://example.org/{name}",
        "speakers": [
            SpeakerChoice(label="KING", new_name=f"{name} King", role="interviewer"),
            SpeakerChoice(label="GUEST", new_name=f"{name} Guest", role="interviewee"),
        ],
    }
    with CaptureQueriesContext(connection) as first:
        transcript_import(draft=draft(turns=conversation(*texts), **fields))
    with CaptureQueriesContext(connection) as again:
        transcript_import(draft=draft(turns=conversation(*texts[::-1]), **fields))
    return len(first), len(again)


def test_an_import_costs_the_same_queries_however_long_it_is(db):
    # The short one first: it fills the content types' cache. Not much longer: SQLite splits a
    # statement of more than 999 values, PostgreSQL does not.
    short = queries_to_import(10, name="Short")
    assert queries_to_import(40, name="Long") == short


@pytest.mark.parametrize(
    ("existing", "asked", "found"),
    [
        ({"name": "Wired", "slug": "wired"}, {"name": "WIRED"}, "wired"),
        ({"name": "Wired", "slug": "wired"}, {"name": "Wired Magazine", "slug": "wired"}, "wired"),
        ({"name": "Le Monde", "slug": "le-monde"}, {"name": "le  monde"}, "le-monde"),
        ({"name": "Wired UK", "slug": "wired"}, {"name": "Wired"}, "wired-2"),
    ],
)
def test_every_entry_point_finds_an_outlet_by_slug_then_name(db, existing, asked, found):
    Outlet.objects.create(**existing)
    assert outlet_get_or_create(**asked).slug == found


def test_a_new_outlet_or_topic_gets_a_free_slug(db):
    Outlet.objects.create(name="Something Else", slug="nature")
    outlet = outlet_get_or_create(name="Nature ", url="https://nature.example")
    assert (outlet.name, outlet.slug, outlet.url) == (
        "Nature",
        "nature-2",
        "https://nature.example",
    )
    assert topic_get_or_create(name="  ") is None
    assert outlet_get_or_create(name="") is None
    assert topic_get_or_create(name="Deep Learning").slug == "deep-learning"
