"""The catalogue generated interviews draw on: about 5,000 people, 200 outlets and 300 topics.

A few hundred of the people are the interviewers (journalists and hosts); everyone can be a guest.
"""

import dataclasses
import random
from collections.abc import Callable

from django.db import transaction

from interviews.management.synthetic.database import next_id
from interviews.management.synthetic.words import (
    FIRST_NAMES,
    LAST_NAMES,
    OUTLET_PREFIXES,
    OUTLET_WORDS,
    SUBJECTS,
    TOPIC_FORMS,
)
from interviews.models import Outlet, Topic
from interviews.slugs import numbered_slug, slug_base
from people.models import Person

PEOPLE = 5_000
INTERVIEWERS = 400  # the people who conduct interviews, a few hundred journalists and hosts
OUTLETS = 200
TOPICS = 300


@dataclasses.dataclass(frozen=True)
class Catalogue:
    """The people, outlets and topics the interviews draw on, with their ids."""

    people: list[tuple[int, str]]  # (id, name)
    interviewers: list[tuple[int, str]]
    outlets: list[tuple[int, str]]  # (id, slug)
    topics: list[int]


def _unique_slugs(model, names: list[str]) -> list[str]:
    """A slug for each name, different from each other and from the slugs already stored."""
    # One query for the lot, not one a name as `unique_slug` makes.
    taken = set(model.objects.values_list("slug", flat=True))
    slugs = []
    for name in names:
        slug = numbered_slug(slug_base(model, name), taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs


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
    person_id, outlet_id, topic_id = next_id(Person), next_id(Outlet), next_id(Topic)
    person_rows = [
        {
            "id": person_id + i,
            "name": name,
            "slug": slug,
            "aliases": [],
            "bio": "",
            "url": "",
            "user_id": None,
        }
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
        outlets=[(i, slug_base(Outlet, name)) for i, name in enumerate(outlets, start=1)],
        topics=list(range(1, len(topics) + 1)),
    )
