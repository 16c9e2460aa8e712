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
from .labels import credit_line, is_handle, label_key, name_parts
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
        occupation project collection audio video recording runtime season interview
        interviewed veteran name"""
    )
) | {
    "transcribed by",
    "date published",
    "date recorded",
    "interview date",
    "recorded on",
    "interviewed by",
    # Credits over a name on the next line ("Edited by:" / "Dag Spicer" on an oral history's
    # title page): fields, not a headline.
    "edited by",
    "produced by",
    "conducted by",
    "moderated by",
    "translated by",
    "reviewed by",
    "recorded by",
}
# "Interview With Jane Doe" under a show's name: the headline, however short.
_INTERVIEW_HEADLINE_RE = re.compile(
    r"(?:an?\s{1,3})?(?:interview|conversation|q\s?&\s?a)\s{1,3}with\s", re.IGNORECASE
)
_TITLE_KEYS = ("title", "headline")
_DECK_KEYS = ("subtitle", "deck", "description", "summary")
_DATE_KEYS = ("published", "date published", "date", "posted", "aired", "updated", "sent")
_LATE_DATE_KEYS = ("recorded", "date recorded", "interview date", "recorded on", "time")
INTERVIEWER_KEYS = ("interviewer", "interviewers", "interviewed by", "host", "hosts", "moderator")
INTERVIEWEE_KEYS = (
    "interviewee",
    "interviewees",
    "guest",
    "guests",
    "respondent",
    "narrator",
    "veteran",  # a veterans' oral history's "Veteran: Jane Doe"
    "interview",  # an oral history's "INTERVIEW: Jane Doe" names whom it interviews
    "interviewed",
)
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
    """YAML front matter between "---" lines at the top: its keys, and how many lines it took.

    A value may wrap onto indented lines below its key ("title: A long\n  title"), or run on
    inside its quotes; those lines belong to the value.
    """
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None:
        return {}, 0
    if lines[first].text != "---":
        return _unfenced_front_matter(lines, first)
    values: dict[str, str] = {}
    key = ""
    for i in range(first + 1, min(len(lines), first + 200)):
        line = lines[i]
        text = line.text
        if text in ("---", "..."):
            return {name: _yaml_scalar(value) for name, value in values.items()}, i + 1
        if not text or (text.startswith("#") and not _open_quote(values.get(key, ""))):
            continue
        if key and (line.indent > 0 or _open_quote(values[key])) and not text.startswith("- "):
            values[key] = f"{values[key]}\n{text}" if values[key] else text
            continue
        if text.startswith("- ") and key:
            item = _yaml_scalar(text[2:])
            values[key] = f"{values[key]}, {item}" if values[key] else item
            continue
        name, colon, value = text.partition(":")
        if not colon or not name.strip() or (" " in name.strip() and len(name) > 30):
            return {}, 0
        key = name.strip().casefold()
        values[key] = value.strip()
    return {}, 0


_FIELD_RE = re.compile(r"([a-z][a-z0-9_-]{0,30}):(?:\s(.*))?")


def _unfenced_front_matter(lines: list[Line], first: int) -> tuple[dict[str, str], int]:
    """A static-site export's fields without their "---" fences ("title: ...", "layout: post",
    "date: ..."): lower-case keys, one a line, ending at the first blank line."""
    values: dict[str, str] = {}
    end = first
    for i in range(first, min(len(lines), first + 60)):
        text = lines[i].text
        if not text:
            break
        found = _FIELD_RE.fullmatch(text)
        if found is None:
            return {}, 0
        values[found[1]] = _yaml_scalar(found[2] or "")
        end = i + 1
    if len(values) < 2 or not {"title", "date", "layout", "permalink"} & values.keys():
        return {}, 0
    return values, end


def _open_quote(value: str) -> bool:
    """A quoted YAML scalar whose closing quote is still to come."""
    if not value or value[0] not in "'\"":
        return False
    quote = value[0]
    rest = value[1:]
    if quote == "'":
        rest = rest.replace("''", "")
        return not rest.endswith(quote)
    return not _closes_double(rest)


def _closes_double(rest: str) -> bool:
    """Whether the text after a double quote ends with an unescaped one ('..."', not '\\"')."""
    if not rest.endswith('"'):
        return False
    backslashes = len(rest[:-1]) - len(rest[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _yaml_scalar(value: str) -> str:
    """A scalar as YAML reads it: a single-quoted one with '' for a quote; a double-quoted one
    with its escapes ("\\u201C", "\\_" a no-break space, "\\ " a space) and its line
    breaks folded into spaces, but where a backslash escapes the break; a plain one with its
    wrapped lines joined by spaces."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return " ".join(value[1:-1].replace("''", "'").split("\n")).strip()
    if len(value) >= 2 and value[0] == '"' and _closes_double(value[1:]):
        return _yaml_double(value[1:-1]).strip()
    return " ".join(value.split("\n")).strip("\"'").strip()


