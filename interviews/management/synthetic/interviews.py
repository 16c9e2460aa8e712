"""Generated interviews: each with its people, topics and 20 to 200 turns, dated over 30 years.

Every interview is made from its own random stream (seeded by the seed and its number), so the
same number and seed give the same rows whatever was made before them.
"""

import dataclasses
import datetime
import random

from django.utils.text import slugify

from interviews.management.synthetic.catalogue import Catalogue
from interviews.management.synthetic.comments import comment_rows
from interviews.management.synthetic.words import (
    DECKS,
    QUESTIONS,
    SUBJECTS,
    TITLES,
    TOPIC_FORMS,
    Words,
)

MIN_TURNS, MAX_TURNS, MEAN_EXTRA_TURNS = 20, 200, 30  # about 50 turns an interview on average
FIRST_YEAR, YEARS = 1995, 30
SKEW = 2.5


@dataclasses.dataclass
class ChunkRows:
    """The rows of one chunk of interviews, by model, as field values by column name."""

    interviews: list[dict] = dataclasses.field(default_factory=list)
    participations: list[dict] = dataclasses.field(default_factory=list)
    topic_links: list[dict] = dataclasses.field(default_factory=list)
    turns: list[dict] = dataclasses.field(default_factory=list)
    comments: list[dict] = dataclasses.field(default_factory=list)

    def count(self) -> int:
        return sum(len(rows) for rows in dataclasses.astuple(self))


def _skewed_index(rng: random.Random, size: int) -> int:
    """An index in range(size), small ones far more often: a few people and topics are famous.

    The first 1 % of the items get about a sixth of the picks.
    """
    return int(size * rng.random() ** SKEW)


def _pick(rng: random.Random, items: list, *, skewed: bool = True):
    # Half the picks follow the long tail, half are uniform, so every item gets some use.
    if skewed and rng.random() < 0.5:
        return items[_skewed_index(rng, len(items))]
    return items[rng.randrange(len(items))]


def interview_rows(
    *, number: int, seed: int, catalogue: Catalogue, ids: dict[str, int], rows: ChunkRows
) -> None:
    """Append interview `number`'s rows to `rows`; `ids` holds the next free ids, moved on."""
    rng = random.Random(seed * 1_000_003 + number)
    interview_id = ids["interview"]
    ids["interview"] += 1
    hosts = [_pick(rng, catalogue.interviewers)]
    if rng.random() < 0.1:
        hosts.append(_pick(rng, catalogue.interviewers, skewed=False))
    hosts = list(dict.fromkeys(hosts))
    guests = [_pick(rng, catalogue.people)]
    if rng.random() < 0.08:
        guests.append(_pick(rng, catalogue.people, skewed=False))
    guests = [guest for guest in dict.fromkeys(guests) if guest not in hosts] or [
        catalogue.people[-1 - number % 100]
    ]
    topic_ids = list(dict.fromkeys(_pick(rng, catalogue.topics) for _ in range(rng.randint(1, 4))))
    subject = SUBJECTS[catalogue.topics.index(topic_ids[0]) // len(TOPIC_FORMS) % len(SUBJECTS)]
    published_on = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(
        days=rng.randrange(YEARS * 365)
    )
    precision = rng.choices(("day", "month", "year"), weights=(90, 7, 3))[0]
    if precision == "month":
        published_on = published_on.replace(day=1)
    elif precision == "year":
        published_on = published_on.replace(month=1, day=1)
    words = Words(
        rng,
        subject=subject.lower(),
        guest=guests[0][1],
        host=hosts[0][1],
        year=published_on.year,
    )
    outlet = None if rng.random() < 0.05 else _pick(rng, catalogue.outlets)
    title = words.fill(rng.choice(TITLES))
    slug = f"{slugify(title)[:150]}-{interview_id}"
    created_at = datetime.datetime.combine(
        published_on, datetime.time(9), tzinfo=datetime.UTC
    ) + datetime.timedelta(days=rng.randrange(30))
    rows.interviews.append(
        {
            "id": interview_id,
            "title": title,
            "slug": slug,
            "deck": words.fill(rng.choice(DECKS)),
            "byline": "",
            # Generated, not imported: no transcript to recognise again.
            "import_fingerprint": "",
            "outlet_id": outlet[0] if outlet else None,
            "published_on": published_on,
            "date_precision": precision,
            "source_url": f"https://{outlet[1] if outlet else 'independent'}.example.org/"
            f"{published_on.year}/{slug}/",
            "intro": words.answer(),
            "closing_note": "",
            "status": "draft" if rng.random() < 0.05 else "published",
            "created_at": created_at,
            "updated_at": created_at,
        }
    )
    for role, people in (("interviewer", hosts), ("interviewee", guests)):
        for position, (person_id, _) in enumerate(people):
            rows.participations.append(
                {
                    "id": ids["participation"],
                    "interview_id": interview_id,
                    "person_id": person_id,
                    "role": role,
                    "position": position,
                }
            )
            ids["participation"] += 1
    for topic_id in topic_ids:
        rows.topic_links.append(
            {"id": ids["topic_link"], "interview_id": interview_id, "topic_id": topic_id}
        )
        ids["topic_link"] += 1
    turns = _turn_rows(
        rng, words, interview_id=interview_id, first_id=ids["turn"], hosts=hosts, guests=guests
    )
    rows.turns += turns
    ids["turn"] += len(turns)
    comments = comment_rows(
        rng, words, interview_id=interview_id, first_id=ids["comment"], created_at=created_at
    )
    rows.comments += comments
    ids["comment"] += len(comments)


def _turn_rows(
    rng: random.Random,
    words: Words,
    *,
    interview_id: int,
    first_id: int,
    hosts: list[tuple[int, str]],
    guests: list[tuple[int, str]],
) -> list[dict]:
    """Questions by a host and answers by a guest, in turn, ids from `first_id` up."""
    turn_count = min(MAX_TURNS, MIN_TURNS + int(rng.expovariate(1 / MEAN_EXTRA_TURNS)))
    rows = []
    for position in range(1, turn_count + 1):
        if position % 2:
            speaker, kind, text = rng.choice(hosts), "question", words.fill(rng.choice(QUESTIONS))
        else:
            speaker, kind, text = rng.choice(guests), "answer", words.answer()
        rows.append(
            {
                "id": first_id + position - 1,
                "interview_id": interview_id,
                "position": position,
                "speaker_id": speaker[0],
                "speaker_label": speaker[1],
                "kind": kind,
                "text": text,
                "timestamp": None,
            }
        )
    return rows
