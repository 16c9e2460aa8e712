"""Find the reader-comment thread in a pasted web page and parse it into threaded comments.

A thread is recognised from its comment headers: a line naming an author with a date (and
maybe a time), "Jane Doe says:", or an author line followed by a date line. It normally follows
a heading ("43 Responses to …", "3 thoughts on “…”", "Comments (7)", "Discussion"); without
one, only a run of at least two headers carrying a time is taken, because a bare date next to
a name is too common in article text. The thread ends at the comment form ("Leave a Reply",
"Before you leave a comment...", "Your email address will not be published") or, when the
comments are laid out as an indented list, at the first line that falls back to the page's
margin. Replies nest by indentation and bullets, or by "in reply to Name" markers.

Every pattern here works on one line of at most a few hundred characters, with no nested
repetition, so the whole page is read in linear time.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from interviews.transcript import threads
from interviews.transcript.dates import MONTH_PATTERN, WEEKDAY_PATTERN, month_number
from interviews.transcript.model import ParsedComment, comment_replies

# Lines longer than this are prose, never a header, heading or form marker.
_MAX_HEADER_CHARS = 200
# How many non-blank lines (sort controls, a comment form) may separate a heading from the
# first comment.
_HEADING_WINDOW = 25
_MAX_GAP_LINE_CHARS = 120
# A comment body longer than this has most likely swallowed page text (an article, a footer).
_MAX_BODY_CHARS = 20_000
_MAX_BODY_LINES = 150
# Without a heading, consecutive dated headers must lie this close to count as one thread.
_HEADLESS_GAP = 80
# Building a candidate section is linear; this bounds how many a hostile page can ask for.
_MAX_CANDIDATES = 20


@dataclass
class CommentSection:
    start: int  # index of the first line of the section (its heading, or first comment)
    end: int  # exclusive; the comment form and whatever follows are not in it
    comments: list[ParsedComment] = field(default_factory=list)  # replies nested in .replies
    announced: int | None = None  # the number the heading announces
    ignored: list[str] = field(default_factory=list)  # furniture lines dropped inside it
    heading: int | None = None  # index of its heading line ("43 Responses to ..."), if any
    warnings: list[str] = field(default_factory=list)


def _words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of `text`: word lists read better as one string."""
    return tuple(text.split())


# --- Dates and times -------------------------------------------------------------------------

_MONTH = MONTH_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
_CALENDAR_DATE = (
    rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º|°|\.)?\s+(?:of\s+|de\s+)?(?P<m2>{_MONTH})\.?,?\s+"
    r"(?:de\s+)?(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<separator>[/.])(?P<b>\d{1,2})(?P=separator)(?P<y4>\d{4})"
)
_RELATIVE_DATE = (
    r"(?P<ago>(?:\d{1,3}|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d"
    r"|weeks?|wks?|w|months?|mos?|years?|yrs?|yr|y)\.?\s+ago)"
)
_CALENDAR_DATE_RE = re.compile(rf"(?<!\w){_WEEKDAY}(?:{_CALENDAR_DATE})(?!\d)", re.IGNORECASE)
_ANY_DATE_RE = re.compile(
    rf"(?<!\w){_WEEKDAY}(?:{_CALENDAR_DATE}|{_RELATIVE_DATE})(?!\d)", re.IGNORECASE
)
# Every date holds a four-digit year or "ago" and starts at most _DATE_LEAD characters before
# it: the full pattern is tried only from there ("Wednesday, September 30th, 2018").
_DATE_HINT_RE = re.compile(r"\d{4}|ago\b", re.IGNORECASE)
_DATE_LEAD = 60
_TIME_RE = re.compile(
    r"(?:(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?|(?P<hour2>\d{1,2})\s*(?P<ampm2>[ap]\.?\s?m\b\.?))"
    r"(?:z|[+-]\d{2}:?\d{2})?(?!\w)",
    re.IGNORECASE,
)
# What may join a date to its time: "July 2, 2018 at 10:29 am", "2018-07-02T10:29".
# "5. Oktober 2013 um 14:03", "5 octobre 2013 à 14h03", "5 de octubre de 2013 a las 14:03".
_TIME_CONNECTOR_RE = re.compile(
    r"(?:,|at\b|um\b|às|à|a\s+las\b|alle\b|om\b|@|·|•|\||-|–|—|t(?=\d))?\s*", re.IGNORECASE
)
_TIME_ZONE_RE = re.compile(r"\(?(?:utc|gmt|z|[+-]\d{2}:?\d{2}|[a-z]{1,2}[sd]t|cest|aest)\)?")


