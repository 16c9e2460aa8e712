"""What a parse produces: plain dataclasses with no Django, to test and fuzz the parser alone."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter

from interviews.transcript import threads

# The fixed lists, each written once: the Django models' choices and database constraints are
# built from these (interviews/models.py). A member is its value ("question" == TurnKind.QUESTION).


class TurnKind(StrEnum):
    QUESTION = "question"
    ANSWER = "answer"
    REMARK = "remark"
    CAPTION = "caption"
    DIRECTION = "direction"  # a stage direction: "[laughs]"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"


class Format(StrEnum):
    """The transcript layouts the parser reads; AUTO recognises one."""

    AUTO = "auto"
    LABELLED = "labelled"
    QA = "qa"
    ALTERNATING = "alternating"
    TIMESTAMPED = "timestamped"
    SRT = "srt"
    VTT = "vtt"


class Precision(StrEnum):
    """How much of a PartialDate is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


KINDS = tuple(member.value for member in TurnKind)
ROLES = tuple(member.value for member in Role)
FORMATS = tuple(member.value for member in Format)


# ISO 8601 to the precision known; one-digit months and days are read too ("2017-1-5").
_ISO_DATE_RE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{1,2})(?:-(?P<day>[0-9]{1,2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """ "2017", "2017-12" or "2017-12-05" as a PartialDate.

        ValueError saying what to write for anything else, a day that does not exist included.
        """
        match = _ISO_DATE_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            # Checks the ranges, leap years included, and refuses a month or day of 00.
            datetime.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            raise ValueError(
                f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."
            ) from None
        return cls(year, month, day)

    @classmethod
    def from_day(cls, day: datetime.date, precision: str) -> PartialDate:
        """The year, month or day (`precision`) that `day` falls in."""
        if precision == Precision.YEAR:
            return cls(day.year)
        if precision == Precision.MONTH:
            return cls(day.year, day.month)
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day()
        if self.month:
            return self.first_day().replace(day=calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, 12, 31)

    def display(self) -> str:
        """ "2 July 2018", "July 2018" or "2018": only what is known."""
        first = self.first_day()
        if self.day:
            return f"{first.day} {first:%B} {first.year}"
        if self.month:
            return f"{first:%B} {first.year}"
        return str(self.year)

    def isoformat(self) -> str:
        """ "2017", "2017-12" or "2017-12-05"."""
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def timestamp_text(seconds: float) -> str:
    """ "00:01:23": a time into the recording as every page, form and export writes it.

    Not Django's duration_string, which writes 25 hours as "1 01:00:00".
    """
    # Whole seconds: a stored offset may carry a fraction the transcript never showed.
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def precise_timestamp_text(offset: datetime.timedelta) -> str:
    """ "00:01:23.5": `timestamp_text` with the fraction of a second the offset has, to the
    millisecond, as the sync page writes a stamp so that saving it again changes nothing."""
    whole, milliseconds = divmod(round(offset / datetime.timedelta(milliseconds=1)), 1000)
    text = timestamp_text(whole)
    return f"{text}.{milliseconds:03d}".rstrip("0") if milliseconds else text


@dataclass
class ParsedTurn:
    speaker: str  # the label as merged (see ParsedTranscript.speakers); "" for captions, directions
    kind: str  # a TurnKind
    text: str  # paragraphs separated by "\n\n"; list items as lines starting "• "
    timestamp: int | None = None  # seconds into the recording
    label: str = ""  # the label exactly as first written for this turn ("KING", "Adrian")

    @property
    def timestamp_text(self) -> str | None:
        return None if self.timestamp is None else timestamp_text(self.timestamp)


@dataclass
class ParsedComment:
    author: str
    text: str
    posted: str | None = None  # ISO 8601: "2018-07-02T13:16" (no zone: as the page printed it)
    replies: list[ParsedComment] = field(default_factory=list)
    # The page marked it as its own author's (a WordPress "bypostauthor", an "Author" badge):
    # the one thing besides an editor that may give a comment its badge here.
    by_page_author: bool = False


def comment_replies(comment: ParsedComment) -> list[ParsedComment]:
    return comment.replies


def comments_in_page_order(comments: list[ParsedComment]):
    """Every comment of the thread, replies after their parent, as (comment, depth from 0)."""
    return threads.walk(comments, children=comment_replies)


def comment_json(comment: ParsedComment) -> dict:
    """A comment as parse_transcript --json and an import draft keep it; replies left to fill."""
    item = {"author": comment.author, "posted": comment.posted, "text": comment.text, "replies": []}
    if comment.by_page_author:
        item["by_page_author"] = True
    return item


@dataclass
class ParseHints:
    """What the editor already knows; every field is optional."""

    speakers: list[str] = field(default_factory=list)
    interviewers: list[str] = field(default_factory=list)
    interviewees: list[str] = field(default_factory=list)
    format: str = Format.AUTO


@dataclass
class ParsedTranscript:
    title: str = ""
    deck: str = ""
    byline: str = ""  # "By Helen Marsh", "Interview by ...": who wrote the page, as written
    published: PartialDate | None = None
    intro: str = ""
    outro: str = ""  # the closing note
    speakers: list[str] = field(default_factory=list)  # merged labels, in order of appearance
    interviewers: list[str] = field(default_factory=list)  # subset of speakers
    interviewees: list[str] = field(default_factory=list)  # subset of speakers
    turns: list[ParsedTurn] = field(default_factory=list)
    comments: list[ParsedComment] = field(default_factory=list)
    metadata: dict[str, str] = field(
        default_factory=dict
    )  # e.g. {"interviewer": "...", "host": "..."}
    ignored: list[str] = field(default_factory=list)  # lines dropped as page furniture
    warnings: list[str] = field(default_factory=list)
    format: str = Format.AUTO  # the format the parser recognised
    # Where each non-blank input line went, as (line index, place): "turn 3", "turns 3-4" (a
    # caption line several voices share), "intro", "outro", "title", "deck", "byline",
    # "metadata:date", "comment" or "ignored". Every non-blank line
    # of `normalise(text)` appears exactly once (see accounting.py); not part of the JSON.
    places: list[tuple[int, str]] = field(default_factory=list, compare=False, repr=False)

    def as_json(self) -> dict:
        """The contract of `manage.py parse_transcript --json`."""
        return {
            "title": self.title,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "intro": self.intro,
            "outro": self.outro,
            "speakers": list(self.speakers),
            "turns": [
                {
                    "speaker": turn.speaker,
                    "kind": turn.kind,
                    "text": turn.text,
                    "timestamp": turn.timestamp_text,
                }
                for turn in self.turns
            ],
            "comments": threads.map_tree(
                self.comments,
                comment_json,
                children=comment_replies,
                replies=itemgetter("replies"),
            ),
            "ignored": list(self.ignored),
            "warnings": list(self.warnings),
        }
