"""Labels into speakers: "LARRY KING, HOST", "KING", "Larry" and "LK" are one person.

A shorter label joins a fuller one when its words are a subset of the fuller one's ("KING" of
"LARRY KING") or when it spells the fuller one's initials ("LK"), provided only one fuller label
fits. Declared names (hints) are the fullest of all. A group is shown by its fullest label as
written: "KENT", "MSM" and "Elizabeth (Jake) Feinler" stay so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .labels import HONORIFICS, PARTICLES, label_key, name_parts, role_of
from .text import fold, is_upper_text

_NICKNAME_RE = re.compile(
    r"\s*(?P<before>[^(),]{1,40}?)\s*(?P<nick>\([^()]{1,30}\))\s*(?P<after>[^(),]{1,40})"
)
_MAX_CANDIDATES = 50  # fuller labels sharing a word: more than this and none is "the" one

_SPELLING_SEARCH_CHARS = 500_000
_ROMAN = frozenset(["ii", "iii", "iv", "vi", "vii", "viii", "ix"])


@dataclass
class Speaker:
    name: str  # as shown; "" until named, for a role known only as "Q" or "A"
    role: str | None = None  # "interviewer" / "interviewee" when a label or a hint says so
    labels: list[str] = field(default_factory=list)  # raw labels, in order of appearance
    hinted: bool = False
    voice: bool = False  # outside the talk (an announcer, a clip): given a side, says remarks


@lru_cache(maxsize=1 << 16)
def tokens(label: str) -> tuple[str, ...]:
    """The folded words that identify a person: "SEN. JOHN MCCAIN (R), ARIZONA" -> john, mccain."""
    parts = name_parts(label)
    name = parts[0] if parts else label
    words = [fold(word.strip(".,'’")) for word in name.split()]
    words = [w for w in words if w]
    personal = tuple(w for w in words if w.rstrip(".") not in HONORIFICS)
    return personal or tuple(words)


def _token_set(words: tuple[str, ...]) -> set[str]:
    found = set(words)
    for word in words:
        if "-" in word:
            found.update(part for part in word.split("-") if part)
    return found


def _initials(words: tuple[str, ...]) -> str:
    letters = []
    for word in words:
        for part in word.split("-"):
            if part and part not in PARTICLES:
                letters.append(part[0])
    return "".join(letters)


class LabelIndex:
    """Fuller labels by their words and initials: the few a shorter label could belong to."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[str]] = {}
        self._by_initials: dict[str, list[str]] = {}

    def add(self, key: str, words: tuple[str, ...]) -> None:
        for word in _token_set(words):
            self._by_word.setdefault(word, []).append(key)
        self._by_initials.setdefault(_initials(words), []).append(key)

    def candidates(self, words: tuple[str, ...], raw: str) -> list[str]:
        found: dict[str, None] = {}
        # A fuller label holds every word of the shorter one: the rarest word's list suffices.
        postings = [self._by_word.get(word, []) for word in _token_set(words)]
        if postings and all(postings):
            for key in min(postings, key=len)[:_MAX_CANDIDATES]:
                found[key] = None
        compact = fold(raw.replace(".", "").replace(" ", ""))
        for key in self._by_initials.get(compact, ())[:_MAX_CANDIDATES]:
            found[key] = None
        return list(found)


def fits(short: tuple[str, ...], full: tuple[str, ...], raw_short: str) -> bool:
    if not short or not full or short == full:
        return bool(short) and short == full
    if len(short) < len(full) and set(short) <= _token_set(full):
        return not all(word.isdigit() for word in short)
    compact = raw_short.replace(".", "").replace(" ", "")
    return (
        len(short) == 1
        and 2 <= len(compact) <= 4
        and compact.isupper()
        and compact.isalpha()
        and fold(compact) == _initials(full)
    )