@dataclass
class _When:
    posted: str | None
    has_time: bool
    problem: str | None = None  # a date the page printed but that does not exist
    relative: bool = False  # "5 years ago"


def _when(match: re.Match[str], time: re.Match[str] | None) -> _When:
    if match.groupdict().get("ago"):
        return _When(None, False, relative=True)
    if match["y3"]:
        year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
    elif match["y4"]:
        year, first, second = int(match["y4"]), int(match["a"]), int(match["b"])
        # "03.07.2018" is day first; "3/7/2018" is read only when one of them exceeds 12.
        if match["separator"] == "." or first > 12:
            day, month = first, second
        elif second > 12 or first == second:
            month, day = first, second
        else:
            return _When(None, False, f"“{match.group(0)}” could be read day or month first")
    else:
        month_name = match["m1"] or match["m2"]
        year, day = int(match["y1"] or match["y2"]), int(match["d1"] or match["d2"])
        # casefold, not lower: the pattern also matches look-alikes such as "ſep".
        month = month_number(month_name)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return _When(None, False, f"“{match.group(0)}” is not a date")
    if time is None:
        return _When(date.isoformat(), False)
    hour = int(time["hour"] or time["hour2"])
    minute = int(time["minute"] or 0)
    ampm = (time["ampm"] or time["ampm2"] or "").lower().replace(".", "").replace(" ", "")
    if ampm and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return _When(date.isoformat(), False, f"“{time.group(0)}” is not a time")
    return _When(f"{date.isoformat()}T{hour:02d}:{minute:02d}", True)


