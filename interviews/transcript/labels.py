"""Speaker labels at the start of a line, with or without a timestamp.

`read_label` recognises the shapes transcripts use ("Name: text", "**Name:** text",
"LARRY KING, HOST: text", "Q. text", "Name (00:01:23):", "Name  0:35", "[00:01:23] Name: text",
"00:01:23 [Name]") and says which shape it saw. Whether a label really names a speaker is decided
later from statistics over the whole transcript (see parser.py): one line alone can't tell a
speaker from "Note: ...".

Only the first couple of hundred characters of a line are examined, so a megabyte-long line
costs no more than a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import fold, is_upper_text, word_list

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LEADING_TS_RE = re.compile(rf"[\[(]?(?P<ts>{_TS})[\])]?(?=[\s\[(:\-–—|]|$)")
_BRACKET_TS_RE = re.compile(rf"\s*[\[(](?P<ts>{_TS})[\])]\s*")
_TRAILING_TS_RE = re.compile(rf"(?:\s*[-–—|·]\s*|\s+)[\[(]?(?P<ts>{_TS})[\])]?\s*:?$")
_BOLD_TS_RE = re.compile(rf"(?P<m>\*\*|__)[\[(]?(?P<ts>{_TS})[\])]?(?P=m)(?=[\s\[(:\-–—|]|$)")
_BODY_TS_RE = re.compile(rf"[\[(]?(?P<ts>{_TS})[\])]?(?:\s+|$|(?=[A-Z“\"‘']))")
_ANY_BRACKET_TS_RE = re.compile(rf"\s?[\[(]{_TS}[\])]")
_PARENTHETICAL_RE = re.compile(r"\([^()]{0,60}\)")
# Chat logs. IRC: "<nick> text", "[10:42] <@nick> text". Slack, Discord, Teams: a header line of
# the author and a clock time ("jdoe [10:42 AM]", "jdoe  10:42 AM", "jdoe — Today at 10:42 AM",
# "jdoe — 01/19/2021 10:42 PM"); a clock time is not an offset into a recording.
_IRC_NICK_RE = re.compile(r"<[@+%~&]?(?P<nick>[A-Za-z0-9_\-\[\]\\`^{}|.]{1,32})>(?:\s|$)")
_CLOCK_TAIL_RE = re.compile(
    r"(?:\s{0,3}[-–—|·]\s{0,3}|\s{1,8})[\[(]?"
    r"(?:(?:today|yesterday)\s{1,3}at\s{1,3}|\d{1,2}/\d{1,2}/\d{2,4}\s{1,3}(?:at\s{1,3})?)?"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)[\])]?\s*$"
    r"|(?:\s{0,3}[-–—|·]\s{0,3})(?:today|yesterday)\s{1,3}at\s{1,3}\d{1,2}:\d{2}\s*$"
    r"|\s{0,3}\[\d{1,2}:\d{2}(?::\d{2})?\]\s*$",
    re.IGNORECASE,
)
_STATUS_EMOJI_RE = re.compile(r"(?:\s{1,3}:[a-z0-9_+\-]{1,40}:){1,3}$", re.IGNORECASE)
_LEADING_CLOCK_RE = re.compile(
    r"[\[(](?:\d{1,2}/\d{1,2}/\d{2,4},?\s{1,3})?\d{1,2}:\d{2}(?::\d{2})?\s?[ap]\.?m\.?[\])]\s{0,3}",
    re.IGNORECASE,
)
# Angle-bracketed words that are stage directions, not IRC nicks.
_SOUNDS = frozenset(
    word_list(
        """laughter laughs laughing laugh applause crosstalk inaudible unintelligible music silence
        pause sighs sigh sneezes coughs cough chuckles chuckle crying cries clapping noise static
        beep beeps sound"""
    )
)


def is_sound(word: str) -> bool:
    """ "Laughs", "applause", "Sighs": a word that names a sound, not something said."""
    return word.casefold() in _SOUNDS


# Angle-bracketed words that are markup, not IRC nicks.
_HTML_TAGS = frozenset(
    word_list(
        """a b i u s p br hr em strong small big sub sup code pre div span li ul ol dl dt dd h1 h2
        h3 h4 h5 h6 blockquote q tr td th table tbody thead img font center section article
        header footer nav main figure figcaption html body head title meta link script style
        form input label button select option textarea iframe v c"""
    )
)

# A hearing record's speaker: "Mr. Koo.", "Senator Reed.", "Mrs. McCarthy of New York.",
# "The Chairman." opening a paragraph, the speech going on after the full stop.
_WORD = r"[A-Z][\w'’-]{0,30}"
_HEARING_RE = re.compile(
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr)\.|Miss|Senator|Chairman|Chairwoman|Representative|Secretary"
    r"|General|Admiral|Governor|Ambassador|Judge|Commissioner|Congressman|Congresswoman"
    r"|Delegate|Mayor)"
    rf" (?:{_WORD} ){{0,2}}{_WORD}(?: of {_WORD}(?: {_WORD}){{0,2}})?"
    r"|The (?:Vice |Acting |Presiding )?(?:Chairman|Chairwoman|Chair|Clerk|Speaker|President"
    r"|Officer|Witness|Reporter|Moderator))\.(?=\s|$)"
)
# Capital initials alone on their line ("SD", "<B> SD <N>" with a mailer's one-letter format
# codes around them): the speaker of the lines below, where such lines recur.
_LONE_INITIALS_RE = re.compile(r"(?:<[A-Z]>\s?){0,4}(?P<name>[A-Z]{2,4})(?:\s?<[A-Z]>){0,4}")
_HEAD_CHARS = 240
MAX_LABEL_CHARS = 80
MAX_UPPER_LABEL_CHARS = 130
_MAX_ROLE_WORDS = 8
_MAX_UPPER_ROLE_WORDS = 14

PARTICLES = frozenset(
    word_list(
        """de da del della der den di du la le van von bin ibn al el y ter ten dos das do of the st
        mc mac"""
    )
)
HONORIFICS = frozenset(
    word_list(
        """mr mrs ms miss mx dr prof professor sen senator rep gov governor pres president sir dame
        rev gen lt col capt sgt hon judge justice mayor secretary minister lord lady"""
    )
)
# Labels that name a role in the conversation rather than a person.
# Words that make a "name" before a colon read as a clause: "That's correct:", "Well, as you
# can imagine:", "What I mean is:".
_CLAUSE_WORDS = frozenset(
    word_list(
        """i me my we us our you your he him his she her they them their it its that's let's
        it's what's there's here's who's i'm i've i'd i'll we're we've you're you've they're
        don't doesn't didn't can't won't isn't wasn't"""
    )
)
QUESTION_ROLES = frozenset(("q", "question", "interviewer", "int"))
ANSWER_ROLES = frozenset(("a", "answer", "interviewee", "respondent"))


