"""What a filtered list's page says about its filters, and the links around them.

`filter_summary` turns an `InterviewFilter` into what the page shows: the sentence naming the
active filters ("with François Chollet about Keras"), the messages about values left out, the
notice of a search cut at its limit, the chips that remove one value, the sort links, and what
the page links and the search form carry along.
"""

import dataclasses

from interviews import links
from interviews.filters import RELEVANCE, ActiveValue, InterviewFilter

# A filter's words in a sentence, in the order the sentence uses them.
PHRASE_ORDER = (
    "q",
    "interviewee",
    "person",
    "interviewer",
    "outlet",
    "topic",
    "year",
    "from",
    "to",
)
PEOPLE_VERBS = {"person": "involving", "interviewee": "with", "interviewer": "by"}


@dataclasses.dataclass(frozen=True)
class Chip:
    """An active filter value in words, with the link that removes it."""

    phrase: str
    remove_url: str


@dataclasses.dataclass(frozen=True)
class FilterSummary:
    """A filtered list's filters as its page shows them (see `filter_summary`)."""

    # The list itself, without any filter: the form's action and "Clear all".
    path: str
    description: str
    messages: list[str]
    search_notice: str
    chips: list[Chip]
    sort_links: list[links.SortLink]
    page_query_prefix: str
    form_hidden_inputs: list[tuple[str, str]]

    @property
    def is_filtered(self) -> bool:
        return bool(self.chips)

    @property
    def url_cleared(self) -> str:
        return self.path


def filter_summary(filters: InterviewFilter, *, path: str) -> FilterSummary:
    """The page's words and links for `filters` on the list at `path`."""
    pairs = filters.query_pairs
    return FilterSummary(
        path=path,
        description=filter_description(filters),
        messages=filter_messages(filters),
        search_notice=search_notice(filters),
        chips=[
            Chip(phrase, links.url_without(path, pairs, active.parameter, active.text))
            for active in filters.active_values
            if (phrase := _phrase(active))
        ],
        sort_links=links.sort_links(
            path,
            pairs,
            current=filters.order,
            default=filters.default_sort,
            searching=filters.search is not None,
        ),
        page_query_prefix=links.page_query_prefix(pairs),
        form_hidden_inputs=links.form_hidden_inputs(pairs),
    )


def _phrase(active: ActiveValue) -> str:
    """One active value in words, "about Keras"; "" for the sort, which is no filter."""
    name, value = active.parameter, active.value
    if name == "q":
        return f"matching “{value}”"
    if name in PEOPLE_VERBS:
        return f"{PEOPLE_VERBS[name]} {value.name}"
    if name == "outlet":
        return f"from {value.name}"
    if name == "topic":
        return f"about {value.name}"
    if name == "year":
        return f"in {value}"
    if name == "from":
        return f"from {value.display()}"
    if name == "to":
        return f"until {value.display()}"
    return ""


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def filter_description(filters: InterviewFilter) -> str:
    """The active filters as words: "with François Chollet about Keras and AI ethics"."""
    phrases = []
    for name in PHRASE_ORDER:
        mine = [active for active in filters.active_values if active.parameter == name]
        if name == "topic" and mine:
            phrases.append("about " + _names([active.value.name for active in mine]))
        else:
            phrases.extend(_phrase(active) for active in mine)
    return " ".join(phrases)


def filter_messages(filters: InterviewFilter) -> list[str]:
    """What the page says about the query string: each value that was left out, and why."""
    filters.is_valid()
    messages = []
    for name, errors in filters.form.errors.items():
        consequence = "Showing the newest first." if name == "sort" else "That filter was left out."
        messages.extend(f"{error} {consequence}" for error in errors)
    data = filters.cleaned_data
    raw = data.get("q")
    if raw and filters.search is None:
        messages.append(f"There is nothing to search for in “{raw}”, so it was left out.")
    if data.get("sort") == RELEVANCE and filters.search is None:
        messages.append("Sorting by relevance needs a search. Showing the newest first.")
    bounds = data.get("from"), data.get("to")
    if all(bounds) and bounds[0].first_day() > bounds[1].last_day():
        messages.append(
            f"The dates run backwards: from {bounds[0].display()} to {bounds[1].display()}."
        )
    return messages


def search_notice(filters: InterviewFilter) -> str:
    """What the page says when the search stopped at its limit, or ""."""
    if not filters.search_cut:
        return ""
    limit = f"{filters.search_candidates.limit:,}"
    shown = (
        f"showing the best of the first {limit}"
        if filters.order == RELEVANCE
        else f"showing the first {limit} found, {filters.order} first"
    )
    return (
        f"More than {limit} interviews match “{filters.search.raw}”; {shown}. "
        "Add a word or a filter to narrow it."
    )
