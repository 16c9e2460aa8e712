"""Conservation of text: every non-blank input line is in exactly one place of a parse.

The parser records where each line went (`ParsedTranscript.places`: a turn, or "turns 3-4" for
a caption line that several voices share, a comment, the intro, the closing note, the title,
deck or byline, a metadata field, or the set-aside lines).
`conservation_problems` checks that record against the input and the output, so that a test or
a benchmark can say "nothing was lost, nothing was placed twice" of any parse:

- every non-blank line of the normalised input has exactly one place (a line without a letter or
  a digit, such as ">" or "* * *", may have none: it holds no text);
- the words of each line are found in the text of its place, but for what a line's layout
  carries rather than its text: speaker labels, times and dates, markup;
- no word appears more often in what a reader sees (turns, intro, closing note, title, deck,
  comments, set-aside lines) than in the input: nothing was copied into two places.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import ParsedComment, ParsedTranscript, comments_in_page_order
from .text import decode_entities, split_lines, word_list

# Underscores are emphasis, not letters; digits and letters are words apart ("25:45Yeah.":
# a time glued to the text it labels).
_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
# Markup, not text: tags ("<v Ann>"), the targets of Markdown links and images (with
# their "title" attributes) and a publishing system's placeholder keyword and file name
# ("=IMAGE=photo.jpg="), and a quoted YAML value's character escapes ("\\u201C").
_MARKUP_RE = re.compile(
    r"</?[a-zA-Z][^<>]{0,200}>|\]\([^()\s]{0,500}(?:\s{1,5}\"[^\"()]{0,300}\")?\)"
    r"|^=[A-Z][A-Z0-9_]{1,30}=(?:[\w.\-/]{1,200}\.[A-Za-z0-9]{2,5}=)?"
    r"|\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2})"
    # A chat author's status emoji before the message's time ("Jo :palm_tree:  3:01 PM").
    r"|:[a-z0-9_+\-]{1,40}:(?=(?:\s{1,3}:[a-z0-9_+\-]{1,40}:){0,2}\s{1,8}\d{1,2}:\d{2})"
)
# Words a line's layout holds rather than its text: comment headers ("Jo says: July 2, 2018 at
# 10:29 am"), roles that become speakers, HTML character references, subtitle cue settings.
_LAYOUT_WORDS = frozenset(
    word_list(
        """am pm at on says said say wrote posted by reply replies permalink edit edited utc gmt
    jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december mon tue wed thu fri sat sun monday tuesday
    wednesday thursday friday saturday sunday q a interviewer interviewee host guest
    question answer amp lt gt nbsp quot apos lrm rlm align position line size start middle end
    left right webvtt ago year years month months week weeks day days hour hours minute
    minutes today yesterday"""
    )
)
_MAX_PROBLEMS = 20
# A subtitle cue's timing line, settings and all: "00:01.000 --> 00:04.000 region:bottom".
_TIMING_LINE_RE = re.compile(r"[\d:.,]{1,14}[ \t]{0,4}-->[ \t]{0,4}[\d:.,]{1,14}(?:[ \t]|$)")


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def _comment_texts(comments: list[ParsedComment], dates: bool = True) -> list[str]:
    texts: list[str] = []
    for comment, _ in comments_in_page_order(comments):
        texts.extend([comment.author, comment.text])
        if dates:
            texts.append(comment.posted or "")
    return texts


def _place_text(parsed: ParsedTranscript, place: str) -> str | None:
    """The output text a place names, or None when the place does not exist."""
    if place.startswith("turns "):
        # A line that several turns share ("<v Jo>Hey.</v> <v Rob>Hi!</v>"): "turns 0-1".
        first, _, last = place[6:].partition("-")
        if not (first.isdigit() and last.isdigit() and int(first) < int(last) < len(parsed.turns)):
            return None
        shared = parsed.turns[int(first) : int(last) + 1]
        return " ".join(" ".join([turn.label, turn.speaker, turn.text]) for turn in shared)
    if place.startswith("turn "):
        number = place[5:]
        if not number.isdigit() or int(number) >= len(parsed.turns):
            return None
        turn = parsed.turns[int(number)]
        return " ".join([turn.label, turn.speaker, turn.text])
    if place in ("intro", "title", "deck", "byline"):
        return getattr(parsed, place)
    if place == "outro":
        return parsed.outro
    if place == "metadata":
        return " ".join(f"{key} {value}" for key, value in parsed.metadata.items())
    if place.startswith("metadata:"):
        key = place[len("metadata:") :]
        if key not in parsed.metadata:
            return None
        return f"{key} {parsed.metadata[key]}"
    if place == "comment":
        return " ".join(_comment_texts(parsed.comments))
    if place == "ignored":
        return " ".join(parsed.ignored)
    return None


def _visible_words(parsed: ParsedTranscript) -> Counter[str]:
    texts = [
        parsed.title,
        parsed.deck,
        parsed.intro,
        parsed.outro,
        *(turn.text for turn in parsed.turns),
        *_comment_texts(parsed.comments, dates=False),  # a date is rewritten as ISO 8601
        *parsed.ignored,
    ]
    counted: Counter[str] = Counter()
    for text in texts:
        counted.update(words(text))
    return counted


def conservation_problems(text: str, parsed: ParsedTranscript) -> list[str]:
    """What breaks conservation in `parsed` of `text`, in words; empty when nothing does."""
    lines = split_lines(text) if isinstance(text, str) else []
    problems: list[str] = []
    where: dict[int, list[str]] = {}
    for index, place in parsed.places:
        where.setdefault(index, []).append(place)
    labels: set[str] = set()
    for turn in parsed.turns:
        labels.update(words(turn.label))
        labels.update(words(turn.speaker))
    place_words: dict[str, tuple[set[str], str]] = {}
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        places = where.get(index, [])
        # A cue's timing and its settings ("region:bottom") are layout, not text.
        timing = _TIMING_LINE_RE.match(stripped) is not None
        line_words = [] if timing else words(decode_entities(_MARKUP_RE.sub(" ", stripped)))
        if not places and not line_words and not timing:
            continue  # ">", "* * *", "<ul>": a line with no letter or digit holds no text to lose
        if not places:
            problems.append(f"line {index + 1} is in no place: {stripped[:80]!r}")
            continue
        if len(places) > 1:
            problems.append(
                f"line {index + 1} is in {len(places)} places {places}: {stripped[:80]!r}"
            )
            continue
        place = places[0]
        if place not in place_words:
            found = _place_text(parsed, place)
            if found is None:
                problems.append(f"line {index + 1} is placed in {place!r}, which does not exist")
                place_words[place] = (set(), "")
                continue
            place_words[place] = (set(words(found)), "".join(words(found)))
        known, squashed = place_words[place]
        if _is_cue_identifier(lines, index):
            continue
        missing = [
            word
            for word in line_words
            if word not in known
            and word not in labels
            and word not in _LAYOUT_WORDS
            and not word.isdigit()
            and word not in squashed  # joined again across a line break: "Why-" "not"
        ]
        if missing:
            problems.append(
                f"line {index + 1} is placed in {place!r} but {missing[:5]} are not there: "
                f"{stripped[:80]!r}"
            )
    extra = set(where) - {i for i, line in enumerate(lines) if line.strip()}
    if extra:
        problems.append(f"blank or missing lines are placed: {sorted(extra)[:5]}")
    said = Counter()
    for line in lines:
        said.update(words(line))
    said.update(_hyphen_joins(lines))
    # A word the input never has as such was joined across a line break ("a-" "half"): only
    # words written fewer times than shown count as copies.
    copied = {
        word: count for word, count in _visible_words(parsed).items() if 0 < said[word] < count
    }
    if copied:
        sample = sorted(copied.items())[:5]
        problems.append(f"words shown more often than written (a copy?): {sample}")
    return problems[:_MAX_PROBLEMS]


_HYPHEN_END_RE = re.compile(r"([^\W\d_]+)[-\u00ad]\s*$")
_JOIN_REACH = 6  # non-blank lines ahead where a broken word may go on (past a page's footer)


def _hyphen_joins(lines: list[str]) -> Counter[str]:
    """Words a line-end hyphen broke ("com-" ... "puter"), as the parser may join them, even
    across a page break's running lines: each counts as written once."""
    joins: Counter[str] = Counter()
    for index, line in enumerate(lines):
        found = _HYPHEN_END_RE.search(line)
        if found is None:
            continue
        head = found.group(1).casefold()
        seen = 0
        for following in lines[index + 1 : index + 1 + _JOIN_REACH * 4]:  # blank lines too
            if not following.strip():
                continue
            first = words(following)[:1]
            if first:
                joins[head + first[0]] += 1
            seen += 1
            if seen >= _JOIN_REACH:
                break
    return joins


def _is_cue_identifier(lines: list[str], index: int) -> bool:
    """A WebVTT cue's name ("intro-1"): the line right above its timing line."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return "-->" in following