@dataclass
class LabelMatch:
    label: str  # the label as written, decoration and timestamp removed ("" for a bare timestamp)
    body: str  # the rest of the line after the label
    style: str  # "plain", "upper", "bold", "qa", "hearing", "timestamp", "bare" (a time alone)
    timestamp: int | None = None
    alone: bool = False  # the label is the whole line; the speech follows on the next lines

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = label_key(self.label)
        return self._key

    _key: str | None = field(default=None, repr=False, compare=False)
    # "[Jane Doe]" after a time, as written: alone on its line it may be "[Music]" instead.
    bracketed: str = field(default="", repr=False, compare=False)
    # "**Jane Doe** Well, ...": a bold name with no colon, a label only where such labels recur.
    loose: bool = field(default=False, repr=False, compare=False)
    # "Jane Doe : text": a space before the colon, a mark of the page's labels.
    spaced: bool = field(default=False, repr=False, compare=False)


@lru_cache(maxsize=1 << 16)
def label_key(label: str) -> str:
    """What two spellings of one label share: "**Larry King**" and "LARRY KING" -> "larry king"."""
    return " ".join(fold(label).replace("’", "'").split())


def role_of(label: str) -> str | None:
    key = label_key(label).rstrip(".")
    if key in QUESTION_ROLES:
        return "interviewer"
    if key in ANSWER_ROLES:
        return "interviewee"
    return None


def seconds(text: str) -> int:
    """ "1:02:03" -> 3723, "0:35" -> 35, "00:01:23,500" -> 83."""
    parts = text.replace(",", ".").split(".")[0].split(":")
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


def strip_timestamps(text: str) -> str:
    """Remove bracketed timestamps inside speech ("... [00:05:12] ...")."""
    if "[" not in text and "(" not in text:
        return text
    return _ANY_BRACKET_TS_RE.sub("", text).strip()