def posted_from_text(text: str) -> str | None:
    """When a comment was posted, read from its printed date as a comment header here reads it.

    "July 4, 2018 at 8:43 am" -> "2018-07-04T08:43"; "July 4, 2018" -> "2018-07-04"; None for
    no calendar date ("5 years ago", "yesterday"). A web page's comment markup holds the same
    text in its own element, and must give the same value as the pasted page does.
    """
    text = " ".join(text[:_MAX_HEADER_CHARS].split())
    match = _CALENDAR_DATE_RE.search(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    connector = _TIME_CONNECTOR_RE.match(rest)
    return _when(match, _TIME_RE.match(rest, connector.end())).posted


# --- Authors ---------------------------------------------------------------------------------

# Words that make a phrase prose ("Published on", "the Keras team") rather than a person's name.
_NOT_NAME_WORDS = frozenset(
    _words(
        """the an and or but of to in on at for with from since until by is was were are be been
    we it this that these those as he she they you your our my his her their its before after
    during between about published updated posted modified last date dated reply replies
    comment comments response responses share edited written min read figure fig photo image
    source credit copyright says said wrote writes thanks thank hi hello dear
    """
    )
)
_SEPARATOR_WORDS = frozenset(
    _words("""on at posted commented says said wrote writes replied · • | , @ : / — – -""")
)
_LEADING_BY = (("posted", "by"), ("comment", "by"), ("comment", "from"), ("reply", "from"))
_SAYS_WORDS = frozenset(("says", "said", "wrote", "writes", "commented", "replied"))
# A mail's or a page's header field holding a date ("Sent: Thursday, October 6, 2022 11:03 AM"):
# the field's name is no commenter.
_DATE_FIELDS = frozenset(("sent", "date", "received", "published", "updated", "recorded", "aired"))
_AUTHOR_REPLY_RE = re.compile(
    r"\s+(?:\(?\s*(?:in reply to|replying to|replied to)\s+|(?:→|➔|➜|▸|►)\s*)(?P<name>[^()]+?)\)?$",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(
    r"(?:(?P<number>\d{1,4})\s*[.)]|\(\d{1,4}\)|#\d{1,4}|(?P<bullet>[•◦▪▫‣∙●○■□▸►➤➢*+·\-–]))\s+"
)


def _is_name(text: str) -> bool:
    """Whether `text` reads as a commenter's name or handle, not as a phrase of prose."""
    if not text or len(text) > 60 or text[-1] in "?!;:," or "://" in text:
        return False
    words = text.split()
    if len(words) > 6 or not any(character.isalpha() for character in text):
        return False
    if not all(any(character.isalnum() for character in word) for word in words):
        return False
    if text.endswith(".") and len(words[-1]) > 4:
        return False
    if any(character in '<>{}[]=\\"“”«»:;' for character in text):
        return False
    return not any(word.strip(".,'’()").lower() in _NOT_NAME_WORDS for word in words)


def _split_marker(text: str) -> tuple[str, str]:
    """("number" | the bullet | "", the rest): "1. Jane" → ("number", "Jane")."""
    match = _MARKER_RE.match(text)
    if not match:
        return "", text
    kind = "number" if match["bullet"] is None else match["bullet"]
    return kind, text[match.end() :]


def _author_from_prefix(prefix: str) -> tuple[str | None, str | None]:
    """The author and replied-to name in what precedes a date; "" when only separators."""
    tokens = prefix.split()
    lowered = tuple(token.lower() for token in tokens[:2])
    if lowered in _LEADING_BY:
        tokens = tokens[2:]
    elif lowered[:1] == ("by",):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].lower().rstrip(":") in _SEPARATOR_WORDS
        or not any(c.isalnum() for c in tokens[-1])
    ):
        tokens.pop()
    author = " ".join(tokens).rstrip(",;:—–-|·•@ ")
    if not author:
        return "", None
    parent = None
    reply = _AUTHOR_REPLY_RE.search(author)
    if reply:
        parent = reply["name"].strip()
        author = author[: reply.start()].strip()
        if not _is_name(parent):
            return None, None
    return (author if _is_name(author) else None), parent


# --- Header suffixes, furniture, headings, the end of the thread -----------------------------

# Tokens that may follow a header's date: permalinks, reply links, vote and share controls.
_SUFFIX_TOKENS = frozenset(
    _words(
        """# ¶ reply permalink link edit edited (edited) report like share flag quote says said
    wrote | · • - – — ↓ » › parent next prev root context [–] [-] [+]
    """
    )
)
_REPLY_TO_RE = re.compile(
    r"^\(?\s*(?:in reply to|replying to|reply to)\s+(?P<name>[^()]{1,60}?)\s*\)?\s*[.:]?$",
    re.IGNORECASE,
)


def _time_and_parent(suffix: str) -> tuple[re.Match[str] | None, str | None] | None:
    """The time and replied-to name after a header's date, or None when prose follows it."""
    rest = suffix.strip()
    connector = _TIME_CONNECTOR_RE.match(rest)
    time = _TIME_RE.match(rest, connector.end())
    if time:
        rest = rest[time.end() :]
    elif connector.end() and rest[: connector.end()].strip():
        rest = rest[connector.end() :]
    tokens = rest.split()
    while tokens and (
        tokens[-1].lower().rstrip(":") in _SUFFIX_TOKENS
        or _TIME_ZONE_RE.fullmatch(tokens[-1].lower())
        or not tokens[-1].strip(":.")
    ):
        tokens.pop()
    if not tokens:
        return time, None
    reply = _REPLY_TO_RE.match(" ".join(tokens))
    if reply and _is_name(reply["name"]):
        return time, reply["name"]
    return None


