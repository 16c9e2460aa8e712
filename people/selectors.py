from django.db.models import QuerySet

from interviews.models import Interview, Participation
from interviews.selectors import interview_list_for_person


def interviews_given(*, person) -> QuerySet[Interview]:
    """Published interviews in which the person answered the questions."""
    return interview_list_for_person(person=person, role=Participation.Role.INTERVIEWEE)


def interviews_conducted(*, person) -> QuerySet[Interview]:
    """Published interviews in which the person asked the questions."""
    return interview_list_for_person(person=person, role=Participation.Role.INTERVIEWER)
