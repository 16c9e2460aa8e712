from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete

from config import archive_version


def track_archive_changes() -> None:
    """Every save and delete of the archive's content changes its version (see archive_version).

    People are part of that content: `people` knows nothing of the archive, so its model is
    tracked from here.
    """
    # Imported here: models cannot be imported before the app registry has loaded apps.py.
    from interviews.models import (
        Comment,
        Figure,
        Interview,
        Outlet,
        Participation,
        Recording,
        Topic,
        Turn,
    )
    from people.models import Person

    for model in (
        Interview,
        Turn,
        Participation,
        Comment,
        Topic,
        Outlet,
        Person,
        Recording,
        Figure,
    ):
        archive_version.track(model)
    archive_version.track_m2m(Interview.topics.through)


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"

    def ready(self):
        from config.admin import guard_every_model_admin
        from interviews.search import register_sqlite_functions

        track_archive_changes()
        # A figure's file leaves storage with its row, however the row goes (interviews/figures.py).
        from interviews.figures import figure_file_delete_on_commit
        from interviews.models import Figure

        post_delete.connect(
            figure_file_delete_on_commit, sender=Figure, dispatch_uid="interviews-figure-file"
        )
        # The admin has loaded every app's admin module by now (it comes first in INSTALLED_APPS).
        guard_every_model_admin()

        # SQLite computes the search columns with a Python function, on every connection.
        connection_created.connect(register_sqlite_functions, dispatch_uid="interviews-search")
