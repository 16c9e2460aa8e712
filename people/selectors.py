from people.models import Person, name_key


def person_match_labels(*, labels: list[str]) -> dict[str, Person | None]:
    """The existing person each transcript label names, or None when no one (or several) fit.

    A label matches a person's name or one of their aliases, ignoring accents, case and spacing
    ("Francois" is "François Chollet" when that is an alias). Failing that, a one-word label
    matches the first name or the surname of exactly one person. A label two people answer to
    is left for the editor rather than guessed.
    """
    by_key: dict[str, set[int]] = {}
    by_word: dict[str, set[int]] = {}
    people = {}
    for person in Person.objects.only("id", "name", "slug", "aliases"):
        people[person.id] = person
        for key in person.name_keys():
            by_key.setdefault(key, set()).add(person.id)
        words = name_key(person.name).split()
        for word in {words[0], words[-1]} if words else ():
            by_word.setdefault(word, set()).add(person.id)

    matches = {}
    for label in labels:
        key = name_key(label)
        candidates = by_key.get(key) or (by_word.get(key, set()) if " " not in key else set())
        matches[label] = people[next(iter(candidates))] if len(candidates) == 1 else None
    return matches