@lru_cache(maxsize=1 << 16)
def name_parts(label: str) -> tuple[str, str] | None:
    """("LARRY KING", "HOST") for "LARRY KING, HOST"; None if `label` can't name a speaker."""
    label = label.strip()
    # A broadcast's capitals label may carry a long title ("DR. JANE DOE, DIRECTOR, NATIONAL
    # INSTITUTE OF ...").
    longest = MAX_UPPER_LABEL_CHARS if is_upper_text(label) else MAX_LABEL_CHARS
    if not 1 <= len(label) <= longest:
        return None
    core = _PARENTHETICAL_RE.sub(" ", label) if "(" in label else label
    name, _, role = core.partition(",")
    words = name.split()
    if not 1 <= len(words) <= 5:
        return None
    if _reads_as_clause(words, role):
        return None
    for position, word in enumerate(words):
        bare = word.strip(".'’-")
        if not bare:
            return None
        if bare.lstrip("#").isdigit():  # "Speaker 2", "UNIDENTIFIED PERSON #1"
            if position == 0:
                return None
            continue
        if position and bare.casefold() in PARTICLES:
            continue
        if not bare[0].isupper():
            return None
        if not all(ch.isalnum() or ch in ".'’-@" or (ch == "_" and len(words) == 1) for ch in bare):
            return None  # "F@lk" is a name; "romulo_dev" a handle: one word
    if role:
        role_words = role.replace(",", " ").split()
        most = _MAX_UPPER_ROLE_WORDS if is_upper_text(label) else _MAX_ROLE_WORDS
        if len(role_words) > most or any(not any(ch.isalnum() for ch in w) for w in role_words):
            return None
        if any(ch in role for ch in "?!;:"):
            return None
        # A book's title in a capitals label ('JANE DOE, AUTHOR, "THE ROAD"') is its role's.
        if any(ch in role for ch in '"“”') and not is_upper_text(label):
            return None
    return " ".join(words), " ".join(role.split())


def _reads_as_clause(words: list[str], role: str) -> bool:
    """ "That's correct", "Well, as you can imagine": sentence text before a colon."""
    for word in words:
        folded = fold(word.replace("’", "'"))
        # "MY" or "US" in capitals are someone's initials; "That's" is never a name.
        if folded in _CLAUSE_WORDS and ("'" in folded or not word.isupper()):
            return True
    if not role:
        return False
    role_words = [fold(word.strip(".,;").replace("’", "'")) for word in role.split()]
    lowercase = sum(1 for word in role.split() if word[:1].islower())
    return any(word in _CLAUSE_WORDS for word in role_words) or lowercase >= 5


def _style(label: str) -> str:
    if role_of(label) and len(label_key(label)) == 1:
        return "qa"
    name = name_parts(label)
    return "upper" if name and len(name[0]) > 1 and is_upper_text(name[0]) else "plain"


# "1. Q:", "2) Q.", "12. Question:": a numbered question in a Q&A.
_NUMBERED_QA_RE = re.compile(r"\d{1,3}[.)]\s{1,3}(?=Q)")


def read_label(line: str) -> LabelMatch | None:
    """The speaker label that starts `line` (already stripped), if its shape is one."""
    head = line[:_HEAD_CHARS]
    if not head:
        return None
    if head[0] in "[(":
        clock = _LEADING_CLOCK_RE.match(head)
        if clock:  # Teams: "[10:42 AM] Jane Doe", "[3/14/2023 10:42 AM] Jane Doe: text"
            return _after_clock(line[clock.end() :])
    leading = _LEADING_TS_RE.match(head) if head[0].isdigit() or head[0] in "[(" else None
    start = leading.end() if leading else 0
    if leading is None and head[:2] in ("**", "__"):
        leading = _BOLD_TS_RE.match(head)  # "**00:47** - _Jane Doe_"
        start = leading.end() if leading else 0
    if leading:
        timestamp = seconds(leading["ts"])
        rest = line[start:].lstrip(" \t:-–—|")
        if not rest:
            return LabelMatch("", "", "bare", timestamp, alone=True)
        name = _emphasised_name(rest)
        if name:  # "**00:47** - _Jane Doe_" over her paragraph
            return LabelMatch(name, "", "timestamp", timestamp, alone=True)
        if rest[0] == "[":
            close = rest.find("]", 1, MAX_LABEL_CHARS)
            if close > 1 and name_parts(rest[1:close]):
                body = rest[close + 1 :].lstrip(" \t:-–—")
                label = LabelMatch(rest[1:close].strip(), body, "timestamp", timestamp, not body)
                label.bracketed = rest[: close + 1]
                return label
        inner = _read_untimed(rest)
        if inner and inner.label and inner.style == "chat":
            return inner  # "[10:42] <nick>": a clock time, not an offset into a recording
        if inner and inner.label:
            inner.timestamp, inner.style = timestamp, "timestamp"
            return inner
        return LabelMatch("", rest, "bare", timestamp)
    numbered = _NUMBERED_QA_RE.match(head) if head[0].isdigit() else None
    if numbered:
        inner = _read_untimed(line[numbered.end() :])
        if inner is not None and inner.style == "qa" and role_of(inner.label) == "interviewer":
            return inner  # "1. Q: When did you ...": the question's number is no speech
    if credit_line(line) is not None:
        return None  # "JANE DOE: An Interview Conducted by Ann Lee, 2015": the page's credit
    return _numbered_role(_time_after_label(_read_untimed(line)))