_YAML_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\u0085",
    "_": "\u00a0",
    "L": "\u2028",
    "P": "\u2029",
}
_YAML_ESCAPE_RE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


def _yaml_double(inner: str) -> str:
    """The text of a double-quoted YAML scalar (quotes removed); an unknown escape is kept."""
    pieces = inner.split("\n")
    joined = pieces[0]
    for piece in pieces[1:]:
        trailing = len(joined) - len(joined.rstrip("\\"))
        # "...\\" at the end of a line escapes the break: no space.
        joined = joined[:-1] + piece if trailing % 2 else f"{joined} {piece}"

    def decode(match: re.Match) -> str:
        code = match.group(1) or match.group(2) or match.group(3)
        if code:
            point = int(code, 16)
            return chr(point) if point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else ""
        return _YAML_ESCAPES.get(match.group(4), match.group(0))

    return _YAML_ESCAPE_RE.sub(decode, joined) if "\\" in joined else joined


# "Present:", "Staff Present:", "Also present:", "In attendance:": a roster of who attends.
_ROSTER_RE = re.compile(r"(?:[\w.'’-]{1,30} ){0,2}present|in attendance|attendees|attending")


def is_roster_key(key: str) -> bool:
    """A label key that introduces a list of those present rather than a speaker."""
    return len(key) <= 60 and bool(_ROSTER_RE.fullmatch(key))


