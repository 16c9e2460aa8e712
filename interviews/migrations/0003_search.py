"""Full-text search: a generated `search_vector` on interviews and turns (interviews/search.py).

On PostgreSQL the vectors are built with `archive_english`, a copy of the English text search
configuration that runs words through the `unaccent` dictionary before stemming them, and each
gets a GIN index. Declaring the accent folding in the configuration, rather than calling
unaccent() in the column expression, keeps the expression immutable (as a generated column
requires) and lets ts_headline match "Francois" in the original "François".

On SQLite the columns hold folded text computed by a Python function that the app registers on
every connection; there is nothing else to create.
"""

from django.db import migrations, models

import interviews.search

POSTGRES_BEFORE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION archive_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION archive_english "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
]
POSTGRES_BEFORE_REVERSE = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_english"]

POSTGRES_AFTER = [
    "CREATE INDEX interview_search_gin ON interviews_interview USING gin (search_vector)",
    "CREATE INDEX turn_search_gin ON interviews_turn USING gin (search_vector)",
]
POSTGRES_AFTER_REVERSE = [
    "DROP INDEX IF EXISTS interview_search_gin",
    "DROP INDEX IF EXISTS turn_search_gin",
]


def on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_comment_parent_same_interview"),
    ]

    operations = [
        migrations.RunPython(
            on_postgres(POSTGRES_BEFORE), on_postgres(POSTGRES_BEFORE_REVERSE), elidable=False
        ),
        migrations.AddField(
            model_name="interview",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=interviews.search.SearchDocument(title="A", deck="B", intro="C"),
                output_field=interviews.search.SearchDocumentField(),
                serialize=False,
            ),
        ),
        migrations.AddField(
            model_name="turn",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=interviews.search.SearchDocument(text="D"),
                output_field=interviews.search.SearchDocumentField(),
                serialize=False,
            ),
        ),
        migrations.RunPython(
            on_postgres(POSTGRES_AFTER), on_postgres(POSTGRES_AFTER_REVERSE), elidable=False
        ),
    ]
