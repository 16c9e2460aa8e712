"""Who asks and who answers, the closing note, and each turn's kind.

Interviewers come from hints, from "Q"-style labels or header metadata ("Host: ..."), then from
what people say (who welcomes listeners to the show, answers the opening roll call, introduces
a guest; who thanks the show for having them, is introduced, presented in the show notes; role
words in labels: `_roles_from_evidence`), or else from the statistics of the talk: the speaker
whose turns most often ask (the first to speak breaks a tie, with a warning). Several hosts or
several guests are normal. An interviewer's turn is a question when it asks ("?") or when an
interviewee answers it; otherwise it is a remark ("We'll be right back."). Interviewees answer;
anyone else (an announcer, an unidentified voice, a speaker the hints leave out) remarks, but
an "AUDIENCE" that asks the guest something is an interviewer. Every voice still gets a side:
one outside the talk (an announcer, a smart speaker's reply, a clip) is put with the guests
unless it asks them something, and what it says stays a remark.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from . import hearing
from .labels import PARTICLES, name_parts, role_of
from .model import Role
from .segments import Part, Segment
from .speakers import Speaker, tokens
from .text import fold, word_list

_NON_PARTICIPANTS = frozenset(
    word_list(
        """unidentified unknown announcer narrator crowd audience operator voice voiceover
        voice-over group multiple several inaudible translator interpreter slackbot mee6 dyno
        chanserv nickserv"""
    )
)
_DESK_WORDS = frozenset(
    word_list(
        """office team desk department dept press news newsroom editors editorial support info
        communications media staff service services admin administrator newsletter"""
    )
)
# The guest an AMA names: "AMA with Jane Doe", "Ask Me Anything: Jane Doe", "Q&A with Jane Doe".
_AMA_GUEST_RE = re.compile(
    r"\b(?:AMA|Ask Me Anything|Q\s?&\s?A|Q\s?and\s?A)\b[\s,]{0,3}(?:session\s{1,3})?"
    r"(?:with|featuring|ft\.|:|[-–—])\s{0,3}"
    r"(?P<name>[A-Z][\w.'’-]{0,30}(?:\s{1,2}(?:[A-Z][\w.'’-]{0,30}|de|van|von|da|di|le|la)){0,3})"
)
_NO_GUEST_WARNING = "roles guessed: nobody is presented as a guest; check who interviews"
_ASK_ANYTHING_RE = re.compile(
    r"\bAsk\s{1,3}(?!me\b|us\b)(?P<name>[A-Z][\w.'’-]{0,30}(?:\s{1,2}[A-Z][\w.'’-]{0,30}){0,3})"
    r"\s{1,3}(?:anything|almost anything)\b"
)
_HANDLE_SPLIT_RE = re.compile(r"[._\-]+")
_MANY_ASKERS = 3
_ASKING_SHARE = 0.2  # a host asks in a fifth of their turns at least
_ASKING_MARGIN = 0.15  # and clearly more often than the guest does
_GUEST_WORDS_RATIO = 10  # a guest says ten times what a co-host beside them does, at least
_FLOOR_QUESTIONS = 2  # turns of someone from the floor who only asks
# Phrases of a closing note addressed to readers or listeners.
_CLOSING_RE = re.compile(
    r"\b(?:this interview|we interviewed|i interviewed|interviewed (?:by|for)|this (?:post|episode"
    r"|conversation|podcast)|thanks? (?:you )?for (?:reading|listening|watching)|leave a comment"
    r"|subscribe|our readers|dear readers|this transcript|transcribed by"
    r"|(?:edited|condensed)(?: and (?:edited|condensed))? for (?:length|clarity)"
    r"|(?:has|have) been (?:\w+ )?(?:edited|condensed|abridged)|editor'?s note"
    # A press release's pointer: "More information about X can be found at http://..."
    r"|(?:for )?more information (?:about|on)\b[^.]{0,120}?\b(?:can be found|is available)"
    r"|for more information,? (?:visit|see|go to|contact))\b",
    re.IGNORECASE,
)


def assign_roles(
    speakers: list[Speaker],
    turns: dict[int, list[str]],
    interviewer_names: list[str],
    interviewee_names: list[str],
    strict_interviewees: bool,
    sequence: list[tuple[Speaker, str]] | None = None,
    intro: str = "",
    credited: str = "",
    bystanders: set[int] | None = None,
) -> list[str]:
    """Set `role` on each speaker; return warnings.

    `turns` maps id(speaker) to the texts of its turns; the names lists come from hints or header
    metadata. With `strict_interviewees` (hints named the interviewees) an unnamed speaker
    remarks rather than answers. `sequence` is the talk, turn by turn, and `intro` the prose
    above it: what people say decides their roles before any statistics (_roles_from_evidence).
    `credited` is whom the page credits with the interview (a byline): a speaker it names asks.
    `bystanders` (ids) are heard only in recordings played on air: they remark.
    """
    warnings: list[str] = []
    aside = bystanders or set()

    def _non_participant(speaker: Speaker, texts: list[str] | None = None) -> bool:
        return id(speaker) in aside or _not_taking_part(speaker, texts)

    wanted_askers = {fold(name) for name in interviewer_names}
    wanted_answerers = {fold(name) for name in interviewee_names}
    for speaker in speakers:
        if speaker.role:
            continue
        names = {fold(speaker.name)} | {fold(label) for label in speaker.labels}
        if names & wanted_askers or _fits_any(speaker, interviewer_names):
            speaker.role = "interviewer"
        elif names & wanted_answerers or _fits_any(speaker, interviewee_names):
            speaker.role = "interviewee"
    credit = set(tokens(credited)) if credited else set()
    for speaker in speakers:
        own = set(tokens(speaker.name)) if speaker.name and not speaker.role else set()
        if own and credit and own <= credit:
            speaker.role = "interviewer"
    # A label's role word ("MODERATOR", "JANE DOE, HOST") says who asks even beside a "Q".
    if any(s.role == "interviewer" for s in speakers):
        for speaker in speakers:
            if speaker.role is None and _label_words(speaker) & _HOST_WORDS:
                speaker.role = "interviewer"
    people = [s for s in speakers if s.role is None and not _non_participant(s, turns.get(id(s)))]
    # A "Q" heard once (a stray "Interviewer:" line) does not settle who asks among the named.
    asker_known = any(s.role == "interviewer" and not _stray_role(s, turns) for s in speakers)
    if sequence and people and not asker_known and hearing.is_hearing(people, sequence):
        _hearing_roles(people, turns, sequence)
        people = [s for s in people if s.role is None]
        asker_known = any(s.role == "interviewer" for s in speakers)
    if sequence and people and not asker_known:
        known = [s for s in speakers if s.role == "interviewee"]  # named by the page already
        warnings.extend(_roles_from_evidence(people, turns, sequence, intro, known))
        people = [s for s in people if s.role is None]
        asker_known = any(s.role == "interviewer" and not _stray_role(s, turns) for s in speakers)
    has_interviewee = any(s.role == "interviewee" for s in speakers)
    if has_interviewee and people and not asker_known:
        guests = [s for s in speakers if s.role == "interviewee"]
        if _all_ask_more(people, guests, turns):
            # The guest is known, and everyone else asks clearly more often: all are hosts.
            for speaker in people:
                speaker.role = "interviewer"
            people, asker_known = [], True
    guest = _one_answerer(people, turns)
    if guest is not None and not asker_known:
        # An AMA: one guest answers the questions of many.
        guest.role = "interviewee"
        for speaker in people:
            if speaker is not guest:
                speaker.role = "interviewer"
        return warnings
    if not asker_known and people:
        asked = [text for s in people for text in turns.get(id(s), [])]
        if (
            has_interviewee
            and len(people) >= _MANY_ASKERS
            and sum(1 for text in asked if "?" in text) >= 0.5 * len(asked)
        ):
            # The guest is known and the others put questions to them: an AMA's askers.
            for speaker in people:
                speaker.role = "interviewer"
        elif len(people) == 1:
            if has_interviewee:
                people[0].role = "interviewer"  # the one speaker the hints left out
        else:
            # A speaker heard once is no evidence either way: the regulars are judged first.
            regulars = [s for s in people if len(turns.get(id(s), [])) >= 2] or people
            ratios = []
            for order, speaker in enumerate(regulars):
                texts = turns.get(id(speaker), [])
                asked = sum(1 for text in texts if asks(text))
                ratios.append((asked / len(texts) if texts else 0.0, -order, speaker))
            ratios.sort(key=lambda item: (item[0], item[1]), reverse=True)
            # Askers above the widest drop in the share of turns that ask; answerers below.
            drops = [(ratios[i][0] - ratios[i + 1][0], i) for i in range(len(ratios) - 1)]
            drop, cut = max(drops, default=(1.0, 0))
            if ratios[0][0] >= 0.2 and drop >= 0.15:
                for _, _, speaker in ratios[: cut + 1]:
                    speaker.role = "interviewer"
            else:
                # Guests usually talk most: among those who ask about as often as the most
                # asking, the one who says least is taken, and the guess is said.
                close = [item for item in ratios if ratios[0][0] - item[0] < 0.15]
                chosen = min(close, key=lambda item: (_word_total(turns, item[2]), -item[1]))[2]
                chosen.role = "interviewer"
                warnings.append(
                    f"could not tell who asks the questions: taking '{chosen.name}', who says least"
                )
    _one_off_askers(speakers, turns, sequence or [])
    if any(s.role == "interviewee" for s in speakers):
        # An audience that takes the microphone to ask the guest something is an asker.
        for speaker in speakers:
            texts = turns.get(id(speaker), [])
            audience = speaker.role is None and "audience" in _label_words(speaker)
            if audience and any(asks(text) for text in texts):
                speaker.role = "interviewer"
    for speaker in speakers:
        participant = not _non_participant(speaker, turns.get(id(speaker)))
        if speaker.role is None and participant and not strict_interviewees:
            speaker.role = "interviewee"
    answered = any(s.role == "interviewee" for s in speakers)
    for speaker in speakers:
        texts = turns.get(id(speaker), [])
        if speaker.role is None and texts and _non_participant(speaker, texts):
            # A voice that is not a guest still gets a side (its turns stay remarks): one
            # that asks the guest something asks, any other (an announcer, a clip) answers.
            asking = answered and any(asks(text) for text in texts)
            speaker.role = "interviewer" if asking else "interviewee"
            speaker.voice = not asking
    return warnings


def _share_asking(texts: list[str]) -> float:
    return sum(1 for text in texts if asks(text)) / len(texts) if texts else 0.0


def _all_ask_more(people: list[Speaker], guests: list[Speaker], turns) -> bool:
    """Whether each of `people` is heard more than once and asks markedly more often than any
    of `guests` does (a fifth of their turns at least)."""
    top = max(_share_asking(turns.get(id(guest), [])) for guest in guests)
    for speaker in people:
        texts = turns.get(id(speaker), [])
        share = _share_asking(texts)
        if len(texts) < 2 or share < _ASKING_SHARE or share - top < _ASKING_MARGIN:
            return False
    return True


def _hearing_roles(
    people: list[Speaker], turns: dict[int, list[str]], sequence: list[tuple[Speaker, str]]
) -> None:
    """Members of the committee ask, witnesses answer (hearing.py); with both sides found,
    whoever is left goes with the side whose share of asking turns theirs is nearer."""
    found = hearing.sides(people, sequence)
    members = [s for s in people if found.get(id(s)) == "member"]
    witnesses = [s for s in people if found.get(id(s)) == "witness"]
    if not members or not witnesses:
        return
    for speaker in members:
        speaker.role = "interviewer"
    for speaker in witnesses:
        speaker.role = "interviewee"

    def share(group: list[Speaker]) -> float:
        texts = [text for s in group for text in turns.get(id(s), [])]
        return sum(1 for text in texts if asks(text)) / len(texts) if texts else 0.0

    middle = (share(members) + share(witnesses)) / 2
    for speaker in people:
        if speaker.role is None:
            speaker.role = "interviewer" if share([speaker]) >= middle else "interviewee"


def _one_off_askers(
    speakers: list[Speaker], turns: dict[int, list[str]], sequence: list[tuple[Speaker, str]]
) -> None:
    """Beside a known asker, someone heard once or twice who only asks, each time answered by
    a speaker still undecided who talks more (a chat's passer-by asking the guest), asks."""
    if not any(s.role == "interviewer" for s in speakers):
        return
    following: dict[int, list[Speaker]] = {}
    for (first, _), (second, _) in pairwise(sequence):
        following.setdefault(id(first), []).append(second)
    for speaker in speakers:
        texts = turns.get(id(speaker), [])
        if speaker.role is not None or not 1 <= len(texts) <= 2:
            continue
        if not all(asks(text) for text in texts):
            continue
        answerers = following.get(id(speaker), [])
        if answerers and all(
            other.role is None
            and other is not speaker
            and len(turns.get(id(other), [])) > len(texts)
            for other in answerers
        ):
            speaker.role = "interviewer"


def _one_answerer(people: list[Speaker], turns: dict[int, list[str]]) -> Speaker | None:
    """The guest of an AMA: many people ask (most of them once or twice), one of them answers
    the most turns and seldom asks."""
    if len(people) < _MANY_ASKERS + 1:
        return None
    counts = sorted(((len(turns.get(id(s), [])), s) for s in people), key=lambda item: -item[0])
    (top, guest), (second, _) = counts[0], counts[1]
    others = [text for s in people if s is not guest for text in turns.get(id(s), [])]
    if top < 3 or top <= second or not others:
        return None
    own = turns.get(id(guest), [])
    guest_asks = sum(1 for text in own if "?" in text) / len(own)
    others_ask = sum(1 for text in others if "?" in text) / len(others)
    if others_ask >= 0.5 and guest_asks <= others_ask - 0.3:
        return guest
    return None


def guest_named(text: str) -> str | None:
    """The guest a title or an introduction names: "AMA with Jane Doe" -> "Jane Doe", "Ask
    Jane Doe anything" -> "Jane Doe"."""
    found = _ASK_ANYTHING_RE.search(text[:2000]) or _AMA_GUEST_RE.search(text[:2000])
    if found is None:
        return None
    name = found["name"].strip(" .,'’-")
    return name if len(name) >= 2 else None


def is_person_name(text: str) -> bool:
    """Whether `text` reads as a person's name: two to four capitalised words, nothing else."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() for word in words
    )


def handle_words(label: str) -> tuple[str, ...]:
    """A chat handle's words: "dana.whitlock" -> dana, whitlock; "jdoe_42" -> jdoe."""
    parts = [fold(part) for part in _HANDLE_SPLIT_RE.split(label.strip("@"))]
    return tuple(part for part in (p.rstrip("0123456789") for p in parts) if part)


def _word_total(turns: dict[int, list[str]], speaker: Speaker) -> int:
    return sum(len(text.split()) for text in turns.get(id(speaker), []))


def _stray_role(speaker: Speaker, turns: dict[int, list[str]]) -> bool:
    """A speaker known only by a role label ("Q", "Interviewer") and heard once at most."""
    return all(role_of(label) for label in speaker.labels) and len(turns.get(id(speaker), [])) < 2


def _fits_any(speaker: Speaker, names: list[str]) -> bool:
    own = set(tokens(speaker.name)) if speaker.name else set()
    if not own:
        return False
    if any(own == set(tokens(name)) for name in names):
        return True
    # A handle spelling a name: "dana.whitlock", "DanaWhitlock", "dana_w" for "Dana Whitlock".
    words = handle_words(speaker.name) if " " not in speaker.name else ()
    if not words:
        return False
    joined = "".join(words)
    for name in names:
        full = tuple(fold(word) for word in tokens(name))
        if len(full) < 2:
            continue
        if words == full or joined == "".join(full) or joined == full[0][0] + "".join(full[1:]):
            return True
    return False


def _label_words(speaker: Speaker) -> set[str]:
    words = set()
    for label in speaker.labels:
        words.update(fold(label).replace(",", " ").replace("(", " ").replace(")", " ").split())
    return words


def _not_taking_part(speaker: Speaker, texts: list[str] | None = None) -> bool:
    """An announcer, a crowd, an unidentified voice; but an "Unknown Speaker" who talks a lot
    (a transcription service's guest it could not name) takes part. A delivery note in
    brackets ("JANE DOE, ANCHOR (voice-over)") says how, not who."""
    words = set()
    for label in speaker.labels:
        bare = re.sub(r"\([^()]{0,60}\)", " ", label)
        words.update(fold(bare).replace(",", " ").split() or fold(label).split())
    if not words & _NON_PARTICIPANTS:
        return False
    return not (words & _UNNAMED and texts is not None and len(texts) >= _UNNAMED_MIN_TURNS)


# Said by whoever runs the show, near its start ("Welcome to the show", "I'm your host").
# "Thanks for joining us", "thank you so much for coming on": a host to a guest.
_THANKS_FOR_COMING = (
    r"thanks? (?:you )?(?:so much )?for (?:being here|coming on|being on"
    r"|joining (?:us|me|the (?:call|show|podcast|program|programme)))"
)
_HOST_RE = re.compile(
    r"\b(?:welcome (?:back )?to (?:the |our |this |another )?(?:[\w'’-]+ ){0,4}"
    r"(?:show|podcast|episode|program|programme|broadcast|edition|town ?hall|panel|webinar"
    r"|q&a|ama)\b"
    r"|(?:hello|hi|hey)[,!.]? (?:and |everyone[,.]? )?welcome to"
    r"|(?:i['’?]?m|i am) your (?:co-?)?(?:host|moderator|presenter)|your hosts?\b"
    r"|(?:here )?with me,? (?:as (?:always|ever|usual),? |again,? |once again,? )?"
    r"(?:today|now|here|is)"
    r"|(?:today|this week|this episode),? (?:i'm|i am|we're|we are)"
    r" (?:sitting down|talking|speaking|chatting) (?:with|to)\b"
    r"|joining (?:me|us) (?:today|now|here|is|this)|(?:i'm|i am|we're|we are) joined (?:today )?by"
    r"|today,? (?:i'm|i am|we're|we are) (?:talking|speaking|chatting) (?:with|to)\b"
    r"|(?:my|our) guests? (?:today |this week )?(?:is|are)|(?:my|our) co-?hosts?"
    r"|(?:in|on) (?:this|today's|this week's) (?:[\w-]+ ){0,3}(?:episode|show)"
    r"|this (?:[\w-]+ ){0,2}(?:episode|show) (?:is|was) a rerun"
    rf"|{_THANKS_FOR_COMING}"
    r"|(?:let's|let us) (?:get started|dive in|jump in|welcome)"
    r"|you(?:['’]re| are) (?:listening to|watching|tuned (?:in )?to)"
    r"|enjoy the (?:show|episode|conversation|interview)"
    # "I'm Jane Doe, and this is Harbour Radio": the host signs the show.
    r"|(?:i['’]m|i am) (?-i:[A-Z][\w'’-]{0,30}(?: [A-Z][\w'’-]{0,30}){0,2}),?"
    r" and this is (?-i:[A-Z]))",
    re.IGNORECASE,
)
# The talk opens by welcoming listeners to it by name: "Welcome to Night Shift.", "Hi, and
# welcome to Byte Club".
_OPENING_WELCOME_RE = re.compile(
    r"(?i:(?:hi|hello|hey)[,!.]?\s{1,3}(?:and\s{1,3})?(?:everyone[,!.]?\s{1,3})?)?"
    r"(?i:welcome)\s{1,3}(?:(?i:back)\s{1,3})?(?i:to)\s{1,3}[A-Z]"
)
# A question put on behalf of someone else, numbered and credited to its asker: "Q2: <ann>
# What should ...?", "Question 3 (from Bo): How ...?", "Q4: kim asks: why ...?": whoever
# relays the audience's questions moderates.
_RELAYED_RE = re.compile(
    r"^(?i:q|question)\s?#?\d{1,3}\s?[:.)\-–—]?\s{0,3}"
    r"(?:<[^<>\s]{1,40}>|\((?i:from|by|asked by|via)\s[^\n()]{1,60}\)"
    r"|[\w.@-]{1,40}\s(?i:asks|wants to know)\b)"
    r"[^\n?]{0,300}\?"
)
_THANKS_GUEST_RE = re.compile(
    rf"\b{_THANKS_FOR_COMING}",
    re.IGNORECASE,
)
# Said by a guest ("Thanks for having me").
_GUEST_RE = re.compile(
    r"\b(?:thanks? (?:you )?(?:so much )?for (?:having|inviting) me"
    r"|(?:glad|happy|excited|great|pleasure|thrilled|lovely|good) to be (?:here|on|with you|back)"
    r"|(?:pleasure|honou?r) to be (?:here|on))",
    re.IGNORECASE,
)
# "I'm Bekah.", "And I'm Dan.", "Hi, I'm Jane Doe": a co-host answering the roll call.
_ROLL_CALL_RE = re.compile(
    r"^(?i:(?:(?:and|hey|hi|hello|so)[,!.]?\s+){0,2}(?:i'm|i am|i’m|my name is)\s+)"
    r"([A-Z][\w'’-]{0,30})"
)
# "my co-host Dan", "my co-host, Dr. Katharine Wilkinson": every word of the name counts, a
# title before it too (the label may be "DR. WILKINSON").
# "I'm Michael Kennedy. And I'm Brian Okken.": the roll call of two hosts, run into one turn by
# captions that gave both voices to the first.
_MERGED_ROLL_CALL_RE = re.compile(
    r"\b(?:I['’]m|I am) ([A-Z][\w'’-]{0,30})(?: [A-Z][\w'’-]{0,30}){0,2}\.\s+"
    r"And (?:I['’]m|I am) ([A-Z][\w'’-]{0,30})(?: [A-Z][\w'’-]{0,30}){0,2}\.(?=\s|$)"
)
_CO_HOST_RE = re.compile(
    r"\b(?:(?i:co-?hosts?),?\s+(?:is\s+)?"
    r"|(?i:with (?:me|us),? as (?:always|ever|usual),? (?:is|are)\s+(?:my |our )?))"
    r"((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+)?[A-Z][\w'’-]{0,30}"
    r"(?:\s+[A-Z][\w'’-]{0,30}){0,2})"
)
# "An interview conducted by Jane Doe", "hosted by Jane Doe": the asker, named.
_HOSTED_BY_RE = re.compile(
    r"\b(?i:(?:interview(?:ed|s)?|conducted|hosted|presented|moderated)\s+by)\s+"
    r"([A-Z][\w'’-]{0,30})(?:\s+[A-Z][\w.'’-]{0,30}){0,3}(?:,?\s+and\s+([A-Z][\w'’-]{0,30}))?"
)
_ANY_INTRO_RE = re.compile(r"\b(?i:I'm|I am|I’m|my name is)\s+([A-Z][\w'’-]{0,30})")
# The prose above the talk presents its guests: "Chris is joined by Ann Lee and Bo Ray".
_GUESTS_IN_INTRO_RE = re.compile(
    r"\b(?:joined by|(?:with|our|his|her|their|special) guests?|talks? (?:to|with)"
    r"|speaks? (?:to|with)|sits? down with|interviews?|chats? with|in conversation with)"
    r"\s+([^.!?\n]{1,300})",
    re.IGNORECASE,
)
_UNNAMED = frozenset(("unknown", "unidentified"))
_UNNAMED_MIN_TURNS = 3
_OPENING_TURNS = 12
_MAX_OPENING_TURNS = 40
_ROLL_CALL_TURNS = 6  # co-hosts name themselves right at the start
_INVITATION_RE = re.compile(
    r"\bintroduce (?:yourself|yourselves|themselves|ourselves)\b", re.IGNORECASE
)
_HOST_WORDS = frozenset(
    (
        "host",
        "co-host",
        "cohost",
        "anchor",
        "moderator",
        "byline",
        "correspondent",
        "interviewer",
        "presenter",
    )
)
_GUEST_WORDS = frozenset(("guest", "interviewee", "panelist", "panellist"))


def _first_words(speaker: Speaker) -> set[str]:
    """The folded first names a speaker may be called by ("Bekah" of "Bekah Hawrot Weigel")."""
    found = set()
    for label in speaker.labels:
        words = tokens(label)
        if words:
            found.add(words[0])
    if speaker.name:
        words = tokens(speaker.name)
        if words:
            found.add(words[0])
    return {word for word in found if len(word) >= 2}


def _roles_from_evidence(
    people: list[Speaker],
    turns: dict[int, list[str]],
    sequence: list[tuple[Speaker, str]],
    intro: str,
    known_guests: list[Speaker] | None = None,
) -> list[str]:
    """Roles from what people say, whatever the order they speak in.

    A host welcomes listeners to the show, says "I'm your host", "joining me today", thanks a
    guest for coming, or answers the opening roll call ("And I'm Dan.", first words of a turn
    in the first few, unless someone asked everyone to introduce themselves: a panel);
    a label's role word ("JANE DOE, HOST") says so too. A guest thanks the show for having
    them, is introduced by someone else before they first speak, or is presented as a guest in
    the prose above the talk, or gives their name in the opening once handed the word ("Hi,
    Chris. Thanks. My name is Ann Lee"). A talk that opens with a round of introductions, the
    opener welcoming listeners and then everyone naming themselves once in turn, is a panel with
    its moderator (_introduction_round). Whoever relays numbered audience questions ("Q2: <ann>
    ...?") moderates alone. Whoever is "conducting" the interview ("conducted by",
    "hosted by") or named "my co-host" asks. Whoever is left undecided is judged against those
    found (or `known_guests`, named by the page already): more given to questions than the
    guests, or speaking less than every host, is a co-host; else a guest. With no evidence at
    all, nothing is decided here.
    """
    warnings: list[str] = []
    index = {id(s): s for s in people}
    host: set[int] = set()
    strong_host: set[int] = set()
    guest: set[int] = set()  # said so themselves, or a label says so
    introduced: set[int] = set()  # named by someone else before they first spoke
    presented: set[int] = set()  # gave their name in the opening, handed the word by a host
    by_first: dict[str, list[Speaker]] = {}
    for speaker in people:
        for word in _first_words(speaker):
            by_first.setdefault(word, []).append(speaker)

    def called(word: str) -> Speaker | None:
        found = by_first.get(fold(word.strip(".,'’")), [])
        return found[0] if len(found) == 1 else None

    for speaker in people:
        words = _label_words(speaker)
        if words & _HOST_WORDS:
            strong_host.add(id(speaker))
        elif words & _GUEST_WORDS:
            guest.add(id(speaker))
    spoken: set[int] = set()
    relaying: set[int] = set()  # puts the audience's questions: the only one who asks
    invited = False  # someone asked everyone to introduce themselves: a panel, not co-hosts
    round_table = _introduction_round(people, sequence)
    if round_table:
        # The opener welcomes and names themselves, then each panellist in turn: a moderator.
        strong_host.add(id(round_table[0]))
        presented.update(id(s) for s in round_table[1:])
        invited = True
    opening = min(max(_OPENING_TURNS, len(sequence) // 7), _MAX_OPENING_TURNS)
    for position, (speaker, text) in enumerate(sequence):
        key = id(speaker)
        head = text[:3000]
        if key in index:
            if _GUEST_RE.search(head):
                guest.add(key)  # "Thanks for having me on this show": not the host's words
            elif (
                (position < opening and _HOST_RE.search(head))
                or _THANKS_GUEST_RE.search(head)
                or (position == 0 and _OPENING_WELCOME_RE.match(head.lstrip()))
            ):
                strong_host.add(key)
            elif _RELAYED_RE.match(head.lstrip()):
                strong_host.add(key)
                relaying.add(key)
        if position < opening:
            for paragraph in head.split("\n\n"):
                for pair in _MERGED_ROLL_CALL_RE.finditer(paragraph):
                    other = called(pair[2])
                    if (
                        called(pair[1]) is speaker
                        and other is not None
                        and other is not speaker
                        and id(other) not in spoken
                        and position < _ROLL_CALL_TURNS
                    ):
                        host.update((key, id(other)))
                roll = _ROLL_CALL_RE.match(paragraph.strip())
                named = called(roll.group(1)) if roll else None
                if (
                    named is not None
                    and id(named) not in spoken - {key}
                    and position < _ROLL_CALL_TURNS
                    and not invited
                ):
                    host.add(id(named))
                elif key in index and spoken - {key}:
                    # Handed the word: whoever names themselves in the very first turn opens
                    # the show, as hosts do.
                    own = _ANY_INTRO_RE.search(paragraph)
                    if own is not None and called(own.group(1)) is speaker:
                        presented.add(key)
            invited = invited or bool(_INVITATION_RE.search(head))
            # Someone named by another before they first speak is being introduced.
            selves = {match.group(1) for match in _ANY_INTRO_RE.finditer(head)}
            peers = {word for match in _CO_HOST_RE.finditer(head) for word in match[1].split()}
            for match in _HOSTED_BY_RE.finditer(head):
                peers.update(name for name in match.groups() if name)
            for word in dict.fromkeys(re.findall(r"\b[A-Z][\w'’-]{1,30}", head)):
                named = called(word)
                if named is None or id(named) in spoken or named is speaker:
                    continue
                if word in peers:
                    strong_host.add(id(named))
                elif word not in selves:
                    introduced.add(id(named))
        spoken.add(key)
    credited = set()
    for match in _HOSTED_BY_RE.finditer(intro[:5000]):
        for word in match.groups():
            named = called(word) if word else None
            if named is not None:
                credited.add(word)
                strong_host.add(id(named))
    for match in _GUESTS_IN_INTRO_RE.finditer(intro[:5000]):
        for word in re.findall(r"\b[A-Z][\w'’-]{1,30}", match.group(1)):
            named = called(word)
            if named is not None and word not in credited:
                introduced.add(id(named))
    hosts = [s for s in people if id(s) in strong_host or (id(s) in host and id(s) not in guest)]
    # A host who describes someone by full name ("That's Ann Lee.", "Ann Lee is the founder
    # of ...") presents a guest, even one heard before (a cold open).
    described = {id(s) for s in people if s not in hosts and _described_by(s, hosts, sequence)}
    guests = [
        s for s in people if s not in hosts and id(s) in guest | introduced | presented | described
    ]
    if not hosts and not guests:
        return warnings
    for speaker in hosts:
        speaker.role = "interviewer"
    for speaker in guests:
        speaker.role = "interviewee"
    if hosts:
        # Named by a host only to be handed the word, then heard once or twice only asking
        # someone else who answers: a town hall's or a press conference's asker from the floor.
        def floor_asker(speaker: Speaker) -> bool:
            own = turns.get(id(speaker), [])
            weak = id(speaker) in introduced - guest - presented - described
            return weak and 0 < len(own) <= _FLOOR_QUESTIONS and all(asks(t) for t in own)

        floor = [s for s in guests if floor_asker(s)]
        answering = [s for s in people if s not in hosts and s not in floor]
        if floor and answering:
            for speaker in floor:
                speaker.role = "interviewer"
    undecided = [s for s in people if s.role is None]
    if not undecided:
        return warnings
    if not hosts:
        # Being named before speaking is weak: it yields to a plain majority of questions.
        asked = {id(s): _asking(turns.get(id(s), [])) for s in people}
        others = max((asked[id(s)] for s in undecided), default=0.0)
        for speaker in guests:
            weak = id(speaker) in introduced - guest - presented
            if weak and asked[id(speaker)] >= 0.5 and asked[id(speaker)] - others >= 0.3:
                speaker.role = None
        return warnings  # the statistics judge the rest
    words = {id(s): sum(len(t.split()) for t in turns.get(id(s), [])) for s in people}
    asked = {id(s): _asking(turns.get(id(s), [])) for s in people}
    compared = guests or known_guests or []
    for speaker in undecided:
        if compared:
            top = max(asked.get(id(g), _asking(turns.get(id(g), []))) for g in compared)
            cohost = asked[id(speaker)] >= 0.2 and asked[id(speaker)] - top >= 0.15
            # A voice that asks at least as often as the guests do, and says a small part of
            # what any of them says, puts questions beside the host: the guests are who talk.
            least = min(_word_total(turns, g) for g in compared)
            brief = words[id(speaker)] * _GUEST_WORDS_RATIO < least
            cohost = cohost or (brief and asked[id(speaker)] > 0 and asked[id(speaker)] >= top)
        elif relaying:
            cohost = False  # a town hall: the questions come from the audience, through the host
        else:
            cohost = words[id(speaker)] < min(words[id(h)] for h in hosts)
        speaker.role = "interviewer" if cohost else "interviewee"
    if not compared and not relaying:
        warnings.append(_NO_GUEST_WARNING)
    return warnings


_DESCRIBED_AFTER = r"(?:['’]s\b|\s(?:is|was|has been|who)\s|,\s(?:a|an|the|who)\s)"
_DESCRIBED_BEFORE = r"(?:that['’]s|this is|meet|named|called)\s"
_MAX_DESCRIBING_TURNS = 400
_HOST_NOUN_RE = re.compile(r"\b(?:co-?)?hosts?\b|\banchor\b|\bmoderator\b", re.IGNORECASE)


def _described_by(speaker: Speaker, hosts: list[Speaker], sequence) -> bool:
    """Whether a host speaks of `speaker` by full name in the third person."""
    name = speaker.name
    if not hosts or len(name.split()) < 2 or len(name) > 60:
        return False
    pattern = re.compile(
        rf"(?i:\b{_DESCRIBED_BEFORE}){re.escape(name)}\b|\b{re.escape(name)}{_DESCRIBED_AFTER}"
    )
    host_ids = {id(host) for host in hosts}
    for owner, text in sequence[:_MAX_DESCRIBING_TURNS]:
        if id(owner) not in host_ids:
            continue
        for found in pattern.finditer(text[:5000]):
            # "Ann Lee is my co-host" describes a host.
            if not _HOST_NOUN_RE.search(text[found.end() : found.end() + 30]):
                return True
    return False


_WELCOME_RE = re.compile(r"\bwelcome\b", re.IGNORECASE)
_ROUND_MIN_SPEAKERS = 3
_ROUND_INTRO_CHARS = 300


def _introduction_round(
    people: list[Speaker], sequence: list[tuple[Speaker, str]]
) -> list[Speaker]:
    """Everyone at the table, in order, when the talk opens with a round of introductions: the
    first speaker welcomes the listeners and gives their name, then every other speaker, once
    each, gives theirs ("I'm Jo Park."); at least three of them. Otherwise empty."""
    talking = list({id(s): s for s, _ in sequence}.values())
    if len(talking) < _ROUND_MIN_SPEAKERS or any(s not in people for s in talking):
        return []
    opening = sequence[: len(talking)]
    if len({id(s) for s, _ in opening}) < len(talking):
        return []
    first = opening[0][1][:3000]
    if not (_WELCOME_RE.search(first) and _ANY_INTRO_RE.search(first)):
        return []
    if not all(_ANY_INTRO_RE.search(text[:_ROUND_INTRO_CHARS]) for _, text in opening[1:]):
        return []
    if any(_GUEST_RE.search(text[:_ROUND_INTRO_CHARS]) for _, text in opening[1:]):
        return []  # "I'm Cy, thanks for having me": co-hosts' roll call, then their guest
    return [speaker for speaker, _ in opening]


_QUESTION_OPENING_RE = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|now)[,.]?\s+){0,2}(?:what|how|why|when|where|who|which"
    r"|tell (?:us|me)|can you|could you|would you|will you|do you|did you|have you|are you"
    r"|were you|is it|is there|was it|describe|talk (?:us )?(?:about|through))\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """A turn that asks: its last sentence ends in "?", or it opens as a question or a prompt
    ("Tell us about ...", "Can you ...") and asks somewhere. A rhetorical "?" inside a long
    answer is not enough."""
    tail = text.rstrip(" \n\"'”’)]*_")
    if tail.endswith("?"):
        return True
    return "?" in text and bool(_QUESTION_OPENING_RE.match(text.lstrip(" \"“'*_")))


def _asking(texts: list[str]) -> float:
    if not texts:
        return 0.0
    return sum(1 for text in texts if text.rstrip().endswith("?")) / len(texts)


def kinds(segments: list[Segment], role_of) -> list[str]:
    """The kind of each segment; `role_of(segment)` gives its speaker's role."""
    result = []
    speech = [i for i, seg in enumerate(segments) if seg.kind == "speech"]
    next_speech = dict(pairwise(speech))
    for index, segment in enumerate(segments):
        if segment.kind != "speech":
            result.append(segment.kind)
            continue
        role = role_of(segment)
        if role == "interviewee":
            result.append("answer")
        elif role == "interviewer":
            following = next_speech.get(index)
            answered = following is not None and role_of(segments[following]) == "interviewee"
            result.append("question" if "?" in segment.text or answered else "remark")
        else:
            result.append("remark")
    return result


def split_closing(
    segment: Segment,
    role: str | None,
    interviewee_names: list[str],
    double_gaps_rare: bool,
    one_paragraph: bool = False,
) -> tuple[list[Part], str | None]:
    """The closing note at the end of the last turn: (its paragraphs, a warning if unsure).

    A paragraph opens the closing note when a rule, a heading or an unusually wide gap sets it
    apart, or when it speaks of the interviewee in the third person (a name in an interviewee's
    own paragraph); phrases addressed to readers ("this interview", "thanks for reading") only
    add weight. With `one_paragraph` (no other turn of the talk breaks into paragraphs), any
    blank line sets a paragraph apart.
    """
    names = set()
    for name in interviewee_names:
        # "THE PRESIDENT" names nobody by "the".
        names.update(word for word in tokens(name) if len(word) >= 3 and word not in PARTICLES)
    for index in range(0 if segment.continued else 1, len(segment.parts)):
        part = segment.parts[index]
        apart = (
            part.boundary
            or (one_paragraph and part.gap >= 1)
            or (part.gap >= 2 and double_gaps_rare)
        )
        words = set(re.findall(r"\w+", fold(part.text[:2000])))
        named = role == "interviewee" and bool(names & words)
        addressed = bool(_CLOSING_RE.search(part.text[:2000]))
        if apart and (named or addressed):
            return segment.parts[index:], None
        if apart:
            return segment.parts[index:], "closing note guessed from the layout only: check it"
        if named and addressed:
            return segment.parts[index:], None
        if named:
            return (
                segment.parts[index:],
                "closing note guessed: a paragraph names the interviewee in the third person",
            )
        if addressed and index == len(segment.parts) - 1 and len(part.text.split()) <= 40:
            return segment.parts[index:], "closing note guessed from its wording: check it"
    return [], None


# --- Names for speakers known only by their role -----------------------------------------------

ROLE_NAMES = {Role.INTERVIEWER: "Interviewer", Role.INTERVIEWEE: "Interviewee"}
# "Interview with Jane Doe", "An interview with Dr. Jane Doe", "A conversation with Jane Doe:
# on bread", "Q&A with Jane Doe".
_WITH_RE = re.compile(
    r"\b(?:(?:interview|conversation|q\s?&\s?a|chat|talk|in conversation|questions|minutes"
    r"|session|sit-down|ama|ask me anything)"
    r"(?:\s{1,3}(?:I|we)\s{1,3}(?:did|had|held|conducted|recorded))?\s+with|questions\s+for)\s+"
    r"([^\n,:;|(–—]{2,80})",
    re.IGNORECASE,
)
_HEADED_NAME_RE = re.compile(
    r"(?:an? )?(?:oral[- ]histor(?:y|ies)|interview)\s{0,2}[:–—-]\s{0,3}([^\n:;|(]{2,80})",
    re.IGNORECASE,
)
# "Interview between Example Weekly and Jane Doe": the second party answers.
_BETWEEN_RE = re.compile(
    r"\binterview\s{1,3}between\s[^\n.;:]{1,80}?\sand\s{1,3}([^\n.;:()]{2,120})",
    re.IGNORECASE,
)
# "I interviewed Jane Doe last week": the one interviewed answers.
_INTERVIEWED_RE = re.compile(r"\b(?:I|We|we)\s{1,3}interviewed\s{1,3}([A-Z][^\n,:;]{1,80})")
# "By Helen Marsh", "Interview by Helen Marsh", "Interviewed by Helen Marsh".
_BY_RE = re.compile(
    r"^\s*(?:(?:written|posted|words|interview|interviewed|conducted|questions)\s+)?by\s+"
    r"([^\n,;|(–—]{2,80})",
    re.IGNORECASE,
)
_INTERVIEWED_BY_RE = re.compile(
    r"\b(?:interview(?:ed)?|conducted)\s+by\s+([^\n,;|(–—.]{2,80})", re.IGNORECASE
)


_MAX_DESCRIBING_WORDS = 4


def person_name(text: str) -> str | None:
    """`text` when it reads as a person's name ("Donald E. Knuth", "Jane Doe"), else None."""
    text = " ".join(text.split()).strip(" .'\"“”*_")
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return None
    parts = name_parts(text)
    if parts is None or parts[1]:
        return None
    return parts[0]


# "INTERVIEW: Jane Doe of The Band", "Q&A - Jane Doe": a title that opens on the word.
_TITLE_HEAD_RE = re.compile(
    r"\s{0,3}[\[(]?(?:an\s{1,3})?(?:interview|q\s?&\s?a)(?:\s{0,3}[:–—-]|[\])])\s{0,3}(.{2,120})",
    re.IGNORECASE,
)


def interviewee_from_title(title: str) -> str | None:
    """ "Interview with Donald E. Knuth" -> "Donald E. Knuth"; "INTERVIEW: Jane Doe of The
    Band" -> "Jane Doe"; "[INTERVIEW] Jane Doe on ..." -> "Jane Doe"."""
    found = _WITH_RE.search(title[:300])
    if found is not None:
        # "with author Jane Doe", "with the award-winning poet Jane Doe": the words that say
        # what the guest is come before the name.
        words = found.group(1).split()
        lead = 0
        while lead < min(len(words) - 2, _MAX_DESCRIBING_WORDS) and words[lead][:1].islower():
            lead += 1
        name = person_name(" ".join(words[lead:]))
        return name or _leading_name(_after_descriptors(found.group(1)))
    # "Oral-History:Ruth Banner", "Interview: Jane Doe": the title names whom it records.
    headed = _HEADED_NAME_RE.fullmatch(title.strip()[:300])
    if headed is not None:
        kept = []  # the name ends where its capitalised words do: "Jo Roe of Acme"
        for word in headed.group(1).split()[:5]:
            particle = word.casefold() in PARTICLES and word.casefold() not in ("of", "the")
            if not (word[:1].isupper() or (kept and particle)):
                break
            kept.append(word)
        if kept and (name := person_name(" ".join(kept))):
            return name
    found = _TITLE_HEAD_RE.match(title[:300])
    if found is not None:
        return _leading_name(found.group(1))
    found = _NAME_TALKS_RE.match(title[:300])
    return person_name(found.group("name")) if found else None


# "Jane Doe talks about bread", "Jo Roe on why ...": a headline that opens on its guest speaking.
_NAME_TALKS_RE = re.compile(
    r"\s{0,3}(?P<name>[A-Z][\w'’.-]{0,30}(?:\s{1,2}[A-Z][\w'’.-]{0,30}){1,3})"
    r"(?:\s{1,2}(?:talks|speaks|opens up|reflects|discusses|explains|answers)\b"
    r"|:\s{0,2}[\"“'‘])"
)


def interviewee_from_intro(text: str) -> str | None:
    """Who answers, as the prose above the talk says: "Interview between Example Weekly and the
    founder of Acme, Jane Doe", "An interview with Jane Doe about ...". None when unsure."""
    text = text[:5000]
    for match in _BETWEEN_RE.finditer(text):
        # The second party; an appositive ("the founder of Acme, Jane Doe") ends in the name.
        pieces = [piece.strip() for piece in match.group(1).split(",")]
        for piece in (pieces[-1], pieces[0]):
            if name := _leading_name(piece):
                return name
    for match in _WITH_RE.finditer(text):
        if name := _leading_name(match.group(1)):
            return name
    for match in _INTERVIEWED_RE.finditer(text):
        if name := _leading_name(match.group(1)):
            return name
    return None


def _after_descriptors(text: str) -> str:
    """ "novelist Ada Moreno", "the painter Jo Roe" -> the words from the first capitalised
    one, when a few words in lower case describe the person first."""
    words = text.split()
    for position, word in enumerate(words[:4]):
        if word[:1].isupper():
            return " ".join(words[position:]) if position else ""
    return ""


def _leading_name(text: str) -> str | None:
    """The person's name that opens `text` ("Jane Doe about her work" -> "Jane Doe"). None when
    the text names two people together ("Bill Buck and Raquel Velasco of Genesi"): a role-only
    label is then no one of them more than the other."""
    kept = []
    words = text.split()
    for position, word in enumerate(words[:5]):
        following = words[position + 1 : position + 2]
        if word in ("and", "&") and kept and following and following[0][:1].isupper():
            return None
        # "Jane Doe of Acme": "of" and "the" end a name here, as in "interviewed by".
        particle = word.casefold() in PARTICLES and word.casefold() not in ("of", "the")
        if not (word[:1].isupper() or (kept and particle)):
            break
        if word.endswith((".", ",")) and len(word.rstrip(".,")) > 1 and word.rstrip(".,").isalpha():
            # "with Jane Doe. Jane was ...", "Jane Doe, COBOL programmer": the name ends.
            kept.append(word.rstrip(".,"))
            break
        kept.append(word)
    while kept and kept[-1].casefold() in PARTICLES:
        kept.pop()
    return person_name(" ".join(kept)) if kept else None


# "Quanta spoke with Bradley about ...", "We sat down with Jane Doe to ...": the guest.
_SPOKE_WITH_RE = re.compile(
    r"\b(?:spoke|speaks|talked|talks|sat down|sits down|chatted|caught up)\s{1,3}(?:with|to)\s{1,3}"
    r"(?P<name>[A-Z][\w'’-]{0,30}(?:\s{1,2}[A-Z][\w.'’-]{0,30}){0,3})"
)
_CAPITALISED_RUN_RE = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]{0,30}\s{1,2}){1,3}$")


