"""An import in progress, kept on the server between the preview's steps.

The parse and the editor's corrections live in `state` (the JSON of `editing.DraftState`): each
step of the preview posts only what the editor changed on the page shown, so nothing the server
already knows travels through the browser. A draft belongs to the editor who started it and
expires some days after its last change; once saved it points at the interview, so that a
second press of "Save" opens that interview instead of importing it twice.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


def draft_expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    days = getattr(settings, "IMPORT_DRAFT_DAYS", 7)
    return (now or timezone.now()) + datetime.timedelta(days=days)


class ImportDraftQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(saved_interview__isnull=True)

    def expired(self, now: datetime.datetime | None = None):
        return self.filter(expires_at__lt=now or timezone.now())

    def editable_by(self, user):
        """The drafts a user may open: their own; a superuser, everyone's."""
        return self if user.is_superuser else self.filter(owner=user)


class ImportDraft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_drafts"
    )
    title = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, help_text="“paste”, or the uploaded file's name.")
    state = models.JSONField()
    turn_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(default=draft_expiry, db_index=True)
    saved_interview = models.ForeignKey(
        "interviews.Interview",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "unfinished import"
        verbose_name_plural = "unfinished imports"

    def __str__(self):
        return self.title or f"Import {self.pk}"
