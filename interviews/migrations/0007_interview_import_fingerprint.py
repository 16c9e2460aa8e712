import hashlib
import itertools

from django.db import migrations, models


def fingerprint(texts):
    # A frozen copy of interviews.importing.drafts.transcript_fingerprint, as of this migration.
    normalised = "\n".join(" ".join(text.split()).casefold() for text in texts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def fingerprint_existing_interviews(apps, schema_editor):
    """Interviews imported before fingerprints existed are recognised when imported again."""
    Interview = apps.get_model("interviews", "Interview")
    Turn = apps.get_model("interviews", "Turn")
    turns = (
        Turn.objects.order_by("interview_id", "position")
        .values_list("interview_id", "text")
        .iterator(chunk_size=2000)
    )
    batch = []
    for interview_id, rows in itertools.groupby(turns, key=lambda row: row[0]):
        batch.append(
            Interview(pk=interview_id, import_fingerprint=fingerprint([text for _, text in rows]))
        )
        if len(batch) == 500:
            Interview.objects.bulk_update(batch, ["import_fingerprint"])
            batch = []
    Interview.objects.bulk_update(batch, ["import_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0006_importdraft"),
    ]

    operations = [
        migrations.AddField(
            model_name="interview",
            name="import_fingerprint",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fingerprint_existing_interviews, migrations.RunPython.noop),
    ]