def merge(
    labels: list[str], hint_names: list[str], *, names: bool = True
) -> tuple[dict[str, Speaker], list[str]]:
    """Map each label's key to its speaker. `labels`: distinct raw labels in order of appearance.

    With `names=False` only the grouping is wanted and speakers are left unnamed.
    """
    warnings: list[str] = []
    hints = [(name, tokens(name)) for name in hint_names]
    by_key: dict[str, Speaker] = {}
    role_speakers: dict[str, Speaker] = {}
    hint_speakers: dict[str, Speaker] = {}
    label_tokens = {label_key(label): tokens(label) for label in labels}
    # Fuller labels first, so that a shorter one finds its group already made.
    order = sorted(range(len(labels)), key=lambda i: (-len(label_tokens[label_key(labels[i])]), i))
    groups: dict[str, Speaker] = {}  # key of the group's fullest label -> speaker
    index = LabelIndex()
    for i in order:
        label = labels[i]
        key = label_key(label)
        if key in by_key:
            by_key[key].labels.append(label)
            continue
        role = role_of(label)
        if role:
            speaker = role_speakers.setdefault(role, Speaker("", role))
            speaker.labels.append(label)
            by_key[key] = speaker
            continue
        words = label_tokens[key]
        fitting_hints = [name for name, full in hints if fits(words, full, label)]
        if fitting_hints:
            exact = [name for name, full in hints if full == words]
            chosen = (exact or fitting_hints)[0]
            if len(fitting_hints) > 1 and not exact:
                warnings.append(f"label '{label}' fits several declared speakers: '{chosen}'")
            speaker = hint_speakers.setdefault(chosen, Speaker(chosen, hinted=True))
            speaker.labels.append(label)
            by_key[key] = speaker
            continue
        parents = {
            id(groups[group_key]): groups[group_key]
            for group_key in index.candidates(words, label)
            if fits(words, label_tokens[group_key], label)
        }
        if len(parents) == 1:
            speaker = next(iter(parents.values()))
            speaker.labels.append(label)
            by_key[key] = speaker
            continue
        if len(parents) > 1:
            names = sorted(group.labels[0] for group in parents.values())
            warnings.append(f"label '{label}' could be any of {', '.join(names)}: kept apart")
        speaker = Speaker("")
        speaker.labels.append(label)
        groups[key] = speaker
        index.add(key, words)
        by_key[key] = speaker
    if not names:
        return by_key, warnings
    # Labels in order of appearance within each speaker, and a name to show.
    position = {label_key(label): i for i, label in enumerate(labels)}
    for speaker in {id(s): s for s in by_key.values()}.values():
        speaker.labels.sort(key=lambda raw: position[label_key(raw)])
        if not speaker.name and speaker.role is None:
            speaker.name = display_name(speaker.labels)
    return by_key, warnings


def display_name(labels: list[str]) -> str:
    """The fullest spelling among `labels`, as written ("KENT", "MSM", "Larry King").

    Labels are kept in their own case: capitals are how the page names the speaker, and
    initials or a handle ("AOLM") would be spoilt by title-casing.
    """
    best = max(labels, key=lambda raw: (len(tokens(raw)), -labels.index(raw)))
    parts = name_parts(best)
    if not parts:
        return best.strip()
    # A nickname inside the name stays ("Elizabeth (Jake) Feinler"); a party or a time after
    # it ("JOHN DOE (R)") does not.
    return _with_nickname(best, parts[0])


def readable_name(name: str, document: str) -> str:
    """A name read from prose in capitals ("INTERVIEW WITH JOHN DOE") in the case the page
    writes it elsewhere, else title-cased; a name in ordinary case, or initials, as written.
    Speaker labels are not recased (display_name): this is for names found in titles and
    bylines, where capitals are typography."""
    if not is_upper_text(name) or len(name.replace(".", "").replace(" ", "")) <= 2:
        return name
    return _spelling_in(document, name) or title_case(name)


_NICKNAME_RE = re.compile(r"\S\s{1,3}(\([^()]{1,30}\))\s{1,3}\S")


def _with_nickname(label: str, name: str) -> str:
    """`name` with the nickname the label gives between its words: "Elizabeth (Jake) Feinler".

    A bracket at the end ("(R)", "(voice-over)") qualifies the label and stays out of the name.
    """
    found = _NICKNAME_RE.search(label.partition(",")[0]) if "(" in label else None
    if found is None:
        return name
    head = label[: found.start(1)].split()
    tail = label[found.end(1) :].partition(",")[0].split()
    candidate = " ".join([*head, found.group(1), *tail])
    return candidate if " ".join([*head, *tail]) == name else name


def _spelling_in(document: str, name: str) -> str | None:
    words = name.split()
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)", re.IGNORECASE
    )
    for count, match in enumerate(pattern.finditer(document, 0, _SPELLING_SEARCH_CHARS)):
        found = match.group(0)
        if not is_upper_text(found) and found[:1].isupper():
            return " ".join(found.split())
        if count > 50:
            break
    return None


def title_case(name: str) -> str:
    """ "LARRY KING" -> "Larry King", "SEN. JOHN MCCAIN" -> "Sen. John McCain"."""
    words = []
    for position, word in enumerate(name.split()):
        lowered = word.casefold()
        if position and lowered in PARTICLES and lowered not in ("mc", "mac"):
            words.append(lowered)
        elif lowered.strip(".") in _ROMAN:
            words.append(word.upper())
        else:
            words.append(_capitalise_word(word))
    return " ".join(words)


def _capitalise_word(word: str) -> str:
    pieces = re.split(r"([-'’])", word.casefold())
    for i, piece in enumerate(pieces):
        if piece[:1].isalpha():
            if piece.startswith("mc") and len(piece) > 3:
                pieces[i] = "Mc" + piece[2].upper() + piece[3:]
            else:
                pieces[i] = piece[0].upper() + piece[1:]
    return "".join(pieces)
