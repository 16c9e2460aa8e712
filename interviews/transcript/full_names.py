"""The full name a page gives a speaker it labels with one name: "Judy" -> "Judy Hart".

Transcripts label turns "Judy:" or "HART:" while the page around them says who that is: "my
guest today is Judy Hart, who...", "By Judy Hart", "Interview with Judy Hart", "Judy Hart:".
`full_name_for_label` finds that full name, so that an editor is offered "Judy Hart" rather than
a person called "Judy". Pure Python, no Django import.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from .labels import HONORIFICS, role_of
from .speakers import title_case
from .text import fold, is_upper_text, word_list

# Lower-case words that may stand between the capitalised words of one name.
NAME_PARTICLES = frozenset(
    word_list(
        """de da del della dei der den di du dos das do la le lo van von vander ter ten zu af
        bin ibn bint ben bat al el y e wa"""
    )
)
# Labels that name a part in the conversation, not a person: they have no full name.
ROLE_LABELS = frozenset(
    word_list(
        """q a question answer int interviewer interviewee respondent host co-host cohost guest
        moderator presenter anchor reporter correspondent narrator announcer caller audience
        speaker unknown unidentified voice voiceover voice-over male female man woman
        interpreter translator panelist panellist participant chair chairman chairwoman both
        all everyone crowd other editor author me you"""
    )
)
# Capitalised words that are not part of a name even when they stand next to one: the words a
# title-cased headline or a sentence in capitals is made of, greetings and the page's own
# furniture. A name is cut at them ("An Interview With Judy Hart" holds "Judy Hart").
_STOP_WORDS = ROLE_LABELS | frozenset(
    word_list(
        """the an and or but nor with without by for from to in into on onto at of off as about
        above after against along among around before behind below beneath beside besides
        between beyond during except inside near over since than then through throughout till
        toward towards under underneath until unto upon via within
        i i'm i’m i've i’ve i'd i’d i'll i’ll my mine we we're we’re our ours us you're you’re
        your yours he he's he’s him his she she's she’s her hers they they're they’re them their
        theirs it it's it’s its this that that's that’s these those there there's there’s here
        here's here’s who whom whose what what's what’s which why how when where while if
        whether because so yet also just only even still very really too not no yes yeah yep
        oh ok okay well now today tonight yesterday tomorrow morning afternoon evening night
        good great hello hi hey dear welcome thanks thank please sorry
        is are was were be been being am do does did done have has had having would shall
        should can could might must let let's let’s
        interview interviews interviewed conversation conversations podcast episode transcript
        show season part chapter introduction intro featuring starring meet guests hosts
        ladies gentlemen everybody
        monday tuesday wednesday thursday friday saturday sunday
        jr sr ii iii iv"""
    )
)
# A name has two to four capitalised words; five or more in a row are a title-cased phrase.
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4
_MAX_PARTICLES = 2  # in a row: "Ngũgĩ wa Thiong'o", "Maria de la Cruz"
# How far either side of the label a name and its context are read, on the same line.
_LOOK = 120
# A page names its guest early and often: the first so many appearances of the label suffice,
# which bounds the work on a long transcript whose every turn is labelled with it.
_MAX_OCCURRENCES = 2_000

_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_LABEL_WORD_RE = re.compile(_WORD)
_TOKEN_RE = re.compile(rf"(?P<word>{_WORD})(?P<dot>\.)?|(?P<space>[ \t]+)|(?P<other>.)", re.S)
# The same tokens read from right to left, in the reversed text: "K." is ".K" there.
_REVERSED_TOKEN_RE = re.compile(
    rf"(?P<dot>\.)?(?P<word>{_WORD})|(?P<space>[ \t]+)|(?P<other>.)", re.S
)
_POSSESSIVE_RE = re.compile(r"(?P<stem>.+?)['’][sS]")
_LONGEST_LABEL = 200
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LABEL_DECORATION = "*_#>[](){}:;,.\"“”'‘’ \t"

# What comes before a name that the page presents: "my guest today is", "By", "Interview with",
# "Host:", "joined by Dr." (an honorific may stand between). Compared word for word with the
# end of the text before the name, in lower case.
_INTRODUCERS = frozenset(
    [
        *word_list(
            """by with featuring feat starring meet named called welcome welcomes guest guests
            host hosts co-host cohost co-hosts presenter presenters moderator moderators
            interview interviews interviewed interviewing interviewer interviewee conversation
            author i'm it's thanks hello hi dear"""
        ),
        *(
            f"{verb} by"
            for verb in word_list(
                "joined hosted presented moderated written edited conducted interviewed"
            )
        ),
        *(
            f"{verb} {preposition}"
            for verb in word_list("speaking talking spoke talked")
            for preposition in ("to", "with")
        ),
        *(
            " ".join([who, *when, verb])
            for who in ("guest", "guests", "joining me", "joining us", "host", "co-host")
            for when in ((), ("today",), ("tonight",), ("now",), ("this", "week"))
            for verb in ("is", "are", "was", "were", "include", "includes")
        ),
        "welcome back",
        "i am",
        "my name is",
        "this is",
        "thank you",
    ]
)
_LONGEST_INTRODUCER = max(len(phrase.split()) for phrase in _INTRODUCERS)
_WORD_PUNCTUATION = "()[]{}\"“”'‘*_#:,;–—-|/"
# What comes after a name that labels a line or describes someone: "Judy Hart:", "Judy Hart,
# who", "Judy Hart (JH)", "Judy Hart is a writer", "JUDY HART, HOST".
_LABELLED_RE = re.compile(
    r"[ \t]*(?:\*\*|__)?[ \t]*(?:\([^()\n]{0,20}\)|\[[^\[\]\n]{0,20}\])?[ \t]*(?:\*\*|__)?[ \t]*:"
)
_DESCRIBED_RE = re.compile(
    r"(?:[ \t]*\(|,[ \t]+(?:who|whose|the|a|an|our|my|his|her|their|host|co-host|guest|author"
    r"|writer|poet|novelist|journalist|editor|professor|founder|director|president|chair|ceo"
    r"|artist|musician|producer)\b|[ \t]+(?:who|whose)\b"
    r"|[ \t]+(?:is|was|has[ \t]+been)[ \t]+(?:a|an|the|our|my|one)\b)",
    re.IGNORECASE,
)
# Nothing but markup, bullets, a timestamp or punctuation: the rest of the line is empty.
_BARE_RE = re.compile(r"[\s*_#>|•·\-–—\[\]()\d:.,;!?\"“”'‘’]*")


def _accent_classes() -> dict[str, str]:
    """For each ASCII letter, a regex class of it and its accented Latin forms: c -> [cçćĉċč...]."""
    variants: dict[str, set[str]] = {}
    for code in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = fold(letter)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants.setdefault(base, set()).add(letter)
    return {base: "[" + base + "".join(sorted(found)) + "]" for base, found in variants.items()}


_ACCENTED = _accent_classes()


def _label_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The label's words anywhere in the text, whatever their case and accents, as whole words.

    A possessive ("Hart’s") is still the word; "Hart-Smith" and "Harts" are other words.
    """
    pieces = []
    for word in words:
        piece = []
        for ch in word:
            base = fold(ch)
            if ch in "'’":
                piece.append("['’]")
            elif base in _ACCENTED:
                piece.append(_ACCENTED[base])
            else:
                # Another script keeps its own letter: IGNORECASE still matches its capital.
                piece.append(re.escape(ch))
        pieces.append("".join(piece))
    return re.compile(
        r"(?<![\w'’-])" + r"[ \t]+".join(pieces) + r"(?![\w-])(?!['’](?!s\b)[^\W\d_])",
        re.IGNORECASE,
    )


