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


def media_seconds(seconds: float) -> str:
    """A time into a recording as Media Fragments (`#t=83`) and the player's data attributes
    write it: seconds, with a fraction only when there is one (to the millisecond)."""
    text = f"{round(seconds, 3):.3f}".rstrip("0").rstrip(".")
    return text or "0"


# --- Subtitles generated from the turns' timestamps ---------------------------------------------

# Words a subtitle cue shows at most: about two lines under a video.
CUE_WORDS = 14
# Reading speed for the time of the last cue when the recording's length is unknown.
_WORDS_PER_SECOND = 2.5
_VTT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@dataclasses.dataclass(frozen=True, slots=True)
class SpokenTurn:
    """A turn as its subtitles need it: when it starts (seconds, or None if the transcript
    gives no time), who speaks ("" for nobody named) and what is said."""

    start: float | None
    speaker: str
    text: str


def _vtt_time(milliseconds: int) -> str:
    seconds, millis = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _vtt_text(text: str) -> str:
    """Text safe in a cue: no markup, and so no "-->" either (its ">" is escaped)."""
    return " ".join(text.split()).translate(_VTT_ESCAPES)


def _cue_groups(turns: list[SpokenTurn]) -> list[tuple[float, list[SpokenTurn]]]:
    """The turns grouped by the stamp they are spoken after: a group starts at each stamp
    later than the one before. A turn without a stamp, or with one that does not move
    forward (WebVTT cues must start in order), is heard within the group before it; the turns
    before the first stamp are left out, as no time is known for them."""
    groups: list[tuple[float, list[SpokenTurn]]] = []
    for turn in turns:
        if not turn.text.strip():
            continue
        if turn.start is not None and (not groups or turn.start > groups[-1][0]):
            groups.append((turn.start, [turn]))
        elif groups:
            groups[-1][1].append(turn)
    return groups


def webvtt_from_turns(turns: list[SpokenTurn], *, duration: float | None = None) -> str:
    """A WebVTT subtitle track of the turns: each turn's words from its stamp to the next.

    A long turn is cut into cues of at most CUE_WORDS words, each given a share of the turn's
    time in proportion to its words; each cue names its speaker as a <v> voice. The last group
    ends with the recording (`duration`, seconds) or, when that is unknown, after the time
    its words take to say. Text is escaped: a transcript's "<b>" or "-->" shows as written.
    """
    groups = _cue_groups(turns)
    cues: list[list] = []  # [start ms, end ms, voice, text]
    for index, (start, members) in enumerate(groups):
        pieces = [
            (turn.speaker, words[i : i + CUE_WORDS])
            for turn in members
            for words in [turn.text.split()]
            for i in range(0, len(words), CUE_WORDS)
        ]
        total_words = sum(len(words) for _, words in pieces)
        if index + 1 < len(groups):
            end = groups[index + 1][0]
        elif duration is not None and duration > start:
            end = duration
        else:
            end = start + max(2.0, total_words / _WORDS_PER_SECOND)
        said = 0
        for speaker, words in pieces:
            cue_start = round(1000 * (start + (end - start) * said / total_words))
            said += len(words)
            cue_end = round(1000 * (start + (end - start) * said / total_words))
            if cues and cue_end <= cue_start:
                # Too short to time on its own (a millisecond): said with the cue before.
                cues[-1][3] += " " + " ".join(words)
                continue
            cues.append([cue_start, cue_end, speaker, " ".join(words)])
    blocks = ["WEBVTT"]
    for cue_start, cue_end, speaker, text in cues:
        voice = f"<v {_vtt_text(speaker)}>" if speaker.strip() else ""
        blocks.append(f"{_vtt_time(cue_start)} --> {_vtt_time(cue_end)}\n{voice}{_vtt_text(text)}")
    return "\n\n".join(blocks) + "\n"
