"""Every read the public pages need.

Each list selector returns a lazy queryset whose cost is a fixed number of queries, however many
interviews a page holds: the outlet comes by join, people and topics by one prefetch each, the
question count by a subquery. The search snippets of a page are one query in all; the facets
beside a list are in facets.py.
"""

import dataclasses
import datetime
import itertools
from collections.abc import Callable
from operator import attrgetter

from django.db import connections, router
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from config.archive_version import archive_version_subquery
from interviews import search
from interviews.exports import citation_source, interview_recording, turn_citation
from interviews.filters import OLDEST, RELEVANCE, InterviewFilter
from interviews.models import (
    Comment,
    Figure,
    Interview,
    Outlet,
    Participation,
    Recording,
    Topic,
    Turn,
    shown_speaker,
)
from interviews.reading import (
    BylinePart,
    Named,
    SpokenTurn,
    contents_entry,
    interview_byline,
    intro_parts,
    media_seconds,
)
from interviews.transcript import threads
from interviews.transcript.model import timestamp_text

SEARCH_MATCHES_PER_INTERVIEW = 3


# PostgreSQL sorts NULL first in a descending order; an undated interview is not news.
NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "-id")
OLDEST_FIRST = (F("published_on").asc(nulls_last=True), "id")


def _participations(role: str, *, leave_out=None) -> QuerySet[Participation]:
    participations = Participation.objects.filter(role=role)
    if leave_out is not None:
        participations = participations.exclude(person=leave_out)
    return participations.select_related("person").order_by("position", "id")


def interviews_for_listing(
    interviews: QuerySet[Interview], *, leave_out=None
) -> QuerySet[Interview]:
    """`interviews` ready for a list entry, newest first.

    Each has `.interviewer_participations`, `.interviewee_participations` (with `.person`),
    `.topics.all()` from cache, and `.question_count`. The person `leave_out`, when given, is
    left out of those participations: on their own page, "With" names the others only.
    """
    questions = (
        Turn.objects.filter(interview=OuterRef("pk"), kind=Turn.Kind.QUESTION)
        .order_by()
        .values("interview")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        interviews.select_related("outlet")
        .defer("search_vector")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=_participations(Participation.Role.INTERVIEWER, leave_out=leave_out),
                to_attr="interviewer_participations",
            ),
            Prefetch(
                "participations",
                queryset=_participations(Participation.Role.INTERVIEWEE, leave_out=leave_out),
                to_attr="interviewee_participations",
            ),
            "topics",
        )
        # A subquery counts the questions of the interviews on the page only, where a join
        # would count the turns of every interview before the page is cut.
        .annotate(question_count=Coalesce(Subquery(questions), 0))
        .order_by(*NEWEST_FIRST)
    )


class IdsFirstSlicing:
    """An ordered queryset that a Paginator cuts by ids first, then fills in the rows it keeps.

    PostgreSQL computes the select list of every row OFFSET skips, so the question count and the
    like of a deep page cost as much as every page before it. A slice of this is two queries
    whatever its depth: the slice's ids, with the ordering alone computed (on the list's index),
    then `rows(ids)`, the rows for those ids only, returned in the ids' order. By default that is
    the queryset itself filtered by the ids; give `rows` where the queryset's own filter is dear
    (a full-text search) and need not run twice.
    """

    def __init__(self, queryset: QuerySet, *, rows: Callable[[list], QuerySet] | None = None):
        self.queryset = queryset
        self.rows = rows or (lambda ids: queryset.filter(pk__in=ids))

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("IdsFirstSlicing is sliced, a page at a time.")
        ids = list(self.queryset.prefetch_related(None).values_list("pk", flat=True)[index])
        rows = self.rows(ids).order_by().in_bulk(ids)
        # A row that went between the two queries (unpublished, deleted) is left out.
        return [rows[pk] for pk in ids if pk in rows]


def interview_list_paged(interviews: QuerySet[Interview]) -> IdsFirstSlicing:
    """A list's interviews (filtered and ordered) for a Paginator: a page's ids in their order,
    then those interviews ready for a list entry, without running the filters again."""
    return IdsFirstSlicing(
        interviews,
        rows=lambda ids: interviews_for_listing(Interview.objects.filter(pk__in=ids)),
    )