def _label_words(label: str) -> tuple[str, ...] | None:
    """The label's words as written, when it is one name short of a full one ("Judy", "HART",
    "Dr. Hart", "Le Guin", "wa Thiong'o"); None for a role, a full name, initials or a handle."""
    if len(label) > _LONGEST_LABEL:
        return None
    # "JUDY, HOST" is Judy; "Judy (00:01:23)" too; "Elizabeth (Jake) Feinler" is a full name.
    core = _BRACKETED_RE.sub(" ", unicodedata.normalize("NFC", label).split(",")[0])
    core = core.strip(_LABEL_DECORATION)
    if not core or role_of(core) or fold(" ".join(core.split())) in ROLE_LABELS:
        return None
    words = core.split()
    while words and fold(words[0]).rstrip(".") in HONORIFICS:
        words.pop(0)
    if not words or not all(_LABEL_WORD_RE.fullmatch(word) for word in words):
        return None
    # "Le Guin" is one surname; "Al" alone is a name, not a particle.
    named = [word for word in words if fold(word) not in NAME_PARTICLES] or words
    # Two names are a full name already; one letter is an initial, not a name.
    if len(named) != 1 or len(named[0]) < 2 or fold(named[0]) in _STOP_WORDS:
        return None
    return tuple(words)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].istitle()


