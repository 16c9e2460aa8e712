"""Editors attach, change and remove figures (the images of caption turns) in the admin.

The "Editors" group (people/0002) was given its permissions before figures existed. As there,
the permissions are created here first, as they are otherwise only after `migrate`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
FIGURE_PERMISSIONS = ["add_figure", "change_figure", "delete_figure", "view_figure"]


def grant_figure_permissions(apps, schema_editor):
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
            content_type__app_label="interviews", codename__in=FIGURE_PERMISSIONS
        )
    )


def revoke_figure_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    using = schema_editor.connection.alias
    group = Group.objects.using(using).filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.using(using).filter(
                content_type__app_label="interviews", codename__in=FIGURE_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0011_recording_editors_and_message"),
        ("people", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_figure_permissions, revoke_figure_permissions)]