def credit_line(text: str) -> tuple[str, str] | None:
    """(name, credit) for an oral history's credit line under its subject's name: "RUTH
    BANNER: An Interview Conducted by Jo Roe, 4 April 2001". It reads like a label, but nobody
    says it: it is the page's metadata."""
    found = _read_untimed(text)
    if found is not None and found.label and _CREDIT_BODY_RE.match(found.body):
        return found.label, found.body
    return None


# An oral history's credit line under its subject's name: "An interview conducted by ...",
# "An oral history conducted in 2015 by ...".
_CREDIT_BODY_RE = re.compile(
    r"(?:an?\s+)?(?:interview|oral[\s-]history|conversation)\s+"
    r"(?:conducted|recorded|carried out)\b(?:\s+\w+){0,3}?\s+by\s",
    re.IGNORECASE,
)


# "Question 1:", "Q1:", "Answer 12:": a role label numbered through the interview.
_NUMBERED_ROLE_RE = re.compile(r"(?P<role>q|question|a|answer)\s?#?\d{1,3}", re.IGNORECASE)


def _numbered_role(found: LabelMatch | None) -> LabelMatch | None:
    """A numbered role label is its role's: "Question 3" and "Question 4" are one speaker."""
    if found is None or not found.label:
        return found
    numbered = _NUMBERED_ROLE_RE.fullmatch(found.label)
    if numbered is not None:
        found.label = numbered["role"]
        found.style = "qa" if found.style in ("plain", "upper") else found.style
    return found


def _time_after_label(found: LabelMatch | None) -> LabelMatch | None:
    """ "**Jess:** [00:00:01] Welcome": a time opening the speech is the label's, not words."""
    if found is None or not found.label or found.timestamp is not None:
        return found
    if found.body[:1] not in ("[", "("):
        return found
    stamp = _BRACKET_TS_RE.match(found.body)
    if stamp is None:
        return found
    found.timestamp = seconds(stamp["ts"])
    found.body = found.body[stamp.end() :].strip()
    found.alone = not found.body
    return found


def _emphasised_name(text: str) -> str:
    """ "_Jane Doe_", "*Jane Doe*", "**Jane Doe**" alone: the name, else ""."""
    if len(text) > MAX_LABEL_CHARS + 4 or text[:1] not in "*_":
        return ""
    mark = text[:2] if text[:2] in ("**", "__") else text[:1]
    if not text.endswith(mark) or len(text) <= 2 * len(mark):
        return ""
    inner = text[len(mark) : -len(mark)].strip()
    return inner if inner[:1] not in "*_" and name_parts(inner) else ""


def is_handle(label: str) -> bool:
    """A chat handle: one word of letters, digits, dots, dashes or underscores ("jdoe_42")."""
    return (
        1 <= len(label) <= 32
        and all(ch.isalnum() or ch in "._-" for ch in label)
        and any(ch.isalpha() for ch in label)
        and label[0].isalnum()
    )


def strip_clock(text: str) -> str:
    """A chat line without the time that opens it: "[20:05] -!- kov has quit" -> "-!- kov ..."."""
    if text[:1] not in "[(0123456789":
        return text
    leading = _LEADING_TS_RE.match(text[:_HEAD_CHARS])
    return text[leading.end() :].lstrip() if leading else text


def is_chat_header(text: str) -> bool:
    """A chat log's message header: "<nick> text" or "author [10:42 AM]"."""
    label = read_label(text)
    return label is not None and label.style == "chat"


