"""Dates as pages print them: "July 2, 2018", "2 July 2018", "Dec 2017", "2017-12-05"."""

from __future__ import annotations

import datetime
import re

from .model import PartialDate

_MONTH = (
    r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Each alternative is a fixed sequence of bounded pieces: no nested repetition, linear time.
_DATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + _MONTH.format(name="m1")
    + r"\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(name="m2")
    + r"\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?P<y5>\d{4})/(?P<m5>\d{1,2})/(?P<d5>\d{1,2})"
    r"|" + _MONTH.format(name="m4") + r"\.?,?\s+(?P<y4>\d{4})"
    r")(?![\w])",
    re.IGNORECASE,
)

# Past this length a line is prose, and a date in it is about something else.
MAX_DATELINE_CHARS = 160


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def find_date(text: str) -> PartialDate | None:
    """The first plausible date in `text`, to the precision it is written."""
    for match in _DATE_RE.finditer(text[:MAX_DATELINE_CHARS]):
        date = _partial_date(match)
        if date is not None:
            return date
    return None


def date_span(text: str) -> tuple[int, int] | None:
    for match in _DATE_RE.finditer(text[:MAX_DATELINE_CHARS]):
        if _partial_date(match) is not None:
            return match.span()
    return None


def _partial_date(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    if groups["y4"]:
        year, month, day = int(groups["y4"]), _month_number(groups["m4"]), None
    elif groups["y3"] or groups["y5"]:
        key = "3" if groups["y3"] else "5"
        year, month, day = (int(groups[f"{part}{key}"]) for part in ("y", "m", "d"))
    else:
        key = "1" if groups["y1"] else "2"
        year, day = int(groups[f"y{key}"]), int(groups[f"d{key}"])
        month = _month_number(groups[f"m{key}"])
    if not 1000 <= year <= 2999:
        return None
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


# "https://pyimagesearch.com/2018/07/02/an-interview/": blogs put the publication date in the path.
_URL_DATE_RE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d\d)(?:/(?P<day>\d\d))?(?=/|$)")


def date_from_url(url: str) -> PartialDate | None:
    """The date a source URL's path gives, as /YYYY/MM/DD/ or /YYYY/MM/, to that precision."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    match = _URL_DATE_RE.search("/" + path)
    if match is None:
        return None
    year, month = int(match["year"]), int(match["month"])
    day = int(match["day"]) if match["day"] else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)