def guest_spoken_with(text: str) -> str | None:
    """The guest an introduction says the publication spoke with, in full: "Quanta spoke with
    Bradley" is "Tai-Danae Bradley" when the introduction writes the name so elsewhere."""
    text = text[:5000]
    found = _SPOKE_WITH_RE.search(text)
    if found is None:
        return None
    name = found["name"]
    if person_name(name):
        return person_name(name)
    if " " in name:
        return None
    # A surname alone: the fullest way the text writes a name ending in it, most often.
    fuller: Counter[str] = Counter()
    for match in re.finditer(r"(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", text):
        head = _CAPITALISED_RUN_RE.search(text[max(0, match.start() - 100) : match.start()])
        if head is not None:
            candidate = person_name(head.group(0) + name)
            if candidate:
                fuller[candidate] += 1
    return fuller.most_common(1)[0][0] if fuller else None


# "I'm Sam Patel, and this is ...", "MY NAME IS LUIS ORTEGA.": a speaker naming themselves.
_SELF_NAMED_RE = re.compile(
    r"\b(?i:i'm|i am|i’m|my name is)\s{1,3}"
    r"(?P<name>[A-Z][\w'’-]{0,30}(?:\s{1,2}[A-Z][\w.'’-]{0,30}){1,2})(?=[\s,.;:!?]|$)"
)
# A host handing over to a guest: "joining me now is Senator Mark Halverson", "today I'm talking
# with the potter Hiroshi Tanaka", "my guest is ...".
_HANDED_TO_RE = re.compile(
    r"\b(?i:joining (?:me|us)(?: now| today| here)?(?: is)?|(?:i'm|i am|we're|we are|i’m) "
    r"(?:talking|speaking|chatting) (?:with|to)|(?:my|our) guests? (?:today |this week )?is"
    r"|(?:i'm|i am|we're|we are|i’m) joined (?:today |now )?by)"
    r"\s{1,3}(?P<rest>[^.!?\n]{2,120})"
)


