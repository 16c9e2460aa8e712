from django.apps import AppConfig
from django.db.backends.signals import connection_created


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"

    def ready(self):
        from config.admin import guard_every_model_admin
        from interviews.changes import connect_signals
        from interviews.search import register_sqlite_functions

        connect_signals()
        # The admin has loaded every app's admin module by now (it comes first in INSTALLED_APPS).
        guard_every_model_admin()

        # SQLite computes the search columns with a Python function, on every connection.
        connection_created.connect(register_sqlite_functions, dispatch_uid="interviews-search")
