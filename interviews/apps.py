from django.apps import AppConfig
from django.db.backends.signals import connection_created


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"

    def ready(self):
        from interviews.search import register_sqlite_functions

        # SQLite computes the search columns with a Python function, on every connection.
        connection_created.connect(register_sqlite_functions, dispatch_uid="interviews-search")