def roster(text: str) -> tuple[str, str] | None:
    """("also present", "Ben Ash.") for the line "Also present: Ben Ash.", else None."""
    key, colon, value = text[:2000].partition(":")
    key = " ".join(fold(key).split())
    if not colon or not value.strip() or not is_roster_key(key):
        return None
    return key, " ".join(value.split())


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
    if "://" in text or "](" in text or "www." in text:
        return False  # a line with a link is a sentence about it, not a headline
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
    else:
        if meta.get("subject") and "from" in meta and ("newsgroups" in meta or "date" in meta):
            # A post's or a mail's subject is its title: a short line of the body is not.
            header.title = meta["subject"]
        # "episode: What the heck is X?": an episode's name, not its number, is the title.
        episode = meta.get("episode", "")
        # "Transcript: Ep. 8 – Night Shift with Dr. Ama Owusu": the page's headline, written as
        # a field, when it reads as one (capitalised, no sentence).
        shown = meta.get("transcript", "")
        if word_count(episode) >= 2 and "/" not in episode and sum(map(str.isalpha, episode)) >= 4:
            header.title = episode
        elif (
            word_count(shown) >= 3
            and "/" not in shown
            and shown[:1].isupper()
            and final_mark(shown) not in ".!"
        ):
            header.title = shown
    for key in _DECK_KEYS:
        if meta.get(key):
            header.deck = meta[key]
            break

    # "Interviewed by:" alone on its line with the name on the next: one field on two lines.
    split_values = {
        index + 1: index
        for index, unit in enumerate(units[:-1])
        if _field_key_alone(unit) and _field_value(units[index + 1])
    }

    # First pass: what each unit is.
    roles: list[str] = []
    title_at: int | None = None
    for index, unit in enumerate(units):
        role = _unit_role(unit, index in metadata_units, title_at is None and not header.title)
        if index in split_values or index + 1 in split_values:
            role = "split-field"
        if (
            role in ("text", "title-candidate")
            and _loose_field(unit)
            and (metadata_units & {index - 1, index + 1} or (roles and roles[-1] in _FIELD_ROLES))
        ):
            role = "field"
        if (
            role in ("title-candidate", "text")
            and roles
            and roles[-1] in _FIELD_ROLES
            and unit.gap == 0
            and _field_value(unit)
        ):
            # "Recorded: March 14, 2007" then "Mountain View, California" right under it: the
            # field goes on, the place is not a headline.
            role = "field-continued"
        if (
            role in ("title-candidate", "text")
            and roles
            and roles[-1] == "dateline"
            and unit.gap == 0
            and _field_value(unit)
            and is_place(unit.text)
        ):
            role = "field-continued"  # "Recorded March 14, 2007" over "Mountain View, CA"
        if (
            role in ("text", "title-candidate")
            and _empty_field(unit)
            and (
                metadata_units & {index - 1, index + 1}
                or (roles and roles[-1] in (*_FIELD_ROLES, "empty-field"))
            )
        ):
            role = "empty-field"  # "Regiment:" left blank among a form's filled fields
        if role == "episode":
            # A numbered headline is the title, over a show's name or a section label above it;
            # after a title of the page's own (front matter, a top heading) it is metadata.
            if header.title and title_at is None:
                role = "episode-metadata"
            elif title_at is None or (
                (units[title_at].kind != "heading" or units[title_at].level != 1)
                and roles[title_at] == "title"
                and not is_episode_line(units[title_at].text)
            ):
                if title_at is not None:
                    roles[title_at] = "kicker"
                title_at = index
                role = "title"
            else:
                role = "episode-metadata"
        if role == "title-candidate":
            if title_at is None and not header.title and not _prose_before(roles):
                title_at = index
                role = "title"
            else:
                role = "heading" if unit.kind == "heading" else "text"
        roles.append(role)

    # Front matter named a title (often the show's or the site's), but the page opens with a
    # headline of its own: a top-level Markdown heading or a numbered episode line.
    if title_at is None and header.title:
        opening = next(
            (i for i, role in enumerate(roles) if role not in ("furniture", "rule", "metadata")),
            None,
        )
        if opening is not None:
            unit = units[opening]
            top_heading = unit.kind == "heading" and unit.level == 1 and roles[opening] == "heading"
            if (
                (top_heading or roles[opening] == "episode-metadata")
                and not is_section_name(unit.text)
                and fold(unit.text) != fold(header.title)
            ):
                roles[opening] = "title"
                title_at = opening
    # A headline broken over two lines ("MONETARY POLICY AND THE" / "STATE OF THE ECONOMY"):
    # a title ending on a little word goes on in the next heading-like line of its case.
    joined_to: int | None = None
    if title_at is not None and roles[title_at] == "title":
        words = units[title_at].text.split()
        following = _next_content(roles, title_at)
        if (
            words
            and words[-1].casefold() in _DANGLING
            and following is not None
            and roles[following] in ("text", "heading", "title-candidate")
            and is_heading_like(units[following])
            and is_upper_text(units[following].text) == is_upper_text(units[title_at].text)
        ):
            joined_to = following
            roles[following] = "title"
    # A kicker (a shouted "LARRY KING LIVE", a short "Fresh Air", a document number) gives way
    # to the headline right under it.
    kicker_text = units[title_at].text if title_at is not None else ""
    if (
        title_at is not None
        and joined_to is None
        and roles[title_at] == "title"
        and (is_upper_text(kicker_text) or word_count(kicker_text) <= 3)
    ):
        following = _next_content(roles, title_at)
        code = _reference_code(kicker_text) or (
            word_count(kicker_text) == 1 and is_upper_text(kicker_text)
        )
        if (
            following is not None
            and units[following].kind == "text"
            and is_heading_like(units[following])
            and not is_section_name(units[following].text)
            and (
                (not is_upper_text(units[following].text) and _title_cased(units[following].text))
                or code
            )
            and (
                word_count(units[following].text) > word_count(kicker_text)
                or _INTERVIEW_HEADLINE_RE.match(units[following].text) is not None
            )
        ):
            roles[title_at] = "kicker"
            roles[following] = "title"
            title_at = following
    if title_at is not None and joined_to is not None:
        header.title = f"{units[title_at].text} {units[joined_to].text}"
    elif title_at is not None:
        header.title = units[title_at].text
    elif not header.title:
        # No headline stood out: a line the page shows twice (a breadcrumb's last link, then
        # the headline) is the title.
        title_at = _repeated_line(units, roles)
        if title_at is None:
            title_at = _line_over_byline(units, roles)
        if title_at is not None:
            roles[title_at] = "title"
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
        below = joined_to if joined_to is not None else title_at
        following = below + 1 if below + 1 < len(units) else None
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
                (
                    unit.kind == "heading"
                    or unit.decorated
                    or is_heading_like(unit)
                    or (unit.lines == 1 and followed_by_meta)
                )
                and word_count(unit.text) <= _MAX_DECK_WORDS
                and not is_section_name(unit.text)
            ):
                header.deck = unit.text
                roles[following] = "deck"

    title_key = fold(" ".join(header.title.split())) if header.title else None
    last_field = ""
    for unit, role in zip(units, roles, strict=True):
        if role in ("metadata", "field") and unit.label is not None and unit.label.label:
            last_field = label_key(unit.label.label)
        elif role == "field":
            last_field = " ".join(unit.text.partition(":")[0].casefold().split())
        elif role == "split-field":
            last_field = _field_key_alone(unit) or last_field
        elif role == "dateline":
            last_field = "dateline"
        if role in ("title", "deck"):
            header.place(unit, role)
        elif role == "field-continued":
            if last_field in header.metadata:
                header.metadata[last_field] += f"; {unit.text}"
                header.place(unit, f"metadata:{last_field}")
            else:
                header.set_aside.append(unit)
        elif role == "kicker":
            header.put_metadata("kicker", unit.text, unit)
        elif role == "episode-metadata":
            header.put_metadata("episode", unit.text, unit)
        elif role == "metadata":
            continue  # read above
        elif role == "field":
            key, _, value = unit.text.partition(":")
            header.put_metadata(" ".join(key.casefold().split()), value.strip(), unit)
        elif role == "split-field":
            key = _field_key_alone(unit)
            position = units.index(unit)
            if key and position + 1 in split_values:
                value_unit = units[position + 1]
                header.put_metadata(key, value_unit.text, unit)
                if header.metadata.get(key) == value_unit.text:
                    header.place(value_unit, f"metadata:{key}")
                else:
                    header.set_aside.append(value_unit)
        elif role == "dateline":
            header.put_metadata("dateline", unit.text, unit)
            header.published = header.published or find_date(unit.text)
        elif role == "roster":
            key, value = roster(unit.text) or ("present", unit.text)
            header.put_metadata(key, value, unit)
        elif role == "credit":
            # "RUTH BANNER: An Interview Conducted by Jo Roe": read with the page's own words,
            # where its interviewer is found, however much it looks like a heading.
            header.intro_parts.append(unit.text)
            header.place(unit, "intro")
        elif role == "byline":
            header.put_metadata("byline", unit.text, unit)
            header.published = header.published or find_date(unit.text)
        elif role == "furniture":
            header.set_aside.append(unit)
            # "This is a rush transcript from "The Show," March 3, 2022.": the show's date.
            dated = unit.reason == "read time" or unit.text.casefold().startswith("this is a rush")
            if dated and header.published is None:
                header.published = find_date(unit.text)
        elif role in ("caption", "direction"):
            header.turn_units.append(unit)
        elif role in ("heading", "rule", "empty-field"):
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