def published_interviews() -> QuerySet[Interview]:
    """Published interviews, newest first, ready for a list entry (see interviews_for_listing)."""
    return interviews_for_listing(Interview.objects.published())


def with_transcripts(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    """`interviews` each with `.transcript_turns`: its turns in order, with their speakers.

    One query for all of them (a feed's full-text entries), however many turns they have.
    """
    turns = (
        Turn.objects.select_related("speaker")
        .defer("search_vector", "speaker__bio", "speaker__aliases")
        .order_by("position")
    )
    return interviews.prefetch_related(
        Prefetch("turns", queryset=turns, to_attr="transcript_turns")
    )


def interview_list_latest(*, limit: int) -> QuerySet[Interview]:
    return published_interviews()[:limit]


def interview_list_for_outlet(*, outlet: Outlet) -> QuerySet[Interview]:
    return published_interviews().filter(outlet=outlet)


# The topic and person filters are subqueries rather than joins, so that a join can never
# repeat an interview.


def interview_list_for_topic(*, topic: Topic) -> QuerySet[Interview]:
    on_topic = Interview.topics.through.objects.filter(topic=topic).values("interview_id")
    return published_interviews().filter(pk__in=on_topic)


def interview_list_for_person(*, person, role: str) -> QuerySet[Interview]:
    """For the person's own page: the other people of each interview, not the person again."""
    taking_part = Participation.objects.filter(person=person, role=role).values("interview_id")
    return interviews_for_listing(
        Interview.objects.published().filter(pk__in=taking_part), leave_out=person
    )


def interviews_given(*, person) -> QuerySet[Interview]:
    """Published interviews in which the person answered the questions."""
    return interview_list_for_person(person=person, role=Participation.Role.INTERVIEWEE)


def interviews_conducted(*, person) -> QuerySet[Interview]:
    """Published interviews in which the person asked the questions."""
    return interview_list_for_person(person=person, role=Participation.Role.INTERVIEWER)


# --- Filtered lists, facets and search -----------------------------------------------------------


def interview_filter(*, params, within=None, fixed=()) -> InterviewFilter:
    """The filters a query string asks for, over the published interviews (or `within` them).

    `fixed` names the filters the page applies itself through `within`, which the query string
    cannot change.
    """
    interviews = Interview.objects.published() if within is None else within
    return InterviewFilter(params, interviews, fixed=fixed)


def interview_list_filtered(*, filters: InterviewFilter) -> QuerySet[Interview]:
    """The interviews the filters let through, ready for a list, in the order they ask for.

    Sorted by relevance, an interview whose title, deck or intro matches comes before one that
    only mentions the words in a turn (see search.head_rank), then the better turn match.
    """
    interviews = interviews_for_listing(filters.qs)
    if filters.order == RELEVANCE:
        found = filters.search
        best_turn = (
            Turn.objects.filter(search.matches(found), interview=OuterRef("pk"))
            .annotate(rank=search.turn_rank(found))
            .order_by("-rank")
            .values("rank")[:1]
        )
        relevance = search.head_rank(found) + Coalesce(Subquery(best_turn), Value(0.0))
        return interviews.alias(relevance=relevance).order_by(F("relevance").desc(), *NEWEST_FIRST)
    if filters.order == OLDEST:
        return interviews.order_by(*OLDEST_FIRST)
    return interviews


def interview_attach_search_matches(
    *, interviews, found: search.SearchText | None, limit: int = SEARCH_MATCHES_PER_INTERVIEW
) -> None:
    """Give each interview of a page of search results its first matching turns: one query.

    Each interview gets `.turn_matches` (at most `limit` turns, in reading order, each with a
    highlighted `.snippet`) and `.turn_match_count`, the number of its turns that match.
    """
    if found is None:
        return
    by_id = {interview.pk: interview for interview in interviews}
    for interview in by_id.values():
        interview.turn_matches = []
        interview.turn_match_count = 0
    in_interview = {"partition_by": F("interview_id")}
    turns = (
        Turn.objects.filter(search.matches(found), interview_id__in=list(by_id))
        .select_related("speaker")
        .defer("search_vector")
        .annotate(
            match_number=Window(RowNumber(), order_by=F("position").asc(), **in_interview),
            match_count=Window(Count("pk"), **in_interview),
        )
        .filter(match_number__lte=limit)
        .order_by("interview_id", "position")
    )
    for turn in search.with_headlines(turns, found):
        turn.snippet = search.turn_snippet(turn, found)
        interview = by_id[turn.interview_id]
        interview.turn_matches.append(turn)
        interview.turn_match_count = turn.match_count


def interview_search_within(*, interview: Interview, found: search.SearchText) -> list[Turn]:
    """Every turn of one interview that matches, in reading order, with its `.snippet`."""
    turns = (
        Turn.objects.filter(search.matches(found), interview=interview)
        .select_related("speaker")
        .defer("search_vector")
        .order_by("position")
    )
    turns = list(search.with_headlines(turns, found))
    for turn in turns:
        turn.snippet = search.turn_snippet(turn, found)
    return turns


def interview_for_search(*, slug: str) -> Interview | None:
    """A published interview, with no more than its own row: the page searched within it."""
    return Interview.objects.published().defer("search_vector").filter(slug=slug).first()


def interview_for_export(*, slug: str) -> Interview | None:
    """A published interview with its recording, participations (split by role), topics and
    turns (with their speakers and figures, as models, in order), or None: 4 queries, however
    long the interview."""
    interview = interview_head_for_reading(slug=slug)
    if interview is None:
        return None
    _with_people_and_topics(interview)
    prefetch_related_objects(
        [interview],
        Prefetch(
            "turns",
            queryset=Turn.objects.select_related("speaker", "figure")
            .defer("search_vector")
            .order_by("position"),
        ),
    )
    return interview


def interview_head_for_reading(*, slug: str) -> Interview | None:
    """A published interview's own row, outlet and recording (if any), with
    `.archive_version`: one query.

    The start of `reading_page`, and of an export. The recording's subtitles, which may be
    long, are read only when asked for (`subtitles_for_reading`); `.has_stored_subtitles` says
    whether it has any (meaningless without a recording).
    """
    return (
        Interview.objects.published()
        .select_related("outlet", "recording")
        .defer("search_vector", "recording__subtitles_vtt")
        .annotate(
            archive_version=archive_version_subquery(),
            has_stored_subtitles=Case(
                When(recording__subtitles_vtt="", then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def _with_people_and_topics(interview: Interview) -> None:
    """`.interviewer_participations`, `.interviewee_participations` and `.topics.all()`."""
    prefetch_related_objects(
        [interview],
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("person").order_by("position", "id"),
            to_attr="all_participations",
        ),
        "topics",
    )
    for role in (Participation.Role.INTERVIEWER, Participation.Role.INTERVIEWEE):
        taking_part = [p for p in interview.all_participations if p.role == role]
        setattr(interview, f"{role}_participations", taking_part)


# A turn's kind as the page prints it, in a class name and in words ("Link to stage direction
# 4"): fixed text, so marked safe here once rather than escaped by the template for each turn.
KIND_NAMES = {kind.value: mark_safe(kind.value) for kind in Turn.Kind}
KIND_WORDS = {kind.value: mark_safe(kind.label.lower()) for kind in Turn.Kind}


@dataclasses.dataclass(slots=True)
class ReadingTurn:
    """One turn as an interview's page shows it, each piece worked out once, in Python.

    A page shows hundreds of turns: what the template would otherwise look up, compare, format
    or escape for each of them is done here. `anchor`, `kind`, `kind_words` and `label` are
    made of fixed words and numbers only, and marked safe; the rest is text for the template to
    escape.
    """

    anchor: str
    kind: str
    # "question", "stage direction": the kind as a link's label says it.
    kind_words: str
    # The kind in words and the turn's number: "question 3", "stage direction 12".
    label: str
    # The person's name, else the transcript's label; "" when the transcript names nobody.
    speaker_name: str
    # "00:01:23" into the recording ("00:00:00" included), or "".
    timestamp: str
    text: str
    # "François Chollet, in “Title”, Outlet, 2 July 2018": the citation before the address.
    citation: str
    # Questions only: the anchors of the questions before and after this one, or "".
    previous_question: str = ""
    next_question: str = ""
    # Questions only: what the question asks, as the table of contents shows it
    # (reading.contents_entry); "" for a question turn that asks nothing, such as a greeting,
    # which the contents leave out.
    toc_text: str = ""
    # Captions only: the image attached to it (interviews/figures.py), or None.
    figure: "ReadingFigure | None" = None
    # The same time as seconds for the player and Media Fragments ("83", "83.5"), or "".
    seconds: str = ""

    @property
    def is_question(self) -> bool:
        return self.kind == Turn.Kind.QUESTION


@dataclasses.dataclass(frozen=True, slots=True)
class ReadingFigure:
    """A caption's image as the page shows it: where it is, what it shows, and its size."""

    url: str
    alt_text: str
    width: int
    height: int
    # The narrower copy and its width, for the srcset; "" and 0 when there is none.
    small_url: str
    small_width: int


def _reading_figure(name: str | None, alt_text, width, height, small_name, small_width):
    """The figure from a turn row's joined figure columns; None when the turn has none."""
    if not name:
        return None
    storage = Figure._meta.get_field("image").storage
    return ReadingFigure(
        url=storage.url(name),
        alt_text=alt_text,
        width=width,
        height=height,
        small_url=storage.url(small_name) if small_name else "",
        small_width=small_width if small_name else 0,
    )


def reading_turns(*, interview: Interview) -> list[ReadingTurn]:
    """The interview's turns as its page shows them, in order: one query of the columns shown.

    Each question knows the questions before and after it (`previous_question`,
    `next_question`).
    """
    rows = (
        Turn.objects.filter(interview_id=interview.pk)
        .order_by("position")
        .values_list(
            "position",
            "kind",
            "speaker__name",
            "speaker_label",
            "timestamp",
            "text",
            # A caption's figure, joined in the same query.
            "figure__image",
            "figure__alt_text",
            "figure__width",
            "figure__height",
            "figure__small_image",
            "figure__small_width",
        )
    )
    source = citation_source(interview)
    turns = []
    for position, kind, person_name, label, timestamp, text, *figure in rows:
        speaker = shown_speaker(person_name, label)
        words = KIND_WORDS.get(kind) or escape(kind)
        turns.append(
            ReadingTurn(
                # SafeString rather than mark_safe, whose lazy-string check is several calls a
                # turn (seen in the profile) for no gain: both are plain str here.
                anchor=SafeString(f"t{position}"),  # an integer
                kind=KIND_NAMES.get(kind) or escape(kind),
                kind_words=words,
                label=SafeString(f"{words} {position}"),  # fixed words, an integer
                speaker_name=speaker,
                timestamp=(
                    timestamp_text(timestamp.total_seconds()) if timestamp is not None else ""
                ),
                text=text,
                citation=turn_citation(source, kind=kind, speaker=speaker),
                figure=_reading_figure(*figure),
                seconds=media_seconds(timestamp.total_seconds()) if timestamp is not None else "",
            )
        )
    questions = [turn for turn in turns if turn.is_question]
    for question in questions:
        question.toc_text = contents_entry(question.text)
    for before, after in itertools.pairwise(questions):
        before.next_question = after.anchor
        after.previous_question = before.anchor
    return turns


@dataclasses.dataclass(frozen=True, slots=True)
class Neighbour:
    """An interview next to another in the archive's newest-first order, as its link shows it."""

    title: str
    url: str


@dataclasses.dataclass
class Neighbours:
    """The interviews before and after one in the archive's newest-first order."""

    newer: Neighbour | None = None
    older: Neighbour | None = None


def _list_order_key(published_on: datetime.date | None, pk: int) -> tuple:
    # NEWEST_FIRST as a Python key (descending): dated before undated, then by date, then id.
    return (published_on is not None, published_on or datetime.date.min, pk)


# Each side of an interview is a one-row subquery along the list's own order, which the
# indexes on the published interviews' order (migration 0004) answer without sorting the
# archive: a range on the date first, so that each side starts reading the index at the day
# itself (an OR alone would have PostgreSQL walk the index from the archive's end). Each
# subquery is a scalar computed once; the interviews are then read by primary key, where
# `id IN (...) OR id IN (...)` would scan the whole table. Written out rather than composed
# with the ORM, which took far longer to build these SELECTs than either database takes to
# answer them (docs/benchmarks.md, "Where the interview page's first render goes").
_NEIGHBOURS = (
    "SELECT id, slug, title, published_on FROM interviews_interview WHERE id = ({}) OR id = ({})"
)
_NEWER_THAN_DATED = """SELECT id FROM interviews_interview
    WHERE status = %(published)s AND published_on >= %(day)s
    AND (published_on > %(day)s OR id > %(id)s)
    ORDER BY published_on ASC, id ASC LIMIT 1"""
_OLDER_AND_DATED = """SELECT id FROM interviews_interview
    WHERE status = %(published)s AND published_on <= %(day)s
    AND (published_on < %(day)s OR id < %(id)s)
    ORDER BY published_on DESC NULLS LAST, id DESC LIMIT 1"""
# Undated interviews come after every dated one: the newest of them is older than a dated
# interview only when no dated interview is.
_NEWEST_UNDATED = """SELECT id FROM interviews_interview
    WHERE status = %(published)s AND published_on IS NULL
    ORDER BY id DESC LIMIT 1"""
_NEWER_THAN_UNDATED = """SELECT id FROM interviews_interview
    WHERE status = %(published)s
    AND (published_on IS NOT NULL OR (published_on IS NULL AND id > %(id)s))
    ORDER BY published_on ASC NULLS FIRST, id ASC LIMIT 1"""
_OLDER_AND_UNDATED = """SELECT id FROM interviews_interview
    WHERE status = %(published)s AND published_on IS NULL AND id < %(id)s
    ORDER BY id DESC LIMIT 1"""
NEIGHBOURS_OF_DATED = (
    _NEIGHBOURS.format(_NEWER_THAN_DATED, _OLDER_AND_DATED) + f" OR id = ({_NEWEST_UNDATED})"
)
NEIGHBOURS_OF_UNDATED = _NEIGHBOURS.format(_NEWER_THAN_UNDATED, _OLDER_AND_UNDATED)


def interview_neighbours(*, interview: Interview) -> Neighbours:
    """The published interviews just newer and just older than `interview`: one query."""
    day = interview.published_on
    # The database the request reads: the primary or its replica (config/db_router.py).
    with connections[router.db_for_read(Interview)].cursor() as cursor:
        cursor.execute(
            NEIGHBOURS_OF_UNDATED if day is None else NEIGHBOURS_OF_DATED,
            {"published": Interview.Status.PUBLISHED.value, "day": day, "id": interview.id},
        )
        found = {_list_order_key(when, pk): (slug, title) for pk, slug, title, when in cursor}
    here = _list_order_key(day, interview.id)
    newer = min((key for key in found if key > here), default=None)
    older = max((key for key in found if key < here), default=None)

    def link(key) -> Neighbour | None:
        if key is None:
            return None
        slug, title = found[key]
        return Neighbour(title=title, url=reverse("interviews:detail", kwargs={"slug": slug}))

    return Neighbours(newer=link(newer), older=link(older))


def reading_minutes(turns) -> int:
    """Minutes a reader needs for the turns, at 230 words a minute; at least one."""
    words = sum(len(turn.text.split()) for turn in turns)
    return max(1, round(words / 230))


@dataclasses.dataclass(frozen=True)
class ReadingPage:
    """Everything an interview's page shows, read at once by `reading_page`."""

    # The interview's own row, with its outlet and `.archive_version` (see
    # interview_head_for_reading).
    interview: Interview
    interviewers: list[Participation]
    interviewees: list[Participation]
    topics: list[Topic]
    turns: list[ReadingTurn]
    # The questions among the turns that ask something (`toc_text`), in order: the page's
    # table of contents.
    questions: list[ReadingTurn]
    # "Adrian Rosebrock interviews François Chollet for PyImageSearch, 2 July 2018", in parts.
    byline: list[BylinePart]
    # The introduction's first paragraph, and the rest that the page folds away ("" if none).
    intro_lead: str
    intro_rest: str
    reading_minutes: int
    # The public comments, depth first and ready to nest (comment_thread_in_reading_order);
    # a comment's badge is its stored `verified_as`.
    comments: list[Comment]
    neighbours: Neighbours
    # The recording the page plays, or None (no player at all).
    recording: Recording | None = None
    # The address of the recording's WebVTT subtitles: a video with a stored track or with
    # timed turns has one; "" otherwise.
    subtitles_url: str = ""

    @property
    def comment_count(self) -> int:
        return len(self.comments)

    @property
    def media_url(self) -> str:
        """Where the player and the turns' time links fetch the recording, "" without one: its
        address without any fragment, to which a link adds its own time (`#t=83`)."""
        if self.recording is None:
            return ""
        return self.recording.url.split("#", 1)[0]


def _byline(interview: Interview) -> list[BylinePart]:
    """The interview's byline from its people, outlet and date, already read: no query."""

    def named(participations: list[Participation]) -> list[Named]:
        return [Named(p.person.name, p.person.get_absolute_url()) for p in participations]

    outlet = interview.outlet
    return interview_byline(
        interviewers=named(interview.interviewer_participations),
        interviewees=named(interview.interviewee_participations),
        outlet=Named(outlet.name, outlet.get_absolute_url()) if outlet else None,
        published=interview.published_date,
    )


def reading_page(*, slug: str) -> ReadingPage | None:
    """A published interview's page, or None: 6 queries, however long the interview.

    Its row and outlet; its participations and topics; its turns (`reading_turns`); its
    neighbours in the list; its public comments.
    """
    interview = interview_head_for_reading(slug=slug)
    if interview is None:
        return None
    _with_people_and_topics(interview)
    turns = reading_turns(interview=interview)
    neighbours = interview_neighbours(interview=interview)
    comments = comment_thread_in_reading_order(comment_thread(interview=interview))
    intro_lead, intro_rest = intro_parts(interview.intro)
    recording = interview_recording(interview)
    return ReadingPage(
        interview=interview,
        interviewers=interview.interviewer_participations,
        interviewees=interview.interviewee_participations,
        topics=list(interview.topics.all()),
        turns=turns,
        questions=[turn for turn in turns if turn.toc_text],
        byline=_byline(interview),
        intro_lead=intro_lead,
        intro_rest=intro_rest,
        reading_minutes=reading_minutes(turns),
        comments=comments,
        neighbours=neighbours,
        recording=recording,
        subtitles_url=(
            reverse("interviews:subtitles", kwargs={"slug": interview.slug})
            if video_has_subtitles(interview, turns)
            else ""
        ),
    )


def video_has_subtitles(interview: Interview, turns: list[ReadingTurn]) -> bool:
    """Whether the interview's recording is a video with subtitles: stored with it, or made
    from its timed turns. No query: `interview` is from `interview_head_for_reading`."""
    recording = interview_recording(interview)
    if recording is None or recording.kind != Recording.Kind.VIDEO:
        return False
    return interview.has_stored_subtitles or any(turn.seconds for turn in turns)


def subtitles_for_reading(*, slug: str) -> tuple[Recording, list[SpokenTurn]] | None:
    """A published interview's video recording and its turns as subtitles need them, or
    None when it has no video: two queries, however long the interview."""
    recording = (
        Recording.objects.filter(
            interview__slug=slug,
            interview__status=Interview.Status.PUBLISHED,
            kind=Recording.Kind.VIDEO,
        )
        .only("id", "interview_id", "kind", "duration", "subtitles_vtt")
        .first()
    )
    if recording is None:
        return None
    rows = (
        Turn.objects.filter(interview_id=recording.interview_id)
        .exclude(kind=Turn.Kind.CAPTION)
        .order_by("position")
        .values_list("timestamp", "speaker__name", "speaker_label", "text")
    )
    return recording, [
        SpokenTurn(
            start=timestamp.total_seconds() if timestamp is not None else None,
            speaker=shown_speaker(person_name, label),
            text=text,
        )
        for timestamp, person_name, label, text in rows
    ]


@dataclasses.dataclass(frozen=True)
class YearNeighbours:
    """The years before and after a year that have published interviews, and whether it has."""

    has_interviews: bool
    previous: int | None
    next: int | None


def year_neighbours(*, year: int) -> YearNeighbours:
    """One query: the distinct years of the published interviews, however many there are."""
    years = [
        day.year
        for day in Interview.objects.published()
        .filter(published_on__isnull=False)
        .dates("published_on", "year")
    ]
    return YearNeighbours(
        has_interviews=year in years,
        previous=max((other for other in years if other < year), default=None),
        next=min((other for other in years if other > year), default=None),
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


def comments_awaiting_moderation_count() -> int:
    """How many comments wait in the moderation queue (the admin index and the queue say it)."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()


def comment_thread(*, interview: Interview) -> list[Comment]:
    """The public comments of an interview as a tree: the top-level ones, each with `.children`.

    One query, then the tree is built in memory. A reply to a comment that is not public is
    left out with everything below it: shown alone it would answer nothing.
    """
    comments = list(Comment.objects.public().filter(interview=interview).order_by("position"))
    nested = threads.nest(comments, key=attrgetter("id"), parent_of=attrgetter("parent_id"))
    for comment in comments:
        comment.children = nested.replies.get(comment.id, [])
        for reply in comment.children:
            reply.parent_author = comment.author_name
    return nested.roots


def interview_for_commenting(*, slug: str) -> Interview | None:
    """A published interview's own row: what the comment form's page needs of it."""
    return Interview.objects.published().defer("search_vector").filter(slug=slug).first()


def comment_to_reply_to(*, interview: Interview, comment_id: int | None) -> Comment | None:
    """The public comment of this interview a reader may reply to, or None (any other id)."""
    if comment_id is None:
        return None
    return Comment.objects.public().filter(interview=interview, pk=comment_id).first()


def comment_posted_by_reader(*, interview_slug: str, comment_id: int) -> Comment | None:
    """A comment on a published interview, with its interview and parent: the poster's receipt."""
    return (
        Comment.objects.select_related("interview", "parent")
        .filter(
            pk=comment_id,
            interview__slug=interview_slug,
            interview__status=Interview.Status.PUBLISHED,
        )
        .first()
    )


def comment_thread_in_reading_order(roots: list[Comment]) -> list[Comment]:
    """Every comment under `roots`, depth first, ready for a template to nest without recursion.

    Each comment gets `.depth` (0 for a top-level one) and `.closing_levels`: how many reply lists
    end right after it. A template that included itself once per level would reach Python's
    recursion limit on a long chain of replies; a flat loop has no such limit.
    """
    in_order = []
    for row in threads.rows_with_levels(roots, children=attrgetter("children")):
        comment = row.node
        comment.depth = row.depth
        # Every reply below the comment, at any depth.
        comment.reply_count = row.descendants
        comment.closing_levels = range(row.closing_levels)
        in_order.append(comment)
    return in_order


# The words of a turn the page shows: enough to hear where it starts.
OPENING_WORDS = 30


@dataclasses.dataclass(frozen=True)
class SyncTurn:
    """A turn as the sync page lists it."""

    pk: int
    position: int
    kind: str
    speaker: str
    opening: str
    timestamp: datetime.timedelta | None


def sync_turns(*, interview: Interview) -> list[SyncTurn]:
    """The interview's turns in order, with who speaks and how each begins: one query."""
    rows = (
        Turn.objects.filter(interview=interview)
        .order_by("position")
        .values_list(
            "pk", "position", "kind", "speaker__name", "speaker_label", "text", "timestamp"
        )
    )
    return [
        SyncTurn(
            pk=pk,
            position=position,
            kind=kind,
            speaker=shown_speaker(person_name, label),
            opening=Truncator(text).words(OPENING_WORDS),
            timestamp=timestamp,
        )
        for pk, position, kind, person_name, label, text, timestamp in rows
    ]
