"""What a page prints after an unlabelled interview's last answer and nobody says in it.

A magazine ends a Q&A whose questions are set apart (bold, italic) with the interviewer's
closing note, set apart like the questions but answered by nothing, then a discussion link
("Talkback: Discuss this article"), the author's bio ("Scott Ruecker lives in Phoenix ...") and
a copyright line. Read as talk they would be a last question and answer.
"""

from __future__ import annotations

import re

from . import furniture
from .structure import Unit

# "Talkback: Discuss this article with The Answer Gang", "Discuss this article", "Comments (3)".
_DISCUSSION_RE = re.compile(
    r"(?:talkback|discuss this (?:article|interview|post|story)|comments?\s?\(\d{1,5}\))",
    re.IGNORECASE,
)
_DISCUSSION_WORDS = 12
# After the author's name: "Scott Ruecker lives in Phoenix", "Jane is a writer based in Porto".
_BIO_VERB_RE = re.compile(
    r"(?:is|was|has|lives|lived|works|worked|writes|wrote|teaches|studies|studied)\s"
)
# "<Name> is a freelance writer ...": a bio that names a writer's trade, whoever the byline is.
_WRITER_BIO_RE = re.compile(
    r"(?:[A-Z][\w'’.-]{0,30}\s){1,3}is an?\s(?:[\w-]{1,20}\s){0,3}"
    r"(?:writer|journalist|editor|reporter|author|contributor|columnist|blogger|correspondent"
    r"|freelancer)\b"
)
# An interviewer's closing note says several things; a last question that nobody answered asks.
_NOTE_SENTENCES = 3
_SENTENCE_END_RE = re.compile(r"[.!?…](?:[\"”’)]*)(?:\s|$)")


def is_discussion_link(text: str) -> bool:
    return len(text.split()) <= _DISCUSSION_WORDS and _DISCUSSION_RE.match(text) is not None


def is_author_bio(text: str, authors: list[str]) -> bool:
    """ "Scott Ruecker lives in Phoenix, Arizona ...": a paragraph about the piece's author,
    opening with their name (or first name) and a verb, or naming a writer's trade."""
    for author in authors:
        for form in dict.fromkeys((author, author.split()[0])):
            rest = text[len(form) + 1 :] if text.startswith(form + " ") else ""
            if rest and _BIO_VERB_RE.match(rest):
                return True
    return _WRITER_BIO_RE.match(text) is not None


def _after_talk_line(unit: Unit, authors: list[str]) -> bool:
    text = unit.text
    return unit.kind == "text" and (
        furniture.is_footer(text) or is_discussion_link(text) or is_author_bio(text, authors)
    )


def _closing_note(text: str) -> bool:
    return len(_SENTENCE_END_RE.findall(text)) >= _NOTE_SENTENCES


def afterword_start(units: list[Unit], questions: set[int], authors: list[str]) -> int:
    """Index of the first unit after an interview whose questions (`questions`) are set apart,
    or `len(units)`: the trailing author's bio, discussion link and copyright lines, and the
    closing note above them: the last paragraph set apart as a question, of several sentences,
    right after an answer and answered by nothing."""
    start = len(units)
    for index in range(len(units) - 1, -1, -1):
        unit = units[index]
        if unit.kind in ("furniture", "rule"):
            continue
        if not _after_talk_line(unit, authors):
            break
        start = index
    content = [i for i in range(start) if units[i].kind not in ("furniture", "rule")]
    if (
        len(content) >= 2
        and content[-1] in questions
        and content[-2] not in questions
        and _closing_note(units[content[-1]].text)
    ):
        start = content[-1]
    return start