def self_named(text: str, strict: bool = False) -> str | None:
    """The full name a speaker gives as their own in `text`; `strict`: only after "my name is"
    ("I'm Jewish American" is no name)."""
    for found in _SELF_NAMED_RE.finditer(text[:2000]):
        if strict and not found.group(0).casefold().startswith("my name"):
            continue
        words = []
        for word in found["name"].split():
            if word.endswith(".") and len(word) > 2:  # a sentence ends: "I'M JO ROE. JOINING"
                words.append(word.rstrip("."))
                break
            words.append(word)
        while words and words[-1].casefold() in ("and", "of", "the"):
            words.pop()
        name = person_name(" ".join(words))
        if name:
            return name
    return None


def handed_to(text: str) -> str | None:
    """The full name of the guest a host introduces in `text` ("joining me now is X")."""
    found = _HANDED_TO_RE.search(text[:2000])
    if found is None:
        return None
    words = found["rest"].split()
    lead = 0  # "the potter Hiroshi Tanaka": what the guest is comes first
    while lead < min(len(words), _MAX_DESCRIBING_WORDS) and words[lead][:1].islower():
        lead += 1
    kept = []
    for word in words[lead : lead + 4]:
        if not word[:1].isupper() or word.casefold() in ("of", "and", "the", "from"):
            break
        kept.append(word.rstrip(",;:"))
        if word.endswith((",", ";", ":")):
            break
    return person_name(" ".join(kept))


