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
    r"|\S{1,40}\s{1,3}(?:has\s{1,3})?left\s{1,3}(?:the\s{1,3})?(?:channel|server|#\S{1,40})\.?",
    re.IGNORECASE,
)
_SHORTCODE_RE = re.compile(r":[a-z0-9_+\-]{1,40}:", re.IGNORECASE)


def is_chat_log(texts: list[str]) -> bool:
    """Whether the non-blank lines `texts` carry a chat log's message headers."""
    found = 0
    for text in texts:
        if (text[:1] in "<[" or text[-1:] in "mM])0123456789dD") and is_chat_header(text):
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
    if _SYSTEM_RE.fullmatch(text):
        return True
    return is_reactions(text)


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