# "Archived at: ...", "CHM Reference number: X3926.2007": capitalised words, then small ones.
_FIELD_LINE_RE = re.compile(
    r"[A-Z][\w.&'’-]{0,20}(?: [A-Z][\w.&'’-]{0,20}){0,2}(?: [a-z][\w'’-]{0,15}){1,3}:\s\S.{0,300}"
)


_FIELD_ROLES = ("metadata", "field", "split-field", "field-continued")


def is_place(text: str) -> bool:
    """ "Mountain View, CA", "Palo Alto, California": a place, capitalised words with a comma."""
    words = text.replace(",", " ").split()
    return (
        "," in text
        and 2 <= len(words) <= 6
        and final_mark(text) not in ".?!:"
        and all(word[:1].isupper() for word in words)
        and not any(ch.isdigit() for ch in text)
    )


_LIST_HEADS = frozenset(("speakers", "keywords", "participants", "tags", "topics"))


def _field_key_alone(unit: Unit) -> str | None:
    """ "interviewed by" for "Interviewed by:" alone on its line: a known field's name, with its
    value on the next line."""
    text = unit.text.strip(" *_")
    if unit.kind not in ("text", "heading") or unit.lines != 1 or len(text) > 40:
        return None
    if not text.endswith(":"):
        # "SUMMARY KEYWORDS", "SPEAKERS": a transcription export's field heads in capitals.
        words = text.casefold().split()
        if not is_upper_text(text) or not 1 <= len(words) <= 3:
            return None
        if len(words) == 1 and words[0] not in _LIST_HEADS:
            return None  # "TRANSCRIPT", "INTERVIEW": a section's heading
        return " ".join(words) if all(word in METADATA_KEYS for word in words) else None
    if unit.kind != "text":
        return None
    key = " ".join(text[:-1].casefold().split())
    return key if key in METADATA_KEYS else None


