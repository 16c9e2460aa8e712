"""The facets beside a filtered list: for each of year, topic, outlet and person, the values
that narrow the list, each with how many interviews choosing it would show and its link.

Each facet is one grouped query over the interviews the other filters let through (over a
search's candidates when searching), kept in Django's cache under the archive's version.
"""

import dataclasses
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from config.archive_version import archive_version
from interviews import links, search
from interviews.filters import InterviewFilter
from interviews.models import Interview, Participation

logger = logging.getLogger(__name__)

# The facets of a list, in the order the page shows them.
FACETS = ("year", "topic", "outlet", "interviewee", "interviewer")
FACET_TITLES = {
    "year": "Years",
    "topic": "Topics",
    "outlet": "Outlets",
    "interviewee": "Interviewees",
    "interviewer": "Interviewers",
}
# Options beyond this many (the least frequent) are left out of a facet.
FACET_LIMIT = 30
# A year chart with more bars than this shows only the years that have interviews.
YEAR_CHART_SPAN = 40
# A chart prints at most this many year labels under its bars (every bar still has its name),
# and with more bars than YEAR_CHART_COUNTS prints a bar's count only when it is pointed at,
# focused or chosen: narrower bars leave no room for every number.
YEAR_CHART_LABELS = 6
YEAR_CHART_COUNTS = 10
# The shortest bar drawn for a year with interviews, as a percentage of the chart's height.
YEAR_BAR_MIN_HEIGHT = 3


@dataclasses.dataclass
class FacetOption:
    value: str
    label: str
    count: int
    url: str
    selected: bool = False
    # The count as a percentage of the largest, for the height of a bar in the year chart.
    share: int = 0


@dataclasses.dataclass
class YearBar:
    """One year in the year chart: its bar links to the list filtered by it (or, chosen, to its
    removal); a year without interviews has an empty slot and no link."""

    year: str
    count: int
    url: str
    selected: bool
    # The bar's height as a percentage of the chart's, and where its top is (100 - height).
    height: int
    top: int
    # Whether the year is printed under the bar, and the count always shown above it.
    labelled: bool
    count_shown: bool


@dataclasses.dataclass
class Facet:
    name: str
    title: str
    options: list[FacetOption]
    # The year facet only: one bar a year, oldest first, the years without interviews included.
    chart: list[YearBar] = dataclasses.field(default_factory=list)


