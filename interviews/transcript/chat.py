"""Chat logs (Slack, Discord, IRC, Teams): what a message is and what is only the room's noise.

A message starts at its header, a label shape read in labels.py: "<nick> text", "[10:42] <nick>
text", a whole-line bold name ("**jdoe_42**"), or the author and a clock time alone on a line
("jdoe [10:42 AM]", "jdoe — Today at 10:42 AM"). Each message is a turn of its author; quoted
"> " lines stay in their message. The room's own lines say nothing: people joining and leaving,
nick changes, reactions ("👍 3", ":tada: 2"), an "(edited)" mark. They are set aside, but only in
a text that has the headers of a chat log, so that an interview saying "he left" keeps it.
"""

from __future__ import annotations

import re
import unicodedata

from .furniture import is_template_tag
from .labels import is_chat_header

_MIN_HEADERS = 3
_MAX_NOISE_CHARS = 200
_EDITED_RE = re.compile(r"\s{0,3}\((?:edited|bearbeitet|modifié)\)\s*$", re.IGNORECASE)
# "*** jdoe has joined #chan", "-!- jdoe [~j@host] has quit [Ping timeout]", "--> jdoe joined",
# "jdoe has joined the channel", "jdoe joined the server.", "jdoe is now known as jd".
_SYSTEM_RE = re.compile(
    r"(?:\*{1,3}|-!-|-->|<--|→|←)\s{0,3}\S{1,40}\s.{0,120}?"
    r"\b(?:joined|left|quit|parted|is now known as|sets mode|changed the topic)\b.{0,200}"
    r"|(?:\*{1,3}|-!-)\s{0,3}(?:now talking in|topic (?:is|for)|set by|mode)\b.{0,200}"
    r"|\S{1,40}\s{1,3}(?:has\s{1,3})?joined\s{1,3}(?:the\s{1,3})?(?:channel|server|room|#\S{1,40})\.?"
    r"|\S{1,40}\s{1,3}(?:has\s{1,3})?left\s{1,3}(?:the\s{1,3})?(?:channel|server|#\S{1,40})\.?"
    # Slack's own line under the member's header: "joined #ama.", "left #general."
    r"|(?:has\s{1,3})?(?:joined|left)\s{1,3}(?:the\s{1,3})?(?:channel|#\S{1,40})\.?"
    r"(?:\s{1,3}along with \d{1,5} others?\.?)?",
    re.IGNORECASE,
)
# A thread's furniture in a Slack or Teams copy: "3 replies", "Last reply 2 days ago",
# "View thread", "New messages", "replied to a thread: <its first words>".
_THREAD_RE = re.compile(
    r"\d{1,4}\s{1,3}repl(?:y|ies)(?:\s{1,3}.{0,60})?|last reply\b.{0,60}|view thread"
    r"|new messages?|show more|see more|collapse"
    # Slack's context over a reply seen in the channel, and its mark under one sent there too.
    r"|replied to a thread:.{0,300}|also sent to the channel",
    re.IGNORECASE,
)
# A day's divider between messages ("Today", "Yesterday", "Tuesday, May 9th", "May 9th, 2023")
# and the unread marker ("New").
_DIVIDER_RE = re.compile(
    r"(?:today|yesterday|new)"
    r"|(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s{1,3})?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\s{1,3}\d{1,2}(?:st|nd|rd|th)?(?:,\s{1,3}\d{4})?",
    re.IGNORECASE,
)
# A meeting bot's command typed by the chair: "#startmeeting", "#topic Questions", "#info ...".
_COMMAND_RE = re.compile(
    r"#(?:startmeeting|endmeeting|meetingname|topic|info|idea|action|agreed|link|chair|unchair"
    r"|help|halp|undo|accepted|rejected|nick|save|commands|meetingtopic|lurk|unlurk)\b",
    re.IGNORECASE,
)
# An IRC action: "* dan408 moves on."
_ACTION_RE = re.compile(r"\*\s{1,3}(?P<nick>[^\s*]{1,32})\s")
_BOTS = frozenset(["mee6", "dyno", "chanserv", "nickserv", "memoserv", "carl-bot"])
_NOT_BOTS = frozenset(["abbot", "talbot", "cabot", "chabot"])
_SHORTCODE_RE = re.compile(r":[a-z0-9_+\-]{1,40}:", re.IGNORECASE)


