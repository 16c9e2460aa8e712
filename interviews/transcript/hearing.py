"""Who asks in a legislative hearing: the members of the committee, not its witnesses.

A hearing record reads like no interview: the chair opens, introduces every member before they
speak and hands them the word, the members make statements of their own, and the witnesses
answer. What tells the two sides apart is what they say and how the others address them:

- a member's label carries a legislative title (`Senator`, `Representative`, `Chairman`,
  `The Chair`); a member presides ("The committee will come to order", "The gentleman's time
  has expired", "The Chair recognizes ..."), yields ("I yield back", "My time is up"), thanks
  the chair for holding the hearing; the others address them as `Senator Reed` or
  `Congressman Bachus`, or hand them the word as "the gentleman from Texas";
- a witness is glad of "the opportunity to testify", speaks of "my testimony", addresses the
  chair "and Members of the Committee", gives their name, takes the oath ("I do."), or is
  footnoted "The prepared statement of Ms. Doe appears in the Appendix".

A title alone weighs less than a witness's own words: the chairman of a central bank testifying
may be labelled `Chairman Doe`. Whoever the evidence leaves undecided is judged by how often
they ask, against the two sides found.
"""

from __future__ import annotations

import re

from .speakers import Speaker
from .text import fold, word_list

# Titles of members in a label: "Senator Reed", "The Chairman", "Chairwoman Waters".
_MEMBER_TITLE_RE = re.compile(
    r"^(?i:senator|sen\.|representative|rep\.|congressman|congresswoman|delegate|chairman"
    r"|chairwoman|chair|vice chair(?:man|woman)?|ranking member"
    r"|the (?:vice |acting )?(?:chairman|chairwoman|chair)|the presiding officer)\b"
)
_TITLE_WORDS = frozenset(
    word_list(
        """mr mr. mrs mrs. ms ms. dr dr. miss the senator sen. representative rep. congressman
        congresswoman delegate chairman chairwoman chair vice acting ranking member hon.
        presiding officer"""
    )
)
# The chair addressed: "Mr. Chairman", "Madam Chairwoman", "Madam Chair".
_CHAIR_ADDRESS_RE = re.compile(r"\b(?:Mr\.?|Madam|Madame) (?:Chairman|Chairwoman|Chair)\b")
_PRESIDING_RE = re.compile(
    r"\b(?:will (?:come|be) (?:to )?order|comes? to order|time has expired"
    r"|(?:is|are) recogni[sz]ed (?:for|to)|recogni[sz]es? (?:the (?:gentleman|gentlewoman"
    r"|gentlelady|senator|ranking|distinguished)|myself|senator|representative|congressman"
    r"|congresswoman)|without objection|(?:stand|be) in recess|(?:is|stands) adjourned"
    r"|(?:our|the) (?:first|next|second|third) (?:panel|witness)|please proceed"
    r"|we will now hear from)\b",
    re.IGNORECASE,
)
_MEMBER_SAYS_RE = re.compile(
    r"\b(?:I yield\b|my time (?:is up|has expired|is short|is running)"
    r"|I thank the (?:chair|chairman|chairwoman|gentleman|gentlelady|gentlewoman)\b"
    r"|(?:for|in) (?:holding|having|calling|convening) (?:this|today's) hearing)",
    re.IGNORECASE,
)
_WITNESS_SAYS_RE = re.compile(
    r"\b(?:opportunity to (?:testify|appear|present|address|discuss|be here|speak|share)"
    r"|(?:pleased|honou?red|privileged|happy|glad|delighted|grateful) to (?:appear|testify"
    r"|be here|be with you|present)|(?:pleasure|privilege|honou?r) to (?:be here|appear|testify)"
    r"|my (?:prepared |written |full |oral )?(?:testimony|statement)\b|my name is)",
    re.IGNORECASE,
)
# "Chairman Doe, Senator Roe, and Members of the Committee, ..." at the start of a statement.
_MEMBERS_ADDRESSED_RE = re.compile(
    r"^[^.!?]{0,200}\bmembers of the (?:sub)?committee", re.IGNORECASE
)
_OATH_RE = re.compile(r"^\s*(?:I do|Yes,? I do)\.?\s*$", re.IGNORECASE)
# Others name a member: "Senator Reed", "Congressman Bachus", "Ranking Member Bachus".
_MEMBER_NAMED_RE = re.compile(
    r"\b(?:Senator|Sen\.|Congressman|Congresswoman|Representative|Rep\.|Ranking Member)"
    r"\s{1,3}([A-Z][\w'’-]{1,30})"
)
# The word handed over at the end of a turn: "The gentleman from Alabama."
_HANDED_OVER_RE = re.compile(r"\b(?i:gentleman|gentlewoman|gentlelady) from [A-Z]")
_HANDED_OVER_CHARS = 150
# A witness footnoted: "The prepared statement of Ms. Doe appears in the Appendix".
_PREPARED_OF_RE = re.compile(
    r"\bprepared statement of (?:Mr\.|Mrs\.|Ms\.|Dr\.|Miss)?\s{0,3}([A-Z][\w'’-]{1,30})"
)
_MIN_CHAIR_ADDRESSES = 2