def _facet_counts(
    name: str, interviews: QuerySet[Interview], *, ids: tuple[int, ...] | None = None
) -> list[tuple[str, str, int]]:
    """(value, label, count) for one facet over `interviews`: one grouped query.

    `ids`, when given, are those interviews' ids (a search's candidates): the people and topics
    are then counted from them through their tables' interview index, where a subquery over the
    interviews could have PostgreSQL read the whole table.
    """
    of_interviews = (
        Q(interview__in=interviews) if ids is None else search.among(ids, field="interview_id")
    )
    if name in (Participation.Role.INTERVIEWEE, Participation.Role.INTERVIEWER):
        rows = (
            Participation.objects.filter(of_interviews, role=name)
            .values_list("person__slug", "person__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "person__name")
        )
    elif name == "outlet":
        rows = (
            interviews.filter(outlet__isnull=False)
            .values_list("outlet__slug", "outlet__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "outlet__name")
        )
    elif name == "topic":
        rows = (
            Interview.topics.through.objects.filter(of_interviews)
            .values_list("topic__slug", "topic__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "topic__name")
        )
    elif name == "year":
        years = (
            interviews.filter(published_on__isnull=False)
            .annotate(year=ExtractYear("published_on"))
            .values_list("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        return [(str(year), str(year), count) for year, count in years]
    else:
        raise ValueError(f"No facet called {name!r}.")
    return list(rows[:FACET_LIMIT])


def _year_chart(options: list[FacetOption]) -> list[YearBar]:
    if not options:
        return []
    by_year = {int(option.value): option for option in options}
    first, last = min(by_year), max(by_year)
    years = sorted(by_year) if last - first >= YEAR_CHART_SPAN else range(first, last + 1)
    # Every `step`-th year is labelled, counted back from the latest, so the latest always is.
    step = -(-len(years) // YEAR_CHART_LABELS)
    dense = len(years) > YEAR_CHART_COUNTS
    bars = []
    for index, year in enumerate(years):
        option = by_year.get(year)
        count = option.count if option else 0
        height = max(option.share, YEAR_BAR_MIN_HEIGHT) if count else 0
        bars.append(
            YearBar(
                year=str(year),
                count=count,
                url=option.url if option else "",
                selected=bool(option and option.selected),
                height=height,
                top=100 - height,
                labelled=(len(years) - 1 - index) % step == 0,
                count_shown=bool(count) and (not dense or option.selected),
            )
        )
    return bars


def interview_facets(
    *, filters: InterviewFilter, path: str, names=FACETS, hide: dict[str, str] | None = None
) -> list[Facet]:
    """The facets `names` with their counts (see `interview_facets_counted`), from the cache.

    With FACET_CACHE_SECONDS set, the facets are kept in Django's cache under the archive's
    version (config/archive_version.py) and everything that decides them: one query to read the
    version on a hit, instead of one per facet. A cache that fails is only logged.
    """
    seconds = settings.FACET_CACHE_SECONDS
    if not seconds:
        return interview_facets_counted(filters=filters, path=path, names=names, hide=hide)
    # The number with its time: a restored backup can bring a number back (archive_version.py).
    version = archive_version().tag
    key = _facet_cache_key(filters=filters, path=path, names=names, hide=hide, version=version)
    try:
        facets = cache.get(key)
    except Exception:  # The cache is an optimisation: a page must not fail with it.
        logger.warning("Facet cache unavailable", exc_info=True)
        return interview_facets_counted(filters=filters, path=path, names=names, hide=hide)
    if facets is None:
        facets = interview_facets_counted(filters=filters, path=path, names=names, hide=hide)
        try:
            cache.set(key, facets, seconds)
        except Exception:
            logger.warning("Facet cache unavailable", exc_info=True)
    return facets


def _facet_cache_key(*, filters: InterviewFilter, path: str, names, hide, version: str) -> str:
    # The interviews the page starts from (its SQL), the page, the valid filter values and the
    # facets asked for decide the counts and the links; the version, that nothing changed since.
    decided_by = repr(
        (
            str(filters.queryset.query),
            path,
            filters.fixed,
            filters.query_pairs,
            tuple(names),
            sorted((hide or {}).items()),
        )
    )
    digest = hashlib.sha256(decided_by.encode()).hexdigest()[:32]
    return f"facets:v{version}:{digest}"


def interview_facets_counted(
    *, filters: InterviewFilter, path: str, names=FACETS, hide: dict[str, str] | None = None
) -> list[Facet]:
    """The facets `names` with their counts: one grouped query each, whatever the options.

    Each option counts the interviews that every other active filter lets through, so that it
    says how many a click would show. Choosing a year, an outlet or a person replaces the one
    chosen before, so those facets leave their own filter out. Topics add up instead (each one
    chosen must match): every topic value is a filter of its own, and a topic's count is taken
    over the current results. Each option links to the list at `path` with its value added; an
    option already chosen links to its removal. `hide` leaves out
    one option per facet, such as the topic of a topic's own page. With a search, the counts
    are over its candidates, the matches it ranks (search.candidates): when the search was cut,
    they cover only those, as the page says.
    """
    hide = hide or {}
    pairs = filters.query_pairs
    facets = []
    for name in names:
        if name in filters.fixed:
            continue
        selected = set(filters.selected(name))
        options = []
        leave_out = () if name == "topic" else (name,)
        # A search's facets count its candidates (search.candidates), not every match.
        candidates = filters.search_candidates_without(*leave_out)
        if candidates is None:
            counted, ids = filters.queryset_without(*leave_out), None
        else:
            counted, ids = Interview.objects.filter(search.among(candidates.ids)), candidates.ids
        for value, label, count in _facet_counts(name, counted, ids=ids):
            if hide.get(name) == value:
                continue
            chosen = value in selected
            change = links.url_without if chosen else links.url_with
            url = change(path, pairs, name, value)
            options.append(FacetOption(value, label, count, url, selected=chosen))
        largest = max((option.count for option in options), default=0)
        for option in options:
            option.share = round(100 * option.count / largest) if largest else 0
        if not options:
            # Nothing to choose: the page leaves it out, and with no facet at all, the way to them.
            continue
        facet = Facet(name=name, title=FACET_TITLES[name], options=options)
        if name == "year":
            facet.chart = _year_chart(options)
        facets.append(facet)
    return facets