# "Interview of President Jane Doe by John Roe, “The Show”", "An interview with Jane Doe by
# John Roe": the interviewer after the title's "by".
_TITLE_BY_RE = re.compile(
    r"\b(?:interview|conversation|q\s?&\s?a|sit-down|questions)\b[^\n]{0,160}?\sby\s+"
    r"([^\n,:;|(–—“”\"]{2,80})",
    re.IGNORECASE,
)


def interviewer_from_title(title: str) -> str | None:
    """ "Interview of Jane Doe by John Roe, “The Show”" -> "John Roe"."""
    found = _TITLE_BY_RE.search(title[:300])
    if found is None:
        return None
    name = re.split(r"\s+(?:and|&)\s+", found.group(1).strip())
    return person_name(name[0]) if len(name) == 1 else None


def interviewer_from_byline(byline: str) -> str | None:
    """ "By Helen Marsh" -> "Helen Marsh"; "Interviewed by Al Roe, for ..." -> "Al Roe"."""
    found = _BY_RE.match(byline[:300]) or _INTERVIEWED_BY_RE.search(byline[:300])
    if found is None:
        return None
    name = re.split(r"\s+(?:and|&)\s+", found.group(1))
    return person_name(name[0]) if len(name) == 1 else None


def interviewer_from_authors(value: str) -> str | None:
    """Front matter's `author:`/`authors:` when it names one person."""
    names = [name for name in re.split(r"[;,&]|\s+and\s+", value) if name.strip()]
    return person_name(names[0]) if len(names) == 1 else None


