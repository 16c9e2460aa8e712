from django.apps import AppConfig
from django.db.backends.signals import connection_created


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"

    def ready(self):
        from interviews.changes import connect_signals
        from interviews.search import register_sqlite_functions

        connect_signals()

        # SQLite computes the search columns with a Python function, on every connection.
        connection_created.connect(register_sqlite_functions, dispatch_uid="interviews-search")