class _Run:
    """The capitalised words around one appearance of the label: a possible full name."""

    def __init__(self) -> None:
        self.words: list[str] = []  # in reading order, particles included
        self.name_words = 0  # capitalised ones
        self.too_long = False


def _walk(tokens, run: _Run, *, leftwards: bool) -> tuple[int | None, bool]:
    """Add to `run` the name words that stand next to the label on one side.

    Returns the offset in the text where the name ends on that side, and whether any word was
    added. Particles (and, on the right, initials) wait for a capitalised word to follow them.
    """
    added: list[str] = []
    pending: list[str] = []
    edge = None
    expect_space = True
    for kind, word, dotted, word_start in tokens:
        if expect_space:
            if kind != "space" or len(word) > 3:
                break
            expect_space = False
            continue
        if kind != "word":
            break
        possessive = _POSSESSIVE_RE.fullmatch(word) if _is_name_word(word) else None
        if possessive:
            if leftwards:
                break  # "Judy’s Hart" is no name
            word = possessive.group("stem")
        if word in NAME_PARTICLES:
            if dotted or possessive or len(pending) >= _MAX_PARTICLES:
                break
            pending.append(word)
            expect_space = True
            continue
        folded = fold(word)
        if not _is_name_word(word) or folded in _STOP_WORDS or folded in HONORIFICS:
            break
        initial = len(word) == 1 and dotted
        # A full stop after a whole word ends the sentence on the right, and on the left it
        # belongs to the sentence before.
        if dotted and not initial and leftwards:
            break
        if initial and not leftwards:
            # A name does not end with an initial: "with Judy B. Then..." is not "Judy B.".
            if len(pending) >= _MAX_PARTICLES:
                break
            pending.append(word + ".")
            expect_space = True
            continue
        run.name_words += 1 + sum(waiting not in NAME_PARTICLES for waiting in pending)
        added.extend(pending)
        pending = []
        added.append(word + "." if initial else word)
        if run.name_words > MAX_NAME_WORDS:
            run.too_long = True
            break
        edge = word_start if leftwards else word_start + len(word)
        if possessive or (dotted and not initial):
            break
        expect_space = True
    if leftwards:
        run.words[:0] = reversed(added)
    else:
        run.words.extend(added)
    return edge, bool(added)


def _tokens_rightwards(text: str, start: int, end: int):
    """(kind, text, dotted, start) for each token of text[start:end], lazily; a word's text
    leaves out the full stop after it, which `dotted` tells."""
    for token in _TOKEN_RE.finditer(text, start, end):
        if token.lastgroup in ("word", "dot"):
            yield "word", token.group("word"), token.group("dot") is not None, token.start()
        else:
            yield token.lastgroup, token.group(), False, token.start()


def _tokens_leftwards(text: str, start: int, end: int):
    """The tokens of text[start:end] from the last to the first, lazily: the slice is read
    reversed, so a walk that stops after a few words costs a few words."""
    for token in _REVERSED_TOKEN_RE.finditer(text[start:end][::-1]):
        first = end - token.end()
        if token.lastgroup in ("word", "dot"):
            yield "word", token.group("word")[::-1], token.group("dot") is not None, first
        else:
            yield token.lastgroup, token.group(), False, first


