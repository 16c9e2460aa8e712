"""Reads for the index pages: the people, topics and outlets with a published interview, A to Z.

The alphabetical order is computed here, in Python, on `alphabetical_key`, not by the database:
PostgreSQL sorts text by its locale's collation (case and accents ignored, spaces skipped) and
SQLite by code point, so `ORDER BY name` gives two different orders. One key computed here gives
the same order on both, and files "Émile" under E. Each index costs one query for all its rows
(the large synthetic archive has 5,000 people, 300 topics and 200 outlets); the people index then
counts the roles of the people on the page being shown, one more query.
"""

import dataclasses
import datetime
import re
import string
from collections.abc import Iterable

from django.db.models import Count, Max, Min, Q
from django.urls import reverse

from interviews.models import Interview, Outlet, Participation, public_people
from interviews.selectors import topics_with_published_counts
from people.models import name_key

# The letter under which every name that does not start with a Latin letter is filed (digits,
# Greek, Cyrillic, Chinese...), after Z.
OTHER_LETTER = "#"
LETTERS = (*string.ascii_lowercase, OTHER_LETTER)

# Latin letters that Unicode does not decompose into a base letter and an accent, so that
# name_key leaves them as they are: "Øyvind" is filed under O, "Łukasz" under L.
_UNDECOMPOSED_LATIN = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }
)
# Quotes, brackets and the like before a name's first letter: "“Weird Al” Yankovic" is under W.
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")

MOST_INTERVIEWED_TOPICS = 10


def alphabetical_key(name: str) -> str:
    """The form a name is sorted by: no case, no accents, no leading punctuation."""
    key = name_key(name).translate(_UNDECOMPOSED_LATIN)
    return _LEADING_PUNCTUATION.sub("", key) or key


def index_letter(key: str) -> str:
    """The letter a name is filed under, from its alphabetical_key: a to z, or OTHER_LETTER."""
    first = key[:1]
    return first if first and first in string.ascii_lowercase else OTHER_LETTER


def _alphabetical(name: str, pk: int) -> tuple:
    key = alphabetical_key(name)
    # The other letter comes after Z; equal keys keep one fixed order.
    return (index_letter(key) == OTHER_LETTER, key, name, pk)


@dataclasses.dataclass(frozen=True)
class Letter:
    """One letter of the letter bar: `value` is the `letter` parameter, `label` what is shown."""

    value: str
    has_entries: bool
    is_current: bool

    @property
    def label(self) -> str:
        return self.value.upper()


@dataclasses.dataclass(frozen=True)
class PersonRow:
    pk: int
    name: str
    slug: str
    letter: str


@dataclasses.dataclass(frozen=True)
class PersonEntry:
    name: str
    url: str
    letter: str
    interviewed: int
    interviewer_of: int

    @property
    def letter_label(self) -> str:
        return self.letter.upper()

    @property
    def roles(self) -> str:
        """ "interviewed 3 times, interviewer of 1": the roles a person had, published only."""
        parts = []
        if self.interviewed:
            times = {1: "once", 2: "twice"}.get(self.interviewed, f"{self.interviewed} times")
            parts.append(f"interviewed {times}")
        if self.interviewer_of:
            parts.append(f"interviewer of {self.interviewer_of}")
        return ", ".join(parts)


class PeopleWithRoles:
    """People in alphabetical order, for a Paginator: a slice comes with each one's roles
    counted, for that slice only (one query, however many people the index holds)."""

    def __init__(self, rows: list[PersonRow]):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: slice) -> list[PersonEntry]:
        if not isinstance(index, slice):
            raise TypeError("PeopleWithRoles is sliced, a page at a time.")
        rows = self.rows[index]
        counts = _published_roles(person_ids=[row.pk for row in rows])
        return [
            PersonEntry(
                name=row.name,
                url=reverse("interviews:person", kwargs={"slug": row.slug}),
                letter=row.letter,
                interviewed=counts.get((row.pk, Participation.Role.INTERVIEWEE), 0),
                interviewer_of=counts.get((row.pk, Participation.Role.INTERVIEWER), 0),
            )
            for row in rows
        ]


