"""The whole generated archive, written a chunk of interviews at a time: `archive_generate`.

Each chunk is one transaction. The database itself computes the generated `search_vector` columns
as the rows arrive, which is most of the time PostgreSQL spends; `analyse` then refreshes its
statistics.
"""

import dataclasses
import time
from collections.abc import Callable, Iterator

from django.core.management.color import no_style
from django.db import connection, transaction

from config.archive_version import archive_changed
from interviews.management.synthetic.catalogue import OUTLETS, PEOPLE, TOPICS, catalogue_create
from interviews.management.synthetic.database import default_writer, next_id
from interviews.management.synthetic.interviews import ChunkRows, interview_rows
from interviews.models import Comment, Interview, Outlet, Participation, Topic, Turn
from people.models import Person

CHUNK = 500  # interviews written in one transaction


@dataclasses.dataclass
class GenerateReport:
    """How far a generation has got: interviews made, rows written by table, seconds spent."""

    interviews: int = 0
    rows: dict[str, int] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


# The lists of a ChunkRows, by the model each is written to, in an order the foreign keys allow.
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
        "interview": next_id(Interview),
        "participation": next_id(Participation),
        "topic_link": next_id(Interview.topics.through),
        "turn": next_id(Turn),
        "comment": next_id(Comment),
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