def _empty_field(unit: Unit) -> bool:
    """ "Date of Transcript:" alone on its line: a field's name with no value, as a form left
    blank prints it."""
    text = unit.text.strip(" *_")
    return (
        unit.kind == "text"
        and unit.lines == 1
        and text.endswith(":")
        and text.count(":") == 1
        and 1 <= word_count(text) <= 4
        and text[:1].isupper()
    )


def _field_value(unit: Unit) -> bool:
    return (
        unit.kind == "text"
        and unit.lines == 1
        and unit.label is None
        and metadata_value_is_short(unit.text)
    )


def _loose_field(unit: Unit) -> bool:
    """ "Archived at: https://...", "Filed under: Science": a field whose name has small words,
    which no speaker's name has. Only beside other "Key: value" lines is it metadata."""
    return (
        unit.kind == "text"
        and unit.lines == 1
        and _FIELD_LINE_RE.fullmatch(unit.text) is not None
        and metadata_value_is_short(unit.text.partition(":")[2])
    )


def _unit_role(unit: Unit, is_metadata: bool, looking_for_title: bool) -> str:
    if unit.kind == "furniture":
        return "furniture"
    if unit.kind in ("caption", "direction", "rule"):
        return unit.kind
    if is_metadata:
        return "metadata"
    if is_section_name(unit.text):
        return "heading"  # "## Introduction", "Transcript": a section, not the headline
    if is_episode_line(unit.text) and unit.kind in ("heading", "text") and unit.lines <= 2:
        return "episode"
    if unit.kind == "heading":
        return "title-candidate"
    if unit.kind == "list":
        return "furniture" if is_menu(unit) else "text"
    text = unit.text
    if unit.lines == 1 and credit_line(text) is not None:
        return "credit"
    if roster(text):
        return "roster"
    if is_dateline(text):
        return "dateline"
    if is_byline(text):
        return "byline"
    if looking_for_title and furniture.is_breadcrumb(text):
        return "furniture"
    if furniture.is_related_heading(text) and final_mark(text) not in ".?!":
        return "furniture"  # "Popular Searches", "Related" above the article: its boxes
    if is_notice(text):
        return "furniture"
    if is_heading_like(unit):
        return "title-candidate"
    return "text"


def is_menu(unit: Unit) -> bool:
    """A list of bare links above the talk ("• Physics", "• Archive", "• About us"): the
    site's menu. Four items or more, each a few capitalised words without a full stop, most of
    them one; a list of topics in lower case ("• swarms", "• honey") is the intro's."""
    items = [line.lstrip("•*-+·▪◦ \t") for line in unit.text.split("\n") if line.strip()]
    return (
        len(items) >= 4
        and all(
            word_count(item) <= 4 and final_mark(item) not in ".?!:;," and item[:1].isupper()
            for item in items
        )
        and 2 * sum(1 for item in items if word_count(item) == 1) >= len(items)
    )