def _published_roles(*, person_ids: list[int]) -> dict[tuple[int, str], int]:
    """{(person id, role): published interviews} for these people."""
    if not person_ids:
        return {}
    counted = (
        Participation.objects.filter(
            person_id__in=person_ids, interview__status=Interview.Status.PUBLISHED
        )
        .order_by()
        .values("person_id", "role")
        .annotate(interviews=Count("interview_id", distinct=True))
    )
    return {(row["person_id"], row["role"]): row["interviews"] for row in counted}


@dataclasses.dataclass(frozen=True)
class PeopleIndex:
    letters: list[Letter]
    people: PeopleWithRoles


def _letter_bar(present: Iterable[str], *, current: str | None) -> list[Letter]:
    present = set(present)
    return [
        Letter(value=letter, has_entries=letter in present, is_current=letter == current)
        for letter in LETTERS
    ]


def people_index(*, letter: str | None = None) -> PeopleIndex:
    """The public people A to Z (only those under `letter`, one of LETTERS, if given), and the
    letter bar, whose letters say whether anyone is filed under them."""
    rows = sorted(
        (
            PersonRow(pk=pk, name=name, slug=slug, letter=index_letter(alphabetical_key(name)))
            for pk, name, slug in public_people().order_by().values_list("pk", "name", "slug")
        ),
        key=lambda row: _alphabetical(row.name, row.pk),
    )
    letters = _letter_bar((row.letter for row in rows), current=letter)
    if letter is not None:
        rows = [row for row in rows if row.letter == letter]
    return PeopleIndex(letters=letters, people=PeopleWithRoles(rows))


@dataclasses.dataclass(frozen=True)
class TopicEntry:
    name: str
    url: str
    interview_count: int


@dataclasses.dataclass(frozen=True)
class TopicIndex:
    topics: list[TopicEntry]
    # The topics with the most published interviews, most first; empty while there are no more
    # topics than the group holds, when it would only repeat the list.
    most_interviewed: list[TopicEntry]


def topic_index() -> TopicIndex:
    """The topics with a published interview, A to Z, each with its count."""
    ranked = sorted(
        topics_with_published_counts()
        .order_by()
        .values_list("pk", "name", "slug", "published_count"),
        key=lambda topic: _alphabetical(topic[1], topic[0]),
    )
    topics = [
        TopicEntry(
            name=name,
            url=reverse("interviews:topic", kwargs={"slug": slug}),
            interview_count=count,
        )
        for _, name, slug, count in ranked
    ]
    most = []
    if len(topics) > MOST_INTERVIEWED_TOPICS:
        # sorted() is stable: equal counts stay in alphabetical order.
        most = sorted(topics, key=lambda topic: -topic.interview_count)[:MOST_INTERVIEWED_TOPICS]
    return TopicIndex(topics=topics, most_interviewed=most)


@dataclasses.dataclass(frozen=True)
class OutletEntry:
    name: str
    url: str
    interview_count: int
    first_published_on: datetime.date | None
    last_published_on: datetime.date | None

    @property
    def years(self) -> str:
        """ "2016–2024", or "2016" for one year; empty when no interview of it has a date."""
        if self.first_published_on is None or self.last_published_on is None:
            return ""
        first, last = self.first_published_on.year, self.last_published_on.year
        return str(first) if first == last else f"{first}–{last}"


def outlet_index() -> list[OutletEntry]:
    """The outlets with a published interview, A to Z, each with its count and date range."""
    published = Q(interviews__status=Interview.Status.PUBLISHED)
    rows = (
        Outlet.objects.annotate(
            published_count=Count("interviews", filter=published),
            first_published_on=Min("interviews__published_on", filter=published),
            last_published_on=Max("interviews__published_on", filter=published),
        )
        .filter(published_count__gt=0)
        .order_by()
        .values_list(
            "pk", "name", "slug", "published_count", "first_published_on", "last_published_on"
        )
    )
    return [
        OutletEntry(
            name=name,
            url=reverse("interviews:outlet", kwargs={"slug": slug}),
            interview_count=count,
            first_published_on=first,
            last_published_on=last,
        )
        for _, name, slug, count, first, last in sorted(
            rows, key=lambda row: _alphabetical(row[1], row[0])
        )
    ]