def _after_clock(rest: str) -> LabelMatch | None:
    """The author after a chat message's clock time: alone, "Name: text" or "<nick> text"."""
    rest = rest.strip()
    if not rest:
        return None
    inner = _read_untimed(rest)
    if inner is not None and inner.label:
        inner.style, inner.timestamp = "chat", None
        return inner
    if len(rest) <= MAX_LABEL_CHARS and (name_parts(rest) or is_handle(rest)):
        return LabelMatch(rest, "", "chat", None, alone=True)
    return None


def _read_untimed(line: str) -> LabelMatch | None:
    head = line[:_HEAD_CHARS]
    if head.startswith(("**", "__")):
        return _read_bold(line)
    if head.startswith("<"):
        nick = _IRC_NICK_RE.match(head)
        body = line[nick.end() :].strip() if nick else ""
        word = nick["nick"].casefold() if nick else ""
        # "<laughter>" alone or "<laughs> Yes" is a direction, "<B> SD <N>" format codes around
        # initials (below): not a nick.
        if nick and body and word not in _HTML_TAGS and word not in _SOUNDS:
            return LabelMatch(nick["nick"], body, "chat", None, not body)
    if len(line) <= MAX_LABEL_CHARS + 40 and line[-1:] in "MmDd])0123456789":
        clock = _CLOCK_TAIL_RE.search(head)
        # "Jane Doe (she/her) :palm_tree:  3:00 PM": a status emoji after the name is not it.
        label = _STATUS_EMOJI_RE.sub("", head[: clock.start()]).rstrip(" :") if clock else ""
        if label and (name_parts(label) or is_handle(label)):
            return LabelMatch(label, "", "chat", None, alone=True)
    # "Q. What..." / "A. Well..."
    if len(head) > 2 and head[0] in "QA" and head[1] == "." and head[2] in " \t":
        return LabelMatch(head[0], line[3:].strip(), "qa")
    if len(head) > 2 and head[0] in "QA" and head[1] in _GAP:
        gapped = _gapped_role(head)
        if gapped is not None:
            return LabelMatch(head[0], line[gapped:].strip(), "qa")
    # "Name (00:01:23): text" or "Name [00:01:23]"
    bracket = next((i for i in (head.find("("), head.find("[")) if 0 < i <= MAX_LABEL_CHARS), -1)
    if bracket > 0:
        stamp = _BRACKET_TS_RE.match(head, bracket - (1 if head[bracket - 1] == " " else 0))
        if stamp and name_parts(head[:bracket]):
            rest = line[stamp.end() :]
            rest = rest[1:] if rest.startswith(":") else rest
            body = rest.strip()
            label = head[:bracket].strip()
            return LabelMatch(label, body, "timestamp", seconds(stamp["ts"]), not body)
    # "Jane Doe  0:35" (Otter) or "Jane Doe - 00:01:23": a header line of name and time only.
    if len(line) <= MAX_LABEL_CHARS + 16 and (line[-1].isdigit() or line.endswith((")", "]"))):
        stamp = _TRAILING_TS_RE.search(head)
        if stamp and stamp.start() > 0 and name_parts(head[: stamp.start()]):
            label = head[: stamp.start()].strip()
            return LabelMatch(label, "", "timestamp", seconds(stamp["ts"]), alone=True)
    if len(line) <= 40 and (line[:1] == "<" or line.isupper()):
        lone = _LONE_INITIALS_RE.fullmatch(line.strip())
        if lone:
            found = LabelMatch(lone["name"], "", "upper", None, alone=True)
            found.loose = True
            return found
    if head[:1] in "MDSCRTGAJLP":
        hearing = _HEARING_RE.match(head)
        if hearing:
            body = line[hearing.end() :].strip()
            return LabelMatch(hearing["name"], body, "hearing", None, not body)
    colon = head.find(":", 0, MAX_UPPER_LABEL_CHARS + 1)
    if colon > MAX_LABEL_CHARS and not is_upper_text(head[:colon]):
        colon = -1
    if colon > 0:
        after = line[colon + 1 : colon + 2]
        if after in ("", " ", "\t", "\u00a0") and name_parts(head[:colon]):
            label = head[:colon].strip()
            body = line[colon + 1 :].strip()
            stamp = _BRACKET_TS_RE.match(body) if body[:1] in "[(" else None
            if stamp:  # Rev: "Name: (01:16)" over the paragraph, the time the label's
                body = body[stamp.end() :].strip()
                found = LabelMatch(label, body, "timestamp", seconds(stamp["ts"]), not body)
                found.spaced = head[colon - 1] in " \t\u00a0"
                return found
            found = LabelMatch(label, body, _style(label), None, not body)
            found.spaced = head[colon - 1] in " \t\u00a0"
            return found
        return None
    return None


