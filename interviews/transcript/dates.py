"""Dates as pages print them: "July 2, 2018", "2 July 2018", "Dec 2017", "2017-12-05", and
in German, French, Spanish, Italian, Dutch and Portuguese: "5. Oktober 2013", "5 de octubre de
2013", "Okt. 2013"."""

from __future__ import annotations

import datetime
import re

from .model import PartialDate
from .text import word_list

# Month names as pages print them in English, German, French, Spanish, Italian, Dutch and
# Portuguese: full names, then abbreviations (read in a month-year date only with their dot, as
# "out 2013" or "set 2013" is more often a word than a month).
_FULL_MONTHS = (
    "january januar jänner janvier enero gennaio januari janeiro",
    "february februar feber février fevrier febrero febbraio februari fevereiro",
    "march märz maerz mars marzo maart março",
    "april avril abril aprile",
    "may mai mayo maggio mei maio",
    "june juni juin junio giugno junho",
    "july juli juillet julio luglio julho",
    "august août aout agosto augustus",
    "september septembre septiembre setiembre settembre setembro",
    "october oktober octobre octubre ottobre outubro",
    "november novembre noviembre novembro",
    "december dezember décembre decembre diciembre dicembre dezembro",
)
_ENGLISH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "",
    "jun",
    "jul",
    "aug",
    "sep sept",
    "oct",
    "nov",
    "dec",
)
_OTHER_ABBREVIATIONS = (
    "jän janv ene gen",
    "févr fevr fev",
    "mär mrz mrt",
    "avr abr",
    "mag",
    "giu",
    "juil lug",
    "ago",
    "set",
    "okt ott out",
    "",
    "dez déc dic",
)


def _month_table(*columns: tuple[str, ...]) -> dict[str, int]:
    return {
        name: number
        for column in columns
        for number, names in enumerate(column, start=1)
        for name in names.split()
    }


_MONTH_NUMBERS = _month_table(_FULL_MONTHS, _ENGLISH_ABBREVIATIONS, _OTHER_ABBREVIATIONS)
_DOT_ONLY = frozenset(_month_table(_OTHER_ABBREVIATIONS))
# Longest first, so that "juni" is not read as "jun" and a stray "i".
MONTH_PATTERN = "(?:" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + ")"
_MONTH = "(?P<{name}>" + MONTH_PATTERN + ")"
# "Samstag, 5. Oktober 2013", "sábado, 5 de octubre de 2013": a weekday before the date.
_WEEKDAYS = word_list(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles jueves
    viernes sábado sabado domingo lunedì lunedi martedì martedi mercoledì mercoledi giovedì
    giovedi venerdì venerdi sabato domenica maandag dinsdag woensdag donderdag vrijdag zaterdag
    zondag segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira segunda
    terça terca quarta quinta sexta"""
)
WEEKDAY_PATTERN = "(?:(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
# "5th", "1er" (French), "1º" (Spanish, Portuguese), "5." (German).
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|°|\.)?"

# Each alternative is a fixed sequence of bounded pieces: no nested repetition, linear time.
_DATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + _MONTH.format(name="m1")
    + r"\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})"
    + _DAY_SUFFIX
    + r"\s+(?:of\s+|de\s+)?"
    + _MONTH.format(name="m2")
    + r"\.?,?\s+(?:de\s+)?(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?P<y5>\d{4})/(?P<m5>\d{1,2})/(?P<d5>\d{1,2})"
    r"|" + _MONTH.format(name="m4") + r"(?P<dot4>\.)?,?\s+(?:de\s+)?(?P<y4>\d{4})"
    r")(?![\w])",
    re.IGNORECASE,
)

# Past this length a line is prose, and a date in it is about something else.
MAX_DATELINE_CHARS = 160


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation in one of the languages read here, else 0."""
    return _MONTH_NUMBERS.get(name.casefold().rstrip("."), 0)


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
        if groups["m4"].casefold() in _DOT_ONLY and not groups["dot4"]:
            return None  # "out 2013": a word, unless written "out. 2013"
        year, month, day = int(groups["y4"]), month_number(groups["m4"]), None
    elif groups["y3"] or groups["y5"]:
        key = "3" if groups["y3"] else "5"
        year, month, day = (int(groups[f"{part}{key}"]) for part in ("y", "m", "d"))
    else:
        key = "1" if groups["y1"] else "2"
        year, day = int(groups[f"y{key}"]), int(groups[f"d{key}"])
        month = month_number(groups[f"m{key}"])
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
