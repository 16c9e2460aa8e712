"""Reader comments on a generated interview: 0 to 300 (8 on average), threaded a few deep."""

import datetime
import random

from interviews.management.synthetic.words import COMMENTS, FIRST_NAMES, LAST_NAMES, Words
from interviews.transcript import threads

MAX_COMMENTS, MEAN_COMMENTS = 300, 8


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


def comment_rows(
    rng: random.Random,
    words: Words,
    *,
    interview_id: int,
    first_id: int,
    created_at: datetime.datetime,
) -> list[dict]:
    """The comment rows of one interview, ids from `first_id` up, posted after `created_at`."""
    count = min(MAX_COMMENTS, int(rng.expovariate(1 / MEAN_COMMENTS)))
    rows = []
    for position, parent in enumerate(_comment_tree(rng, count), start=1):
        status = rng.choices(("public", "pending", "hidden"), weights=(90, 5, 5))[0]
        posted_at = created_at + datetime.timedelta(minutes=rng.randrange(60 * 24 * 400))
        rows.append(
            {
                "id": first_id + position - 1,
                "interview_id": interview_id,
                "parent_id": None if parent is None else first_id + parent,
                "author_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "author_url": "",
                "posted_at": posted_at,
                "text": words.fill(rng.choice(COMMENTS)),
                "origin": "imported",
                "status": status,
                "position": position,
                "created_at": posted_at,
                # Readers' comments: none is verified as one of the interview's people.
                "verified_as": "",
                "verified_by": "",
            }
        )
    return rows
