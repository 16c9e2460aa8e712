"""The admin's lists, newest first, read from an index rather than sorting the whole table.

The interview list shows drafts too, so the partial indexes of migration 0004 (published only,
undated last) do not serve it; the comment list and the moderation queue sort by creation.
At 750,000 comments that sort was most of the comment list's time (docs/benchmarks.md).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0007_interview_import_fingerprint'),
        ('people', '0002_editors_group'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['-created_at', '-id'], name='comment_admin_newest'),
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(fields=['-published_on', '-id'], name='interview_admin_newest'),
        ),
    ]