def surname(speaker: Speaker) -> str:
    """The folded name a hearing label gives: "Mrs. McCarthy of New York" -> "mccarthy"."""
    label = speaker.labels[0] if speaker.labels else speaker.name
    words = label.replace(",", " ").split()
    if "of" in words:
        words = words[: words.index("of")]
    left = [word for word in words if fold(word) not in _TITLE_WORDS]
    return fold(left[-1]) if left else ""


def is_hearing(people: list[Speaker], sequence: list[tuple[Speaker, str]]) -> bool:
    """A hearing: the chair is addressed as such in several turns, and a member's title is in
    a label or the chair's procedure is heard."""
    addressed = sum(1 for _, text in sequence if _CHAIR_ADDRESS_RE.search(text[:5000]))
    if addressed < _MIN_CHAIR_ADDRESSES:
        return False
    titled = any(_titled(speaker) for speaker in people)
    presiding = sum(1 for _, text in sequence if _PRESIDING_RE.search(text[:5000]))
    return titled or presiding >= _MIN_CHAIR_ADDRESSES


def _titled(speaker: Speaker) -> bool:
    return any(_MEMBER_TITLE_RE.match(label.strip()) for label in speaker.labels)


def sides(people: list[Speaker], sequence: list[tuple[Speaker, str]]) -> dict[int, str]:
    """ "member", "witness" or "" (undecided) for each of `people`, by id."""
    index = {id(s): s for s in people}
    by_surname: dict[str, list[Speaker]] = {}
    for speaker in people:
        key = surname(speaker)
        if key:
            by_surname.setdefault(key, []).append(speaker)

    def named(word: str) -> Speaker | None:
        found = by_surname.get(fold(word), [])
        return found[0] if len(found) == 1 else None

    member: dict[int, set[str]] = {id(s): set() for s in people}
    witness: dict[int, set[str]] = {id(s): set() for s in people}
    for speaker in people:
        if _titled(speaker):
            member[id(speaker)].add("title")
    handed_over = False
    for speaker, text in sequence:
        key = id(speaker)
        head = text[:5000]
        if key in index:
            if handed_over:
                member[key].add("handed the word")
            if _PRESIDING_RE.search(head):
                member[key].add("presides")
            if _MEMBER_SAYS_RE.search(head):
                member[key].add("member's words")
            if _WITNESS_SAYS_RE.search(head) or _MEMBERS_ADDRESSED_RE.search(head):
                witness[key].add("witness's words")
            if _OATH_RE.match(head):
                witness[key].add("oath")
        handed_over = bool(_HANDED_OVER_RE.search(text[-_HANDED_OVER_CHARS:]))
        for match in _MEMBER_NAMED_RE.finditer(head):
            other = named(match.group(1))
            if other is not None and other is not speaker:
                member[id(other)].add("addressed as a member")
        for match in _PREPARED_OF_RE.finditer(head):
            other = named(match.group(1))
            if other is not None:
                witness[id(other)].add("footnoted as a witness")
    weights = {
        "title": 1,
        "presides": 2,
        "handed the word": 2,
        "witness's words": 2,
        "footnoted as a witness": 2,
    }
    found = {}
    for speaker in people:
        key = id(speaker)
        as_member = sum(weights.get(reason, 1) for reason in member[key])
        as_witness = sum(weights.get(reason, 1) for reason in witness[key])
        if as_member > as_witness:
            found[key] = "member"
        elif as_witness > as_member:
            found[key] = "witness"
        else:
            found[key] = ""
    return found
