"""The "Editors" group: people who import and edit interviews and moderate comments in the admin.

Editors never get the auth app's permissions (users, groups, permissions): managing who may do
what stays with superusers. Permissions are normally created after `migrate` (post_migrate), so
this migration creates them itself first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# Add, change and delete is what editing in the admin needs (removing a turn inline deletes it);
# comments are moderated by changing their status, and added back when an editor recovers one
# from the history. The permission names are frozen here, as a migration must be.
EDITOR_PERMISSIONS = {
    ("interviews", "interview"): ["add", "change", "delete", "view"],
    ("interviews", "turn"): ["add", "change", "delete", "view"],
    ("interviews", "participation"): ["add", "change", "delete", "view"],
    ("interviews", "outlet"): ["add", "change", "delete", "view"],
    ("interviews", "topic"): ["add", "change", "delete", "view"],
    ("interviews", "comment"): ["add", "change", "view"],
    ("people", "person"): ["add", "change", "delete", "view"],
}


def create_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    for label in {app_label for app_label, _ in EDITOR_PERMISSIONS}:
        app_config = apps.get_app_config(label)
        # create_permissions skips an app without a models module, as every app in a
        # migration's historical registry is.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS)
    permissions = [
        Permission.objects.using(using).get(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=f"{action}_{model}",
        )
        for (app_label, model), actions in EDITOR_PERMISSIONS.items()
        for action in actions
    ]
    group.permissions.add(*permissions)


def delete_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("interviews", "0003_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
