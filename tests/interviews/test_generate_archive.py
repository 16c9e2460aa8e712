"""generate_archive: a synthetic archive of the shape the scale benchmark needs."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min

from interviews import synthetic
from interviews.changes import archive_version
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from people.models import Person


@pytest.fixture
def generated(db):
    call_command("generate_archive", interviews=12, seed=7, no_analyse=True, verbosity=0)
    return Interview.objects.all()


def test_it_writes_the_catalogue_and_the_interviews_asked_for(generated):
    assert generated.count() == 12
    assert Person.objects.count() == synthetic.PEOPLE
    assert Outlet.objects.count() == synthetic.OUTLETS
    assert Topic.objects.count() == synthetic.TOPICS


def test_each_interview_has_its_people_topics_turns_and_dates_in_range(generated):
    turns = Interview.objects.annotate(count=Count("turns")).aggregate(
        fewest=Min("count"), most=Max("count")
    )
    assert synthetic.MIN_TURNS <= turns["fewest"] <= turns["most"] <= synthetic.MAX_TURNS
    for interview in generated:
        roles = set(interview.participations.values_list("role", flat=True))
        assert roles == {Participation.Role.INTERVIEWER, Participation.Role.INTERVIEWEE}
        assert 1 <= interview.topics.count() <= 4
        first_year = synthetic.FIRST_YEAR
        assert first_year <= interview.published_on.year < first_year + synthetic.YEARS
    # Questions and answers alternate, each by someone taking part.
    turn = Turn.objects.filter(position=1).select_related("speaker").first()
    assert turn.kind == Turn.Kind.QUESTION and turn.text.endswith("?")
    assert turn.speaker.participations.filter(interview=turn.interview).exists()


def test_replies_answer_earlier_comments_of_the_same_interview(generated):
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    for reply in replies:
        assert reply.parent.interview_id == reply.interview_id
        assert reply.parent.position < reply.position
    counts = Interview.objects.annotate(count=Count("comments")).values_list("count", flat=True)
    assert max(counts) <= synthetic.MAX_COMMENTS


def test_the_same_seed_makes_the_same_rows():
    catalogue = synthetic.catalogue_in_memory(seed=3)

    def rows(seed):
        made = synthetic.ChunkRows()
        ids = dict.fromkeys(("interview", "participation", "topic_link", "turn", "comment"), 1)
        for number in range(5):
            synthetic.interview_rows(
                number=number, seed=seed, catalogue=catalogue, ids=ids, rows=made
            )
        return made

    assert rows(3) == rows(3)
    assert rows(3) != rows(4)


def test_a_generated_interview_reads_like_any_other(client, generated):
    interview = Interview.objects.published().first()

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
    assert Person.objects.count() == 2 * synthetic.PEOPLE


@pytest.mark.postgres
def test_on_postgres_the_copied_rows_are_searchable(client, generated):
    # Written by COPY, the search columns are still computed by the database.
    turn = Turn.objects.filter(interview__status="published", text__contains="Lisbon").first()

    response = client.get("/interviews/", {"q": "Lisbon"})

    assert response.status_code == 200
    assert turn.interview in response.context["page"].object_list