def _introduced(before: str) -> bool:
    """Whether the text before a name ends with words that present one ("my guest is Dr.")."""
    words = []
    for word in before[-80:].casefold().replace("’", "'").split():
        word = word.strip(_WORD_PUNCTUATION)
        if word:
            words.append(word)
    while words and words[-1].rstrip(".") in HONORIFICS:
        words.pop()
    return any(
        " ".join(words[-count:]) in _INTRODUCERS
        for count in range(1, min(len(words), _LONGEST_INTRODUCER) + 1)
    )


def full_name_for_label(label: str, text: str) -> str | None:
    """The full name the page gives the speaker labelled `label`, or None.

    "Judy" (or "JUDY", "Hart", "Dr. Hart") in a text that says "my guest today is Judy Hart"
    gives "Judy Hart", spelt as the page spells it ("JUDY HART" alone is title-cased). None when
    the label is a role ("Q", "Interviewer", "Host"), already a full name, initials or a handle;
    when the page gives no such name; and when it gives two different ones ("Judy Hart" and
    "Judy Smith"): a wrong guess costs the editor more than a blank.

    The rule, in one pass over the label's appearances (matched whatever their case and accents):
    1. A *name* is a run of 2 to 4 capitalised words on one line, which may hold initials
       ("Ursula K. Le Guin"), hyphens and apostrophes ("Jean-Luc", "Thiong'o"), any script with
       capitals, and up to two lower-case particles between its words ("de la", "van", "wa").
       It stops at a common word in capitals ("With", "The", "Today", "I'm": see _STOP_WORDS),
       an honorific, a possessive or a full stop; a run of five or more words is a title-cased
       phrase and names no one.
    2. The label must be the name's first words or its last ("Judy" or "Hart" of "Judy Hart").
    3. An appearance counts only in a context where pages present names: introduced ("my guest
       today is", "By", "with", "joined by", "Host:", "I'm"), labelling a line ("Judy Hart:",
       "**Judy Hart:**") or described ("Judy Hart, who", "Judy Hart (JH)", "Judy Hart is a ...").
       A title-cased sentence start such as "Judy Said That..." is in none of these. In a name
       of three or four words, the word at the far end from the label must not also appear in
       lower case on the page ("Interview: Judy Hart Talks" beside "she talks").
    4. A name seen only alone on its line (a heading or a byline) counts when nothing else does,
       and only if none of its other words appears in lower case on the page: "Judy Remembers"
       is a headline wherever the page also says "remembers".
    Exactly one name (compared without case or accents) must remain.

    Linear in the text: one scan for the label, then a bounded window around each of its first
    _MAX_OCCURRENCES appearances, and at most one more pass to collect the page's words. Never
    raises on any strings.
    """
    words = _label_words(label)
    if words is None or not text:
        return None
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    label_keys = {fold(word) for word in words}
    page = _PageWords(text)
    strong: dict[tuple[str, ...], list[str]] = {}
    weak: dict[tuple[str, ...], list[str]] = {}  # seen alone on a line: the words as written
    for found in itertools.islice(_label_pattern(words).finditer(text), _MAX_OCCURRENCES):
        start, end = found.span()
        written = found.group().split()
        if not all(w in NAME_PARTICLES or _is_name_word(w) for w in written):
            continue
        before_char = text[start - 1 : start]
        after_char = text[end : end + 1]
        if before_char not in (" ", "\t") and after_char not in (" ", "\t"):
            continue  # "JUDY:", "(Judy)": the label alone, no fuller name here
        window_start = max(0, start - _LOOK)
        newline = text.rfind("\n", window_start, start)
        knows_line_start = newline >= 0 or window_start == 0
        line_start = newline + 1 if newline >= 0 else window_start
        line_end = text.find("\n", end, end + _LOOK)
        knows_line_end = line_end >= 0 or end + _LOOK >= len(text)
        if line_end < 0:
            line_end = min(len(text), end + _LOOK)

        run = _Run()
        run.words = list(written)
        run.name_words = sum(w not in NAME_PARTICLES for w in written)
        left_edge, went_left = _walk(
            _tokens_leftwards(text, line_start, start), run, leftwards=True
        )
        right_edge, went_right = _walk(
            _tokens_rightwards(text, end, line_end), run, leftwards=False
        )
        if run.too_long or went_left == went_right:
            continue  # a phrase; the label alone; or the label inside a name ("Martin Luther King")
        if not MIN_NAME_WORDS <= run.name_words <= MAX_NAME_WORDS:
            continue
        run_start = left_edge if went_left else start
        run_end = right_edge if went_right else end
        before = text[line_start:run_start]
        after = text[run_end:line_end]
        at_line_start = knows_line_start and _BARE_RE.fullmatch(before) is not None
        key = tuple(fold(word).rstrip(".") for word in run.words)
        if (
            _introduced(before)
            or (at_line_start and _LABELLED_RE.match(after))
            or _DESCRIBED_RE.match(after)
        ):
            # The far end of a longer name may be a title-cased word: "Judy Hart Talks".
            outer = run.words[-1] if went_right else run.words[0]
            if run.name_words > MIN_NAME_WORDS and page.is_ordinary(outer):
                continue
            strong.setdefault(key, []).append(" ".join(run.words))
            if len(strong) > 1:
                return None
        elif at_line_start and knows_line_end and _BARE_RE.fullmatch(after):
            weak.setdefault(key, run.words)

    if strong:
        return _as_written(next(iter(strong.values())))
    if not weak:
        return None
    headings = [
        " ".join(written)
        for written in weak.values()
        if not any(page.is_ordinary(word) for word in written if fold(word) not in label_keys)
    ]
    return _as_written(headings) if len(headings) == 1 else None


