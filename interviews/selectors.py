"""Every read the public pages need.

Each list selector returns a lazy queryset whose cost is a fixed number of queries, however many
interviews a page holds: the outlet comes by join, people and topics by one prefetch each.
"""

from django.db.models import Count, F, Prefetch, Q, QuerySet

from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn


def _participations(role: str) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(role=role).select_related("person").order_by("position", "id")
    )


def published_interviews() -> QuerySet[Interview]:
    """Published interviews, newest first, ready for a list entry.

    Each has `.interviewer_participations`, `.interviewee_participations` (with `.person`),
    `.topics.all()` from cache, and `.question_count`.
    """
    return (
        Interview.objects.published()
        .select_related("outlet")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=_participations(Participation.Role.INTERVIEWER),
                to_attr="interviewer_participations",
            ),
            Prefetch(
                "participations",
                queryset=_participations(Participation.Role.INTERVIEWEE),
                to_attr="interviewee_participations",
            ),
            "topics",
        )
        .annotate(question_count=Count("turns", filter=Q(turns__kind=Turn.Kind.QUESTION)))
        # PostgreSQL sorts NULL first in a descending order; an undated interview is not news.
        .order_by(F("published_on").desc(nulls_last=True), "-id")
    )


def interview_list_latest(*, limit: int) -> QuerySet[Interview]:
    return published_interviews()[:limit]


def interview_list_for_outlet(*, outlet: Outlet) -> QuerySet[Interview]:
    return published_interviews().filter(outlet=outlet)


# The topic and person filters are subqueries rather than joins, so that a join can never
# multiply the rows that the question count adds up.


def interview_list_for_topic(*, topic: Topic) -> QuerySet[Interview]:
    on_topic = Interview.topics.through.objects.filter(topic=topic).values("interview_id")
    return published_interviews().filter(pk__in=on_topic)


def interview_list_for_person(*, person, role: str) -> QuerySet[Interview]:
    taking_part = Participation.objects.filter(person=person, role=role).values("interview_id")
    return published_interviews().filter(pk__in=taking_part)


def interview_for_reading(*, slug: str) -> Interview | None:
    """A published interview with everything its page shows but the comments, or None."""
    return (
        published_interviews()
        .prefetch_related(
            Prefetch("turns", queryset=Turn.objects.select_related("speaker").order_by("position"))
        )
        .filter(slug=slug)
        .first()
    )


def _published_count():
    return Count("interviews", filter=Q(interviews__status=Interview.Status.PUBLISHED))


def topics_with_published_counts() -> QuerySet[Topic]:
    """Topics with at least one published interview, each with `.published_count`."""
    return (
        Topic.objects.annotate(published_count=_published_count())
        .filter(published_count__gt=0)
        .order_by("name")
    )


def outlets_with_published_counts() -> QuerySet[Outlet]:
    """Outlets with at least one published interview, each with `.published_count`."""
    return (
        Outlet.objects.annotate(published_count=_published_count())
        .filter(published_count__gt=0)
        .order_by("name")
    )


def comment_thread(*, interview: Interview) -> list[Comment]:
    """The public comments of an interview as a tree: the top-level ones, each with `.children`.

    One query, then the tree is built in memory. A public reply to a comment that is not public
    is left out with everything below it: shown alone it would answer nothing the reader can see.
    """
    comments = list(Comment.objects.public().filter(interview=interview).order_by("position"))
    by_id = {comment.id: comment for comment in comments}
    roots = []
    for comment in comments:
        comment.children = []
    for comment in comments:
        if comment.parent_id is None:
            roots.append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].children.append(comment)
    return roots


def comment_thread_in_reading_order(roots: list[Comment]) -> list[Comment]:
    """Every comment under `roots`, depth first, ready for a template to nest without recursion.

    Each comment gets `.depth` (0 for a top-level one) and `.closing_levels`: how many reply lists
    end right after it. A template that included itself once per level would reach Python's
    recursion limit on a long chain of replies; a flat loop has no such limit.
    """
    in_order = []
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        comment, depth = stack.pop()
        comment.depth = depth
        in_order.append(comment)
        stack.extend((child, depth + 1) for child in reversed(comment.children))
    for index, comment in enumerate(in_order):
        next_depth = in_order[index + 1].depth if index + 1 < len(in_order) else 0
        # A comment with replies leaves its list open; otherwise it closes as many lists as the
        # next comment is shallower.
        closing = 0 if comment.children else comment.depth - next_depth
        comment.closing_levels = range(closing)
    return in_order
