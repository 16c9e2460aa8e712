"""The archive's version: a number that goes up once for every committed change to its content.

Pages use it as their HTTP validator (an unchanged version means an unchanged page: see
interviews/http_caching.py) and the facet counts as part of their cache key, so a cached count
is never served after a change, whichever process made the change and whatever the cache.

The number lives in the database (one `ArchiveVersion` row), which makes it right for every
process at once; it is bumped after the transaction that changed something commits, at most
once per transaction. Bumping later rather than inside the transaction keeps the row from being
locked for the length of a long import, and a reader can never see the new number before the
new rows: at worst it stores counts of the new rows under the old number, which nobody asks
for once the number has moved.

What bumps it: saving or deleting an interview, turn, participation, comment, topic, outlet or
person (signals, connected with `track()` by interviews/apps.py), changing an interview's topics
(`track_m2m()`), and the bulk writes that send no signal (`update`, `delete`, `bulk_create`,
`bulk_update` on their querysets, which use `ArchiveQuerySet`). Code that writes rows any other
way (raw SQL, COPY) calls `archive_changed()`.

A restore can take the number back: a backup made at version 10 and restored (`pg_restore`, or
`loaddata`, whose own writes then bump it to 11) carries 10 again, and the next change makes an
11 that is not the 11 the archive had before the restore. So nothing is ever keyed by the number
alone: `ArchiveVersion.tag` (and `archive_version_subquery()`, the same in SQL) joins it with the
time of the change that made it, `changed_at`. A restore brings back a pair that did name that
very content, and any change after it is stamped with a later time than any pair handed out
before: a validator or cache key from before the restore can never name content made after it.
No restore step has to remember to do anything, whichever way the backup is put back.

It sits in config/, not in an app, because both apps' models use it: `people` (a leaf that
imports nothing from `interviews`) and `interviews`. It imports neither; the row's model,
`interviews.ArchiveVersion`, is looked up in the app registry when first needed, as a
ForeignKey names a model in another app.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.models.functions import Cast, Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# The single row's primary key.
ROW = 1
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


def _row_model() -> type[models.Model]:
    """The model of the single row (interviews.ArchiveVersion, made by its migration 0004)."""
    return apps.get_model("interviews", "ArchiveVersion")


class _Bump:
    """The after-commit callback; a class, so that a transaction can tell it already has one."""

    def __init__(self, using: str):
        self.using = using
        self.done = False

    def __call__(self) -> None:
        model = _row_model()
        self.done = True
        rows = model.objects.using(self.using).filter(pk=ROW)
        changed = {"version": models.F("version") + 1, "changed_at": timezone.now()}
        if not rows.update(**changed):
            # The row is made by migration 0004; a flushed test database has lost it.
            model.objects.using(self.using).get_or_create(pk=ROW)
            rows.update(**changed)


def archive_changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Say that the archive changed: its version goes up when the current transaction commits.

    Outside a transaction it goes up at once. However many changes a transaction makes, the
    version goes up once.
    """
    connection = connections[using]
    # Django keeps the callbacks of the open transaction as (savepoints, callback, robust),
    # and drops those of a savepoint that rolls back, so a bump found here will run. (One that
    # already ran was run early, as tests do with captureOnCommitCallbacks(execute=True).)
    if connection.in_atomic_block and any(
        isinstance(entry[1], _Bump) and not entry[1].done for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Bump(using), using=using)


class ArchiveVersion(NamedTuple):
    """The archive's version number and the time of the change that set it."""

    number: int
    changed_at: datetime.datetime

    @property
    def tag(self) -> str:
        """The number with its time, to the microsecond: what validators and caches key on."""
        return f"{self.number}.{(self.changed_at - EPOCH) // MICROSECOND}"


def archive_version(*, using: str | None = None) -> ArchiveVersion:
    """The version and the time of the last change: one query.

    Read from the database the request reads (config/db_router.py) unless `using` says which:
    a page and the version it is cached and validated under must come from the same one.
    """
    model = _row_model()
    if using is None:
        using = router.db_for_read(model)
    # Every public page reads this first, and a page served from the page cache reads nothing
    # else: written as SQL, it skips building the ORM query, which was more than half of such a
    # request's time (0.7 of 1.2 ms in the test client, measured with cProfile).
    connection = connections[using]
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column) for name in ("version", "changed_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {table} WHERE {connection.ops.quote_name(meta.pk.column)} = %s",
            [ROW],
        )
        row = cursor.fetchone()
    if row is None:
        return ArchiveVersion(0, EPOCH)
    version, changed_at = row
    # SQLite hands back the text it stored; the ORM would have parsed it.
    field = meta.get_field("changed_at")
    for converter in connection.ops.get_db_converters(field.get_col(meta.db_table)):
        changed_at = converter(changed_at, field.get_col(meta.db_table), connection)
    return ArchiveVersion(version, changed_at)


def archive_version_subquery():
    """The version with its time, as text, read within another query rather than by itself.

    Not the same text as `ArchiveVersion.tag` (each database writes a time its own way), but the
    same pair: for cache keys built in SQL, such as the interview page's fragments.
    """
    model = _row_model()
    tag = Concat(
        Cast("version", models.CharField()),
        models.Value("."),
        Cast("changed_at", models.CharField()),
        output_field=models.CharField(),
    )
    return models.Subquery(model.objects.filter(pk=ROW).annotate(tag=tag).values("tag")[:1])


def archive_changed_at_subquery():
    model = _row_model()
    return models.Subquery(model.objects.filter(pk=ROW).values("changed_at")[:1])


class ArchiveQuerySet(models.QuerySet):
    """A queryset whose bulk writes, which send no signals, still change the archive's version."""

    def update(self, **kwargs):
        updated = super().update(**kwargs)
        if updated:
            archive_changed(using=self.db)
        return updated

    update.alters_data = True

    def delete(self):
        deleted = super().delete()
        if deleted[0]:
            archive_changed(using=self.db)
        return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            archive_changed(using=self.db)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        updated = super().bulk_update(objs, *args, **kwargs)
        if updated:
            archive_changed(using=self.db)
        return updated


def _changed(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        archive_changed(using=using)


def track(model: type[models.Model]) -> None:
    """Every save and delete of the model's rows changes the archive's version (AppConfig.ready)."""
    name = model._meta.label_lower
    post_save.connect(_changed, sender=model, dispatch_uid=f"archive-version-save-{name}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"archive-version-del-{name}")


def track_m2m(through: type[models.Model]) -> None:
    """Every change to a many-to-many relation changes the archive's version (AppConfig.ready)."""
    name = through._meta.label_lower
    m2m_changed.connect(_changed, sender=through, dispatch_uid=f"archive-version-m2m-{name}")
