"""What the interview lists can be filtered by: the query string, validated before any query.

`InterviewFilter` is a django-filter FilterSet over published interviews. A value that does not
validate (an unknown slug, year=abc, from=2017-13-45, sort=bogus) is left out of the filtering
and explained (listing.filter_messages); the other filters still apply, so the reader gets a
page and a sentence rather than an error.

Dates: an interview may be dated to the day, the month or the year. It matches a from/to range
when the span its date covers overlaps the range, so "December 2017" is in from=2017-12-15 and
in to=2017-12-01, and "2017" is in any range that touches 2017. The bounds themselves may be
given as 2017-12-15, 2017-12 or 2017, and a bound covers its whole span too.

The FilterSet only filters, and says which values it applied (`active_values`): the links
that add or remove one are made in links.py, the page's words about them in listing.py, the
facets in facets.py.
"""

import dataclasses
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django_filters.constants import EMPTY_VALUES

from interviews import search
from interviews.models import (
    Interview,
    Outlet,
    Participation,
    Topic,
    Turn,
    public_people,
)
from interviews.search import Candidates
from interviews.transcript.model import PartialDate

# The parameters, in the order in which they appear in a list's links.
PARAMETERS = (
    "q",
    "person",
    "interviewee",
    "interviewer",
    "outlet",
    "topic",
    "year",
    "from",
    "to",
    "sort",
)
NEWEST, OLDEST, RELEVANCE = "newest", "oldest", "relevance"
SORTS = [(NEWEST, "Newest first"), (OLDEST, "Oldest first"), (RELEVANCE, "Most relevant first")]
MAX_QUERY_LENGTH = 200

NO_PERSON = "There is no one called “%(value)s” in the archive."


class PartialDateField(forms.Field):
    """A date bound as given: a day, a month or a year, covering its whole span."""

    default_error_messages = {
        "invalid": "“%(value)s” is not a date: write it as 2017-12-15, 2017-12 or 2017.",
    }

    def to_python(self, value) -> PartialDate | None:
        value = str(value or "").strip()
        if not value:
            return None
        try:
            return PartialDate.from_iso(value)
        except ValueError as error:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from error


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


def _people(label: str, role: str | None = None):
    return django_filters.ModelChoiceFilter(
        label=label,
        # Someone only a draft names is "no one" here, as on their (404) page.
        queryset=public_people(),
        to_field_name="slug",
        method="filter_participant",
        field_name=role or "",
        error_messages={"invalid_choice": NO_PERSON},
    )


@dataclasses.dataclass(frozen=True)
class ActiveValue:
    """One valid value of the query string: its parameter, its text there (a slug, a year),
    and what it stands for (a Person, an Outlet, a Topic, a year, a PartialDate or the text)."""

    parameter: str
    text: str
    value: object


class InterviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"A search can be at most {MAX_QUERY_LENGTH} characters long.",
        },
    )
    person = _people("Anyone taking part")
    interviewer = _people("Interviewer", Participation.Role.INTERVIEWER)
    interviewee = _people("Interviewee", Participation.Role.INTERVIEWEE)
    outlet = django_filters.ModelChoiceFilter(
        label="Outlet",
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        error_messages={"invalid_choice": "There is no outlet “%(value)s” in the archive."},
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        label="Topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topics",
        error_messages={"invalid_choice": "There is no topic “%(value)s” in the archive."},
    )
    year = YearFilter(
        label="Year",
        field_name="published_on__year",
        min_value=1,
        max_value=9999,
        error_messages={
            "invalid": "A year is a number, such as 2017.",
            "min_value": "A year is a number from 1 to 9999.",
            "max_value": "A year is a number from 1 to 9999.",
        },
    )
    date_from = PartialDateFilter(label="From", method="filter_from")
    date_to = PartialDateFilter(label="To", method="filter_to")
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=SORTS,
        method="keep_order",
        error_messages={
            "invalid_choice": "“%(value)s” is not a way to sort: choose newest, oldest or "
            "relevance."
        },
    )

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        # "from" is a Python keyword, so the date bounds are declared under other names and
        # renamed to the words the query string uses.
        filters["from"] = filters.pop("date_from")
        filters["to"] = filters.pop("date_to")
        return filters

    def __init__(self, data, queryset: QuerySet[Interview], *, fixed=()):
        """`fixed` names filters the page applies itself (the outlet on an outlet's page),
        which the query string cannot change."""
        super().__init__(data, queryset=queryset)
        self._candidates: dict[str, Candidates] = {}
        self.fixed = tuple(fixed)
        for name in self.fixed:
            self.filters.pop(name)

    # --- Filtering ------------------------------------------------------------------------------

    def filter_participant(self, queryset, role, person):
        taking_part = Participation.objects.filter(person=person)
        if role:
            taking_part = taking_part.filter(role=role)
        # A subquery rather than a join, so that the interviews are never repeated.
        return queryset.filter(pk__in=taking_part.values("interview_id"))

    def filter_topics(self, queryset, name, topics):
        # Every topic must match: one subquery each.
        for topic in topics:
            on_topic = Interview.topics.through.objects.filter(topic=topic)
            queryset = queryset.filter(pk__in=on_topic.values("interview_id"))
        return queryset

    def filter_from(self, queryset, name, bound: PartialDate):
        # The span of an interview's date ends on or after the bound's first day.
        precision = Interview.DatePrecision
        first = bound.first_day()
        return queryset.filter(
            Q(date_precision=precision.DAY, published_on__gte=first)
            | Q(date_precision=precision.MONTH, published_on__gte=first.replace(day=1))
            | Q(date_precision=precision.YEAR, published_on__gte=first.replace(month=1, day=1))
        )

    def filter_to(self, queryset, name, bound: PartialDate):
        # Dates are stored as the first day of their span, which must not be after the bound.
        return queryset.filter(published_on__lte=bound.last_day())

    def filter_text(self, queryset, name, value):
        if self.search is None:
            return queryset
        return queryset.filter(search.among(self._search_candidates(queryset).ids))

    def _search_candidates(self, queryset) -> Candidates:
        """The interviews of `queryset` a search ranks (see search.candidates), once per query.

        The search is applied after every other filter (see `_in_filter_order`), so `queryset`
        is what they let through, and a narrow filter still finds its matches.
        """
        key = str(queryset.query)
        if key not in self._candidates:
            self._candidates[key] = search.candidates(
                self.search,
                interviews=queryset,
                turns=Turn.objects.all(),
                limit=settings.SEARCH_RANK_CANDIDATES,
            )
        return self._candidates[key]

    @staticmethod
    def _in_filter_order(values: dict) -> list[tuple[str, object]]:
        # The search last: it takes the first matches among what the other filters let through.
        return sorted(values.items(), key=lambda item: item[0] == "q")

    def filter_queryset(self, queryset):
        for name, value in self._in_filter_order(self.form.cleaned_data):
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def keep_order(self, queryset, name, value):
        # The order is applied by the selector, after the filters.
        return queryset

    @property
    def cleaned_data(self) -> dict:
        """The valid values, by filter name; an invalid one is absent."""
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in EMPTY_VALUES
        }

    def queryset_without(self, *names: str) -> QuerySet[Interview]:
        """The interviews matching every filter but `names`: what a facet counts."""
        queryset = self.queryset.all()
        for name, value in self._in_filter_order(self.cleaned_data):
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # --- What was asked for ---------------------------------------------------------------------

    @cached_property
    def search(self) -> search.SearchText | None:
        raw = self.cleaned_data.get("q")
        if not raw:
            return None
        parsed = search.parse(raw)
        return None if parsed.is_empty else parsed

    @property
    def default_sort(self) -> str:
        return RELEVANCE if self.search else NEWEST

    @property
    def order(self) -> str:
        """newest, oldest or relevance: relevance by default while searching, never without."""
        asked = self.cleaned_data.get("sort")
        if asked == RELEVANCE and self.search is None:
            return NEWEST
        return asked or self.default_sort

    @property
    def search_candidates(self) -> Candidates | None:
        """The interviews this search ranks, or None without a search (see search.candidates)."""
        return self.search_candidates_without()

    def search_candidates_without(self, *names: str) -> Candidates | None:
        """The search's candidates among the interviews every filter but `names` lets through:
        what a facet that leaves out its own filter counts. None without a search."""
        if self.search is None:
            return None
        return self._search_candidates(self.queryset_without("q", *names))

    @property
    def search_cut(self) -> bool:
        """True when more interviews match the search than are ranked, counted and faceted."""
        candidates = self.search_candidates
        return candidates is not None and candidates.cut

    @cached_property
    def active_values(self) -> list[ActiveValue]:
        """The valid values that change the list, in the order of PARAMETERS.

        A search with nothing to search for is left out, and so is the sort when it is the
        default one.
        """
        data = self.cleaned_data
        found = []
        for name in PARAMETERS:
            if name not in data or name in self.fixed:
                continue
            value = data[name]
            if name == "q":
                if self.search is not None:
                    found.append(ActiveValue(name, value, value))
            elif name in ("person", "interviewee", "interviewer", "outlet"):
                found.append(ActiveValue(name, value.slug, value))
            elif name == "topic":
                found.extend(ActiveValue(name, topic.slug, topic) for topic in value)
            elif name == "year":
                found.append(ActiveValue(name, str(value), value))
            elif name in ("from", "to"):
                found.append(ActiveValue(name, value.isoformat(), value))
            elif name == "sort" and value == self.order != self.default_sort:
                found.append(ActiveValue(name, value, value))
        return found

    @property
    def query_pairs(self) -> tuple[tuple[str, str], ...]:
        """The active values as the query string's (parameter, value) pairs: what links carry."""
        return tuple((active.parameter, active.text) for active in self.active_values)

    def selected(self, name: str) -> list[str]:
        """The values of one parameter in the query string, e.g. the topic slugs."""
        return [active.text for active in self.active_values if active.parameter == name]


class SearchWithinForm(forms.Form):
    """The search box of a single interview's page."""

    q = forms.CharField(
        label="Search within this interview",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"A search can be at most {MAX_QUERY_LENGTH} characters long.",
        },
    )