def is_chat_log(texts: list[str]) -> bool:
    """Whether the non-blank lines `texts` carry a chat log's message headers."""
    found = 0
    for text in texts:
        if (text[:1] in "<[(0123456789" or text[-1:] in "mM])0123456789dD") and is_chat_header(
            text
        ):
            found += 1
            if found >= _MIN_HEADERS:
                return True
    return False


def is_noise(text: str) -> bool:
    """A line of the room rather than of anyone's message (in a chat log)."""
    if not text or len(text) > _MAX_NOISE_CHARS:
        return False
    if _EDITED_RE.fullmatch(text):
        return True
    if _SYSTEM_RE.fullmatch(text) or _THREAD_RE.fullmatch(text) or _DIVIDER_RE.fullmatch(text):
        return True
    if is_template_tag(text):
        return True
    return is_reactions(text)


def is_bot(handle: str) -> bool:
    """A chat bot's handle: "zodbot", "Slackbot", "MEE6", a Slack app ("Polly APP")."""
    key = handle.casefold()
    if key in _BOTS or key == "app" or key.endswith(" app"):
        return True  # Slack marks an app's messages: "Polly APP  3:15 PM"
    return len(key) >= 5 and key.endswith("bot") and key not in _NOT_BOTS and " " not in key


def is_command(body: str) -> bool:
    """A meeting bot's command opening a message ("#topic Questions")."""
    return body[:1] == "#" and bool(_COMMAND_RE.match(body))


def is_action(text: str) -> bool:
    """An IRC action line ("* dan408 moves on."): a stage direction, not speech."""
    return text[:2] in ("* ", "*\t") and bool(_ACTION_RE.match(text))


def is_reactions(text: str) -> bool:
    """Emoji with counts and nothing else: "👍 3  🎉 2", ":tada: 4 :heart: 1"."""
    rest = _SHORTCODE_RE.sub(" \U0001f600 ", text)
    emoji = 0
    for ch in rest:
        if ch.isspace() or ch.isdigit() or ch in "\u200d\ufe0f":
            continue
        if unicodedata.category(ch) in ("So", "Sk") or 0x1F300 <= ord(ch) <= 0x1FAFF:
            emoji += 1
            continue
        return False
    return emoji > 0 and any(ch.isdigit() for ch in rest)


def strip_edited(text: str) -> str:
    """The message without the "(edited)" mark a chat client puts at its end."""
    return _EDITED_RE.sub("", text) if text.endswith(")") else text


# Published AMAs ("**Q:** How do I start? – jdoe_42", the guest's answer, "– Jane Doe"): the
# asker's handle ends the question after a dash, the answerer signs on a line of their own.
_ASKER_RE = re.compile(r"\s[–—-]\s{1,3}(?P<name>[^\s–—-][^–—]{0,39})$")
_SIGNATURE_RE = re.compile(r"[–—•-]\s{0,3}(?P<name>[^\s–—•-][^–—•]{0,39})")
_ANCHOR_RE = re.compile(r"<a\s[^<>]{0,300}>[^<>]{0,3}</a>\s{0,3}", re.IGNORECASE)
_MAX_NAME_WORDS = 4


def strip_anchor(text: str) -> str:
    """A line without the permalink anchor a page puts before it ('<a href="#q1">#</a> ...')."""
    if not text.startswith(("<a ", "<A ")):
        return text
    found = _ANCHOR_RE.match(text)
    return text[found.end() :] if found else text


