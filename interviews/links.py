"""The links of a filtered list: the same list with one filter value added or removed.

Every function takes the list's path and its current query parameters, the valid filter values
as (parameter, value) pairs in the order of `filters.PARAMETERS` (`InterviewFilter.query_pairs`),
and returns what a link needs. A value left out of the pairs (invalid, or the default sort) is
left out of every link, so a link never carries a mistake along.
"""

import dataclasses
from urllib.parse import urlencode

from interviews.filters import PARAMETERS, RELEVANCE, SORTS

Pairs = tuple[tuple[str, str], ...]

# The search form has fields of its own for these, and a new search is sorted by relevance.
NOT_HIDDEN_IN_FORM = ("q", "from", "to", "sort")


@dataclasses.dataclass(frozen=True)
class SortLink:
    label: str
    url: str
    current: bool


def list_url(path: str, pairs: Pairs) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def url_without(path: str, pairs: Pairs, name: str, value: str | None = None) -> str:
    """The list without one value of a parameter (or all of its values)."""
    return list_url(path, tuple(p for p in pairs if p[0] != name or value not in (None, p[1])))


def url_with(path: str, pairs: Pairs, name: str, value: str) -> str:
    """The list with a value added: a topic is one more, any other parameter replaced."""
    kept = [pair for pair in pairs if name == "topic" or pair[0] != name]
    kept.append((name, value))
    kept.sort(key=lambda pair: PARAMETERS.index(pair[0]))
    return list_url(path, tuple(kept))


def sort_links(
    path: str, pairs: Pairs, *, current: str, default: str, searching: bool
) -> list[SortLink]:
    """The ways to sort the list, each with its link; relevance only while searching.

    The default sort is no parameter at all, so its link is the list without one.
    """
    found = []
    for value, label in SORTS:
        if value == RELEVANCE and not searching:
            continue
        if value == default:
            url = url_without(path, pairs, "sort")
        else:
            url = url_with(path, pairs, "sort", value)
        found.append(SortLink(label=label, url=url, current=value == current))
    return found


def page_query_prefix(pairs: Pairs) -> str:
    """The filters for the page links, "topic=keras&", or "" without filters."""
    return f"{urlencode(pairs)}&" if pairs else ""


def form_hidden_inputs(pairs: Pairs) -> list[tuple[str, str]]:
    """What the search form carries along: every active filter but its own fields."""
    return [pair for pair in pairs if pair[0] not in NOT_HIDDEN_IN_FORM]