_GAP = " \t\u00a0\u2002\u2003\u2009"
_GAP_OPENERS = "\"“‘'—–(["


def _gapped_role(head: str) -> int | None:
    """Where the speech starts after "Q" or "A" and a gap with no colon: "Q    What ...",
    "Q\tWhat ...", "A\u00a0\u00a0Well" (court and White House transcripts). One plain space
    is enough for "Q" only ("Q Yes, hi."; "A Big Day" is an article); the speech must open as
    a sentence does, never "Q and A"."""
    end = 1
    while end < min(len(head), 12) and head[end] in _GAP:
        end += 1
    if end >= len(head) or head[end] in _GAP:
        return None
    opener = head[end]
    if not (opener.isupper() or opener.isdigit() or opener in _GAP_OPENERS):
        return None
    if head[1:end] == " " and (
        head[0] != "Q" or head[end : end + 2] in ("A ", "A.", "A,") or opener in "&"
    ):
        return None  # "A Big Day", "Q A session"
    return end


def _read_bold(line: str) -> LabelMatch | None:
    mark = line[:2]
    close = line.find(mark, 2, MAX_LABEL_CHARS + 4)
    if close < 3:
        return None
    inner = line[2:close].strip()
    after = line[close + 2 :]
    loose = spaced = False
    if inner.endswith(":"):
        label, body = inner[:-1].strip(), after.strip()
        spaced = inner[-2:-1] in (" ", "\t")
    elif after.lstrip().startswith(":"):  # "**Name**:" or "**Name** :"
        label, body = inner, after.lstrip()[1:].strip()
        spaced = after[:1] in (" ", "\t", "\u00a0")
    elif not after.strip():
        label, body = inner, ""  # "**Adrian**" alone: the speech follows
    elif after[:1] in (" ", "\t", "\u00a0") and not inner.endswith((".", ",", ";", "?", "!")):
        label, body, loose = inner, after.strip(), True  # "**Adrian** Well, ..."
    else:
        return None
    stamp = None
    if label.endswith((")", "]")):
        found = _TRAILING_TS_RE.search(label)
        if found:
            stamp, label = seconds(found["ts"]), label[: found.start()].strip()
    if loose and stamp is None and body[:1] in "[(0123456789":
        # "**Jane Doe**  00:04 Hello ...", "**Jane Doe**  25:45Yeah.": the time is the label's.
        found = _BODY_TS_RE.match(body)
        if found:
            stamp, body = seconds(found["ts"]), body[found.end() :].strip()
    if not name_parts(label) and not is_handle(label):
        return None
    found = LabelMatch(label, body, "bold", stamp, not body)
    found.loose, found.spaced = loose, spaced
    return found


_MARKER_TS_RE = re.compile(rf"(?:\[(?P<a>{_TS})\]|\((?P<b>{_TS})\)|(?P<c>{_TS}))")
_MAX_MARKER_WORDS = 4


def timed_marker(line: str) -> tuple[str, int] | None:
    """("Break", 1069) for "**Break:** [17:49]" or "Ad break: (00:23:10)": a label whose only
    body is a time. Such a line marks a place in the recording (an ad, a section break); it is
    not a speaker's turn."""
    if len(line) > MAX_LABEL_CHARS + 24 or ":" not in line:
        return None
    text = line
    if text.startswith(("**", "__")):
        mark = text[:2]
        close = text.find(mark, 2)
        if close < 3:
            return None
        text = text[2:close] + text[close + 2 :]
    label, colon, rest = text.partition(":")
    if not colon:
        return None
    rest = rest.strip()
    if rest.startswith(("**", "__")):  # "**Break:** **[17:49]**"
        rest = rest.strip("*_ ")
    stamp = _MARKER_TS_RE.fullmatch(rest)
    label = label.strip(" *_")
    words = label.split()
    if stamp is None or not 1 <= len(words) <= _MAX_MARKER_WORDS or not label[0].isupper():
        return None
    if not all(ch.isalpha() or ch in " '’-&" for ch in label):
        return None
    return label, seconds(stamp["a"] or stamp["b"] or stamp["c"])
