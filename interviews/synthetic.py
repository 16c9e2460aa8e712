"""A synthetic archive for scale tests: realistic rows, made fast and written in bulk.

`archive_generate(interviews=N, seed=S)` adds N interviews (20 to 200 turns each, 0 to 300
reader comments in threads) with about 5,000 people, 200 outlets and 300 topics, dated over 30
years. The same N and seed give the same rows. Every interview is made from its own random
stream (seeded by the seed and its number), so a chunk does not depend on the chunks before it.

Rows are written a chunk of interviews at a time, each chunk in one transaction: on PostgreSQL
with COPY (psycopg 3), elsewhere with `bulk_create`. Primary keys are given explicitly, from the
largest one in the table up, so that a reply can name its parent before it is written; the
sequences are moved past them at the end. The database itself computes the generated
`search_vector` columns as the rows arrive, which is most of the time PostgreSQL spends.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
import time
from collections.abc import Callable, Iterator

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.text import slugify

from interviews.changes import archive_changed
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from interviews.transcript import threads
from people.models import Person

PEOPLE = 5_000
INTERVIEWERS = 400  # the people who conduct interviews, a few hundred journalists and hosts
OUTLETS = 200
TOPICS = 300
MIN_TURNS, MAX_TURNS, MEAN_EXTRA_TURNS = 20, 200, 30  # about 50 turns an interview on average
MAX_COMMENTS, MEAN_COMMENTS = 300, 8
FIRST_YEAR, YEARS = 1995, 30
CHUNK = 500  # interviews written in one transaction
SKEW = 2.5


def _listed(text: str, sep: str | None = None) -> list[str]:
    """The word lists below are written as text, to keep them short to read."""
    return text.split(sep)


FIRST_NAMES = _listed(
    "Ada Adrian Aisha Alan Alejandro Alice Amara Ana Andrei Anika Anna Arjun Ayumi Beatriz Ben "
    "Bianca Carlos Chen Chiara Chloe Daniel Dara David Diego Dmitri Elena Elif Emma Erik Fatima "
    "Felix Femi Gabriel Grace Hana Hannah Hugo Ibrahim Ines Ingrid Isaac Ivan Jamal Jana Javier "
    "Jin Joao Jonas Jose Julia Kai Kamala Karim Kenji Kofi Lars Laura Lea Leila Lena Li Lucas "
    "Lucia Luis Maja Malik Marco Maria Marta Mateo Maya Mei Mohamed Nadia Naomi Nia Nikhil Noah "
    "Nora Olga Omar Oscar Paula Pedro Priya Rafael Ravi Rosa Ruth Sam Samir Sara Sofia Sven "
    "Tariq Tomas Uma Valentina Victor Wei Yara Yusuf Zainab Zoe"
)
LAST_NAMES = _listed(
    "Abara Adeyemi Ahmed Alvarez Andersen Bauer Becker Bianchi Brennan Byrne Castro Chandra Chen "
    "Costa Cruz Dahl Demir Diaz Dubois Eriksson Esposito Fischer Fontaine Garcia Gomez Gupta Haas "
    "Hansen Hoffmann Horvat Ibarra Ivanova Jansen Jensen Kaur Keller Khan Kim Kowalski Kruger "
    "Lambert Larsen Laurent Lee Lindqvist Lopez Lund Madsen Mahmoud Marin Martins Mehta Meyer "
    "Moreau Moreno Murphy Nakamura Nguyen Nilsen Novak Nowak Obi Okafor Olsen Ortiz Park Patel "
    "Pereira Petrov Popescu Quinn Rahman Ramos Reyes Rossi Russo Sato Schmidt Schneider Silva "
    "Singh Sokolov Suzuki Tanaka Torres Varga Vasquez Vogel Wagner Walsh Weber Wong Yamamoto "
    "Yilmaz Young Zhang Zimmermann"
)
SUBJECTS = _listed(
    "Machine learning|Deep learning|Computer vision|Open source|Python|Rust|Databases|Climate "
    "science|Renewable energy|Public health|Epidemiology|Jazz|Classical music|Film|Photography|"
    "Architecture|Urban planning|Economics|Monetary policy|Labour markets|Education|Linguistics|"
    "Philosophy|Ethics|Law|Human rights|Journalism|Publishing|Poetry|Fiction|History|Archaeology|"
    "Astronomy|Physics|Chemistry|Biology|Genetics|Neuroscience|Psychology|Sociology|Mathematics|"
    "Statistics|Cryptography|Security|Privacy|Robotics|Space exploration|Aviation|Agriculture|"
    "Food|Cooking|Wine|Travel|Sport|Football|Chess|Design|Typography|Fashion|Theatre|Dance|"
    "Painting|Sculpture|Comics|Video games|Startups|Venture capital|Management|Leadership|"
    "Careers|Mental health|Medicine|Surgery|Nursing|Oceans|Forests|Wildlife|Water|Energy "
    "storage|Transport|Cycling|Housing|Migration|Elections|Diplomacy|Defence|Religion|"
    "Mythology|Translation|Libraries|Museums|Podcasting|Radio|Television|Advertising|"
    "Blockchain|Quantum computing|Semiconductors|Networks|Cloud computing|Accessibility",
    sep="|",
)
TOPIC_FORMS = ("{}", "{} history", "The future of {}")
OUTLET_WORDS = _listed(
    "Review Journal Times Post Weekly Quarterly Monthly Dispatch Gazette Courier Herald "
    "Observer Report Notes Signal Bulletin Digest Forum Chronicle Record"
)
OUTLET_PREFIXES = _listed(
    "Northern Southern Open Modern Global Metro Coastal Mountain River Harbour Lantern Beacon "
    "Compass Meridian Atlas Summit Pioneer Frontier Civic Common"
)

CONCEPTS = _listed(
    "feedback loops|incentives|trust|curiosity|small teams|deadlines|the long tail|"
    "good documentation|peer review|apprenticeship|simple tools|measurement|failure|"
    "public funding|reproducibility|the community|open data|patience|craft|scale|"
    "the first draft|constraints|the archive|field work|a clear question|the audience",
    sep="|",
)
PLACES = _listed(
    "Lagos|Lisbon|Montreal|Nairobi|Osaka|Oslo|Pune|Santiago|Seoul|Tbilisi|Toronto|"
    "Valencia|Vienna|Wellington|a small town|the lab|the newsroom|a garage|the conference",
    sep="|",
)
QUESTIONS = (
    "How did you first get into {subject}?",
    "What does a typical day look like for you?",
    "Why do you think {concept} matters so much in {subject}?",
    "What was the hardest part of your work in {place}?",
    "Looking back at {year}, what would you have done differently?",
    "What do people outside {subject} most often get wrong about it?",
    "How has {subject} changed since you started?",
    "Who influenced you the most early on?",
    "What advice would you give someone starting out in {subject} today?",
    "Can you tell us about the project you started in {year}?",
    "Where do you see {subject} in ten years?",
    "How do you balance {concept} and {concept2}?",
    "What are you working on right now?",
    "Was there a moment when you almost gave up?",
)
SENTENCES = (
    "I started in {place} around {year}, mostly by accident.",
    "Honestly, {concept} was the thing that kept me going.",
    "Most of what I know about {subject} I learned from {first}, who was very patient with me.",
    "We underestimated how much {concept} would matter.",
    "The work itself is slow, and that is fine.",
    "People expect a single breakthrough, but it is usually years of small steps.",
    "In {subject} you learn quickly that {concept} beats talent.",
    "There was no money, so we relied on {concept} instead.",
    "I think the next decade of {subject} will be about {concept}.",
    "What surprised me was how generous the community was.",
    "We made a lot of mistakes in {year}, and most of them were useful.",
    "My advice is to pick one problem and stay with it.",
    "I still keep the notes from my first year in {place}.",
    "The best ideas came from people outside {subject}.",
    "It is easy to forget that {concept} takes time to build.",
    "We published everything, including what did not work.",
    "That changed how I think about {concept2}.",
    "If I had to start again I would spend more time listening.",
    "A lot of it comes down to {concept} and a bit of luck.",
    "The tools got better, but the questions stayed the same.",
    "I was lucky to work with {first} on that.",
    "Nobody in {place} was doing {subject} at the time.",
)
COMMENTS = (
    "Great interview, thank you!",
    "I loved the part about {concept}.",
    "This brought back memories of {place}.",
    "Could you do a follow-up on {subject}?",
    "I disagree about {concept}, but it was a fair point.",
    "Thanks {first}, this was really inspiring.",
    "Sharing this with my students.",
    "Does anyone have a link to the project mentioned from {year}?",
    "Very thoughtful answers.",
    "I have been following {first}'s work since {year}.",
)
DECKS = (
    "{host} talks to {guest} about {subject}, {concept} and what comes next.",
    "{guest} on {subject}, {year} and the years since.",
    "A conversation about {subject} with {guest}.",
)
TITLES = (
    "An interview with {guest}",
    "{guest} on {subject}",
    "In conversation: {guest}",
    "{guest}: {subject} and {concept}",
)


@dataclasses.dataclass(frozen=True)
class Catalogue:
    """The people, outlets and topics the interviews draw on, with their ids."""

    people: list[tuple[int, str]]  # (id, name)
    interviewers: list[tuple[int, str]]
    outlets: list[tuple[int, str]]  # (id, slug)
    topics: list[int]


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


@dataclasses.dataclass
class GenerateReport:
    interviews: int = 0
    rows: dict[str, int] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


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


def _unique_slugs(model, names: list[str]) -> list[str]:
    """A slug for each name, different from each other and from the slugs already stored."""
    taken = set(model.objects.values_list("slug", flat=True))
    slugs = []
    for name in names:
        base = slugify(name)[:180] or model._meta.model_name
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _next_id(model) -> int:
    return (model.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1


def _catalogue_rows(seed: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    people = [f"{first} {last}" for first, last in rng.sample(pairs, PEOPLE)]
    outlet_pairs = [(prefix, word) for prefix in OUTLET_PREFIXES for word in OUTLET_WORDS]
    outlets = [f"The {prefix} {word}" for prefix, word in rng.sample(outlet_pairs, OUTLETS)]
    topics = [
        form.format(subject.lower() if i else subject)
        for subject in SUBJECTS
        for i, form in enumerate(TOPIC_FORMS)
    ]
    topics = [topic[0].upper() + topic[1:] for topic in topics][:TOPICS]
    return people, outlets, topics


def catalogue_create(*, seed: int, write: Callable) -> Catalogue:
    """Write the people, outlets and topics; a second run adds another set, with new slugs."""
    people, outlets, topics = _catalogue_rows(seed)
    person_id, outlet_id, topic_id = _next_id(Person), _next_id(Outlet), _next_id(Topic)
    person_rows = [
        {"id": person_id + i, "name": name, "slug": slug, "aliases": [], "bio": "", "url": ""}
        for i, (name, slug) in enumerate(zip(people, _unique_slugs(Person, people), strict=True))
    ]
    outlet_rows = [
        {"id": outlet_id + i, "name": name, "slug": slug, "url": f"https://{slug}.example.org/"}
        for i, (name, slug) in enumerate(zip(outlets, _unique_slugs(Outlet, outlets), strict=True))
    ]
    topic_rows = [
        {"id": topic_id + i, "name": name, "slug": slug, "description": ""}
        for i, (name, slug) in enumerate(zip(topics, _unique_slugs(Topic, topics), strict=True))
    ]
    with transaction.atomic():
        write(Person, person_rows)
        write(Outlet, outlet_rows)
        write(Topic, topic_rows)
    people_ids = [(row["id"], row["name"]) for row in person_rows]
    return Catalogue(
        people=people_ids,
        interviewers=people_ids[:INTERVIEWERS],
        outlets=[(row["id"], row["slug"]) for row in outlet_rows],
        topics=[row["id"] for row in topic_rows],
    )


def catalogue_in_memory(*, seed: int) -> Catalogue:
    """The catalogue with ids 1, 2, 3..., written nowhere: to make rows without a database."""
    people, outlets, topics = _catalogue_rows(seed)
    people_ids = list(enumerate(people, start=1))
    return Catalogue(
        people=people_ids,
        interviewers=people_ids[:INTERVIEWERS],
        outlets=[(i, slugify(name)) for i, name in enumerate(outlets, start=1)],
        topics=list(range(1, len(topics) + 1)),
    )


class _Words:
    """Fills the slots of a template for one interview."""

    def __init__(self, rng: random.Random, *, subject: str, guest: str, host: str, year: int):
        self.rng = rng
        self.values = {"subject": subject, "guest": guest, "host": host}
        self.year = year

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            **self.values,
            concept=rng.choice(CONCEPTS),
            concept2=rng.choice(CONCEPTS),
            place=rng.choice(PLACES),
            year=self.year - rng.randrange(12),
            first=rng.choice(FIRST_NAMES),
        )

    def answer(self) -> str:
        rng = self.rng
        paragraphs = []
        for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):
            count = rng.randint(1, 5)
            paragraphs.append(" ".join(self.fill(rng.choice(SENTENCES)) for _ in range(count)))
        return "\n\n".join(paragraphs)


def _comment_tree(rng: random.Random, count: int) -> list[int | None]:
    """A parent index (or None) for each of `count` comments, listed in page order."""
    parents: list[int | None] = []
    for index in range(count):
        if index and rng.random() < 0.4:
            # Most replies answer a recent comment, so threads grow a few levels deep.
            parents.append(max(0, index - 1 - int(rng.expovariate(0.5))))
        else:
            parents.append(None)
    # Page order is depth first: each comment is followed by its replies.
    nested = threads.nest(range(count), key=lambda index: index, parent_of=parents.__getitem__)
    walked = threads.walk(nested.roots, children=lambda index: nested.replies.get(index, []))
    order = [index for index, _ in walked]
    new_index = {old: new for new, old in enumerate(order)}
    return [None if parents[old] is None else new_index[parents[old]] for old in order]


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
    words = _Words(
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

    turn_count = min(MAX_TURNS, MIN_TURNS + int(rng.expovariate(1 / MEAN_EXTRA_TURNS)))
    for position in range(1, turn_count + 1):
        if position % 2:
            speaker, kind, text = rng.choice(hosts), "question", words.fill(rng.choice(QUESTIONS))
        else:
            speaker, kind, text = rng.choice(guests), "answer", words.answer()
        rows.turns.append(
            {
                "id": ids["turn"],
                "interview_id": interview_id,
                "position": position,
                "speaker_id": speaker[0],
                "speaker_label": speaker[1],
                "kind": kind,
                "text": text,
                "timestamp": None,
            }
        )
        ids["turn"] += 1

    comment_count = min(MAX_COMMENTS, int(rng.expovariate(1 / MEAN_COMMENTS)))
    first_comment_id = ids["comment"]
    for position, parent in enumerate(_comment_tree(rng, comment_count), start=1):
        status = rng.choices(("public", "pending", "hidden"), weights=(90, 5, 5))[0]
        posted_at = created_at + datetime.timedelta(minutes=rng.randrange(60 * 24 * 400))
        rows.comments.append(
            {
                "id": ids["comment"],
                "interview_id": interview_id,
                "parent_id": None if parent is None else first_comment_id + parent,
                "author_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "author_url": "",
                "posted_at": posted_at,
                "text": words.fill(rng.choice(COMMENTS)),
                "origin": "imported",
                "status": status,
                "position": position,
                "created_at": posted_at,
            }
        )
        ids["comment"] += 1


# --- Writers ------------------------------------------------------------------------------------


def _columns(model) -> list[str]:
    """The columns a generated row fills: every concrete column but the generated ones."""
    return [
        field.column
        for field in model._meta.concrete_fields
        if not isinstance(field, models.GeneratedField)
    ]


def copy_rows(model, rows: list[dict]) -> None:
    """PostgreSQL: COPY the rows into the model's table, in one stream."""
    if not rows:
        return
    columns = _columns(model)
    prepare = {
        field.column: field
        for field in model._meta.concrete_fields
        if isinstance(field, models.JSONField)
    }
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    prepare[column].get_db_prep_save(row[column], connection)
                    if column in prepare
                    else row[column]
                    for column in columns
                ]
            )


