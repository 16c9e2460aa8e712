"""generate_archive: a synthetic archive of the shape the scale benchmark needs."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min

from config.archive_version import archive_version
from interviews.management.synthetic.archive import MODELS
from interviews.management.synthetic.catalogue import OUTLETS, PEOPLE, TOPICS, catalogue_in_memory
from interviews.management.synthetic.comments import MAX_COMMENTS
from interviews.management.synthetic.database import columns
from interviews.management.synthetic.interviews import (
    FIRST_YEAR,
    MAX_TURNS,
    MIN_TURNS,
    YEARS,
    ChunkRows,
    interview_rows,
)
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from people.models import Person


@pytest.fixture
def generated(db):
    call_command("generate_archive", interviews=12, seed=7, no_analyse=True, verbosity=0)
    return Interview.objects.all()


def test_it_writes_the_catalogue_and_the_interviews_asked_for(generated):
    assert generated.count() == 12
    assert Person.objects.count() == PEOPLE
    assert Outlet.objects.count() == OUTLETS
    assert Topic.objects.count() == TOPICS


def test_each_interview_has_its_people_topics_turns_and_dates_in_range(generated):
    turns = Interview.objects.annotate(count=Count("turns")).aggregate(
        fewest=Min("count"), most=Max("count")
    )
    assert MIN_TURNS <= turns["fewest"] <= turns["most"] <= MAX_TURNS
    # Seed 7 is deterministic: these are its numbers, so the loop below checks all 12.
    assert len(generated) == 12
    assert Turn.objects.count() == 520
    assert Participation.objects.count() == 26
    for interview in generated:
        roles = set(interview.participations.values_list("role", flat=True))
        assert roles == {Participation.Role.INTERVIEWER, Participation.Role.INTERVIEWEE}
        assert 1 <= interview.topics.count() <= 4
        assert FIRST_YEAR <= interview.published_on.year < FIRST_YEAR + YEARS
    # Questions and answers alternate, each by someone taking part.
    turn = Turn.objects.filter(position=1).select_related("speaker").first()
    assert turn is not None
    assert turn.kind == Turn.Kind.QUESTION and turn.text.endswith("?")
    assert turn.speaker.participations.filter(interview=turn.interview).exists()


def test_replies_answer_earlier_comments_of_the_same_interview(generated):
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    # Seed 7 threads 33 of its 68 comments as replies: the loop below checks each one.
    assert replies.count() == 33
    assert Comment.objects.count() == 68
    for reply in replies:
        assert reply.parent.interview_id == reply.interview_id
        assert reply.parent.position < reply.position
    counts = Interview.objects.annotate(count=Count("comments")).values_list("count", flat=True)
    assert max(counts) <= MAX_COMMENTS


def rows_in_memory(*, seed: int, count: int, catalogue_seed: int = 3) -> ChunkRows:
    """The rows of interviews 0 to count - 1, made without a database."""
    catalogue = catalogue_in_memory(seed=catalogue_seed)
    made = ChunkRows()
    ids = dict.fromkeys(("interview", "participation", "topic_link", "turn", "comment"), 1)
    for number in range(count):
        interview_rows(number=number, seed=seed, catalogue=catalogue, ids=ids, rows=made)
    return made


def test_the_same_seed_makes_the_same_rows():
    first = rows_in_memory(seed=3, count=5)

    assert (len(first.interviews), len(first.turns), len(first.comments)) == (5, 314, 39)
    assert rows_in_memory(seed=3, count=5) == first
    assert rows_in_memory(seed=4, count=5) != first


def test_every_row_names_every_column_copy_writes():
    # COPY (PostgreSQL) reads each column from the row by name: a column the generator forgets,
    # such as one a new migration adds, must fail here on SQLite too, not only on PostgreSQL.
    made = rows_in_memory(seed=1, count=20)

    for name, model in MODELS.items():
        rows = getattr(made, name)
        assert rows, name
        assert {frozenset(row) for row in rows} == {frozenset(columns(model))}, name


def test_a_generated_interview_reads_like_any_other(client, generated):
    interview = Interview.objects.published().first()
    assert interview is not None

    response = client.get(interview.get_absolute_url())

    assert response.status_code == 200
    assert interview.title in response.content.decode()


def test_it_moves_the_archive_version_for_pages_and_cached_facets(db, committed):
    before, _ = archive_version()

    with committed():
        call_command("generate_archive", interviews=1, seed=2, no_analyse=True, verbosity=0)

    assert archive_version()[0] > before


def test_running_it_again_adds_a_second_archive_beside_the_first(generated):
    call_command("generate_archive", interviews=3, seed=7, no_analyse=True, verbosity=0)

    assert Interview.objects.count() == 15
    assert Person.objects.count() == 2 * PEOPLE


@pytest.mark.postgres
def test_on_postgres_the_copied_rows_are_searchable(client, generated):
    # Written by COPY, the search columns are still computed by the database.
    turn = Turn.objects.filter(interview__status="published", text__contains="Lisbon").first()
    assert turn is not None

    response = client.get("/interviews/", {"q": "Lisbon"})

    assert response.status_code == 200
    assert turn.interview in response.context["page"].object_list