_SECTION_NAMES = frozenset(
    """introduction|intro|transcript|full transcript|the transcript|episode transcript|interview|
    the interview|contents|table of contents|abstract|summary|overview|background|preface|
    foreword|show notes|episode notes|notes|description|about the interview|about this interview|
    copyright|copyright statement|citation|links|resources|chapters|timestamps|
    conversation|the conversation|q&a|q & a""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
# "Episode 142: ...", "Ep. 7 - ...", "#42: ...", "Part 2: ...": a numbered headline.
_EPISODE_RE = re.compile(
    r"(?:episode|ep\.?|show|part|chapter|session|no\.?|#)\s?#?\d{1,5}\b\s{0,3}[:\-–—|.]?",
    re.IGNORECASE,
)
_EPISODE_LABEL_RE = re.compile(
    r"(?:episode|ep\.?|show|part|chapter|session|no\.?)\s?#?\d{1,5}", re.IGNORECASE
)
_DANGLING = frozenset(word_list("the a an of and or for to in on with at by from as its their"))


def is_section_name(text: str) -> bool:
    """ "Transcript", "About the Interview", "About Jane Doe": a section of the page, never its
    title."""
    folded = " ".join(text.strip(" #*_:").casefold().split())
    return folded in _SECTION_NAMES or (
        folded.startswith("about ") and word_count(folded) <= 6 and final_mark(folded) not in ".?!"
    )


def is_episode_line(text: str) -> bool:
    """ "Episode 142: Why bees dance": a numbered headline, with words after the number."""
    found = _EPISODE_RE.match(text[:200])
    if found is None or word_count(text[found.end() :]) < 1:
        return False
    if word_count(text) > _MAX_TITLE_WORDS + 5:
        return False
    separated = found.group(0).rstrip()[-1:] in ":-–—|."
    # "Episode 12 of the series was recorded in Paris." is a sentence, not a headline.
    return separated or (final_mark(text) not in ".,;:" and word_count(text) <= 12)


def is_episode_label(key: str) -> bool:
    """ "episode 142" in "Episode 142: Why bees dance": the label shape of a numbered title."""
    return bool(_EPISODE_LABEL_RE.fullmatch(key))


def _reference_code(text: str) -> bool:
    """ "S. Hrg. 111-53", "No. 4471": a document number standing above the headline."""
    return word_count(text) <= 4 and any(ch.isdigit() for ch in text)


def _title_cased(text: str) -> bool:
    """ "Interview With Bill Gates" is a headline; "A talk with a keeper" reads as a deck."""
    long_words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    capitals = sum(1 for word in long_words if word[0].isupper())
    return bool(long_words) and capitals >= 0.6 * len(long_words)


def _repeated_line(units: list[Unit], roles: list[str]) -> int | None:
    """The first short line, near the top, that the header shows twice."""
    seen: dict[str, int] = {}
    for index, (unit, role) in enumerate(zip(units, roles, strict=True)):
        if index >= 80:
            break
        if role not in ("text", "heading") or unit.lines > 2 or unit.label is not None:
            continue
        text = unit.text
        if not 3 <= word_count(text) <= _MAX_TITLE_WORDS or not text[:1].isupper():
            continue
        key = fold(" ".join(text.split()))
        if key in seen:
            return seen[key]
        seen[key] = index
    return None


def _line_over_byline(units: list[Unit], roles: list[str]) -> int | None:
    """A short line right above the byline ("By Jane Doe"): a page's headline."""
    for index, role in enumerate(roles):
        if role != "byline":
            continue
        above = index - 1
        while above >= 0 and roles[above] in ("furniture", "rule"):
            above -= 1
        if above < 0 or roles[above] not in ("text", "title-candidate"):
            continue
        unit = units[above]
        text = unit.text
        if (
            unit.kind == "text"
            and unit.lines == 1
            and unit.label is None
            and 3 <= word_count(text) <= _MAX_TITLE_WORDS
            and text[:1].isupper()
            and final_mark(text) not in ",;:…"
        ):
            return above
    return None


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
    subject = meta.get("subject", "")
    # A mail's subject line is its title; an oral history's "Subject: Jane Doe" is its guest.
    mail_subject = (
        "from" in meta or "to" in meta or (word_count(subject) >= 4 and not name_parts(subject))
    )
    if subject and not header.title and mail_subject:
        header.title = subject
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
        written = meta.get(key, "")
        if key == "interview":
            # "Interview: Timothy Miller, Open Graphics Project": whom, then what they do.
            written = written.partition(",")[0]
        for value in re.split(r"[;,&]| and ", written):
            # "Ben Adler (BA)", "Jo Roe (she/her)": what follows the name in brackets is not it.
            value = re.sub(r"\s{0,3}\([^()]{1,30}\)$", "", value.strip()).strip()
            if value and (name_parts(value) or is_handle(value)) and word_count(value) <= 5:
                names.append(value)
    return names