def interviewed_by(text: str) -> list[str]:
    """Names after "interviewed by" / "an interview conducted by" in prose, in order."""
    found = []
    for match in _INTERVIEWED_BY_RE.finditer(text[:5000]):
        words = match.group(1).split()
        # The name ends where the capitalised words do: "by Peter Asaro of the IEEE ...".
        kept = []
        for word in words[:5]:
            particle = word.casefold() in PARTICLES and word.casefold() not in ("of", "the")
            if not (word[:1].isupper() or (kept and particle)):
                break
            kept.append(word)
        name = person_name(" ".join(kept)) if kept else None
        if name:
            found.append(name)
    return found


_ADDRESS_NAME_RE = re.compile(
    r"\S{1,80}@\S{1,120}\s{1,3}\((?P<a>[^()]{2,60})\)|(?P<b>[^<>@]{2,60}?)\s{0,3}<\S{1,120}@\S{1,120}>"
)


def person_in_address(value: str) -> str | None:
    """The person a mail address names: "ed@example.org (Jo Roe)", "Jo Roe <ed@example.org>"."""
    found = _ADDRESS_NAME_RE.fullmatch(value.strip()[:300])
    if found is None:
        name = person_name(value) if "@" not in value else None  # "From: Jo Roe"
    else:
        name = person_name((found["a"] or found["b"] or "").strip(" \"'"))
    if name and _DESK_WORDS & set(tokens(name)):
        return None  # "Press Office", "Editorial Team": a desk, not a person
    return name


