"""Scale: an index for every filter and sort, and the archive's version row.

The indexes let the lists read a page of published interviews in either order without sorting,
and the facets and filters count from indexes alone (see docs/benchmarks.md for the plans at
100,000 interviews). The covering index on the interview-topic table is SQL of its own, as
Django cannot declare an index on an automatic many-to-many table.

`ArchiveVersion` holds the single row that config/archive_version.py bumps after every change.
"""

import django.utils.timezone
from django.db import migrations, models

# The published interviews in each order the lists use, undated last either way, so that a page
# of them is read from an index, never sorted; the date and year filters and the year facet use
# them too. PostgreSQL only: SQLite cannot index NULLS LAST, and serves small archives.
POSTGRES_ORDER_INDEXES = [
    "CREATE INDEX interview_public_newest ON interviews_interview "
    "(published_on DESC NULLS LAST, id DESC) WHERE status = 'published'",
    "CREATE INDEX interview_public_oldest ON interviews_interview "
    "(published_on ASC NULLS LAST, id ASC) WHERE status = 'published'",
]
POSTGRES_ORDER_INDEXES_REVERSE = [
    "DROP INDEX IF EXISTS interview_public_newest",
    "DROP INDEX IF EXISTS interview_public_oldest",
]

TOPIC_INDEX = (
    "CREATE INDEX interview_topics_topic_interview "
    "ON interviews_interview_topics (topic_id, interview_id)"
)
TOPIC_INDEX_REVERSE = "DROP INDEX IF EXISTS interview_topics_topic_interview"


def on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def create_version_row(apps, schema_editor):
    ArchiveVersion = apps.get_model("interviews", "ArchiveVersion")
    ArchiveVersion.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0003_search'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArchiveVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.BigIntegerField(default=0)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RemoveIndex(
            model_name='interview',
            name='interview_public_date',
        ),
        migrations.RemoveIndex(
            model_name='participation',
            name='participation_person_role',
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['outlet'], name='interview_public_outlet'),
        ),
        migrations.AddIndex(
            model_name='participation',
            index=models.Index(fields=['person', 'role', 'interview'], name='participation_person_role'),
        ),
        migrations.AddIndex(
            model_name='participation',
            index=models.Index(fields=['role', 'interview', 'person'], name='participation_role_interview'),
        ),
        migrations.AddIndex(
            model_name='turn',
            index=models.Index(condition=models.Q(('kind', 'question')), fields=['interview'], name='turn_questions'),
        ),
        migrations.RunPython(
            on_postgres(POSTGRES_ORDER_INDEXES),
            on_postgres(POSTGRES_ORDER_INDEXES_REVERSE),
            elidable=False,
        ),
        migrations.RunSQL(TOPIC_INDEX, TOPIC_INDEX_REVERSE, elidable=False),
        migrations.RunPython(create_version_row, migrations.RunPython.noop, elidable=False),
    ]
