"""What comes before the conversation: front matter, title, deck, dateline, metadata, intro.

The title is the first heading-like line (a Markdown heading, or a short line without a final
full stop) before any prose, unless front matter or a "Title:" line names it. The deck is the
line right after the title when it is a subheading, emphasised, heading-like, or followed by a
dateline or byline. Everything else that is prose is the intro; furniture, repeated titles and
"Key: value" lines are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture
from .dates import date_from_url, date_span, find_date
from .labels import is_handle, label_key, name_parts
from .model import PartialDate
from .pdf import Line
from .structure import Unit
from .text import final_mark, fold, is_upper_text, word_count, word_list

METADATA_KEYS = frozenset(
    word_list(
        """title subtitle headline deck date published posted updated aired recorded author authors
        by byline source url link location place interviewer interviewers interviewee
        interviewees guest guests host hosts subject topic topics tags tag category categories
        from to cc bcc sent reply-to language duration length episode show program programme
        series transcript transcribed by transcriber format keywords description summary
        producer producers editor photographer speakers participants narrator time venue event
        copyright rights id slug moderator respondent organisation organization affiliation
        occupation project collection audio video recording runtime season"""
    )
) | {"transcribed by", "date published", "date recorded", "interview date", "recorded on"}
_TITLE_KEYS = ("title", "headline")
_DECK_KEYS = ("subtitle", "deck", "description", "summary")
_DATE_KEYS = ("published", "date published", "date", "posted", "aired", "updated")
_LATE_DATE_KEYS = ("recorded", "date recorded", "interview date", "recorded on", "time")
INTERVIEWER_KEYS = ("interviewer", "interviewers", "host", "hosts", "moderator")
INTERVIEWEE_KEYS = ("interviewee", "interviewees", "guest", "guests", "respondent", "narrator")
_BYLINE_RE = re.compile(r"(?:by|written by|posted by|words by|interview by)\s+\S", re.IGNORECASE)
_MAX_TITLE_WORDS = 20
_MAX_DECK_WORDS = 70


@dataclass
class Header:
    title: str = ""
    deck: str = ""
    published: PartialDate | None = None
    intro_parts: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    set_aside: list[Unit] = field(default_factory=list)  # furniture, headings: to `ignored`
    turn_units: list[Unit] = field(default_factory=list)  # captions, directions: turns in place
    placed: list[tuple[int, str]] = field(default_factory=list)  # (input line, place)

    def place(self, unit: Unit, where: str) -> None:
        self.placed.extend((index, where) for index in unit.indices)

    def put_metadata(self, key: str, value: str, unit: Unit) -> None:
        """A "Key: value" read from `unit`; a second, different value for a key is set aside
        rather than lost."""
        if self.metadata.setdefault(key, value) == value:
            self.place(unit, f"metadata:{key}")
        else:
            self.set_aside.append(unit)


def front_matter(lines: list[Line]) -> tuple[dict[str, str], int]:
    """YAML front matter between "---" lines at the top: its keys, and how many lines it took."""
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None or lines[first].text != "---":
        return {}, 0
    values: dict[str, str] = {}
    key = ""
    for i in range(first + 1, min(len(lines), first + 200)):
        text = lines[i].text
        if text in ("---", "..."):
            return values, i + 1
        if not text or text.startswith("#"):
            continue
        if text.startswith("- ") and key:
            item = text[2:].strip().strip("\"'")
            values[key] = f"{values[key]}, {item}" if values[key] else item
            continue
        name, colon, value = text.partition(":")
        if not colon or not name.strip() or (" " in name.strip() and len(name) > 30):
            return {}, 0
        key = name.strip().casefold()
        values[key] = value.strip().strip("\"'")
    return {}, 0


def metadata_value_is_short(value: str) -> bool:
    """A "Key: value" pair is metadata when the value is a name or a phrase, not a sentence."""
    words = word_count(value)
    if words > 14 or "\n" in value:
        return False
    mark = final_mark(value)
    return mark not in "?!" and not (mark == "." and words >= 6)


def is_heading_like(unit: Unit) -> bool:
    if unit.kind == "heading":
        return True
    if unit.kind != "text" or unit.lines != 1:
        return False
    text = unit.text
    if not text or len(text) > 200 or word_count(text) > _MAX_TITLE_WORDS:
        return False
    if final_mark(text) in ".,;:…" or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not is_dateline(text) and not furniture.is_breadcrumb(text)


def is_dateline(text: str) -> bool:
    """A short line that is mostly a date: "July 2, 2018", "Posted on 2 July 2018 by Adrian"."""
    if len(text) > 120 or word_count(text) > 14:
        return False
    span = date_span(text)
    if span is None:
        return False
    rest = text[: span[0]] + text[span[1] :]
    if final_mark(text) in ".?!" and text[span[1] :].strip(" .") != "":
        return False  # "In December 2017 we met.": a sentence, not a dateline
    return word_count(rest) <= 6


def is_byline(text: str) -> bool:
    """ "By Helen Marsh", "Written by Helen Marsh and Al Roe"."""
    found = _BYLINE_RE.match(text)
    if found is None or word_count(text) > 10:
        return False
    name = text[found.end() - 1 :]
    return name[:1].isupper() and final_mark(text) not in "?!."


def is_notice(text: str) -> bool:
    """ "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM.": a shouted notice."""
    return word_count(text) >= 5 and is_upper_text(text) and final_mark(text) in ".!"


def read_header(
    units: list[Unit],
    metadata_units: set[int],
    meta: dict[str, str],
) -> Header:
    """Title, deck, dates, metadata and intro from the units before the first turn.

    `metadata_units` are indexes of labelled units already judged "Key: value" metadata; `meta`
    holds front matter.
    """
    header = Header(metadata=dict(meta))
    for index in sorted(metadata_units):
        unit = units[index] if index < len(units) else None
        if unit is not None and unit.label is not None:
            header.put_metadata(label_key(unit.label.label), unit.body.strip(), unit)
    meta = header.metadata
    for key in _TITLE_KEYS:
        if meta.get(key):
            header.title = meta[key]
            break
    for key in _DECK_KEYS:
        if meta.get(key):
            header.deck = meta[key]
            break

    # First pass: what each unit is.
    roles: list[str] = []
    title_at: int | None = None
    for index, unit in enumerate(units):
        role = _unit_role(unit, index in metadata_units, title_at is None and not header.title)
        if role == "title-candidate":
            if title_at is None and not header.title and not _prose_before(roles):
                title_at = index
                role = "title"
            else:
                role = "heading" if unit.kind == "heading" else "text"
        roles.append(role)

    # A kicker (a shouted "LARRY KING LIVE", a short "Fresh Air") gives way to the headline
    # right under it.
    if title_at is not None and (
        is_upper_text(units[title_at].text) or word_count(units[title_at].text) <= 3
    ):
        following = _next_content(roles, title_at)
        if (
            following is not None
            and units[following].kind == "text"
            and is_heading_like(units[following])
            and not is_upper_text(units[following].text)
            and _title_cased(units[following].text)
            and word_count(units[following].text) > word_count(units[title_at].text)
        ):
            header.metadata.setdefault("kicker", units[title_at].text)
            roles[title_at] = "kicker"
            roles[following] = "title"
            title_at = following
    if title_at is not None:
        header.title = units[title_at].text
    elif header.title:
        # Front matter named the title; the page may show it too, with its deck under it.
        wanted = fold(" ".join(header.title.split()))
        title_at = next(
            (
                i
                for i, unit in enumerate(units)
                if unit.kind in ("heading", "text") and fold(" ".join(unit.text.split())) == wanted
            ),
            None,
        )
        if title_at is not None:
            roles[title_at] = "title"

    # The deck: right under the title.
    if title_at is not None and not header.deck:
        following = title_at + 1 if title_at + 1 < len(units) else None
        if following is not None and roles[following] in ("text", "heading"):
            unit = units[following]
            after = _next_content(roles, following, include_meta=True)
            followed_by_meta = after is not None and roles[after] in (
                "furniture",
                "dateline",
                "byline",
                "metadata",
            )
            if (
                unit.kind == "heading"
                or unit.decorated
                or is_heading_like(unit)
                or (unit.lines == 1 and followed_by_meta)
            ) and word_count(unit.text) <= _MAX_DECK_WORDS:
                header.deck = unit.text
                roles[following] = "deck"

    title_key = fold(" ".join(header.title.split())) if header.title else None
    for unit, role in zip(units, roles, strict=True):
        if role in ("title", "deck"):
            header.place(unit, role)
        elif role == "kicker":
            header.place(unit, "metadata:kicker")
        elif role == "metadata":
            continue  # read above
        elif role == "dateline":
            header.put_metadata("dateline", unit.text, unit)
            header.published = header.published or find_date(unit.text)
        elif role == "byline":
            header.put_metadata("byline", unit.text, unit)
            header.published = header.published or find_date(unit.text)
        elif role == "furniture":
            header.set_aside.append(unit)
            if unit.reason == "read time" and header.published is None:
                header.published = find_date(unit.text)
        elif role in ("caption", "direction"):
            header.turn_units.append(unit)
        elif role in ("heading", "rule"):
            header.set_aside.append(unit)
        elif title_key is not None and fold(" ".join(unit.text.split())) == title_key:
            header.set_aside.append(unit)  # the title repeated above the conversation
        elif is_heading_like(unit) and unit.kind == "text":
            header.set_aside.append(unit)  # a section heading, a show name
        else:
            header.intro_parts.append(unit.text)
            header.place(unit, "intro")
    _source_url_from_metadata(header)
    _dates_from_metadata(header)
    return header


# "Source: https://...", "URL: ...", "Link: ...": where the transcript says it was published.
_SOURCE_URL_KEYS = ("source_url", "source url", "source", "url", "link", "original", "permalink")


def _source_url_from_metadata(header: Header) -> None:
    meta = header.metadata
    for key in _SOURCE_URL_KEYS:
        value = meta.get(key, "").strip().strip("<>")
        if re.fullmatch(r"https?://\S+", value):
            meta["source_url"] = value
            return
    meta.pop("source_url", None)


def _unit_role(unit: Unit, is_metadata: bool, looking_for_title: bool) -> str:
    if unit.kind == "furniture":
        return "furniture"
    if unit.kind in ("caption", "direction", "rule"):
        return unit.kind
    if is_metadata:
        return "metadata"
    if unit.kind == "heading":
        return "title-candidate"
    if unit.kind == "list":
        return "text"
    text = unit.text
    if is_dateline(text):
        return "dateline"
    if is_byline(text):
        return "byline"
    if looking_for_title and furniture.is_breadcrumb(text):
        return "furniture"
    if is_notice(text):
        return "furniture"
    if is_heading_like(unit):
        return "title-candidate"
    return "text"


def _title_cased(text: str) -> bool:
    """ "Interview With Bill Gates" is a headline; "A talk with a keeper" reads as a deck."""
    long_words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    capitals = sum(1 for word in long_words if word[0].isupper())
    return bool(long_words) and capitals >= 0.6 * len(long_words)


def _prose_before(roles: list[str]) -> bool:
    return any(role in ("text",) for role in roles)


def _next_content(roles: list[str], index: int, include_meta: bool = False) -> int | None:
    skip = () if include_meta else ("furniture", "dateline", "byline", "metadata")
    for following in range(index + 1, len(roles)):
        if roles[following] in skip or roles[following] == "rule":
            continue
        return following
    return None


def _dates_from_metadata(header: Header) -> None:
    meta = header.metadata
    if "subject" in meta and not header.title and ("from" in meta or "to" in meta):
        header.title = meta["subject"]
    for key in _DATE_KEYS + _LATE_DATE_KEYS:
        if meta.get(key):
            found = find_date(meta[key]) or _year_only(meta[key])
            if found:
                header.published = found
                return
    # No date written out: a blog's address often holds one (/2018/07/02/...).
    if header.published is None:
        header.published = date_from_url(meta.get("source_url", ""))


def _year_only(value: str) -> PartialDate | None:
    value = value.strip()
    return PartialDate(int(value)) if len(value) == 4 and value.isdigit() else None


def metadata_names(meta: dict[str, str], keys: tuple[str, ...]) -> list[str]:
    """Names under the given keys ("Host: Terry Gross; Guest: ..."), when they look like names."""
    names = []
    for key in keys:
        for value in re.split(r"[;,&]| and ", meta.get(key, "")):
            value = value.strip()
            if value and (name_parts(value) or is_handle(value)) and word_count(value) <= 5:
                names.append(value)
    return names