_FURNITURE_RE = re.compile(
    r"^(?:"
    r"(?:log ?in|sign ?in|register)(?: or (?:register|sign ?up))? to (?:reply|comment|post)"
    r"|(?:load|show|view|see|hide|read) (?:all |more |less |previous |older |newer |the )?"
    r"(?:\d+ )?(?:more )?(?:comments?|replies|reply|responses?)"
    r"|[«←‹]?\s*(?:older|newer|previous|next) comments\s*[»→›]?"
    r"|your comment is awaiting moderation\.?"
    r"|this comment (?:has been|was) (?:removed|deleted)\.?"
    r"|liked by .{1,80}|\d+ (?:more )?repl(?:y|ies)(?: by .{1,60})?"
    r"|loading\s*(?:\.{3}|…)?"
    r"|reply to this comment"
    r"|(?:user )?avatar(?: (?:of|for) .{1,60})?"
    r"|.{1,60}['’]s? (?:avatar|gravatar|photo|picture|profile (?:photo|picture|image))"
    r")$",
    re.IGNORECASE,
)
# Lines made only of these words are reply, vote and share controls.
_FURNITURE_TOKENS = frozenset(
    _words(
        """# ¶ reply replies share report flag like likes dislike unlike edit delete quote upvote
    downvote vote votes permalink link subscribe login ↑ ↓ ^ • · | › » + − - ▲ ▼"""
    )
)


_REPLY_LINK_RE = re.compile(r"reply to (.+)$", re.IGNORECASE)
_CONTROL_SPLIT_RE = re.compile(r"[\s•·|›»]+")


def _is_furniture(text: str) -> bool:
    if len(text) > 80:
        return False
    if _FURNITURE_RE.match(text):
        return True
    reply = _REPLY_LINK_RE.match(text)
    if reply and _is_name(reply.group(1)):
        return True
    tokens = [token.strip("()[]:").lower() for token in _CONTROL_SPLIT_RE.split(text)]
    tokens = [token for token in tokens if token]
    return (
        bool(tokens)
        and all(token in _FURNITURE_TOKENS or token.isdigit() for token in tokens)
        and not all(token.isdigit() for token in tokens)
    )


_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS_WORDS = {
    word: number
    for number, word in zip(
        range(20, 100, 10),
        _words("twenty thirty forty fifty sixty seventy eighty ninety"),
        strict=True,
    )
}
_COUNT = (
    r"(?P<count>\d{1,3}(?:,\d{3})+|\d{1,7}|no|"
    rf"(?:{'|'.join(_TENS_WORDS)})(?:[-\s](?:{'|'.join(list(_NUMBER_WORDS)[1:10])}))?|"
    rf"{'|'.join(_NUMBER_WORDS)})"
)
_COUNTED_HEADING_RE = re.compile(
    rf"^(?:there (?:are|is|have been|has been)\s+)?{_COUNT}\s+"
    r"(?:(?:reader|user|visitor)s?['’]?\s+)?"
    r"(?:responses?|comments?|thoughts?|repl(?:y|ies)|reactions?|opinions?)"
    r"(?:\s+(?:to|on|about|for|in|so far|and counting|add yours"
    r"|join the (?:discussion|conversation))\b.*|\s*[:.»↓…]?)$",
    re.IGNORECASE,
)
_PLAIN_HEADING_RE = re.compile(
    r"^(?:(?:(?:reader|user|visitor|community)s?['’]?s?\s+)?"
    r"(?:comments?|responses?|replies|reactions|discussion|conversation)"
    r"(?:\s*\(\s*(?P<count>\d{1,7})\s*\)|\s*\[\s*(?P<count2>\d{1,7})\s*\]"
    r"|\s*:\s*(?P<count3>\d{1,7}))?\s*:?"
    r"|join the (?:discussion|conversation)"
    r"|what (?:readers|people|you) (?:are saying|said|think))$",
    re.IGNORECASE,
)