# A legend spelling out the initials that label the speakers: "JD = Jane Doe (host)",
# "MR: Miguel Reyes, guest" on lines of their own; "TK (Tom Kowalski, host)" or
# "Priya Natarajan (PN)" (no role) inside a sentence.
_NAME = r"[A-Z][\w'’.-]{0,30}(?:\s{1,2}(?:[A-Z][\w'’.-]{0,30}|de|van|von|da|di|le|la)){1,3}"
_LEGEND_LINE_RE = re.compile(
    r"^\s{0,8}[\[(]?(?P<key>[A-Z]{1,4})[\])]?\s{0,3}(?:=|:|–|—|-)\s{0,3}(?P<name>" + _NAME + r")"
    r"\s{0,3}(?:[(,;–—-]\s{0,3}(?P<role>[^()\n]{0,80})\)?)?\s{0,3}$",
    re.MULTILINE,
)
_LEGEND_KEY_FIRST_RE = re.compile(
    r"\b(?P<key>[A-Z]{1,4})\s{0,2}\((?P<name>" + _NAME + r")\s{0,2}"
    r"(?:,\s{0,2}(?P<role>[^()\n]{0,60}))?\)"
)
_LEGEND_NAME_FIRST_RE = re.compile(r"(?P<name>" + _NAME + r")\s{0,2}\((?P<key>[A-Z]{1,4})\)")
_ASKER_WORDS_RE = re.compile(r"\b(?:host|co-?host|interviewer|moderator|presenter)\b", re.I)
_GUEST_WORDS_RE = re.compile(r"\b(?:guest|interviewee)\b", re.I)


def initials_legend(text: str) -> dict[str, tuple[str, str | None]]:
    """Initials -> (full name, role or None) as the text above the talk spells them out."""
    legend: dict[str, tuple[str, str | None]] = {}
    text = text[:5000]
    for pattern in (_LEGEND_LINE_RE, _LEGEND_KEY_FIRST_RE, _LEGEND_NAME_FIRST_RE):
        for found in pattern.finditer(text):
            key = found["key"]
            name = person_name(found["name"])
            if name is None or key in legend:
                continue
            role_text = found.groupdict().get("role") or ""
            role = (
                "interviewer"
                if _ASKER_WORDS_RE.search(role_text)
                else "interviewee"
                if _GUEST_WORDS_RE.search(role_text)
                else None
            )
            legend[key] = (name, role)
    return legend
