"""What an interview's page says about it, worked out from plain values: no Django, no query.

- `contents_entry`: the words a question turn shows in the table of contents, or "" for a
  question turn that asks nothing (a greeting, a thank-you), which the contents leave out.
- `interview_byline`: "Adrian Rosebrock interviews François Chollet for PyImageSearch,
  2 July 2018" as parts a template joins, so that names stay links and the date a <time>.
- `intro_parts`: a long introduction's first paragraph and the rest, which the page folds away
  so that the conversation starts within the first screens on a phone.
"""

import dataclasses
import re

from interviews.transcript.model import PartialDate

# Words a table-of-contents entry keeps; a longer question is cut with " …".
CONTENTS_WORDS = 20
# Fewer words than this, and a question is passed over for a longer one in the same turn.
_SHORT_QUESTION_WORDS = 7

# A sentence ends at . ! ? … (or their full-width forms) followed by space, then a capital, a
# digit or an opening quote or bracket: "e.g. the" stays one sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…。！？])\s+(?=[\"“‘'(\[¿¡\dA-ZÀ-ÖØ-Þ])")
_QUESTION_MARKS = ("?", "？")
# Without a question mark, a sentence still asks when it opens with a question word or a
# request ("Tell us about Keras."); a greeting or a thank-you does not.
_ASKING_OPENERS = frozenset(
    {"who", "whom", "whose", "what", "when", "where", "which", "why", "how"}
    | {"tell", "describe", "explain", "share", "walk", "name", "list", "please"}
)
_ASKING_PAIRS = frozenset({("can", "you"), ("could", "you"), ("would", "you"), ("talk", "about")})
# As the `paragraphs` filter (templatetags/transcript_text.py) separates paragraphs.
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def sentences(text: str) -> list[str]:
    """The text's sentences, white space (line breaks, paragraphs) run together."""
    flat = " ".join(text.split())
    return [part for part in _SENTENCE_BREAK.split(flat) if part]


def _asks(sentence: str) -> bool:
    if sentence.rstrip("\"”’')").endswith(_QUESTION_MARKS):
        return True
    words = [word.lower() for word in _WORD.findall(sentence[:80])][:2]
    if not words:
        return False
    return words[0] in _ASKING_OPENERS or tuple(words) in _ASKING_PAIRS


def contents_entry(text: str, *, max_words: int = CONTENTS_WORDS) -> str:
    """The question a question turn asks, as its table-of-contents entry; "" when it asks none.

    The first sentence that ends with a question mark or opens as a question or a request
    ("Tell us about Keras."), of at least seven words if the turn has one; the preamble before
    it (a greeting, the context) is left to the transcript.
    "Hi Francois! ... For people who don't know you, who are you?" gives "For people who don't
    know you, who are you?"; "Hi François, thanks for doing this." gives "".
    """
    asking = [sentence for sentence in sentences(text) if _asks(sentence)]
    if not asking:
        return ""
    # A short question leaning on what came before ("Would you agree with that statement?")
    # gives way to a fuller one after it.
    chosen = next((s for s in asking if len(s.split()) >= _SHORT_QUESTION_WORDS), asking[0])
    words = chosen.split()
    if len(words) <= max_words:
        return chosen
    return " ".join(words[:max_words]) + " …"


def intro_parts(text: str, *, fold_after_words: int = 60) -> tuple[str, str]:
    """(the first paragraph, the rest) of an introduction longer than `fold_after_words`;
    (the whole text, "") for a shorter one or one of a single paragraph.

    Paragraphs are separated by a blank line, as the `paragraphs` filter reads them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = _BLANK_LINE.split(text, maxsplit=1)
    if len(paragraphs) == 1 or len(text.split()) <= fold_after_words:
        return text, ""
    return paragraphs[0].strip(), paragraphs[1].strip()


@dataclasses.dataclass(frozen=True, slots=True)
class Named:
    """A person or an outlet as a byline names it: the name and the page about it."""

    name: str
    url: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class BylinePart:
    """A piece of a byline: plain text, a link (`url`), or a date (`datetime`, for <time>)."""

    text: str
    url: str = ""
    datetime: str = ""


def _names(people: list[Named]) -> list[BylinePart]:
    """ "A", "A and B", "A, B and C", each name a link when it has a page."""
    parts: list[BylinePart] = []
    for index, person in enumerate(people):
        if index:
            parts.append(BylinePart(" and " if index == len(people) - 1 else ", "))
        parts.append(BylinePart(person.name, url=person.url))
    return parts


def interview_byline(
    *,
    interviewers: list[Named],
    interviewees: list[Named],
    outlet: Named | None,
    published: PartialDate | None,
) -> list[BylinePart]:
    """Who interviewed whom, for whom and when, as one sentence's parts; [] when nothing is known.

    "Adrian Rosebrock interviews François Chollet for PyImageSearch, 2 July 2018";
    "An interview with François Chollet for DataCamp, December 2017";
    "An interview by Ann Lee"; "Published by PyImageSearch, 2018"; "Published 2018".
    """
    parts: list[BylinePart] = []
    if interviewers and interviewees:
        verb = " interviews " if len(interviewers) == 1 else " interview "
        parts = [*_names(interviewers), BylinePart(verb), *_names(interviewees)]
    elif interviewees:
        parts = [BylinePart("An interview with "), *_names(interviewees)]
    elif interviewers:
        parts = [BylinePart("An interview by "), *_names(interviewers)]
    if outlet is not None:
        parts += [BylinePart(" for " if parts else "Published by ")]
        parts.append(BylinePart(outlet.name, url=outlet.url))
    if published is not None:
        parts.append(BylinePart(", " if parts else "Published "))
        parts.append(BylinePart(published.display(), datetime=published.isoformat()))
    return parts


def byline_text(parts: list[BylinePart]) -> str:
    """The byline as plain text (a page's description, a test)."""
    return "".join(part.text for part in parts)
