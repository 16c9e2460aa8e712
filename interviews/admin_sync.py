"""The admin's sync page: time an interview's turns against its recording.

The page plays the recording with the browser's own <audio> or <video> and lists the turns,
each with a time field. static/js/admin_sync.js stamps the selected turn with the player's
time at a key press, nudges and clears stamps and seeks; the form is a plain one, so an editor
without JavaScript types the times ("1:23", "00:01:23.5") and saves the same way. Saving is
`interviews.sync.turn_timestamps_sync`, all or nothing.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from interviews.importing.forms import PreciseTimestampField
from interviews.models import Interview, Recording
from interviews.selectors import SyncTurn, sync_turns
from interviews.sync import (
    TimestampSyncError,
    timestamps_out_of_order,
    turn_timestamps_sync,
)
from interviews.transcript.model import precise_timestamp_text

TEMPLATE = "admin/interviews/interview/sync.html"
FIELD_PREFIX = "stamp-"


def sync_url(interview_id) -> str:
    return reverse("admin:interviews_interview_sync", args=[interview_id])


class TimestampSyncForm(forms.Form):
    """One time field per turn, named by the turn's id ("stamp-123"), in transcript order."""

    def __init__(self, *args, turns: list[SyncTurn], duration: datetime.timedelta | None, **kw):
        super().__init__(*args, **kw)
        self.turns = turns
        self.duration = duration
        for turn in turns:
            self.fields[self.field_name(turn)] = PreciseTimestampField(
                label=f"Time of turn {turn.position}",
                initial=turn.timestamp,
                widget=forms.TextInput(
                    attrs={
                        "class": "sync-time",
                        "size": 12,
                        "autocomplete": "off",
                        "spellcheck": "false",
                        "data-position": turn.position,
                    }
                ),
            )

    @staticmethod
    def field_name(turn: SyncTurn) -> str:
        return f"{FIELD_PREFIX}{turn.pk}"

    def rows(self):
        """(turn, its bound field), in transcript order, for the template."""
        return [(turn, self[self.field_name(turn)]) for turn in self.turns]

    def clean(self):
        cleaned = super().clean()
        if self.data is not None:
            self._check_names_match_the_turns()
        for turn in self.turns:
            name = self.field_name(turn)
            value = cleaned.get(name)
            if value is not None and self.duration is not None and value > self.duration:
                self.add_error(
                    name,
                    f"After the end of the recording ({precise_timestamp_text(self.duration)}).",
                )
        # Only the times that parsed take part: a field in error is reported once, for itself.
        ordered = [
            (turn.pk, turn.position, cleaned[self.field_name(turn)])
            for turn in self.turns
            if self.field_name(turn) in cleaned
        ]
        out_of_order = timestamps_out_of_order(ordered)
        for each in out_of_order:
            self.add_error(f"{FIELD_PREFIX}{each.turn_id}", each.message)
        return cleaned

    def _check_names_match_the_turns(self) -> None:
        """Every turn's field posted, and no other: else the page is not this transcript's."""
        posted = {name for name in self.data if name.startswith(FIELD_PREFIX)}
        expected = set(self.fields)
        if posted - expected:
            raise ValidationError(
                "The form names turns that are not in this interview: nothing was saved. "
                "Reload the page and stamp again."
            )
        if expected - posted:
            raise ValidationError(
                "The transcript has changed since this page was loaded (it has turns the form "
                "did not send): nothing was saved. Reload the page and stamp again."
            )

    def timestamps(self) -> dict[int, datetime.timedelta | None]:
        return {turn.pk: self.cleaned_data[self.field_name(turn)] for turn in self.turns}

    def error_positions(self) -> list[int]:
        """The turns with an error, to list at the top of a long transcript."""
        return [turn.position for turn in self.turns if self.field_name(turn) in self.errors]


def timestamp_sync_view(model_admin, request, object_id):
    """GET: the player and the turns with their times; POST: save all the times, or none."""
    interview = model_admin.get_object(request, unquote(object_id))
    if interview is None:
        return model_admin._get_obj_does_not_exist_redirect(request, model_admin.opts, object_id)
    if not model_admin.has_change_permission(request, interview):
        raise PermissionDenied
    recording = Recording.objects.filter(interview=interview).first()
    if recording is None:
        # Nothing to time against: the page says so, and a POST saves nothing.
        status = 400 if request.method == "POST" else 200
        return _page(model_admin, request, interview, recording=None, form=None, status=status)

    turns = sync_turns(interview=interview)
    data = request.POST if request.method == "POST" else None
    form = TimestampSyncForm(data, turns=turns, duration=recording.duration)
    if data is not None and form.is_valid():
        try:
            outcome = turn_timestamps_sync(
                interview=interview, timestamps=form.timestamps(), user=request.user
            )
        except TimestampSyncError as error:
            form.add_error(None, str(error))
        else:
            if outcome.changed:
                model_admin.log_change(request, interview, outcome.description)
                model_admin.message_user(request, outcome.description, messages.SUCCESS)
            else:
                model_admin.message_user(request, "Nothing was changed: the times were saved.")
            return HttpResponseRedirect(sync_url(interview.pk))
    return _page(model_admin, request, interview, recording=recording, form=form)


def _page(model_admin, request, interview: Interview, *, recording, form, status: int = 200):
    opts = model_admin.opts
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Sync timestamps: {interview.title}",
        "subtitle": None,
        "opts": opts,
        "original": interview,
        "has_view_permission": model_admin.has_view_permission(request, interview),
        "change_url": reverse("admin:interviews_interview_change", args=[interview.pk]),
        "recording": recording,
        "recording_length": (
            precise_timestamp_text(recording.duration) if recording and recording.duration else ""
        ),
        "form": form,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)
