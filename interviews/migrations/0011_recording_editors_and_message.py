"""Editors attach, change and remove an interview's recording (people/0002 made the group),
and a recording with neither a file nor an address is refused in words an editor reads."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = "Editors"
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("interviews")
    # create_permissions skips an app without a models module, as every app in a migration's
    # historical registry is.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(using).filter(name=EDITORS).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="interviews",
            codename__in=[f"{action}_recording" for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    using = schema_editor.connection.alias
    for group in Group.objects.using(using).filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.using(using).filter(
                content_type__app_label="interviews",
                codename__in=[f"{action}_recording" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0010_recording_and_figure"),
        ("people", "0003_person_staff_account"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="recording",
            name="recording_file_or_url",
            constraint=models.CheckConstraint(
                condition=(
                    (models.Q(file="") & ~models.Q(external_url=""))
                    | (~models.Q(file="") & models.Q(external_url=""))
                ),
                name="recording_file_or_url",
                violation_error_message=(
                    "Upload a recording, or give the address of one on an allowed host."
                ),
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