def _name_like(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or name[-1] in ".?!,;:)\"'”’":
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    if len(words) == 1:
        return True
    return all(not word[0].isalpha() or word[0].isupper() for word in words)


def _signature(part) -> str | None:
    """The name a paragraph of one line signs: "– Jane Doe" (a list item "• Jane Doe")."""
    if len(part.lines) > 1 or len(part.text) > 48:
        return None
    found = _SIGNATURE_RE.fullmatch(part.text)
    return found["name"].strip() if found and _name_like(found["name"]) else None


def attribute(segments, role_of_segment) -> tuple[list[str], list[str]]:
    """Name the askers and answerers of a published AMA from its signatures, in place.

    `role_of_segment(seg)` gives the role its label or layout says ("interviewer" for "Q").
    A question signed "– handle" is that handle's turn; an answer followed by a "– Name" line
    is Name's, and what follows the signature before the next question is the asker's
    follow-up. Nothing changes unless two questions or more are signed. Returns the names of
    the askers and of the answerers.
    """
    questions = [
        seg
        for seg in segments
        if seg.kind == "speech" and seg.parts and role_of_segment(seg) == "interviewer"
    ]
    signed = []
    for seg in questions:
        found = _ASKER_RE.search(seg.parts[-1].text[-60:])
        if found and _name_like(found["name"]):
            signed.append((seg, found))
    if len(signed) < 2 or 2 * len(signed) < len(questions):
        return [], []
    for seg, found in signed:
        last = seg.parts[-1]
        last.text = last.text[: len(last.text) - len(found.group(0))].rstrip()
        seg.label, seg.role = found["name"].strip(), None
    asked = {id(seg) for seg in questions}
    signatures: dict[int, int] = {}  # id(answer) -> index of its signature part
    for seg in segments:
        if seg.kind == "speech" and len(seg.parts) >= 2 and role_of_segment(seg) == "interviewee":
            at = next((i for i, part in enumerate(seg.parts) if i and _signature(part)), None)
            if at is not None and not seg.parts[at - 1].text.startswith("•"):
                signatures[id(seg)] = at
    if len(signatures) < 2:
        signatures = {}
    result = []
    answerers: list[str] = []
    asker = None
    for seg in segments:
        if id(seg) in asked:
            asker = seg if seg.label and role_of_segment(seg) is None else None
        at = signatures.get(id(seg))
        if at is None:
            result.append(seg)
            continue
        signature = seg.parts[at]
        follow = seg.parts[at + 1 :]
        seg.label, seg.role = _signature(signature), None
        answerers.append(seg.label)
        seg.lines = [*seg.lines, *signature.lines]
        seg.parts = seg.parts[:at]
        result.append(seg)
        if follow and asker is not None:
            result.append(type(seg)("speech", asker.label, follow))
        elif follow:
            result.append(type(seg)("speech", "", follow, role="interviewer"))
    segments[:] = result
    askers = [seg.label for seg, _ in signed]
    return list(dict.fromkeys(askers)), list(dict.fromkeys(answerers))


# "2:00 PM", "Today at 10:42 AM", "Yesterday at 9:05", "10:42": a message's time alone.
_CLOCK_LINE_RE = re.compile(
    r"(?:(?:today|yesterday)\s{1,3}at\s{1,3})?\d{1,2}:\d{2}(?::\d{2})?(?:\s{0,2}[ap]\.?m\.?)?",
    re.IGNORECASE,
)


def is_clock_line(text: str) -> bool:
    return len(text) <= 30 and _CLOCK_LINE_RE.fullmatch(text.strip()) is not None


def is_author_line(text: str) -> bool:
    """A message's author alone on a line: a name or handle of a few words, a pronoun note
    ("Jane Doe (she/her)"), no sentence mark."""
    text = text.strip()
    return (
        0 < len(text) <= 60
        and 1 <= len(text.split()) <= 6
        and text[-1:] not in ".?!:,;"
        and not is_clock_line(text)
        and not text.startswith((">", "#", "-", "*", "`"))
    )