_EXPLICIT_RE = re.compile(r"comment|respons|repl", re.IGNORECASE)


def _count_value(count: str) -> int | None:
    count = count.casefold()
    if count[0].isdigit():
        return int(count.replace(",", ""))
    if count == "no":
        return 0
    tens, _, units = count.replace("-", " ").partition(" ")
    if tens in _TENS_WORDS:
        return _TENS_WORDS[tens] + _NUMBER_WORDS.get(units, 0)
    return _NUMBER_WORDS.get(count)


@dataclass
class _Heading:
    announced: int | None
    # "12 Comments", "Responses": explicit; "Discussion" alone may title part of an article.
    explicit: bool


def _heading(text: str) -> _Heading | None:
    if not text or len(text) > _MAX_HEADER_CHARS:
        return None
    counted = _COUNTED_HEADING_RE.match(text)
    if counted:
        return _Heading(_count_value(counted["count"]), explicit=True)
    plain = _PLAIN_HEADING_RE.match(text)
    if plain:
        count = plain["count"] or plain["count2"] or plain["count3"]
        explicit = count is not None or bool(_EXPLICIT_RE.search(text))
        return _Heading(int(count) if count else None, explicit)
    return None


# The comment form, and what comes after it, end the thread.
_FORM_RE = re.compile(
    r"^(?:before you (?:leave|post|submit|write|add) (?:a|your) (?:comment|reply)"
    r"|leave (?:a|your) (?:reply|comment|response)|post (?:a|your) (?:comment|reply)|post comment"
    r"|submit (?:a |your )?comment|add (?:a|your) (?:comment|reply)"
    r"|write (?:a|your) (?:comment|reply)"
    r"|your email address will not be published|comments? (?:are|is) (?:now )?closed"
    r"|comments? (?:policy|guidelines)|commenting (?:policy|guidelines)|cancel reply"
    r"|you must be (?:logged in|registered)|trackbacks|pingbacks)\b",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(
    r"^(?:related|(?:related|similar) (?:posts|articles|stories|reading|interviews)"
    r"|share this|like this"
    r"|you (?:may|might) also (?:like|enjoy)|recent (?:posts|articles)|popular (?:posts|articles)"
    r"|read next|more (?:interviews|stories|articles)|subscribe to (?:our|the) newsletter)\s*:?$"
    r"|^(?:powered by|add) disqus\b.*$|^do not sell my (?:personal )?(?:data|information)$",
    re.IGNORECASE,
)


def _is_end(text: str) -> bool:
    return len(text) <= _MAX_HEADER_CHARS and bool(_FORM_RE.match(text) or _AFTER_RE.match(text))


# --- Comment headers -------------------------------------------------------------------------


@dataclass
class _Header:
    index: int  # the author's line
    last: int  # the header's last line (the date line when the date is on a line of its own)
    indent: int
    marker: str  # "number", the bullet, or ""
    author: str
    when: _When | None
    parent: str | None = None
    says: bool = False  # "Jane Doe says:"

    @property
    def strong(self) -> bool:
        """Dated to the minute, or WordPress's "says:" with a date: safe without a heading."""
        return self.when is not None and (
            self.when.has_time or (self.says and bool(self.when.posted))
        )

    @property
    def conversational(self) -> bool:
        """Dated to the minute, "5 years ago", or "says:": how comments are dated, not events."""
        return self.says or (self.when is not None and (self.when.has_time or self.when.relative))


@dataclass
class _Dated:
    author: str  # "" for a line holding only a date
    marker: str
    when: _When
    parent: str | None
    says: bool


def _parse_dated(text: str) -> _Dated | None:
    """A line holding a date, with or without an author before it."""
    if len(text) > _MAX_HEADER_CHARS:
        return None
    marker, rest = _split_marker(text)
    hint = _DATE_HINT_RE.search(rest)
    if hint is None:
        return None
    pattern = _ANY_DATE_RE if "ago" in rest.casefold() else _CALENDAR_DATE_RE
    for match in pattern.finditer(rest, max(0, hint.start() - _DATE_LEAD)):
        time_and_parent = _time_and_parent(rest[match.end() :])
        if time_and_parent is None:
            continue
        time, suffix_parent = time_and_parent
        prefix = rest[: match.start()]
        field, colon, _ = prefix.partition(":")
        if colon and field.strip().casefold() in _DATE_FIELDS:
            return None
        author, prefix_parent = _author_from_prefix(prefix)
        if author is None:
            continue
        says = any(word.lower().rstrip(":") in _SAYS_WORDS for word in prefix.split()[-2:])
        return _Dated(author, marker, _when(match, time), prefix_parent or suffix_parent, says)
    return None


def _parse_says(text: str) -> tuple[str, str] | None:
    """("Jane Doe", marker) for "Jane Doe says:" and the like."""
    if len(text) > 80:
        return None
    marker, rest = _split_marker(text)
    rest = rest.rstrip()
    # "says:", and Blogger's "said..."
    colon = rest.endswith((":", "...", "…"))
    tokens = rest.rstrip(":.…").split()
    if len(tokens) < 2 or tokens[-1].lower() not in _SAYS_WORDS:
        return None
    if not colon and tokens[-1].lower() != "says":
        return None
    author = " ".join(tokens[:-1])
    return (author, marker) if _is_name(author) else None


class _Page:
    def __init__(self, lines: list[str]) -> None:
        self.stripped = [line.strip() for line in lines]
        self.indent = [len(line[: len(line) - len(line.lstrip())].expandtabs(4)) for line in lines]
        # Pages repeat lines ("Reply", "#"), so each distinct line is parsed once.
        parsed: dict[str, _Dated | None] = {}
        self.dated = [
            parsed[text] if text in parsed else parsed.setdefault(text, _parse_dated(text))
            for text in self.stripped
        ]
        self.size = len(lines)

    def next_nonblank(self, index: int) -> int | None:
        """The first non-blank line after `index`, if at most one blank line separates them."""
        for candidate in (index + 1, index + 2):
            if candidate < self.size and self.stripped[candidate]:
                return candidate
        return None

    def date_line(self, index: int | None) -> _Dated | None:
        if index is None:
            return None
        dated = self.dated[index]
        return dated if dated is not None and not dated.author else None


def _headers(page: _Page) -> list[_Header]:
    """Every comment header on the page, in order; a two-line header counts once."""
    headers: list[_Header] = []

    def add(index: int, last: int, marker: str, author: str, dated: _Dated | None, says: bool):
        headers.append(
            _Header(
                index=index,
                last=last,
                indent=page.indent[index],
                marker=marker,
                author=author,
                when=dated.when if dated else None,
                parent=dated.parent if dated else None,
                says=says,
            )
        )

    index = 0
    while index < page.size:
        text = page.stripped[index]
        dated = page.dated[index]
        if not text:
            index += 1
        elif dated is not None and dated.author:
            add(index, index, dated.marker, dated.author, dated, dated.says)
            index += 1
        elif says := _parse_says(text):
            # "Jane Doe says:", then (in WordPress) the date on the next line.
            following = page.next_nonblank(index)
            date_line = page.date_line(following)
            last = following if date_line is not None and following is not None else index
            add(index, last, says[1], says[0], date_line, True)
            index = last + 1
        elif (following := page.next_nonblank(index)) is not None and (
            date_line := page.date_line(following)
        ):
            # An author's line, then a line holding only the date.
            marker, name = _split_marker(text)
            if (
                len(text) <= 80
                and _is_name(name)
                and not _is_furniture(name)
                and not _heading(name)
            ):
                add(index, following, marker, name, date_line, date_line.says)
                index = following + 1
            else:
                index += 1
        else:
            index += 1
    return headers


# --- The section -----------------------------------------------------------------------------


@dataclass
class _Body:
    text: str
    parent: str | None  # from an "In reply to Jane Doe." line before the text
    dropped: list[str]  # furniture lines
    line_count: int
    footer: _When | None  # a date line closing the text (Blogger prints the date after it)


def _comment_body(page: _Page, start: int, stop: int, *, undated: bool) -> _Body:
    """The comment text in lines [start, stop): paragraphs, with furniture lines dropped."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    dropped: list[str] = []
    parent = None
    last_text = None
    for index in range(start, stop):
        text = page.stripped[index]
        if text and not paragraphs and not current and parent is None:
            reply = _REPLY_TO_RE.match(text)
            if reply and _is_name(reply["name"]):
                parent = reply["name"]
                dropped.append(text)
                continue
        if text and _is_furniture(text):
            dropped.append(text)
            text = ""
        if text:
            current.append(text)
            last_text = index
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    footer = None
    footer_line = page.date_line(last_text) if undated and paragraphs else None
    if footer_line is not None:
        footer = footer_line.when
        paragraphs[-1].pop()
        if not paragraphs[-1]:
            paragraphs.pop()
    text = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
    return _Body(text, parent, dropped, sum(map(len, paragraphs)), footer)


def _section_end(page: _Page, first: _Header) -> int:
    """The comment form, or the first line back at the page margin when comments are indented."""
    base = first.indent
    body = next((i for i in range(first.last + 1, page.size) if page.stripped[i]), None)
    indented = base > 0 and body is not None and page.indent[body] >= base
    for index in range(first.last + 1, page.size):
        text = page.stripped[index]
        if text and (_is_end(text) or (indented and page.indent[index] < base)):
            return index
    return page.size


def _name_key(name: str) -> str:
    return " ".join(name.lstrip("@").casefold().split())


def _replied_to(written: list[ParsedComment], name: str) -> ParsedComment | None:
    """The latest comment by `name` ("Adrian" also finds "Adrian Rosebrock")."""
    key = _name_key(name)
    for comment in reversed(written):
        if _name_key(comment.author) == key:
            return comment
    for comment in reversed(written):
        if _name_key(comment.author).startswith(key + " "):
            return comment
    return None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _build_section(
    page: _Page, headers: list[_Header], first_position: int, start: int, announced: int | None
) -> tuple[CommentSection, bool]:
    """The section whose first comment is headers[first_position]; and whether it is suspect."""
    first = headers[first_position]
    end = _section_end(page, first)
    members = []
    for header in headers[first_position:]:
        if header.last >= end:
            break
        members.append(header)
    section = CommentSection(start=start, end=end, announced=announced)
    if start < first.index:
        section.heading = start
    section.ignored.extend(
        page.stripped[i] for i in range(start + 1, first.index) if page.stripped[i]
    )
    suspect = False
    stack: list[tuple[int, str, ParsedComment]] = []  # (indent, marker, comment), shallow first
    written: list[ParsedComment] = []
    for position, header in enumerate(members):
        stop = members[position + 1].index if position + 1 < len(members) else end
        body = _comment_body(page, header.last + 1, stop, undated=header.when is None)
        section.ignored.extend(body.dropped)
        when = header.when or body.footer
        comment = ParsedComment(
            author=header.author, text=body.text, posted=when.posted if when else None
        )
        if when and when.problem:
            section.warnings.append(f"the comment by {header.author}: {when.problem}")
        if not body.text:
            section.warnings.append(f"the comment by {header.author} has no text")
        if len(body.text) > _MAX_BODY_CHARS or body.line_count > _MAX_BODY_LINES:
            suspect = True
            section.warnings.append(
                f"the comment by {header.author} runs to {len(body.text)} characters: "
                "the thread may have taken in page text"
            )
        # The nearest shallower comment is the parent; at the same column, a different marker
        # (a bullet under a numbered comment) is a reply and the same marker a sibling.
        while stack and stack[-1][0] > header.indent:
            stack.pop()
        if stack and stack[-1][0] == header.indent:
            same = next(
                (
                    depth
                    for depth in range(len(stack) - 1, -1, -1)
                    if stack[depth][0] == header.indent and stack[depth][1] == header.marker
                ),
                None,
            )
            if same is not None:
                del stack[same:]
        parent = stack[-1][2] if stack else None
        replied_to = header.parent or body.parent
        if replied_to:
            named = _replied_to(written, replied_to)
            if named is None:
                section.warnings.append(
                    f"the comment by {header.author} replies to {replied_to}, "
                    "who has no comment above it"
                )
            else:
                parent = named
        (parent.replies if parent else section.comments).append(comment)
        stack.append((header.indent, header.marker, comment))
        written.append(comment)
    found = len(written)
    if announced is not None and announced != found:
        verb = "was" if found == 1 else "were"
        section.warnings.append(
            f"the heading announces {_plural(announced, 'comment')} but {found} {verb} found"
        )
    return section, suspect


def find_comment_section(lines: list[str]) -> CommentSection | None:
    """The reader-comment thread in a page's lines, or None when the page has none."""
    page = _Page(lines)
    headers = _headers(page)
    if not headers:
        return None
    header_lines = [header.index for header in headers]
    # Running counts of non-blank lines, and of prose lines (long, not a form's), before each line.
    nonblank_before = [0]
    prose_before = [0]
    for text in page.stripped:
        nonblank_before.append(nonblank_before[-1] + (1 if text else 0))
        is_prose = len(text) > _MAX_GAP_LINE_CHARS and not _is_end(text)
        prose_before.append(prose_before[-1] + (1 if is_prose else 0))

    # Each heading followed by a comment header across at most a few short lines (sort controls,
    # a comment form); of several headings before the same comment, the nearest with a count.
    headings: dict[int, tuple[int, int | None]] = {}
    for index, text in enumerate(page.stripped):
        heading = _heading(text)
        if heading is None:
            continue
        position = bisect.bisect_right(header_lines, index)
        if position == len(headers):
            continue
        first = headers[position].index
        if (
            nonblank_before[first] - nonblank_before[index + 1] > _HEADING_WINDOW
            or prose_before[first] - prose_before[index + 1]
            or not (heading.explicit or headers[position].conversational)
        ):
            continue
        earlier = headings.get(position)
        if earlier is None or heading.announced is not None or earlier[1] is None:
            headings[position] = (index, heading.announced)

    built: list[tuple[CommentSection, bool]] = []
    for position in sorted(headings):
        heading_index, announced = headings[position]
        if any(
            not suspect and section.start <= heading_index < section.end
            for section, suspect in built
        ):
            continue
        built.append(_build_section(page, headers, position, heading_index, announced))
        if len(built) >= _MAX_CANDIDATES:
            break
    if built:
        # The thread with the most comments, preferring one whose bodies look like comments.
        best, _ = max(
            built,
            key=lambda item: (
                not item[1],
                threads.count(item[0].comments, children=comment_replies),
            ),
        )
        return best
    return _headless_section(page, headers)


def _headless_section(page: _Page, headers: list[_Header]) -> CommentSection | None:
    """The last run of comments dated to the minute (or "says:" and a date), with no heading."""
    strong = [position for position, header in enumerate(headers) if header.strong]
    if len(strong) < 2:
        return None
    run = [strong[-1]]
    for position in reversed(strong[:-1]):
        if headers[run[-1]].index - headers[position].index > _HEADLESS_GAP:
            break
        run.append(position)
    if len(run) < 2:
        return None
    first = run[-1]
    section, suspect = _build_section(page, headers, first, headers[first].index, None)
    if suspect or threads.count(section.comments, children=comment_replies) < 2:
        return None
    section.warnings.insert(
        0, "no heading introduces the comments: the thread was recognised by its dated headers"
    )
    return section
