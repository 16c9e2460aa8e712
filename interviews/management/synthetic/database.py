"""How generated rows reach the database: COPY on PostgreSQL, bulk inserts elsewhere.

A writer is a function `write(model, rows)` taking rows as field values by column name. Primary
keys are given explicitly (from `next_id` up), so that a reply can name its parent before it is
written.
"""

from collections.abc import Callable

from django.db import connection, models


def columns(model) -> list[str]:
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
    names_in_order = columns(model)
    prepare = {
        field.column: field
        for field in model._meta.concrete_fields
        if isinstance(field, models.JSONField)
    }
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in names_in_order)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    prepare[column].get_db_prep_save(row[column], connection)
                    if column in prepare
                    else row[column]
                    for column in names_in_order
                ]
            )


def bulk_create_rows(model, rows: list[dict]) -> None:
    """Any other database: the ORM's bulk insert."""
    model.objects.bulk_create((model(**row) for row in rows), batch_size=500)


def default_writer() -> Callable:
    return copy_rows if connection.vendor == "postgresql" else bulk_create_rows


def next_id(model) -> int:
    """The first primary key above every one stored: where a generated batch starts."""
    return (model.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