def bulk_create_rows(model, rows: list[dict]) -> None:
    """Any other database: the ORM's bulk insert."""
    model.objects.bulk_create((model(**row) for row in rows), batch_size=500)


def default_writer() -> Callable:
    return copy_rows if connection.vendor == "postgresql" else bulk_create_rows


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


MODELS = {
    "interviews": Interview,
    "participations": Participation,
    "topic_links": Interview.topics.through,
    "turns": Turn,
    "comments": Comment,
}


def archive_generate(
    *,
    interviews: int,
    seed: int = 1,
    write: Callable | None = None,
    progress: Callable[[int, int, GenerateReport], None] | None = None,
) -> GenerateReport:
    """Add `interviews` synthetic interviews (and their catalogue of people, outlets, topics)."""
    write = write or default_writer()
    report = GenerateReport()
    started = time.perf_counter()
    catalogue = catalogue_create(seed=seed, write=write)
    report.rows = {"people": PEOPLE, "outlets": OUTLETS, "topics": TOPICS}
    ids = {
        "interview": _next_id(Interview),
        "participation": _next_id(Participation),
        "topic_link": _next_id(Interview.topics.through),
        "turn": _next_id(Turn),
        "comment": _next_id(Comment),
    }
    for numbers in _chunks(interviews, CHUNK):
        rows = ChunkRows()
        for number in numbers:
            interview_rows(number=number, seed=seed, catalogue=catalogue, ids=ids, rows=rows)
        with transaction.atomic():
            for name, model in MODELS.items():
                write(model, getattr(rows, name))
                report.rows[name] = report.rows.get(name, 0) + len(getattr(rows, name))
        report.interviews = numbers.stop
        report.seconds = time.perf_counter() - started
        if progress:
            progress(numbers.stop, interviews, report)
    _reset_sequences()
    # COPY sends no signals: pages and cached facet counts must still see the new archive.
    archive_changed()
    report.seconds = time.perf_counter() - started
    return report


def _reset_sequences() -> None:
    """Move the id sequences past the ids given explicitly (nothing to do on SQLite)."""
    models_with_ids = [Person, Outlet, Topic, *MODELS.values()]
    statements = connection.ops.sequence_reset_sql(no_style(), models_with_ids)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyse() -> None:
    """PostgreSQL: refresh the planner's statistics and the visibility map after a bulk load."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in [Person, Outlet, Topic, *MODELS.values()]]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
