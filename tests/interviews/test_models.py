"""The data model's rules, enforced by the database where data could otherwise be lost."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from interviews.models import Comment, Interview, Participation, Turn, choices_of, public_people
from interviews.transcript.model import KINDS, ROLES, Precision, TurnKind


def add_comment(interview, position, parent=None, **fields):
    return Comment.objects.create(
        interview=interview,
        parent=parent,
        author_name=fields.pop("author_name", f"Reader {position}"),
        text=fields.pop("text", "Thanks!"),
        position=position,
        **fields,
    )


def test_turn_positions_are_unique_within_an_interview(make_interview):
    interview = make_interview(turns=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.create(interview=interview, position=1, text="Again at position 1")


def test_the_same_turn_position_is_fine_in_another_interview(make_interview):
    make_interview(turns=1)
    other = make_interview(turns=1)
    assert other.turns.get().position == 1


def test_turn_kind_outside_the_choices_is_refused_by_the_database(make_interview):
    interview = make_interview(turns=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.create(interview=interview, position=1, kind="monologue", text="x")


def test_comment_positions_are_unique_within_an_interview(make_interview):
    interview = make_interview(comments=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_comment(interview, position=1)


def test_a_reply_may_answer_a_reply_to_any_depth(make_interview):
    interview = make_interview(turns=0)
    parent = add_comment(interview, 1)
    for position in range(2, 8):
        parent = add_comment(interview, position, parent=parent)
    depth = 0
    while parent.parent_id:
        parent, depth = parent.parent, depth + 1
    assert depth == 6


def test_a_reply_to_a_comment_on_another_interview_is_refused(make_interview):
    first, second = make_interview(turns=0), make_interview(turns=0)
    parent = add_comment(first, 1)
    with pytest.raises(IntegrityError, match="comment_parent_same_interview"), transaction.atomic():
        add_comment(second, 1, parent=parent)
    assert second.comments.count() == 0


def test_moving_a_reply_to_another_interview_is_refused(make_interview):
    first, second = make_interview(turns=0), make_interview(turns=0)
    reply = add_comment(first, 2, parent=add_comment(first, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=reply.pk).update(interview=second)


def test_moving_a_comment_away_from_its_replies_is_refused(make_interview):
    first, second = make_interview(turns=0), make_interview(turns=0)
    parent = add_comment(first, 1)
    add_comment(first, 2, parent=parent)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=parent.pk).update(interview=second)


def test_a_comment_cannot_be_its_own_parent(make_interview):
    comment = add_comment(make_interview(turns=0), 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(parent=comment)


def test_comment_clean_explains_a_cross_interview_reply(make_interview):
    first, second = make_interview(turns=0), make_interview(turns=0)
    reply = Comment(interview=second, parent=add_comment(first, 1), author_name="x", text="y")
    with pytest.raises(ValidationError, match="same interview"):
        reply.clean()


def test_deleting_a_person_who_speaks_in_a_turn_is_refused(make_interview, make_person):
    speaker = make_person("Speaker")
    interview = make_interview(turns=0)
    Turn.objects.create(interview=interview, position=1, speaker=speaker, text="Hello")
    Participation.objects.filter(interview=interview).delete()
    with pytest.raises(ProtectedError):
        speaker.delete()
    assert Turn.objects.filter(speaker=speaker).exists()


def test_deleting_a_participant_is_refused(make_interview, make_person):
    guest = make_person("Guest")
    make_interview(turns=0, interviewee=guest)
    with pytest.raises(ProtectedError):
        guest.delete()


def test_deleting_an_interview_takes_its_turns_comments_and_participations(make_interview):
    interview = make_interview(turns=4, comments=4)
    interview.delete()
    assert not Turn.objects.exists()
    assert not Comment.objects.exists()
    assert not Participation.objects.exists()


def test_one_person_interviews_in_one_interview_and_is_interviewed_in_another(
    make_interview, make_person
):
    host = make_person("Host")
    make_interview(interviewer=host)
    make_interview(interviewee=host)
    roles = sorted(host.participations.values_list("role", flat=True))
    assert roles == ["interviewee", "interviewer"]


def test_the_same_person_cannot_hold_the_same_role_twice(make_interview):
    interview = make_interview()
    interviewer = interview.participations.get(role="interviewer").person
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(interview=interview, person=interviewer, role="interviewer")


@pytest.mark.parametrize(
    ("precision", "given", "stored", "shown", "iso"),
    [
        ("day", datetime.date(2018, 7, 2), datetime.date(2018, 7, 2), "2 July 2018", "2018-07-02"),
        (
            "month",
            datetime.date(2017, 12, 17),
            datetime.date(2017, 12, 1),
            "December 2017",
            "2017-12",
        ),
        ("year", datetime.date(2017, 12, 17), datetime.date(2017, 1, 1), "2017", "2017"),
    ],
)
def test_a_date_is_kept_and_shown_at_its_precision(
    make_interview, precision, given, stored, shown, iso
):
    interview = make_interview(published_on=given, date_precision=precision)
    interview.refresh_from_db()
    assert interview.published_on == stored
    assert interview.published_display == shown
    assert interview.published_iso == iso


def test_an_undated_interview_shows_no_date(make_interview):
    interview = make_interview(published_on=None)
    assert (interview.published_display, interview.published_iso) == ("", None)


def test_a_turn_is_spoken_by_its_person_else_by_its_label(make_interview, make_person):
    interview = make_interview(turns=0)
    ada = make_person("Ada Lovelace")
    turns = [
        Turn(interview=interview, position=1, speaker=ada, speaker_label="ADA", text="x"),
        Turn(interview=interview, position=2, speaker_label="GUEST", text="x"),
        Turn(interview=interview, position=3, kind=Turn.Kind.CAPTION, text="x"),
    ]
    assert [turn.speaker_name for turn in turns] == ["Ada Lovelace", "GUEST", ""]


def test_only_published_interviews_are_public(make_interview):
    published = make_interview()
    make_interview(status=Interview.Status.DRAFT)
    assert list(Interview.objects.published()) == [published]


def test_every_public_page_model_has_an_absolute_url(make_interview, make_topic):
    interview = make_interview(topics=[make_topic(slug="keras")], slug="an-interview")
    person = interview.participations.first().person
    assert interview.get_absolute_url() == "/interviews/an-interview/"
    assert person.get_absolute_url() == f"/people/{person.slug}/"
    assert interview.outlet.get_absolute_url() == f"/outlets/{interview.outlet.slug}/"
    assert interview.topics.get().get_absolute_url() == "/topics/keras/"
    assert interview.turns.first().get_absolute_url() == "/interviews/an-interview/#t1"


def test_public_people_are_those_a_published_interview_names_each_once(make_interview, make_person):
    both_roles, asker, draft_only, nobody = (make_person() for _ in range(4))
    make_interview(interviewer=both_roles, interviewee=asker)
    make_interview(interviewer=asker, interviewee=both_roles)
    make_interview(interviewee=both_roles, status=Interview.Status.DRAFT)
    make_interview(interviewer=draft_only, status=Interview.Status.DRAFT)

    public = list(public_people())

    assert both_roles in public
    assert public.count(both_roles) == 1
    assert asker in public
    assert draft_only not in public
    assert nobody not in public


def test_public_people_is_one_query_that_composes(make_interview, django_assert_num_queries):
    interview = make_interview()
    person = interview.participations.first().person

    with django_assert_num_queries(1):
        found = public_people().filter(slug=person.slug).get()

    assert found == person


def test_the_models_choices_are_the_parsers_fixed_lists():
    assert Turn.Kind.values == list(KINDS)
    assert Participation.Role.values == list(ROLES)
    assert Interview.DatePrecision.values == [precision.value for precision in Precision]
    assert Turn.Kind.DIRECTION.label == "Stage direction"


def test_a_fixed_value_left_without_a_label_is_refused():
    with pytest.raises(KeyError):
        choices_of("Kind", TurnKind, {TurnKind.QUESTION: "Question"})