class _PageWords:
    """The words of the page, read once and only if asked: which are ordinary lower-case words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def is_ordinary(self, word: str) -> bool:
        """Whether `word` also appears in lower case ("said" beside "Judy Said Goodbye")."""
        lower = word.lower()
        if lower in NAME_PARTICLES or len(lower.rstrip(".")) == 1 or lower == word:
            return False
        if self._words is None:
            self._words = set(_LABEL_WORD_RE.findall(self.text))
        return lower in self._words


def _as_written(spellings: list[str]) -> str:
    """The first spelling in ordinary case, else the first, title-cased from its capitals."""
    for spelling in spellings:
        if not is_upper_text(spelling):
            return spelling
    return title_case(spellings[0])


def full_name_among(label: str, names) -> str | None:
    """The one name of `names` (names the page gives people, such as comment authors) whose
    first or last words are the label's: "Adrian" among ["Adrian Rosebrock", "Ana Ruiz"] gives
    "Adrian Rosebrock". None for a role, a label that is a full name already, no such name, or
    two different ones, unless one of them is given at least three times as often as the other.

    An interviewer labelled "Adrian:" in the transcript often answers readers' comments under
    his full name, which no sentence of the page introduces.
    """
    words = _label_words(label)
    if words is None:
        return None
    wanted = tuple(fold(word) for word in words)
    found: dict[str, str] = {}
    times: dict[str, int] = {}
    for name in names:
        name_words = " ".join(str(name).split()).split()
        if not 2 <= len(name_words) <= 4 or not all(
            _LABEL_WORD_RE.fullmatch(word.rstrip("."))
            and (_is_name_word(word) or fold(word) in NAME_PARTICLES)
            for word in name_words
        ):
            continue
        folded = tuple(fold(word) for word in name_words)
        if len(folded) > len(wanted) and wanted in (folded[: len(wanted)], folded[-len(wanted) :]):
            key = " ".join(folded)
            found.setdefault(key, " ".join(name_words))
            times[key] = times.get(key, 0) + 1
    ranked = sorted(times, key=times.get, reverse=True)
    if len(ranked) == 1:
        return found[ranked[0]]
    # The page's own author answers many comments ("Adrian Rosebrock" ten times) where a
    # reader of the same first name writes once ("Adrian Birch"): a clear majority decides.
    if len(ranked) > 1 and times[ranked[0]] >= 2 * max(times[ranked[1]], 1) + 1:
        return found[ranked[0]]
    return None
