"""Delete the unfinished imports past their expiry (the import also does it as it starts)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from interviews.importing.preview import drafts_expired_delete


class Command(BaseCommand):
    help = "Delete unfinished transcript imports that have expired."

    def handle(self, *args, **options):
        deleted = drafts_expired_delete()
        self.stdout.write(
            ngettext(
                "%d expired unfinished import deleted.",
                "%d expired unfinished imports deleted.",
                deleted,
            )
            % deleted
        )
